import Crypto
import Foundation

/// One graded answer as a certificate's answers digest covers it (after any manual grading).
public struct GradedAnswer: Sendable, Hashable, Codable {
  /// The question's id.
  public let questionID: String
  /// The question's content hash as graded.
  public let questionHash: String
  /// The response as stored.
  public let response: String
  /// The final marks awarded.
  public let marks: Double
  /// The item's maximum marks.
  public let maximumMarks: Double

  /// A graded answer.
  public init(questionID: String, questionHash: String, response: String, marks: Double, maximumMarks: Double) {
    self.questionID = questionID
    self.questionHash = questionHash
    self.response = response
    self.marks = marks
    self.maximumMarks = maximumMarks
  }

  /// `sha256:` and the hex SHA-256 of the canonical JSON array of the answers, in exam order.
  public static func digest(of answers: [GradedAnswer]) -> String {
    let array = CanonicalJSON.array(
      answers.map {
        .object([
          "questionID": .string($0.questionID), "questionHash": .string($0.questionHash),
          "response": .string($0.response), "marks": .number($0.marks.isFinite ? $0.marks : 0),
          "maximumMarks": .number($0.maximumMarks.isFinite ? $0.maximumMarks : 0),
        ])
      })
    return "sha256:" + Hex.encode(SHA256.hash(data: try! array.bytes()))
  }
}
