import Crypto
import Foundation
import _CryptoExtras

/// The organisation's Ed25519 signing key, unlocked.
///
/// It certifies per-attempt keys, signs audit checkpoints and issues certificates. It exists
/// in memory only between opening its `OrganisationKeyFile` with the passphrase and the end
/// of the command that needed it; nothing in this type writes it anywhere.
public struct OrganisationKey: Sendable {
  let privateKey: Curve25519.Signing.PrivateKey

  /// The public half, to export and to verify with.
  public let publicKey: PublicKey

  /// A new random key (from the system's secure random generator).
  public static func generate() -> OrganisationKey {
    OrganisationKey(Curve25519.Signing.PrivateKey())
  }

  /// A key from its 32-byte seed. For tests and fixed samples; real keys come from `generate()`.
  public init(seed: some DataProtocol) throws(TrustError) {
    do {
      self.init(try Curve25519.Signing.PrivateKey(rawRepresentation: Data(seed)))
    } catch {
      throw .unreadableKeyFile("an Ed25519 seed is 32 bytes")
    }
  }

  init(_ privateKey: Curve25519.Signing.PrivateKey) {
    self.privateKey = privateKey
    self.publicKey = PublicKey(privateKey.publicKey)
  }

  /// The Ed25519 signature of `message`.
  public func signature(for message: some DataProtocol) -> Data {
    // Signing with a valid Curve25519 key only fails if the system is out of memory.
    try! privateKey.signature(for: message)
  }

  // MARK: - Sealing under a passphrase

  /// The key encrypted under `passphrase`, ready to write to disk.
  ///
  /// Takes as long as scrypt with `parameters` (about 0.3 s with `.recommended`).
  public func sealed(
    with passphrase: Passphrase, parameters: ScryptParameters = .recommended
  ) throws(TrustError) -> OrganisationKeyFile {
    guard !passphrase.isEmpty else { throw .emptyPassphrase }
    let parameters = try parameters.validated()
    var random = SystemRandomNumberGenerator()
    let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &random) })
    var file = OrganisationKeyFile(
      format: OrganisationKeyFile.formatName, version: OrganisationKeyFile.currentVersion, publicKey: publicKey,
      kdf: .init(algorithm: "scrypt", parameters: parameters, salt: Base64URL.encode(salt)),
      cipher: .init(algorithm: "AES-256-GCM", nonce: "", ciphertext: "", tag: ""))
    let key = try Self.encryptionKey(passphrase, salt: salt, parameters: parameters)
    do {
      let box = try AES.GCM.seal(privateKey.rawRepresentation, using: key, authenticating: try file.associatedData)
      file.cipher.nonce = Base64URL.encode(box.nonce)
      file.cipher.ciphertext = Base64URL.encode(box.ciphertext)
      file.cipher.tag = Base64URL.encode(box.tag)
    } catch let error as TrustError {
      throw error
    } catch {
      throw .unreadableKeyFile("encryption failed")
    }
    return file
  }

  /// The key from its file, opened with `passphrase`.
  ///
  /// A wrong passphrase throws `TrustError.wrongPassphrase` (so does an altered ciphertext,
  /// tag or associated field: GCM cannot tell them apart). The caller adds any delay.
  public init(opening file: OrganisationKeyFile, with passphrase: Passphrase) throws(TrustError) {
    guard !passphrase.isEmpty else { throw .wrongPassphrase }
    guard file.kdf.algorithm == "scrypt", file.cipher.algorithm == "AES-256-GCM" else {
      throw .unreadableKeyFile("unknown algorithm")
    }
    let parameters = try file.kdf.parameters.validated()
    guard let salt = Base64URL.decode(file.kdf.salt), let nonceBytes = Base64URL.decode(file.cipher.nonce),
      let ciphertext = Base64URL.decode(file.cipher.ciphertext), let tag = Base64URL.decode(file.cipher.tag),
      let nonce = try? AES.GCM.Nonce(data: nonceBytes), tag.count == 16
    else {
      throw .unreadableKeyFile("a salt, nonce, ciphertext or tag is not valid base64url")
    }
    let key = try Self.encryptionKey(passphrase, salt: salt, parameters: parameters)
    let seed: Data
    do {
      let box = try AES.GCM.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
      seed = try AES.GCM.open(box, using: key, authenticating: try file.associatedData)
    } catch {
      throw .wrongPassphrase
    }
    try self.init(seed: seed)
    guard publicKey == file.publicKey else { throw .unreadableKeyFile("the private key does not match the public key") }
  }

  private static func encryptionKey(
    _ passphrase: Passphrase, salt: Data, parameters: ScryptParameters
  ) throws(TrustError) -> SymmetricKey {
    do {
      return try KDF.Scrypt.deriveKey(
        from: passphrase.bytes, salt: salt, outputByteCount: 32, rounds: 1 << parameters.log2Rounds,
        blockSize: parameters.blockSize, parallelism: parameters.parallelism)
    } catch {
      throw .invalidKeyDerivationParameters("scrypt refused them")
    }
  }
}
