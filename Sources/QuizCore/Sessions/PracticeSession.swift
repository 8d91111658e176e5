/// The plan of a practice or review session: which questions, in which order, and how far
/// the learner has got. Saved with the session, so an interrupted session resumes exactly.
public struct SessionPlan: Codable, Sendable, Hashable {
  /// The question ids still to ask and already asked, in order; wrong answers are appended once.
  public var queue: [String]
  /// How many questions were chosen at the start (the total shown as `3/10`).
  public var chosen: Int
  /// The index in `queue` of the next question.
  public var position: Int
  /// Questions already put back in the queue once.
  public var requeued: [String]
  /// The seed of the layouts (choice order) of this session.
  public var seed: UInt64
  /// The desired retention of a review session's scheduler, kept for a resume.
  public var retention: Double?

  /// Creates a plan.
  public init(queue: [String], seed: UInt64) {
    self.queue = queue
    chosen = queue.count
    position = 0
    requeued = []
    self.seed = seed
  }
}

/// A study session as a state machine: what to ask next, and what happens after an answer.
///
/// The session knows nothing of terminals or databases: the shell asks it for the current
/// question, grades the answer, records it, and tells the session, which moves on.
public struct PracticeSession: Sendable, Hashable {
  /// The plan, to be saved after every step.
  public private(set) var plan: SessionPlan

  /// Starts from a plan (new or resumed).
  public init(plan: SessionPlan) {
    self.plan = plan
  }

  /// Chooses questions for a new session: filtered, shuffled with `seed`, at most `count`.
  public static func choose(
    from questions: [Question], count: Int?, type: QuestionType? = nil, seed: UInt64
  ) -> SessionPlan {
    var generator = SeededGenerator(seed: seed)
    let pool = questions.filter { type == nil || $0.type == type }.shuffled(using: &generator)
    let chosen = count.map { Array(pool.prefix(max($0, 0))) } ?? pool
    return SessionPlan(queue: chosen.map(\.id), seed: seed)
  }

  /// The id of the question to ask now, or `nil` when the session is over.
  public var current: String? {
    plan.position < plan.queue.count ? plan.queue[plan.position] : nil
  }

  /// Whether every question has been dealt with.
  public var isFinished: Bool { current == nil }

  /// The number shown for the current question (1-based) and the total, counting
  /// questions put back in the queue.
  public var progress: (number: Int, total: Int) {
    (min(plan.position + 1, plan.queue.count), plan.queue.count)
  }

  /// Whether the current question is a second attempt of one answered wrongly earlier.
  public var isRetry: Bool {
    guard let current else { return false }
    return plan.queue[..<plan.position].contains(current)
  }

  /// The layout of a question in this session: the same every time it is asked, also
  /// after a resume.
  public func layout(for question: Question) -> Layout {
    var generator = SeededGenerator(seed: plan.seed, salt: question.id)
    return Layout.shuffled(for: question, using: &generator)
  }

  /// Moves on after a graded answer; a question not answered fully right comes back once,
  /// at the end of the queue. Returns whether it was put back.
  @discardableResult
  public mutating func answered(_ grade: Grade) -> Bool {
    guard let current else { return false }
    plan.position += 1
    if grade.outcome != .correct && !plan.requeued.contains(current) {
      plan.requeued.append(current)
      plan.queue.append(current)
      return true
    }
    return false
  }

  /// Moves on without an answer.
  public mutating func skipped() {
    if current != nil { plan.position += 1 }
  }

  /// Leaves only the questions that still exist (content may change between a session and
  /// its resume); the position is kept on the same question where possible.
  public mutating func keep(onlyIDs known: Set<String>) {
    let before = plan.queue[..<min(plan.position, plan.queue.count)].filter(known.contains)
    let after = plan.queue[min(plan.position, plan.queue.count)...].filter(known.contains)
    plan.queue = before + after
    plan.position = before.count
    plan.requeued = plan.requeued.filter(known.contains)
    plan.chosen = min(plan.chosen, Set(plan.queue).count)
  }
}
