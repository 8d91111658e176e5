import QuizCore

/// Why a course could not be read at all (as opposed to problems inside its files).
public enum ContentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The folder does not exist.
  case folderNotFound(String)
  /// No `course.yaml` in the folder, nor in exactly one subfolder.
  case noCourse(String)
  /// Several courses found where one was expected.
  case severalCourses(String, [String])
  /// The course has errors; the diagnostics say which.
  case invalid([Diagnostic])

  /// A message a person can act on (English).
  public var description: String { message(.en) }

  /// The message in a language.
  public func message(_ language: Language) -> String {
    switch self {
    case .folderNotFound(let path):
      language.text("content.folder-not-found", path)
    case .noCourse(let path):
      language.text("content.no-course", path)
    case .severalCourses(let path, let ids):
      language.text("content.several-courses", path, ids.joined(separator: ", "))
    case .invalid(let diagnostics):
      language.text("content.invalid", "\(diagnostics.filter { $0.severity == .error }.count)")
    }
  }
}
