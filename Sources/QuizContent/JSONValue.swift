/// A JSON value with ordered object keys, written deterministically.
///
/// Used for `content dump` and for the canonical form that question hashes are taken of,
/// so the same question always gives the same bytes.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.serialized() == rhs.serialized()
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(serialized())
  }

  /// Compact JSON text; object keys in the order given, or sorted when `sortedKeys`.
  public func serialized(sortedKeys: Bool = false) -> String {
    var output = ""
    write(to: &output, sortedKeys: sortedKeys, indent: nil, level: 0)
    return output
  }

  /// JSON text indented by two spaces, for people.
  public func prettyPrinted() -> String {
    var output = ""
    write(to: &output, sortedKeys: false, indent: "  ", level: 0)
    return output
  }

  private func write(to output: inout String, sortedKeys: Bool, indent: String?, level: Int) {
    let newline = indent == nil ? "" : "\n"
    let pad = { (n: Int) in String(repeating: indent ?? "", count: n) }
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .number(let value): output += Self.format(value)
    case .string(let value): Self.writeString(value, to: &output)
    case .array(let items):
      if items.isEmpty {
        output += "[]"
        return
      }
      output += "[" + newline
      for (index, item) in items.enumerated() {
        output += pad(level + 1)
        item.write(to: &output, sortedKeys: sortedKeys, indent: indent, level: level + 1)
        output += (index < items.count - 1 ? "," : "") + newline
      }
      output += pad(level) + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        output += "{}"
        return
      }
      let ordered = sortedKeys ? pairs.sorted { $0.0 < $1.0 } : pairs
      output += "{" + newline
      for (index, pair) in ordered.enumerated() {
        output += pad(level + 1)
        Self.writeString(pair.0, to: &output)
        output += indent == nil ? ":" : ": "
        pair.1.write(to: &output, sortedKeys: sortedKeys, indent: indent, level: level + 1)
        output += (index < ordered.count - 1 ? "," : "") + newline
      }
      output += pad(level) + "}"
    }
  }

  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }

  static func writeString(_ value: String, to output: inout String) {
    output += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value):
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }
}
