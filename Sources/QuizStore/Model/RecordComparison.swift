import Foundation

/// Compares what two stores read back, to the precision they keep: dates to the millisecond
/// (SQLite keeps them as text, PostgreSQL in microseconds, and the same instant can come back
/// as doubles a few units apart), everything else exactly.
package enum RecordComparison {
  /// Whether `a` and `b` are the same records.
  package static func same<T>(_ a: T, _ b: T) -> Bool { canonical(a) == canonical(b) }

  /// A text that two records share exactly when they are the same to that precision.
  package static func canonical(_ value: Any) -> String {
    if let date = value as? Date { return "@\(Int64((date.timeIntervalSince1970 * 1000).rounded()))" }
    if let text = value as? String { return "\"\(text)\"" }
    if let number = value as? Double { return "\(number)" }
    // Equal bytes may be kept in different internal forms: compare the bytes.
    if let data = value as? Data { return "#" + data.base64EncodedString() }
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .optional:
      return mirror.children.first.map { canonical($0.value) } ?? "nil"
    case .set:
      return "{" + mirror.children.map { canonical($0.value) }.sorted().joined(separator: ",") + "}"
    case .dictionary:
      return "[" + mirror.children.map { canonical($0.value) }.sorted().joined(separator: ",") + "]"
    case .collection, .tuple:
      return "(" + mirror.children.map { canonical($0.value) }.joined(separator: ",") + ")"
    case .struct, .class, .enum:
      if mirror.children.isEmpty { return "\(value)" }
      return "\(mirror.subjectType)("
        + mirror.children.map { "\($0.label ?? ""):\(canonical($0.value))" }
        .joined(separator: ",") + ")"
    default:
      return "\(value)"
    }
  }
}
