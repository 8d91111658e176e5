/// How an open answer was read against its rubric: what earned each point, what triggered each
/// misconception, and the red line that capped the score.
public struct RubricReport: Sendable, Hashable {
  /// One rubric point, covered or missed.
  public struct PointResult: Sendable, Hashable {
    /// The index of the point in the rubric.
    public var point: Int
    /// Whether the answer covers it.
    public var covered: Bool
    /// The clause (or clauses) of the answer that earned it, as typed; `nil` when missed.
    public var quote: String?
  }

  /// A misconception the answer states, or rejects.
  public struct Finding: Sendable, Hashable {
    /// The index of the misconception in the rubric.
    public var misconception: Int
    /// The clause of the answer that states (or rejects) it, as typed.
    public var quote: String
    /// Whether it is a red line (`critical`).
    public var critical: Bool
  }

  /// Every point, in rubric order.
  public var points: [PointResult]
  /// The misconceptions the answer asserts; each is charged.
  public var found: [Finding]
  /// The misconceptions the answer mentions only to reject them (`不能…`, `…也不对`); not charged.
  public var rejected: [Finding]
  /// Covered weight ÷ total weight, before penalties.
  public var coverage: Double
  /// The sum of the penalties charged.
  public var penalty: Double
  /// The lowest cap of the red lines crossed, if any.
  public var cap: Double?

  /// Whether a red line was crossed.
  public var crossedRedLine: Bool { cap != nil }
}

/// Why the grader is unsure of an open answer's score, so that a person should check it.
public enum ReviewReason: Sendable, Hashable {
  /// The answer is very short for the question.
  case tooShort
  /// The answer is very long, which keyword matching reads poorly.
  case tooLong
  /// The answer is mostly a list of words, not sentences.
  case keywordList
  /// A point was decided by reading a negation (its keywords are there with the other polarity).
  case polarityDecided(point: Int)
  /// A misconception's words are there but were read as rejected; a misreading would cost marks.
  case misconceptionRejected(misconception: Int)
  /// A red line capped an answer that otherwise scores well: the two disagree.
  case redLineInStrongAnswer(misconception: Int)
}
