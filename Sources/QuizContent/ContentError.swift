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

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .folderNotFound(let path):
      "content folder not found: \(path)"
    case .noCourse(let path):
      "no course found in \(path): expected \(path)/course.yaml or \(path)/<course-id>/course.yaml"
    case .severalCourses(let path, let ids):
      "\(path) holds several courses (\(ids.joined(separator: ", "))); pass one of their folders"
    case .invalid(let diagnostics):
      "the course has \(diagnostics.filter { $0.severity == .error }.count) error(s); run `recovery-trainer content lint` to list them"
    }
  }
}
