import Foundation

/// A passphrase as typed, kept out of logs and descriptions.
///
/// Its bytes are the UTF-8 of the text exactly as given (no trimming, no normalisation), so a
/// caller that reads a passphrase file should strip the final newline before making one.
public struct Passphrase: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
  let bytes: [UInt8]

  /// A passphrase from typed text.
  public init(_ text: String) { bytes = Array(text.utf8) }

  /// Whether nothing was typed.
  public var isEmpty: Bool { bytes.isEmpty }

  /// Never the passphrase itself.
  public var description: String { "Passphrase(redacted)" }

  /// Never the passphrase itself.
  public var debugDescription: String { description }
}

extension Passphrase: CustomReflectable {
  /// No children, so `dump` shows nothing of the passphrase either.
  public var customMirror: Mirror { Mirror(self, children: []) }
}
