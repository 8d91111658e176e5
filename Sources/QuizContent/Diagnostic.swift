/// A problem found in course content, with the place it was found.
///
/// Printed as `path:line:column: error: message`, the form editors and CI logs understand.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// How serious a problem is.
  public enum Severity: String, Sendable, Hashable, Codable {
    /// The course cannot be used as it is.
    case error
    /// The course works, but something is probably a mistake (an error under `--strict`).
    case warning
  }

  /// The file, as a path relative to the course folder's parent when possible.
  public var file: String
  /// 1-based line; 0 when the problem concerns the whole file.
  public var line: Int
  /// 1-based column, counted in characters; 0 when the problem concerns the whole line.
  public var column: Int
  /// Error or warning.
  public var severity: Severity
  /// What is wrong and, when it helps, what to do.
  public var message: String

  /// Creates a diagnostic.
  public init(file: String, line: Int, column: Int, severity: Severity, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  /// `path:line:column: severity: message`.
  public var description: String {
    "\(file):\(max(line, 1)):\(max(column, 1)): \(severity.rawValue): \(message)"
  }

  /// Sorted by file, then line, then column, then message, as the lint command prints them.
  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
  }
}

/// A position in a source file.
public struct SourceLocation: Sendable, Hashable {
  /// The file path as shown in diagnostics.
  public var file: String
  /// 1-based line.
  public var line: Int
  /// 1-based column in characters.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
}

/// Collects diagnostics while content is read.
struct DiagnosticLog {
  private(set) var diagnostics: [Diagnostic] = []

  mutating func error(_ message: String, at location: SourceLocation) {
    diagnostics.append(
      Diagnostic(
        file: location.file, line: location.line, column: location.column, severity: .error,
        message: message))
  }

  mutating func warning(_ message: String, at location: SourceLocation) {
    diagnostics.append(
      Diagnostic(
        file: location.file, line: location.line, column: location.column, severity: .warning,
        message: message))
  }

  mutating func append(contentsOf other: [Diagnostic]) {
    diagnostics.append(contentsOf: other)
  }

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
