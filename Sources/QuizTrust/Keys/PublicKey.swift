import Crypto
import Foundation

/// An Ed25519 public key: the organisation's, or an exam attempt's.
///
/// It is written four ways: raw (32 bytes as hex or base64url), PEM (SubjectPublicKeyInfo,
/// RFC 8410), and `did:key` (multicodec `0xed 0x01` + the raw key, base58btc, prefixed `z`),
/// the form certificates name their issuer by.
public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
  let key: Curve25519.Signing.PublicKey

  /// The 32 raw key bytes.
  public let rawRepresentation: Data

  /// A key from its 32 raw bytes.
  public init(rawRepresentation: some DataProtocol) throws(TrustError) {
    do {
      key = try Curve25519.Signing.PublicKey(rawRepresentation: Data(rawRepresentation))
    } catch {
      throw .unreadablePublicKey("an Ed25519 public key is 32 bytes")
    }
    self.rawRepresentation = key.rawRepresentation
  }

  init(_ key: Curve25519.Signing.PublicKey) {
    self.key = key
    self.rawRepresentation = key.rawRepresentation
  }

  /// A key from any of its written forms: `did:key:z6Mk…` (with or without `#fragment`), a
  /// bare `z6Mk…` multibase, PEM, 64 hex digits, or 43 base64url characters.
  public init(parsing text: String) throws(TrustError) {
    let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.hasPrefix("did:key:") {
      try self.init(did: text)
    } else if text.hasPrefix("z"), let key = try? PublicKey(did: text) {
      self = key
    } else if text.hasPrefix("z"), text.utf8.count != 43 {
      // A bare multibase that does not decode; a 43-character text may be base64url that
      // happens to start with `z`.
      try self.init(did: text)
    } else if text.hasPrefix("-----BEGIN") {
      try self.init(pem: text)
    } else if text.utf8.count == 64, let raw = Hex.decode(text) {
      try self.init(rawRepresentation: raw)
    } else if let raw = Base64URL.decode(text) {
      try self.init(rawRepresentation: raw)
    } else {
      throw .unreadablePublicKey("not a did:key, PEM, hex or base64url key")
    }
  }

  // MARK: - did:key

  private static let multicodecPrefix: [UInt8] = [0xed, 0x01]

  /// The multibase key id: `z6Mk…`.
  public var multibase: String { "z" + Base58.encode(Self.multicodecPrefix + Array(rawRepresentation)) }

  /// The DID: `did:key:z6Mk…`.
  public var did: String { "did:key:" + multibase }

  /// The verification method id a JWT names in `kid`: `did:key:z6Mk…#z6Mk…`.
  public var verificationMethod: String { did + "#" + multibase }

  /// A key from a `did:key` DID or verification method (or its bare `z…` multibase).
  public init(did text: String) throws(TrustError) {
    var id = text
    if id.hasPrefix("did:key:") { id.removeFirst("did:key:".count) }
    if let hash = id.firstIndex(of: "#") {
      guard String(id[id.index(after: hash)...]) == String(id[..<hash]) else {
        throw .unreadablePublicKey("the did:key fragment does not repeat the key")
      }
      id = String(id[..<hash])
    }
    guard id.hasPrefix("z"), let bytes = Base58.decode(String(id.dropFirst())), bytes.count == 34,
      Array(bytes.prefix(2)) == Self.multicodecPrefix
    else {
      throw .unreadablePublicKey("a did:key for Ed25519 starts z6Mk and holds 0xed01 and 32 key bytes")
    }
    try self.init(rawRepresentation: bytes.dropFirst(2))
  }

  // MARK: - Raw and PEM

  /// The raw key as lower-case hex (64 digits).
  public var hex: String { Hex.encode(rawRepresentation) }

  /// The raw key as base64url without padding (43 characters), as a JWK's `x`.
  public var base64URL: String { Base64URL.encode(rawRepresentation) }

  /// SubjectPublicKeyInfo DER header for id-Ed25519 (OID 1.3.101.112), before the 32 key bytes.
  private static let spkiPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

  /// The DER SubjectPublicKeyInfo (44 bytes).
  public var derRepresentation: Data { Data(Self.spkiPrefix + Array(rawRepresentation)) }

  /// The key as a PEM `PUBLIC KEY` block, as OpenSSL writes it.
  public var pemRepresentation: String {
    "-----BEGIN PUBLIC KEY-----\n" + derRepresentation.base64EncodedString() + "\n-----END PUBLIC KEY-----\n"
  }

  /// A key from a PEM `PUBLIC KEY` block holding an Ed25519 SubjectPublicKeyInfo.
  public init(pem: String) throws(TrustError) {
    let body = pem.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.hasPrefix("-----") }
      .joined()
    guard pem.contains("-----BEGIN PUBLIC KEY-----"), let der = Data(base64Encoded: body), der.count == 44,
      Array(der.prefix(12)) == Self.spkiPrefix
    else {
      throw .unreadablePublicKey("a PEM Ed25519 key is a PUBLIC KEY block of 44 DER bytes")
    }
    try self.init(rawRepresentation: der.dropFirst(12))
  }

  // MARK: - Verifying

  /// Whether `signature` is this key's Ed25519 signature of `message`.
  public func isValidSignature(_ signature: some DataProtocol, for message: some DataProtocol) -> Bool {
    key.isValidSignature(signature, for: message)
  }

  /// The DID.
  public var description: String { did }

  public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool { lhs.rawRepresentation == rhs.rawRepresentation }

  public func hash(into hasher: inout Hasher) { hasher.combine(rawRepresentation) }
}

extension PublicKey: Codable {
  /// Reads a key written as base64url text.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let raw = Base64URL.decode(text), let key = try? PublicKey(rawRepresentation: raw) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a base64url key"))
    }
    self = key
  }

  /// Writes the key as base64url text.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(base64URL)
  }
}
