import Foundation

/// What the session asks its host to do, in order. A host (the study shell, a file of
/// answers, a test) renders the visible effects and carries out the `record`, `skip`,
/// `rerate` and `savePlan` effects against the store; it must carry out a write before it
/// renders anything after it, so that no feedback is shown for an answer that was not saved.
public enum SessionEffect: Sendable, Hashable {
  /// Show a question.
  case show(SessionItem)
  /// The typed text is not an answer to this question: say why and ask again.
  case problem(AnswerProblem)
  /// Show where in the lessons the answer to this question is.
  case hint(questionID: String)
  /// Show what can be typed at this prompt.
  case help(FeedbackPolicy)
  /// Show the question's case or passage again (or say it has none).
  case context(questionID: String)
  /// Say something short about what just happened.
  case notice(SessionNotice)
  /// Save an answer (and its review and the plan after it) in one transaction.
  case record(AnswerEntry)
  /// Save a skip (and its review and the plan after it) in one transaction.
  case skip(SkipEntry)
  /// Replace the review of the last answer with another rating (`e` for "too easy").
  case rerate(RatingChange)
  /// Save the plan (navigation and flags of a deferred-feedback attempt).
  case savePlan(SessionPlan)
  /// Show the grade of an answer and explain it.
  case feedback(FeedbackItem)
  /// Ask whether a correct answer was too easy (a key press: `e`, or anything else).
  case askEase
  /// Before a submit: list what is unanswered and flagged, and ask for confirmation.
  case confirmSubmit(SubmitReview)
  /// The session is over (or paused): end it in the store and show the summary.
  case end(SessionEnd)
}

/// A question as it is to be shown now.
public struct SessionItem: Sendable, Hashable {
  public var questionID: String
  /// The order of its choices, options or items on screen.
  public var layout: Layout
  /// 1-based position, and the number of questions (counting questions that came back).
  public var number: Int
  public var total: Int
  /// A second attempt of a question answered wrongly earlier in the session.
  public var isRetry: Bool
  /// Flagged by the learner (deferred feedback).
  public var isFlagged: Bool
  /// Already answered (deferred feedback: typing again replaces the answer), as it was typed.
  public var answered: String?
  /// Time left before the attempt is submitted, when it is timed.
  public var timeLeft: TimeInterval?
  /// A call: the replies said so far (empty at its first line).
  public var call: [Int] = []
}

/// Short messages about what just happened.
public enum SessionNotice: Sendable, Hashable {
  /// The question was skipped.
  case skipped
  /// The question was not answered fully right and comes back once, later.
  case comesBackLater
  /// The question was flagged (true) or unflagged (false).
  case flagged(Bool)
  /// The answer was saved; its grade comes after submit.
  case saved
  /// That command is for exams (deferred feedback) only.
  case onlyInExams
  /// Hints are for practice; there are none in an exam.
  case onlyInPractice
  /// There is no question with that number.
  case noSuchItem(Int)
  /// The review of the last answer was changed to "easy".
  case markedEasy
  /// The submit was called off; the attempt goes on.
  case submitCancelled
  /// Please answer y or n.
  case answerYesOrNo
  /// Time is up: the attempt was submitted.
  case timeUp
  /// `skip` at the last question of an exam: nothing after it.
  case lastQuestion
  /// A command of the study shell was typed at a question; it is not taken as an answer.
  case commandNotAnswer(String)
  /// A call in progress no longer fits its question (the content changed): it starts again.
  case callRestarted
}

/// An answer to save.
public struct AnswerEntry: Sendable, Hashable {
  public var questionID: String
  /// Exactly what was typed.
  public var typed: String
  /// What it was understood as.
  public var response: Response
  /// The response in the letters the learner saw (`ResponseFormatter.typed` on the layout).
  public var shown: String
  public var grade: Grade
  /// The rating for the review schedule, or `nil` when the session does not reschedule.
  public var rating: Rating?
  /// How long the question was on screen before this answer, in milliseconds.
  public var durationMS: Int
  public var answeredAt: Date
  /// A second attempt in the same session.
  public var isRetry: Bool
  /// The plan after this answer, saved with it.
  public var plan: SessionPlan
}

/// A skip to save.
public struct SkipEntry: Sendable, Hashable {
  public var questionID: String
  /// `.again` when a seen-and-skipped question counts as not recalled; `nil` when the
  /// session does not reschedule.
  public var rating: Rating?
  public var at: Date
  public var plan: SessionPlan
}

/// A changed rating for the review made at `answeredAt`.
public struct RatingChange: Sendable, Hashable {
  public var questionID: String
  public var rating: Rating
  public var answeredAt: Date
}

/// A grade to show and explain.
public struct FeedbackItem: Sendable, Hashable {
  public var questionID: String
  public var response: Response
  public var grade: Grade
  public var layout: Layout
}

/// What is still open before a submit.
public struct SubmitReview: Sendable, Hashable {
  /// 1-based numbers of unanswered questions.
  public var unanswered: [Int]
  /// 1-based numbers of flagged questions.
  public var flagged: [Int]
  public var total: Int
}

/// How a session ended.
public struct SessionEnd: Sendable, Hashable {
  public enum Reason: Sendable, Hashable {
    /// Every question was dealt with.
    case completed
    /// `quit`: ended early; what was answered is kept.
    case quit
    /// Ctrl-C or the end of input: the session stays open and can be resumed.
    case paused
    /// Submitted by the learner (deferred feedback).
    case submitted
    /// Submitted because time ran out (deferred feedback).
    case timeUp
  }

  public var reason: Reason
  public var result: SessionResult

  /// The status to store: a paused session stays active; one ended early with `quit` is
  /// abandoned (its answers stay); the rest are finished.
  public var status: SessionStatus {
    switch reason {
    case .paused: .active
    case .quit: .abandoned
    case .completed, .submitted, .timeUp: .finished
    }
  }
}
