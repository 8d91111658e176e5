/// The result of grading one response: the score and everything needed to explain it.
public struct Grade: Sendable, Hashable {
  /// The score, a fraction in 0…1.
  public var fraction: Double
  /// Correct, partially correct or incorrect.
  public var outcome: Outcome
  /// `weight × fraction`.
  public var marks: Double
  /// The question's weight, the marks of a fully correct answer.
  public var maximumMarks: Double
  /// Feedback on what was picked, what was missed, and for open questions the rubric.
  public var feedback: [Feedback]
  /// How sure the grader is of the score, 0…1: 1 for every objective question.
  ///
  /// An open answer loses confidence when it is very short or very long, a list of words,
  /// when a negation decided a point, or when a red line caps an otherwise good answer.
  public var confidence: Double = 1
  /// Whether the score is a machine's estimate (open answers) rather than an objective mark.
  ///
  /// Show it as an estimate, and keep low-confidence estimates out of means until a person
  /// has reviewed them (`needsReview`).
  public var isProvisional = false
  /// Why confidence is below 1, most important first.
  public var reviewReasons: [ReviewReason] = []
  /// For open answers: what earned each point and what triggered each misconception.
  public var rubric: RubricReport?
  /// For calls: the path, the goals, every rule breached and the best path.
  public var scenario: ScenarioReport?

  /// Below this confidence a person should grade the answer.
  public static let reviewThreshold = 0.6

  /// Whether the exam's rules send this answer to a person whatever the machine's confidence
  /// (a blueprint's `manual_grading`); the score is then provisional until a person sets it.
  public var gradedByPerson = false

  /// Whether a person should grade this answer: the machine's confidence is low, or the
  /// exam's rules say a person grades this type.
  public var needsReview: Bool { gradedByPerson || confidence < Self.reviewThreshold }

  /// Creates a grade; the outcome follows from the fraction.
  public init(fraction: Double, weight: Double, feedback: [Feedback]) {
    let clamped = Credit.normalized(fraction)
    self.fraction = clamped
    outcome = Outcome(fraction: clamped)
    marks = clamped * weight
    maximumMarks = weight
    self.feedback = feedback
  }
}

/// How an answer came out.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
  /// Full credit.
  case correct
  /// Some credit, not all.
  case partial
  /// No credit.
  case incorrect

  /// The outcome of a fraction: 1 is correct, 0 incorrect, anything between partial
  /// (within `Credit.tolerance`).
  public init(fraction: Double) {
    if Credit.isFull(fraction) {
      self = .correct
    } else if Credit.isNone(fraction) {
      self = .incorrect
    } else {
      self = .partial
    }
  }
}

/// One piece of feedback in a grade.
public enum Feedback: Sendable, Hashable {
  /// A choice the learner picked (index in the question), whether it earns credit, and its feedback.
  case picked(choice: Int, correct: Bool, text: String?)
  /// A correct choice the learner did not pick, and its feedback.
  case missed(choice: Int, text: String?)
  /// Feedback written for the answer given (true/false, short and numeric answers).
  case answer(String)
  /// A prompt of a matching question: matched right or not, with the right answer.
  case match(prompt: Int, picked: Int?, correct: Bool)
  /// A rubric point of an open answer, covered or not.
  case rubric(point: Int, covered: Bool)
  /// A misconception found in an open answer.
  case misconception(index: Int)
}
