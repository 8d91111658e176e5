import Foundation
import QuizCore

/// One answered question, exactly as it was graded: the answer as recorded (`NewAnswer`) and
/// the id the store gave it. Its fields read through (`record.questionID`).
@dynamicMemberLookup
public struct AnswerRecord: Sendable, Hashable {
  public var id: Int64
  public var answer: NewAnswer

  public init(id: Int64, _ answer: NewAnswer) {
    self.id = id
    self.answer = answer
  }

  public subscript<Value>(dynamicMember field: WritableKeyPath<NewAnswer, Value>) -> Value {
    get { answer[keyPath: field] }
    set { answer[keyPath: field] = newValue }
  }

  /// Whether the answer earned full credit (`Credit.isFull`).
  public var isCorrect: Bool { answer.outcome == .correct }
}

/// An answer to record.
public struct NewAnswer: Sendable, Hashable {
  public var learnerID: Int64
  public var sessionID: Int64?
  public var questionID: String
  /// The hash of the question as it was graded (`CourseJSON.hash(of:)`).
  public var questionHash: String
  public var lessonID: String
  public var questionType: String
  /// The question's tags when it was answered.
  public var tags: [String]
  /// What the learner typed, as typed.
  public var typed: String
  /// The answer in the letters and numbers the learner saw on screen (`B`); empty for
  /// answers recorded before this was kept.
  public var shown: String
  /// The answer in the content file's terms (`ResponseFormatter.canonical`): choice `2`,
  /// whatever letter it had on screen.
  public var canonical: String
  /// The parsed response, for exact re-grading; `nil` if it cannot be read back.
  public var response: Response?
  public var fraction: Double
  public var outcome: Outcome
  public var durationMS: Int
  public var answeredAt: Date
  /// A machine's estimate that a person should review (a low-confidence open answer): kept
  /// out of scores and means until then.
  public var needsReview: Bool

  public init(
    learnerID: Int64, sessionID: Int64?, questionID: String, questionHash: String, lessonID: String,
    questionType: String, tags: [String], typed: String, shown: String, canonical: String, response: Response?,
    fraction: Double, durationMS: Int, answeredAt: Date, needsReview: Bool = false
  ) {
    self.learnerID = learnerID
    self.sessionID = sessionID
    self.questionID = questionID
    self.questionHash = questionHash
    self.lessonID = lessonID
    self.questionType = questionType
    self.tags = tags
    self.typed = typed
    self.shown = shown
    self.canonical = canonical
    self.response = response
    self.fraction = Credit.normalized(fraction)
    outcome = Outcome(fraction: self.fraction)
    self.durationMS = durationMS
    self.answeredAt = answeredAt
    self.needsReview = needsReview
  }
}

extension Response {
  /// The response as stored (JSON).
  package func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
  }

  package static func decoded(_ text: String) -> Response? {
    try? JSONDecoder().decode(Response.self, from: Data(text.utf8))
  }
}
