import Crypto
import Foundation

/// Digests written into audit payloads and certificates.
public enum Digest {
  /// `sha256:` and the hex SHA-256 of the text's UTF-8 bytes.
  public static func sha256(_ text: String) -> String {
    "sha256:" + Hex.encode(SHA256.hash(data: Data(text.utf8)))
  }
}
