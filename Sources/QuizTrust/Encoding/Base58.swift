import Foundation

/// Base58 with the Bitcoin alphabet (base58btc), as `did:key` multibase uses it.
public enum Base58 {
  private static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

  /// The bytes as base58btc text; each leading zero byte becomes a leading `1`.
  public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    let zeros = bytes.prefix { $0 == 0 }.count
    var digits: [UInt8] = []  // base-58 digits, least significant first
    for byte in bytes {
      var carry = Int(byte)
      for index in digits.indices {
        carry += Int(digits[index]) << 8
        digits[index] = UInt8(carry % 58)
        carry /= 58
      }
      while carry > 0 {
        digits.append(UInt8(carry % 58))
        carry /= 58
      }
    }
    let text = [UInt8](repeating: alphabet[0], count: zeros) + digits.reversed().map { alphabet[Int($0)] }
    return String(decoding: text, as: UTF8.self)
  }

  /// The bytes of base58btc text, or nil when it holds a character outside the alphabet.
  public static func decode(_ text: String) -> Data? {
    var lookup = [Int](repeating: -1, count: 256)
    for (index, char) in alphabet.enumerated() { lookup[Int(char)] = index }
    let chars = Array(text.utf8)
    let ones = chars.prefix { $0 == alphabet[0] }.count
    var bytes: [UInt8] = []  // least significant first
    for char in chars {
      let value = lookup[Int(char)]
      guard value >= 0 else { return nil }
      var carry = value
      for index in bytes.indices {
        carry += Int(bytes[index]) * 58
        bytes[index] = UInt8(carry & 0xff)
        carry >>= 8
      }
      while carry > 0 {
        bytes.append(UInt8(carry & 0xff))
        carry >>= 8
      }
    }
    return Data([UInt8](repeating: 0, count: ones) + bytes.reversed())
  }
}
