/// What a study session is for.
public enum SessionKind: String, Codable, Sendable, CaseIterable {
  case practice, review, exam
}

/// Where a session stands in the store.
public enum SessionStatus: String, Codable, Sendable, CaseIterable {
  /// Running, or interrupted and resumable.
  case active
  /// Ended normally.
  case finished
  /// Interrupted and not to be resumed; its answers stay.
  case abandoned
}

/// When a session shows grades and explanations.
public enum FeedbackPolicy: String, Codable, Sendable, CaseIterable {
  /// After each answer (practice, review, mistakes): wrong answers come back once.
  case immediate
  /// Only after the attempt is submitted (exams): answers can be changed until then, in any
  /// order, and nothing is explained before.
  case deferred
}

/// How a session behaves; fixed when it starts.
public struct SessionConfiguration: Sendable, Hashable {
  /// Practice, review or exam.
  public var kind: SessionKind
  /// When grades are shown.
  public var feedback: FeedbackPolicy
  /// Whether answers update the review schedule (`review --before` and exams do not).
  public var reschedules: Bool
  /// Whether, after a correct answer, the learner is asked if it was too easy.
  public var asksEase: Bool
  /// Words of the surrounding shell (`mistakes`, `progress`…): typed alone at a question they
  /// are a slip of the mind, not an answer, and are asked about instead of graded.
  public var commandWords: Set<String> = []
  /// Question types a person grades in this session (an exam's `manual_grading`): their
  /// answers are recorded as waiting for a person.
  public var manualGrading: Set<QuestionType> = []

  /// Creates a configuration.
  public init(
    kind: SessionKind, feedback: FeedbackPolicy = .immediate, reschedules: Bool = true, asksEase: Bool = false
  ) {
    self.kind = kind
    self.feedback = feedback
    self.reschedules = reschedules && feedback == .immediate
    self.asksEase = asksEase && self.reschedules
  }
}
