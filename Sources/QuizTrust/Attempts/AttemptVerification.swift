import Foundation

/// The answer of `AttemptVerification.verify`: the attempt's record is intact, or the first
/// thing wrong with it.
public enum AttemptVerification: Sendable, Hashable {
  /// Every event is signed by the certified attempt key, in order, with nothing missing.
  case intact(answered: Int, submitted: Bool)
  /// The first problem found.
  case broken(AttemptProblem)

  /// Whether the record is intact.
  public var isIntact: Bool { if case .intact = self { true } else { false } }

  /// Checks an attempt's record: its key certificate against the organisation key, each event's
  /// signature against the certified key, sequence numbers 1…n, times inside the grant's
  /// window, and, when submitted, that the submission covers exactly these events.
  public static func verify(
    events: [Signed<AnswerEvent>], submission: Signed<AttemptSubmission>?, certificate: Signed<AttemptGrant>,
    organisation: PublicKey
  ) -> AttemptVerification {
    verify(events: events, submission: submission, certificates: [certificate], organisation: organisation)
  }

  /// The same check for an attempt unlocked more than once (a proctor unlocks it again after an
  /// interruption, which certifies a new key): each event must be signed by one of the
  /// attempt's certified keys inside that key's window, the submission by any of them.
  public static func verify(
    events: [Signed<AnswerEvent>], submission: Signed<AttemptSubmission>?, certificates: [Signed<AttemptGrant>],
    organisation: PublicKey
  ) -> AttemptVerification {
    guard let first = certificates.first, certificates.allSatisfy({ $0.isSigned(by: organisation) }) else {
      return .broken(.keyNotCertified)
    }
    let attemptID = first.statement.attemptID
    guard certificates.allSatisfy({ $0.statement.attemptID == attemptID }) else { return .broken(.keyNotCertified) }
    let grants = certificates.map(\.statement)
    for (index, event) in events.enumerated() {
      let expected = index + 1
      guard event.statement.attemptID == attemptID else {
        return .broken(.otherAttempt(sequence: event.statement.sequence))
      }
      let signers = grants.filter { event.isSigned(by: $0.attemptKey) }
      guard !signers.isEmpty else { return .broken(.badSignature(sequence: expected)) }
      if event.statement.sequence != expected {
        let later = events.dropFirst(index).contains { $0.statement.sequence == expected }
        return .broken(later ? .outOfOrder(sequence: expected) : .missingEvent(sequence: expected))
      }
      guard signers.contains(where: { $0.covers(event.statement.recordedAt) }) else {
        return .broken(.outsideKeyValidity(sequence: expected))
      }
    }
    guard let submission else { return .intact(answered: events.count, submitted: false) }
    guard submission.statement.attemptID == attemptID,
      grants.contains(where: { submission.isSigned(by: $0.attemptKey) })
    else {
      return .broken(.badSubmission)
    }
    guard submission.statement.eventCount == events.count else {
      return .broken(.missingEvent(sequence: min(events.count, submission.statement.eventCount) + 1))
    }
    guard submission.statement.eventsDigest == Signed<AnswerEvent>.digest(of: events) else {
      return .broken(.eventsDoNotMatchSubmission)
    }
    return .intact(answered: events.count, submitted: true)
  }
}

/// What is wrong with an attempt's record.
public enum AttemptProblem: Sendable, Hashable, CustomStringConvertible {
  /// The attempt key's certificate is not signed by the organisation key.
  case keyNotCertified
  /// An event belongs to another attempt.
  case otherAttempt(sequence: Int)
  /// The event at this position was changed after signing (its answer, score, time…) or
  /// signed by another key.
  case badSignature(sequence: Int)
  /// The event with this sequence number is missing (deleted).
  case missingEvent(sequence: Int)
  /// The event with this sequence number is present but not in its place.
  case outOfOrder(sequence: Int)
  /// The event was signed outside the key's certified time window.
  case outsideKeyValidity(sequence: Int)
  /// The submission is not signed by this attempt's key.
  case badSubmission
  /// The events are not the ones the submission covered.
  case eventsDoNotMatchSubmission

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .keyNotCertified: "The attempt's key was not certified by the organisation key."
    case .otherAttempt(let sequence): "Answer \(sequence) belongs to another attempt."
    case .badSignature(let sequence): "Answer \(sequence) was changed after it was recorded."
    case .missingEvent(let sequence): "Answer \(sequence) is missing."
    case .outOfOrder(let sequence): "Answer \(sequence) is out of order."
    case .outsideKeyValidity(let sequence): "Answer \(sequence) was signed outside the attempt's time window."
    case .badSubmission: "The submission was not signed by the attempt's key."
    case .eventsDoNotMatchSubmission: "The answers are not the ones that were submitted."
    }
  }
}
