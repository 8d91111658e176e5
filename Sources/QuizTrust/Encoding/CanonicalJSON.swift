import Foundation

/// A JSON value with one byte-exact spelling, used for everything that is hashed or signed.
///
/// The canonical form: no whitespace; object keys sorted by their UTF-8 bytes; strings as
/// UTF-8 with only `"`, `\` and control characters escaped (`\b \f \n \r \t`, others as
/// `\u00xx`); integers in decimal; other numbers in Swift's shortest round-trip spelling
/// (`0.85`, `1e-05`). Text is not Unicode-normalised: the bytes given are the bytes signed.
/// Non-finite numbers cannot be written.
public enum CanonicalJSON: Sendable, Hashable {
  case null
  case bool(Bool)
  case integer(Int64)
  case number(Double)
  case string(String)
  case array([CanonicalJSON])
  case object([String: CanonicalJSON])

  /// The canonical bytes.
  public func bytes() throws(TrustError) -> Data {
    var out: [UInt8] = []
    try write(into: &out)
    return Data(out)
  }

  /// The canonical text.
  public func text() throws(TrustError) -> String {
    String(decoding: try bytes(), as: UTF8.self)
  }

  /// A value parsed from JSON text.
  public init(parsing text: some DataProtocol) throws(TrustError) {
    do {
      self = try JSONDecoder().decode(CanonicalJSON.self, from: Data(text))
    } catch {
      throw .unreadableDocument("not JSON")
    }
  }

  /// The member of an object, or nil.
  public subscript(key: String) -> CanonicalJSON? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The text of a string value, or nil.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  private func write(into out: inout [UInt8]) throws(TrustError) {
    switch self {
    case .null: out += Array("null".utf8)
    case .bool(let value): out += Array((value ? "true" : "false").utf8)
    case .integer(let value): out += Array(String(value).utf8)
    case .number(let value):
      guard value.isFinite else { throw .notCanonicalJSON("the number \(value) is not finite") }
      if value == value.rounded(), abs(value) < 9e15 {
        out += Array(String(Int64(value)).utf8)
      } else {
        out += Array(value.description.utf8)
      }
    case .string(let text): Self.writeString(text, into: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        try item.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      for (index, key) in keys.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        Self.writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        try members[key]!.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func writeString(_ text: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out += Array("\\\"".utf8)
      case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
      case 0x08: out += Array("\\b".utf8)
      case 0x0c: out += Array("\\f".utf8)
      case 0x0a: out += Array("\\n".utf8)
      case 0x0d: out += Array("\\r".utf8)
      case 0x09: out += Array("\\t".utf8)
      case 0x00..<0x20: out += Array("\\u00".utf8) + Array(Hex.encode([byte]).utf8)
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension CanonicalJSON: Codable {
  /// Reads any JSON value; a number without a fraction or exponent that fits 64 bits is an integer.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([CanonicalJSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: CanonicalJSON].self))
    }
  }

  /// Writes the value (not necessarily canonically; use `bytes()` for that).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .integer(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }
}
