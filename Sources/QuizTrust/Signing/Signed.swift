import Foundation

/// A statement with its signer's public key and Ed25519 signature.
///
/// Stored as JSON (`Codable`); a verifier recomputes the statement's canonical bytes, so a
/// changed field, a changed signer or a changed signature all fail `isSigned(by:)`.
public struct Signed<Statement: SignableStatement>: Sendable, Hashable, Codable {
  /// What was signed.
  public let statement: Statement
  /// The key that claims to have signed it.
  public let signer: PublicKey
  /// The signature (base64url).
  public let signature: String

  /// A signed statement as stored; `isSigned(by:)` says whether it is genuine.
  public init(statement: Statement, signer: PublicKey, signature: String) {
    self.statement = statement
    self.signer = signer
    self.signature = signature
  }

  /// Whether `key` signed exactly this statement.
  public func isSigned(by key: PublicKey) -> Bool {
    guard signer == key, let bytes = Base64URL.decode(signature) else { return false }
    return key.isValidSignature(bytes, for: statement.signedBytes)
  }

  /// The stored JSON text (sorted keys, compact).
  public func jsonText() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(self), as: UTF8.self)
  }

  /// A signed statement read from its stored JSON text; not yet verified.
  public init(jsonText: some DataProtocol) throws(TrustError) {
    do {
      self = try JSONDecoder().decode(Self.self, from: Data(jsonText))
    } catch {
      throw .unreadableDocument("not a signed \(Statement.statementType)")
    }
  }
}
