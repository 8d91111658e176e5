import Crypto
import Foundation

/// A fresh Ed25519 key for one exam attempt, certified by the organisation key.
///
/// It lives only in the exam process's memory: created when the proctor unlocks the attempt,
/// used to sign each answer as it is recorded and the submission, then dropped. Nothing in
/// this type can write its private half anywhere.
public struct AttemptKey: Signer {
  private let privateKey: Curve25519.Signing.PrivateKey

  /// The organisation's certificate for this key.
  public let certificate: Signed<AttemptGrant>

  /// The public half.
  public var publicKey: PublicKey { certificate.statement.attemptKey }

  /// A new key for an attempt, certified by `organisation` for `notBefore…notAfter`.
  public init(
    attemptID: String, learner: String, examID: String, notBefore: Date, notAfter: Date,
    certifiedBy organisation: OrganisationKey
  ) {
    privateKey = Curve25519.Signing.PrivateKey()
    let grant = AttemptGrant(
      attemptID: attemptID, learner: learner, examID: examID, attemptKey: PublicKey(privateKey.publicKey),
      notBefore: notBefore, notAfter: notAfter)
    certificate = grant.signed(by: organisation)
  }

  /// The Ed25519 signature of `message`.
  public func signature(for message: some DataProtocol) -> Data {
    try! privateKey.signature(for: message)
  }

  /// The event signed with this key.
  public func sign(_ event: AnswerEvent) -> Signed<AnswerEvent> { event.signed(by: self) }

  /// The submission covering `events`, signed with this key.
  public func submit(_ events: [Signed<AnswerEvent>], at time: Date) -> Signed<AttemptSubmission> {
    AttemptSubmission(attemptID: certificate.statement.attemptID, events: events, submittedAt: time).signed(by: self)
  }
}
