import Foundation

/// The organisation's signing key as stored on disk: encrypted under a passphrase.
///
/// A small versioned JSON document. The private key (its 32-byte seed) is encrypted with
/// AES-256-GCM under a key derived from the passphrase with scrypt; the format, version,
/// public key and scrypt parameters are the GCM associated data, so none of them can be
/// changed without the passphrase. The passphrase itself is never in the file.
public struct OrganisationKeyFile: Sendable, Hashable, Codable {
  /// The format name every file carries.
  public static let formatName = "recovery-trainer/organisation-key"
  /// The format version this program writes and reads.
  public static let currentVersion = 1

  /// Always `formatName`.
  public var format: String
  /// The format version.
  public var version: Int
  /// The public key (base64url of the raw 32 bytes).
  public var publicKey: PublicKey
  /// The public key as a `did:key`, for people reading the file; not trusted when opening.
  public var did: String
  /// How the key-encryption key is derived.
  public var kdf: KeyDerivation
  /// The encrypted private key.
  public var cipher: Cipher

  /// scrypt with its parameters and salt.
  public struct KeyDerivation: Sendable, Hashable, Codable {
    /// Always `scrypt`.
    public var algorithm: String
    /// The cost parameters.
    public var parameters: ScryptParameters
    /// The random salt (base64url, 16 bytes).
    public var salt: String
  }

  /// AES-256-GCM output.
  public struct Cipher: Sendable, Hashable, Codable {
    /// Always `AES-256-GCM`.
    public var algorithm: String
    /// The 12-byte nonce (base64url).
    public var nonce: String
    /// The encrypted 32-byte private key seed (base64url).
    public var ciphertext: String
    /// The 16-byte authentication tag (base64url).
    public var tag: String
  }

  /// The file as pretty, sorted JSON text.
  public func jsonText() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
  }

  /// A file read from its JSON text; its version is checked, its contents only when opened.
  public init(jsonText: some DataProtocol) throws(TrustError) {
    let file: OrganisationKeyFile
    do {
      file = try JSONDecoder().decode(OrganisationKeyFile.self, from: Data(jsonText))
    } catch {
      throw .unreadableKeyFile("not an organisation key document")
    }
    guard file.format == Self.formatName else { throw .unreadableKeyFile("the format is not \(Self.formatName)") }
    guard file.version <= Self.currentVersion else { throw .unsupportedKeyFileVersion(file.version) }
    guard file.version == Self.currentVersion else { throw .unreadableKeyFile("unknown version \(file.version)") }
    self = file
  }

  init(format: String, version: Int, publicKey: PublicKey, kdf: KeyDerivation, cipher: Cipher) {
    self.format = format
    self.version = version
    self.publicKey = publicKey
    self.did = publicKey.did
    self.kdf = kdf
    self.cipher = cipher
  }

  /// The bytes authenticated with the ciphertext.
  var associatedData: Data {
    get throws(TrustError) {
      try CanonicalJSON.object([
        "format": .string(format),
        "version": .integer(Int64(version)),
        "publicKey": .string(publicKey.base64URL),
        "kdf": .object([
          "algorithm": .string(kdf.algorithm),
          "log2Rounds": .integer(Int64(kdf.parameters.log2Rounds)),
          "blockSize": .integer(Int64(kdf.parameters.blockSize)),
          "parallelism": .integer(Int64(kdf.parameters.parallelism)),
          "salt": .string(kdf.salt),
        ]),
      ]).bytes()
    }
  }
}
