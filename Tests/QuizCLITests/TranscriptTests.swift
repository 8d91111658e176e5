import Foundation
import Testing

/// Golden transcripts of the real executable, fed through pipes.
@Suite struct TranscriptTests {
  static let cases: [(name: String, arguments: [String])] = [
    ("lessons", ["lessons", "--content", "COURSE"]),
    ("read-lesson", ["read", "basics", "--content", "COURSE"]),
    ("read-section", ["read", "basics#函件催收", "--content", "COURSE"]),
    ("read-english", ["read", "1", "电话", "--lang", "en", "--content", "COURSE"]),
    ("read-unknown-lesson", ["read", "nosuch", "--content", "COURSE"]),
    ("lint-clean", ["content", "lint", "--strict", "COURSE"]),
  ]

  @Test(arguments: cases.map(\.name))
  func transcript(_ name: String) throws {
    let arguments = Self.cases.first { $0.name == name }!.arguments.map { $0 == "COURSE" ? CLI.course : $0 }
    let result = try CLI.run(arguments)
    let shown = arguments.map { $0 == CLI.course ? "Golden/course" : $0 }
    try CLI.expectGolden(
      name, CLI.transcript(shown, result: result).replacingOccurrences(of: CLI.course, with: "Golden/course"))
  }
}
