import Foundation
import QuizContent
import Testing

/// One broken course per kind of mistake an instructor makes; each must be reported with
/// the exact message, line and column in `expected.txt` beside it.
@Suite struct LintFixtureTests {
  @Test func baseCourseIsClean() throws {
    let result = CourseLoader().load(folder: Fixtures.root.appendingPathComponent("base").path)
    #expect(result.diagnostics.isEmpty)
    #expect(result.course?.questions.count == 2)
    #expect(result.course?.lessons.map(\.id) == ["basics", "extra"])
  }

  @Test(arguments: Fixtures.brokenNames)
  func brokenCourseReportsEveryProblemWithItsLocation(_ name: String) throws {
    let parent = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let course = try Fixtures.brokenCourse(name, in: parent)
    let result = CourseLoader().load(folder: course.path)
    let prefix = parent.path + "/"
    let actual = result.diagnostics.map { $0.description.replacingOccurrences(of: prefix, with: "") }
    let expectedText = try String(
      contentsOf: Fixtures.root.appendingPathComponent("broken/\(name)/expected.txt"), encoding: .utf8)
    let expected = expectedText.split(separator: "\n").map(String.init)
    #expect(actual == expected)
    #expect(!expected.isEmpty)
    if expected.contains(where: { $0.contains(": error: ") }) {
      #expect(result.course == nil, "a course with errors must not be usable")
    } else {
      #expect(result.course != nil)
    }
  }
}
