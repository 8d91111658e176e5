import Foundation

/// One answer as the exam recorded it, the unit the attempt key signs.
///
/// `sequence` counts the attempt's events from 1 with no gaps, so a deleted or reordered
/// event is found; a changed answer, score or time breaks the event's signature.
public struct AnswerEvent: SignableStatement {
  public static let statementType = "recovery-trainer/answer-event/1"

  /// The attempt the answer belongs to.
  public let attemptID: String
  /// 1, 2, 3… within the attempt, in the order the answers were recorded.
  public let sequence: Int
  /// The item's position in the exam (1-based), as the learner saw it.
  public let item: Int
  /// The question's id.
  public let questionID: String
  /// The hash of the question as it was graded (the store's content hash).
  public let questionHash: String
  /// The response exactly as stored.
  public let response: String
  /// Marks awarded at recording, or nil when the item waits for a person to grade it.
  public let marks: Double?
  /// The item's maximum marks.
  public let maximumMarks: Double
  /// When it was recorded (whole milliseconds).
  public let recordedAt: Date

  /// An event; the time is rounded to whole milliseconds.
  public init(
    attemptID: String, sequence: Int, item: Int, questionID: String, questionHash: String, response: String,
    marks: Double?, maximumMarks: Double, recordedAt: Date
  ) {
    self.attemptID = attemptID
    self.sequence = sequence
    self.item = item
    self.questionID = questionID
    self.questionHash = questionHash
    self.response = response
    self.marks = marks
    self.maximumMarks = maximumMarks
    self.recordedAt = recordedAt.wholeMilliseconds
  }

  public var canonicalJSON: CanonicalJSON {
    .object([
      "attemptID": .string(attemptID), "sequence": .integer(Int64(sequence)), "item": .integer(Int64(item)),
      "questionID": .string(questionID), "questionHash": .string(questionHash), "response": .string(response),
      "marks": marks.map { .number($0.isFinite ? $0 : 0) } ?? .null,
      "maximumMarks": .number(maximumMarks.isFinite ? maximumMarks : 0),
      "recordedAt": .integer(recordedAt.milliseconds),
    ])
  }
}
