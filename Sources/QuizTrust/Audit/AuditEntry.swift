import Crypto
import Foundation

/// One row of the append-only audit log.
///
/// `hash` is the hex SHA-256 of the canonical JSON of every other field but the signature
/// (`{"kind","payload","previousHash","sequence","time","type"}`, time in milliseconds), and
/// `previousHash` is the hash of the entry before (64 zeros for the first), so changing,
/// removing or reordering an entry breaks the chain. An entry may also carry a signature over
/// its hash (by the organisation key or an attempt key), which the chain alone cannot forge.
public struct AuditEntry: Sendable, Hashable, Codable {
  /// The `previousHash` of the first entry.
  public static let genesisHash = String(repeating: "0", count: 64)

  /// 1, 2, 3… with no gaps.
  public let sequence: Int
  /// When it was appended (whole milliseconds).
  public let time: Date
  /// What happened: `learner.created`, `exam.started`, `exam.answer`, `certificate.issued`…
  public let kind: String
  /// The details, as canonical JSON text (hashed exactly as stored).
  public let payload: String
  /// The previous entry's hash.
  public let previousHash: String
  /// This entry's hash.
  public let hash: String
  /// A signature over `hash`, when the entry's kind needs one.
  public let signature: EntrySignature?

  /// A signature over an entry's hash.
  public struct EntrySignature: Sendable, Hashable, Codable {
    /// The signing key.
    public let signer: PublicKey
    /// Ed25519 over `AuditEntry.signedBytes(hash:)` (base64url).
    public let value: String
  }

  /// An entry as stored; the verifier recomputes its hash rather than trusting this one.
  public init(
    sequence: Int, time: Date, kind: String, payload: String, previousHash: String, hash: String,
    signature: EntrySignature?
  ) {
    self.sequence = sequence
    self.time = time
    self.kind = kind
    self.payload = payload
    self.previousHash = previousHash
    self.hash = hash
    self.signature = signature
  }

  /// The entry that follows `previous` (nil for the first), hashed and optionally signed.
  public init(
    after previous: AuditEntry?, time: Date, kind: String, payload: CanonicalJSON, signedBy signer: (any Signer)? = nil
  ) throws(TrustError) {
    let sequence = (previous?.sequence ?? 0) + 1
    let previousHash = previous?.hash ?? Self.genesisHash
    let text = try payload.text()
    let time = time.wholeMilliseconds
    let hash = Self.hash(sequence: sequence, time: time, kind: kind, payload: text, previousHash: previousHash)
    let signature = signer.map {
      EntrySignature(signer: $0.publicKey, value: Base64URL.encode($0.signature(for: Self.signedBytes(hash: hash))))
    }
    self.init(
      sequence: sequence, time: time, kind: kind, payload: text, previousHash: previousHash, hash: hash,
      signature: signature)
  }

  /// The hash the entry's fields give (what `hash` should be).
  public var computedHash: String {
    Self.hash(sequence: sequence, time: time, kind: kind, payload: payload, previousHash: previousHash)
  }

  /// The bytes a signer signs for an entry with this hash.
  public static func signedBytes(hash: String) -> Data {
    try! CanonicalJSON.object(["type": .string("recovery-trainer/audit-entry-signature/1"), "hash": .string(hash)])
      .bytes()
  }

  static func hash(sequence: Int, time: Date, kind: String, payload: String, previousHash: String) -> String {
    let bytes = try! CanonicalJSON.object([
      "type": .string("recovery-trainer/audit-entry/1"), "sequence": .integer(Int64(sequence)),
      "time": .integer(time.milliseconds), "kind": .string(kind), "payload": .string(payload),
      "previousHash": .string(previousHash),
    ]).bytes()
    return Hex.encode(SHA256.hash(data: bytes))
  }
}
