import Foundation

/// Test helpers: the fixture folders, temporary course folders, and the built-in course.
enum Fixtures {
  static let root = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

  /// The repository's `content/` folder (tests run from the package).
  static let builtInContent = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("content")

  /// The names of the broken-course fixtures.
  static var brokenNames: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("broken").path)) ?? []
    return names.sorted()
  }

  /// A fresh temporary folder, removed by the caller with `cleanUp`.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Copies the base course into `<parent>/course` and lays the named fixture's files over it.
  static func brokenCourse(_ name: String, in parent: URL) throws -> URL {
    let course = parent.appendingPathComponent("course")
    try copyTree(from: root.appendingPathComponent("base"), to: course)
    try copyTree(from: root.appendingPathComponent("broken/\(name)"), to: course)
    try? FileManager.default.removeItem(at: course.appendingPathComponent("expected.txt"))
    return course
  }

  /// Copies every file under `source` into `destination`, replacing files of the same name.
  static func copyTree(from source: URL, to destination: URL) throws {
    let manager = FileManager.default
    try manager.createDirectory(at: destination, withIntermediateDirectories: true)
    for name in try manager.contentsOfDirectory(atPath: source.path) {
      let from = source.appendingPathComponent(name)
      let to = destination.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      manager.fileExists(atPath: from.path, isDirectory: &isDirectory)
      if isDirectory.boolValue {
        try copyTree(from: from, to: to)
      } else {
        try? manager.removeItem(at: to)
        try manager.copyItem(at: from, to: to)
      }
    }
  }

  static func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }
}
