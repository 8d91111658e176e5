import QuizCore

/// A problem found in course content, with the place it was found.
///
/// Printed as `path:line:column: error: message`, the form editors and CI logs understand;
/// `description(_:)` prints it in the interface language (`path:line:column: 错误：…`).
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// How serious a problem is.
  public enum Severity: String, Sendable, Hashable, Codable {
    /// The course cannot be used as it is.
    case error
    /// The course works, but something is probably a mistake (an error under `--strict`).
    case warning

    /// `error` or `warning`, in `language` (错误, 警告).
    public func name(_ language: Language) -> String {
      switch self {
      case .error: language.pick("错误", "error")
      case .warning: language.pick("警告", "warning")
      }
    }
  }

  /// The file, as a path relative to the course folder's parent when possible.
  public var file: String
  /// 1-based line; 0 when the problem concerns the whole file.
  public var line: Int
  /// 1-based column, counted in characters; 0 when the problem concerns the whole line.
  public var column: Int
  /// Error or warning.
  public var severity: Severity
  /// What is wrong, renderable in either language.
  public var problem: ContentProblem

  /// Creates a diagnostic.
  public init(file: String, line: Int, column: Int, severity: Severity, problem: ContentProblem) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.problem = problem
  }

  /// What is wrong and, when it helps, what to do, in English: the text tools rely on.
  public var message: String { problem.message(.en) }

  /// What is wrong and, when it helps, what to do, in `language`.
  public func message(_ language: Language) -> String { problem.message(language) }

  /// `path:line:column: severity: message`, in English.
  public var description: String { description(.en) }

  /// `path:line:column: severity: message` with the severity and message in `language`; the
  /// Chinese form is `path:line:column: 错误：message`.
  public func description(_ language: Language) -> String {
    let place = "\(file):\(max(line, 1)):\(max(column, 1)): "
    return place + severity.name(language) + language.pick("：", ": ") + message(language)
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

  mutating func error(_ problem: ContentProblem, at location: SourceLocation) {
    append(problem, severity: .error, at: location)
  }

  mutating func warning(_ problem: ContentProblem, at location: SourceLocation) {
    append(problem, severity: .warning, at: location)
  }

  mutating func append(contentsOf other: [Diagnostic]) {
    diagnostics.append(contentsOf: other)
  }

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  private mutating func append(_ problem: ContentProblem, severity: Diagnostic.Severity, at location: SourceLocation) {
    diagnostics.append(
      Diagnostic(
        file: location.file, line: location.line, column: location.column, severity: severity, problem: problem))
  }
}
