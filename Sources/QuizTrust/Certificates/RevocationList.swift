import Foundation

/// Certificates the organisation has revoked, with why and when.
///
/// Signable (`Signed<RevocationList>`), so a list handed to a verifier on another machine can be
/// checked against the organisation key first.
public struct RevocationList: SignableStatement {
  public static let statementType = "recovery-trainer/revocation-list/1"

  /// One revoked certificate.
  public struct Revocation: Sendable, Hashable, Codable {
    /// The certificate's id (its `jti`).
    public let certificateID: String
    /// Why, as the manager wrote it.
    public let reason: String
    /// When (whole milliseconds).
    public let revokedAt: Date

    /// A revocation; the time is rounded to whole milliseconds.
    public init(certificateID: String, reason: String, revokedAt: Date) {
      self.certificateID = certificateID
      self.reason = reason
      self.revokedAt = revokedAt.wholeMilliseconds
    }
  }

  /// The revocations, oldest first.
  public let revocations: [Revocation]

  /// A list of revocations.
  public init(_ revocations: [Revocation] = []) { self.revocations = revocations }

  /// The revocation of a certificate, if it was revoked.
  public func revocation(of certificateID: String) -> Revocation? {
    revocations.first { $0.certificateID == certificateID }
  }

  public var canonicalJSON: CanonicalJSON {
    .array(
      revocations.map {
        .object([
          "certificateID": .string($0.certificateID), "reason": .string($0.reason),
          "revokedAt": .integer($0.revokedAt.milliseconds),
        ])
      })
  }
}
