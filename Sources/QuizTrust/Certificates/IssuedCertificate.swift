import Foundation

/// A certificate with its issuer and its signed VC-JWT: what is stored, exported and verified.
public struct IssuedCertificate: Sendable, Hashable {
  /// What the certificate says.
  public let certificate: Certificate
  /// The key that signed it.
  public let issuer: PublicKey
  /// The compact VC-JWT.
  public let jwt: String

  /// The JSON form: the credential (the JWT's `vc` claim) with a `proof` holding the JWT.
  ///
  /// Verifying it (`CertificateVerifier.verify(json:at:)`) verifies the JWT and checks that the
  /// credential shown is exactly the one signed.
  public func jsonDocument() -> String {
    guard case .object(var members) = certificate.credential(issuer: issuer) else { return "" }
    members["proof"] = .object([
      "type": .string("JwtProof2020"), "jwt": .string(jwt), "verificationMethod": .string(issuer.verificationMethod),
    ])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(CanonicalJSON.object(members)), as: UTF8.self) + "\n"
  }
}

extension Certificate {
  /// The certificate signed by the organisation key.
  public func issued(by organisation: OrganisationKey) -> IssuedCertificate {
    IssuedCertificate(certificate: self, issuer: organisation.publicKey, jwt: vcJWT(signedBy: organisation))
  }
}
