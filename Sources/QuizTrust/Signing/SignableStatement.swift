import Foundation

/// A statement a key signs: an attempt grant, an answer event, a submission, a checkpoint.
///
/// Its signed bytes are the canonical JSON `{"statement":<canonicalJSON>,"type":<statementType>}`.
/// The type names the kind of statement, so a signature over one kind can never be replayed
/// as another (an answer event's signature is not a checkpoint's).
public protocol SignableStatement: Sendable, Hashable, Codable {
  /// A name unique to this kind of statement, with a version: `recovery-trainer/answer-event/1`.
  static var statementType: String { get }
  /// The statement's fields as canonical JSON.
  var canonicalJSON: CanonicalJSON { get }
}

extension SignableStatement {
  /// The exact bytes that are signed.
  public var signedBytes: Data {
    // Statements hold only strings, integers and finite numbers, so writing cannot fail.
    try! CanonicalJSON.object(["type": .string(Self.statementType), "statement": canonicalJSON]).bytes()
  }

  /// The statement signed by `signer`.
  public func signed(by signer: some Signer) -> Signed<Self> {
    Signed(statement: self, signer: signer.publicKey, signature: Base64URL.encode(signer.signature(for: signedBytes)))
  }
}

extension Date {
  /// Milliseconds since 1970, the resolution every signed time has.
  var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

  /// The time rounded to whole milliseconds, so that it survives its canonical form unchanged.
  var wholeMilliseconds: Date { Date(milliseconds: milliseconds) }

  init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
