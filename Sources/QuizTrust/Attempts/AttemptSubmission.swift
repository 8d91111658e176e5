import Crypto
import Foundation

/// The attempt key's last statement: how many events the attempt has and a digest of them.
///
/// Deleting the last answers of a submitted attempt changes the count or the digest, which
/// the attempt key (dropped at submit) can no longer re-sign.
public struct AttemptSubmission: SignableStatement {
  public static let statementType = "recovery-trainer/attempt-submission/1"

  /// The attempt.
  public let attemptID: String
  /// The number of signed answer events.
  public let eventCount: Int
  /// `Signed<AnswerEvent>.digest(of:)` of those events.
  public let eventsDigest: String
  /// When the attempt was submitted (whole milliseconds).
  public let submittedAt: Date

  /// A submission covering `events`; the time is rounded to whole milliseconds.
  public init(attemptID: String, events: [Signed<AnswerEvent>], submittedAt: Date) {
    self.attemptID = attemptID
    self.eventCount = events.count
    self.eventsDigest = Signed<AnswerEvent>.digest(of: events)
    self.submittedAt = submittedAt.wholeMilliseconds
  }

  public var canonicalJSON: CanonicalJSON {
    .object([
      "attemptID": .string(attemptID), "eventCount": .integer(Int64(eventCount)),
      "eventsDigest": .string(eventsDigest), "submittedAt": .integer(submittedAt.milliseconds),
    ])
  }
}

extension Signed where Statement == AnswerEvent {
  /// `sha256:` and the hex SHA-256 of the events' signed bytes and signatures, in order.
  public static func digest(of events: [Signed<AnswerEvent>]) -> String {
    var hasher = SHA256()
    for event in events {
      let item = CanonicalJSON.object([
        "statement": .string(Base64URL.encode(event.statement.signedBytes)), "signature": .string(event.signature),
      ])
      hasher.update(data: try! item.bytes())
    }
    return "sha256:" + Hex.encode(hasher.finalize())
  }
}
