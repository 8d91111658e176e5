import Foundation

/// What the organisation key certifies when a proctor unlocks an exam attempt: this public
/// key may sign this attempt's answers, for this learner and exam, in this time window.
///
/// Signed, it is the attempt key's certificate (`Signed<AttemptGrant>`).
public struct AttemptGrant: SignableStatement {
  public static let statementType = "recovery-trainer/attempt-grant/1"

  /// The attempt's id in the store.
  public let attemptID: String
  /// The learner's id.
  public let learner: String
  /// The exam blueprint's id.
  public let examID: String
  /// The per-attempt public key.
  public let attemptKey: PublicKey
  /// The earliest time the key may sign (whole milliseconds).
  public let notBefore: Date
  /// The latest time the key may sign (whole milliseconds), e.g. start + time limit + grace.
  public let notAfter: Date

  /// A grant; times are rounded to whole milliseconds.
  public init(
    attemptID: String, learner: String, examID: String, attemptKey: PublicKey, notBefore: Date, notAfter: Date
  ) {
    self.attemptID = attemptID
    self.learner = learner
    self.examID = examID
    self.attemptKey = attemptKey
    self.notBefore = notBefore.wholeMilliseconds
    self.notAfter = notAfter.wholeMilliseconds
  }

  /// Whether `time` is inside the window (both ends included).
  public func covers(_ time: Date) -> Bool {
    time.milliseconds >= notBefore.milliseconds && time.milliseconds <= notAfter.milliseconds
  }

  public var canonicalJSON: CanonicalJSON {
    .object([
      "attemptID": .string(attemptID), "learner": .string(learner), "examID": .string(examID),
      "attemptKey": .string(attemptKey.base64URL), "notBefore": .integer(notBefore.milliseconds),
      "notAfter": .integer(notAfter.milliseconds),
    ])
  }
}
