import Crypto
import Foundation

/// Digests written into audit payloads and certificates.
public enum Digest {
  /// `sha256:` and the hex SHA-256 of the text's UTF-8 bytes.
  public static func sha256(_ text: String) -> String {
    sha256(bytes: Data(text.utf8))
  }

  /// `sha256:` and the hex SHA-256 of the bytes, exactly as given.
  public static func sha256(bytes: Data) -> String {
    "sha256:" + Hex.encode(SHA256.hash(data: bytes))
  }
}
