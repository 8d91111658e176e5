import Foundation

/// Everything a session must remember to go on exactly where it stopped: which questions in
/// which order, how far the learner got, and what each answer scored.
///
/// The plan is saved with every answer (in the same transaction), so a session interrupted
/// by Ctrl-C, a closed terminal or a crash resumes on the question that was not answered yet.
/// Plans saved by older versions (without the score fields) still decode.
public struct SessionPlan: Codable, Sendable, Hashable {
  /// The question ids in the order they are asked; with immediate feedback a question not
  /// answered fully right is appended once more.
  public var queue: [String]
  /// How many questions were chosen at the start.
  public var chosen: Int
  /// The index in `queue` of the question being asked.
  public var position: Int
  /// Questions already put back in the queue once.
  public var requeued: [String]
  /// The seed of the layouts (choice order) of this session.
  public var seed: UInt64
  /// The desired retention of a review session's scheduler, kept for a resume.
  public var retention: Double?
  /// The score that counts for each question answered: the first attempt with immediate
  /// feedback, the latest answer with deferred feedback.
  public var scores: [String: Double]
  /// Scores of second attempts (immediate feedback), kept apart from `scores`.
  public var retries: [String: Double]
  /// Questions skipped without an answer.
  public var skipped: [String]
  /// How many hints were shown.
  public var hints: Int
  /// Questions the learner flagged to come back to (deferred feedback).
  public var flagged: [String]
  /// The latest response to each question (deferred feedback), explained after submit.
  public var responses: [String: Response]
  /// Questions whose counted answer is a machine's estimate that a person should review;
  /// kept out of the score until then.
  public var pending: [String]
  /// When a timed attempt is submitted whatever the learner does.
  public var deadline: Date?
  /// Whether a deferred-feedback attempt was submitted.
  public var submitted: Bool
  /// Whether choices, options and items are shown in a seeded order (an exam blueprint's
  /// `shuffle_choices: false` keeps the content's order).
  public var shufflesChoices: Bool
  /// Calls in progress, by question: the replies said so far (saved after every turn, so a
  /// call resumes where it stopped); nil when there are none.
  public var calls: [String: CallProgress]?

  /// A new plan over `queue`.
  public init(queue: [String], seed: UInt64, deadline: Date? = nil) {
    self.queue = queue
    chosen = queue.count
    position = 0
    requeued = []
    self.seed = seed
    scores = [:]
    retries = [:]
    skipped = []
    hints = 0
    flagged = []
    responses = [:]
    pending = []
    self.deadline = deadline
    submitted = false
    shufflesChoices = true
  }

  enum CodingKeys: String, CodingKey {
    case queue, chosen, position, requeued, seed, retention, scores, retries, skipped, hints, flagged, responses
    case pending, deadline, submitted, shufflesChoices, calls
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    queue = try values.decode([String].self, forKey: .queue)
    chosen = try values.decodeIfPresent(Int.self, forKey: .chosen) ?? queue.count
    position = try values.decodeIfPresent(Int.self, forKey: .position) ?? 0
    requeued = try values.decodeIfPresent([String].self, forKey: .requeued) ?? []
    seed = try values.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
    retention = try values.decodeIfPresent(Double.self, forKey: .retention)
    scores = try values.decodeIfPresent([String: Double].self, forKey: .scores) ?? [:]
    retries = try values.decodeIfPresent([String: Double].self, forKey: .retries) ?? [:]
    skipped = try values.decodeIfPresent([String].self, forKey: .skipped) ?? []
    hints = try values.decodeIfPresent(Int.self, forKey: .hints) ?? 0
    flagged = try values.decodeIfPresent([String].self, forKey: .flagged) ?? []
    responses = try values.decodeIfPresent([String: Response].self, forKey: .responses) ?? [:]
    pending = try values.decodeIfPresent([String].self, forKey: .pending) ?? []
    deadline = try values.decodeIfPresent(Date.self, forKey: .deadline)
    submitted = try values.decodeIfPresent(Bool.self, forKey: .submitted) ?? false
    shufflesChoices = try values.decodeIfPresent(Bool.self, forKey: .shufflesChoices) ?? true
    calls = try values.decodeIfPresent([String: CallProgress].self, forKey: .calls)
    position = min(max(position, 0), queue.count)
    chosen = min(max(chosen, 0), Set(queue).count)
  }

  /// Chooses questions for a new session: filtered, shuffled with `seed`, at most `count`.
  public static func choosing(
    from questions: [Question], count: Int?, type: QuestionType? = nil, seed: UInt64
  ) -> SessionPlan {
    var generator = SeededGenerator(seed: seed)
    let pool = questions.filter { type == nil || $0.type == type }.shuffled(using: &generator)
    let chosen = count.map { Array(pool.prefix(max($0, 0))) } ?? pool
    return SessionPlan(queue: chosen.map(\.id), seed: seed)
  }

  /// Leaves only the questions that still exist (content may change between a session and
  /// its resume); the position stays on the same question where possible.
  public mutating func keep(onlyIDs known: Set<String>) {
    let split = min(position, queue.count)
    let before = queue[..<split].filter(known.contains)
    let after = queue[split...].filter(known.contains)
    queue = before + after
    position = before.count
    requeued = requeued.filter(known.contains)
    skipped = skipped.filter(known.contains)
    flagged = flagged.filter(known.contains)
    scores = scores.filter { known.contains($0.key) }
    retries = retries.filter { known.contains($0.key) }
    responses = responses.filter { known.contains($0.key) }
    pending = pending.filter(known.contains)
    calls = calls?.filter { known.contains($0.key) }
    if calls?.isEmpty == true { calls = nil }
    chosen = min(chosen, Set(queue).count)
  }

  /// The call in progress at a question, if any.
  public func call(_ questionID: String) -> CallProgress? { calls?[questionID] }

  /// Sets (or, with nil, ends) the call in progress at a question.
  public mutating func setCall(_ progress: CallProgress?, for questionID: String) {
    var all = calls ?? [:]
    all[questionID] = progress
    calls = all.isEmpty ? nil : all
  }
}

/// A call in progress: the replies said so far (indices at each node) and what was typed
/// for each.
public struct CallProgress: Codable, Sendable, Hashable {
  public var replies: [Int]
  public var typed: [String]
  /// The nodes the replies went through, ending with the current one: a resumed call goes on
  /// only if its question still leads it the same way.
  public var nodes: [String]

  public init(replies: [Int] = [], typed: [String] = [], nodes: [String] = []) {
    self.replies = replies
    self.typed = typed
    self.nodes = nodes
  }

  enum CodingKeys: String, CodingKey { case replies, typed, nodes }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    replies = try values.decode([Int].self, forKey: .replies)
    typed = try values.decodeIfPresent([String].self, forKey: .typed) ?? []
    nodes = try values.decodeIfPresent([String].self, forKey: .nodes) ?? []
  }

  /// Whether the call still goes on, as it went, in `scenario`.
  public func fits(_ scenario: Scenario) -> Bool {
    guard let walk = scenario.walk(replies), !walk.isOver else { return false }
    return nodes == walk.steps.map(\.node) + [walk.current]
  }
}
