import Foundation

/// The answer of `CertificateVerifier`: valid, or why not.
public enum CertificateVerdict: Sendable, Hashable, CustomStringConvertible {
  /// Genuine, from a trusted issuer, not revoked, inside its validity period.
  case valid(IssuedCertificate)
  /// Genuine but past its expiry.
  case expired(IssuedCertificate)
  /// Genuine but its validity has not begun.
  case notYetValid(IssuedCertificate)
  /// Genuine but revoked.
  case revoked(IssuedCertificate, RevocationList.Revocation)
  /// Not a genuine certificate.
  case forged(ForgeryReason)

  /// Whether the certificate is valid (the only verdict a check should pass on).
  public var isValid: Bool { if case .valid = self { true } else { false } }

  /// The certificate, when it is genuine.
  public var certificate: IssuedCertificate? {
    switch self {
    case .valid(let issued), .expired(let issued), .notYetValid(let issued), .revoked(let issued, _): issued
    case .forged: nil
    }
  }

  /// The verdict and its reason, in English.
  public var description: String {
    switch self {
    case .valid(let issued): "valid until \(Certificate.iso(issued.certificate.expiresAt))"
    case .expired(let issued): "expired on \(Certificate.iso(issued.certificate.expiresAt))"
    case .notYetValid(let issued): "not valid before \(Certificate.iso(issued.certificate.issuedAt))"
    case .revoked(_, let revocation):
      "revoked on \(Certificate.iso(revocation.revokedAt)): \(revocation.reason)"
    case .forged(let reason): "forged: \(reason)"
    }
  }
}

/// Why a certificate is not genuine.
public enum ForgeryReason: Sendable, Hashable, CustomStringConvertible {
  /// Not a VC-JWT this program issues; the text says what is wrong.
  case malformed(String)
  /// The JWT header names another algorithm than EdDSA.
  case unsupportedAlgorithm(String)
  /// The signature does not verify with the key the header names: the token was changed.
  case badSignature
  /// Signed correctly, but by a key that is not the organisation's.
  case untrustedIssuer(did: String)
  /// The claims contradict each other or are not written as this program writes them.
  case inconsistentClaims(String)
  /// The JSON form's credential is not the one its JWT signs.
  case documentMismatch

  /// The reason in English.
  public var description: String {
    switch self {
    case .malformed(let what): "not a certificate (\(what))"
    case .unsupportedAlgorithm(let alg): "signed with \(alg), not EdDSA"
    case .badSignature: "the signature does not match the contents"
    case .untrustedIssuer(let did): "issued by \(did), not by the organisation's key"
    case .inconsistentClaims(let what): "the claims do not agree (\(what))"
    case .documentMismatch: "the credential shown differs from the signed one"
    }
  }
}
