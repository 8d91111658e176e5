import Foundation

/// The cost of deriving a key-encryption key from a passphrase with scrypt (RFC 7914).
///
/// Memory use is 128 × `blockSize` × 2^`log2Rounds` × `parallelism` bytes. They are written
/// into each key file, so a later version can raise the default without losing old files.
public struct ScryptParameters: Sendable, Hashable, Codable {
  /// log₂ of scrypt's N (CPU/memory cost).
  public var log2Rounds: Int
  /// scrypt's r.
  public var blockSize: Int
  /// scrypt's p.
  public var parallelism: Int

  /// Parameters as given; `validated()` says whether they are accepted.
  public init(log2Rounds: Int, blockSize: Int, parallelism: Int) {
    self.log2Rounds = log2Rounds
    self.blockSize = blockSize
    self.parallelism = parallelism
  }

  /// The default for new keys: N = 2^17, r = 8, p = 1 (128 MiB). Measured with
  /// `trust-sample --scrypt 17` on the 2-core development machine: 0.22 s per derivation in a
  /// release build (1.1 s in a debug build); 2^18 took 0.45 s. Raise it as machines get faster.
  public static let recommended = ScryptParameters(log2Rounds: 17, blockSize: 8, parallelism: 1)

  /// The most memory a key file may ask for: 1 GiB, so a hostile file cannot exhaust a PC.
  public static let maximumMemory = 1 << 30

  /// Bytes of memory scrypt needs with these parameters.
  public var memory: Int { 128 * blockSize * (1 << log2Rounds) * parallelism }

  /// The parameters, or why they are refused.
  public func validated() throws(TrustError) -> ScryptParameters {
    guard (1...24).contains(log2Rounds) else { throw .invalidKeyDerivationParameters("log2Rounds must be 1…24") }
    guard (1...64).contains(blockSize) else { throw .invalidKeyDerivationParameters("blockSize must be 1…64") }
    guard (1...16).contains(parallelism) else { throw .invalidKeyDerivationParameters("parallelism must be 1…16") }
    guard memory <= Self.maximumMemory else { throw .invalidKeyDerivationParameters("more than 1 GiB of memory") }
    return self
  }
}
