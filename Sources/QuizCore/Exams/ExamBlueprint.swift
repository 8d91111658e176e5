import Foundation

/// What an exam is made of and how it runs, as an instructor writes it in
/// `content/<course>/exams/<id>.yaml`.
public struct ExamBlueprint: Sendable, Hashable, Identifiable {
  /// The exam id, `[a-z0-9.-]+`, unique in the course.
  public var id: String
  /// The title shown to the learner and on the certificate.
  public var title: String
  /// How long an attempt may take.
  public var timeLimit: TimeInterval
  /// The fraction of the marks needed to pass, in 0…1.
  public var passMark: Double
  /// The questions drawn for each attempt, rule by rule.
  public var draw: [DrawRule]
  /// Whether choices are shown in a new order in each attempt.
  public var shuffleChoices: Bool
  /// Attempts allowed within one validity window.
  public var attempts: Int
  /// The wait after the first, second, … failed attempt (the last one repeats).
  public var cooldown: [TimeInterval]
  /// How long a certificate from a passing attempt is valid.
  public var validity: TimeInterval
  /// Whether a proctor must unlock each attempt.
  public var proctored: Bool
  /// Question types a person grades (the machine's score is provisional until then).
  public var manualGrading: Set<QuestionType>
  /// When the learner sees grades and explanations.
  public var feedback: ExamFeedback

  public init(
    id: String, title: String, timeLimit: TimeInterval, passMark: Double, draw: [DrawRule],
    shuffleChoices: Bool = true, attempts: Int = 3, cooldown: [TimeInterval] = [], validity: TimeInterval,
    proctored: Bool = false, manualGrading: Set<QuestionType> = [], feedback: ExamFeedback = .afterGrading
  ) {
    self.id = id
    self.title = title
    self.timeLimit = timeLimit
    self.passMark = passMark
    self.draw = draw
    self.shuffleChoices = shuffleChoices
    self.attempts = attempts
    self.cooldown = cooldown
    self.validity = validity
    self.proctored = proctored
    self.manualGrading = manualGrading
    self.feedback = feedback
  }

  /// The number of questions in an attempt.
  public var questionCount: Int { draw.reduce(0) { $0 + $1.count } }

  /// The wait before the next attempt after `failures` failed attempts (none before the first).
  public func cooldown(afterFailures failures: Int) -> TimeInterval {
    guard failures > 0, let last = cooldown.last else { return 0 }
    return failures <= cooldown.count ? cooldown[failures - 1] : last
  }
}

/// When an exam shows its results.
public enum ExamFeedback: String, Sendable, Hashable, CaseIterable {
  /// Right after submit (objective items; manually graded items show their provisional score).
  case afterSubmit = "after-submit"
  /// Only when every item is graded, manual grading included.
  case afterGrading = "after-grading"
}

/// One rule of an exam's draw: `count` questions among those matching every filter given.
public struct DrawRule: Sendable, Hashable {
  public var lessons: [String]
  public var tags: [String]
  public var types: [QuestionType]
  public var difficulty: [Int]
  public var count: Int

  public init(
    lessons: [String] = [], tags: [String] = [], types: [QuestionType] = [], difficulty: [Int] = [], count: Int
  ) {
    self.lessons = lessons
    self.tags = tags
    self.types = types
    self.difficulty = difficulty
    self.count = count
  }

  /// Whether a question may be drawn by this rule (an empty filter allows everything).
  public func admits(_ question: Question) -> Bool {
    (lessons.isEmpty || lessons.contains(question.lesson))
      && (tags.isEmpty || !Set(tags).isDisjoint(with: question.tags))
      && (types.isEmpty || types.contains(question.type))
      && (difficulty.isEmpty || difficulty.contains(question.difficulty))
  }
}
