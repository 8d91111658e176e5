import Foundation

/// Something that holds an Ed25519 private key: the organisation key or an attempt key.
public protocol Signer: Sendable {
  /// The public half, which verifiers are given or find in a certificate.
  var publicKey: PublicKey { get }
  /// The Ed25519 signature of `message`.
  func signature(for message: some DataProtocol) -> Data
}

extension OrganisationKey: Signer {}
