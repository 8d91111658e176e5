/// The score of a session, by one rule used everywhere (the summary, `history`, reports).
///
/// With immediate feedback the score is the mean first-attempt fraction over the questions
/// answered; second attempts are counted apart and never change it. With deferred feedback
/// (an exam) it is the mean of the latest answer to each question over every question of
/// the attempt, an unanswered question counting 0.
public struct SessionResult: Sendable, Hashable {
  /// Questions chosen at the start.
  public var chosen: Int
  /// Distinct questions answered and scored.
  public var answered: Int
  /// Answered questions whose score is a machine's estimate waiting for a person (not in
  /// `answered`, `correct` or `score`).
  public var pending: Int
  /// Of those, fully right (first attempt; latest answer in an exam).
  public var correct: Int
  /// The session's score in 0…1 (see the type's summary); 0 when nothing was answered.
  public var score: Double
  /// Second attempts, and how many of them were fully right.
  public var retried: Int
  public var retriedCorrect: Int
  /// Questions skipped and never answered.
  public var skipped: Int
  /// Questions not reached.
  public var notReached: Int
  /// Hints shown.
  public var hints: Int
  /// Questions whose scoring answer was not fully right, in the order they were asked.
  public var missed: [String]
  /// Questions answered wrongly in this session: they are in 错题本 until a later session gets
  /// them right.
  public var stillWrong: [String]

  /// The result of a plan under a feedback policy.
  public init(plan: SessionPlan, feedback: FeedbackPolicy) {
    let order = Self.unique(plan.queue)
    let waiting = Set(plan.pending)
    let scored = plan.scores.filter { !waiting.contains($0.key) }
    chosen = plan.chosen
    answered = scored.count
    pending = plan.scores.keys.filter(waiting.contains).count
    correct = scored.values.filter(Credit.isFull).count
    switch feedback {
    case .immediate:
      score = answered > 0 ? scored.values.reduce(0, +) / Double(answered) : 0
    case .deferred:
      score = Self.examScore(scores: plan.scores, pending: waiting, chosen: chosen)
    }
    retried = plan.retries.count
    retriedCorrect = plan.retries.values.filter(Credit.isFull).count
    skipped = Set(plan.skipped).subtracting(plan.scores.keys).count
    switch feedback {
    case .immediate:
      let asked = Set(plan.queue.prefix(plan.position)).union(plan.scores.keys)
      notReached = max(0, chosen - asked.count)
    case .deferred:
      notReached = plan.submitted ? 0 : max(0, chosen - answered - pending)
    }
    hints = plan.hints
    missed = order.filter { !waiting.contains($0) && (plan.scores[$0].map { !Credit.isFull($0) } ?? false) }
    // The notebook keeps a question until a later session gets it right, so every question
    // answered wrongly here (also when its retry was right) is in it after this session.
    stillWrong = order.filter { !waiting.contains($0) && (plan.scores[$0].map { !Credit.isFull($0) } ?? false) }
  }

  /// Unanswered questions of a submitted attempt.
  public var unanswered: Int { max(0, chosen - answered - pending) }

  /// The score of an exam: the latest answers over every question, unanswered counting 0,
  /// answers waiting for a person left out of both; shared with `history`.
  public static func examScore(scores: [String: Double], pending: Set<String>, chosen: Int) -> Double {
    let scored = scores.filter { !pending.contains($0.key) }
    let total = max(chosen - scores.keys.filter(pending.contains).count, scored.count)
    return total > 0 ? scored.values.reduce(0, +) / Double(total) : 0
  }

  private static func unique(_ ids: [String]) -> [String] {
    var seen: Set<String> = []
    return ids.filter { seen.insert($0).inserted }
  }
}
