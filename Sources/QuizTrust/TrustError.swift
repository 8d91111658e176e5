import Foundation

/// Why a trust operation could not be carried out.
///
/// Verification outcomes are not errors: a forged certificate or a broken audit chain is an
/// answer (`CertificateVerdict`, `AuditVerification`, `AttemptVerification`). These cases are for
/// inputs that cannot be used at all, and for a key that cannot be opened.
public enum TrustError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The passphrase does not open the key file (or the file's ciphertext was altered).
  case wrongPassphrase
  /// The passphrase is empty; an organisation key must have one.
  case emptyPassphrase
  /// The key file is not a document this version can read; the text says what is wrong.
  case unreadableKeyFile(String)
  /// The key file is of a newer format version than this program reads.
  case unsupportedKeyFileVersion(Int)
  /// The scrypt parameters are outside what this program accepts.
  case invalidKeyDerivationParameters(String)
  /// A public key could not be read from the given text; the text says what was expected.
  case unreadablePublicKey(String)
  /// A value could not be written as canonical JSON (for example a number that is not finite).
  case notCanonicalJSON(String)
  /// A stored document (an audit entry, a signed event, a checkpoint) could not be read.
  case unreadableDocument(String)

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .wrongPassphrase:
      "The passphrase does not open the organisation key (or the key file was altered). Try again."
    case .emptyPassphrase:
      "The passphrase is empty. Choose a passphrase for the organisation key."
    case .unreadableKeyFile(let reason):
      "The key file cannot be read: \(reason). Restore it from a backup or create a new key."
    case .unsupportedKeyFileVersion(let version):
      "The key file has format version \(version), newer than this program reads. Update recovery-trainer."
    case .invalidKeyDerivationParameters(let reason):
      "The key-derivation parameters are not accepted: \(reason)."
    case .unreadablePublicKey(let reason):
      "The public key cannot be read: \(reason). Give it as did:key, PEM, hex or base64url."
    case .notCanonicalJSON(let reason):
      "The value cannot be written as canonical JSON: \(reason)."
    case .unreadableDocument(let reason):
      "The stored document cannot be read: \(reason)."
    }
  }
}
