import Foundation
import QuizContent
import Testing

/// Inputs meant to break a parser: every one must end in a located error, never a crash,
/// a hang or the memory of the machine.
@Suite struct HostileInputTests {
  @Test func billionLaughsIsRefusedAtTheFirstAnchor() {
    var yaml = "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in 1..<10 {
      let previous = "*\(level == 1 ? "a" : "l\(level - 1)")"
      yaml += "- &l\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
    }
    let (questions, diagnostics) = CourseLoader.parseQuestionBank(yaml, file: "bomb.yaml")
    #expect(questions.isEmpty)
    #expect(diagnostics.contains { $0.message.contains("anchors and aliases") && $0.line == 1 })
  }

  @Test func deepNestingIsAnErrorNotAStackOverflow() {
    let depth = 100_000
    let yaml = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let (questions, diagnostics) = CourseLoader.parseQuestionBank(yaml, file: "deep.yaml")
    #expect(questions.isEmpty)
    #expect(diagnostics.contains { $0.severity == .error && $0.line >= 1 && $0.column >= 1 })
  }

  @Test func emptyAndBlankFilesGiveAWarning() {
    for text in ["", "\n\n", "# only a comment\n"] {
      let (questions, diagnostics) = CourseLoader.parseQuestionBank(text, file: "empty.yaml")
      #expect(questions.isEmpty)
      #expect(diagnostics.map(\.message) == ["the file holds no questions"])
    }
  }

  @Test func nulBytesAndControlCharactersAreLocated() {
    let yaml = "- id: a\n  prompt: x\u{0}y\n"
    let (_, diagnostics) = CourseLoader.parseQuestionBank(yaml, file: "nul.yaml")
    let error = diagnostics.first { $0.severity == .error }
    #expect(error?.line == 2)
  }

  @Test func aHundredMegabyteFileIsRefusedBeforeReading() throws {
    let parent = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let course = try Fixtures.brokenCourse("warnings", in: parent)
    let huge = course.appendingPathComponent("questions/huge.yaml")
    FileManager.default.createFile(atPath: huge.path, contents: nil)
    let handle = try FileHandle(forWritingTo: huge)
    try handle.truncate(atOffset: 100 * 1024 * 1024)  // sparse: no 100 MB written to disk
    try handle.close()
    let result = CourseLoader().load(folder: course.path)
    let error = result.errors.first { $0.file.hasSuffix("huge.yaml") }
    #expect(error?.message.contains("too large") == true)
    #expect(result.course == nil)
  }

  @Test func aLessonWithoutFrontMatterIsLocated() {
    let (lesson, diagnostics) = CourseLoader.parseLesson("# 标题\n正文\n", file: "l.md")
    #expect(lesson == nil)
    #expect(diagnostics.first?.line == 1)
    #expect(diagnostics.first?.message.contains("front matter") == true)
  }

  @Test func anUnclosedFrontMatterIsLocated() {
    let (lesson, diagnostics) = CourseLoader.parseLesson("---\nid: a\ntitle: b\n", file: "l.md")
    #expect(lesson == nil)
    #expect(diagnostics.first?.message.contains("not closed") == true)
  }

  @Test func frontMatterErrorsPointAtTheFileLine() {
    let text = "---\nid: a\ntitle: b\nobjectives: [x]\nminutes: -3\n---\n\n## 一\n正文\n"
    let (lesson, diagnostics) = CourseLoader.parseLesson(text, file: "l.md")
    #expect(lesson == nil)
    #expect(diagnostics.map(\.line) == [5])
    #expect(diagnostics.first?.column == 10)
  }

  @Test func lessonSectionsAreTheHeadingsWithTheirLines() throws {
    let text = "---\nid: a\ntitle: b\nobjectives: [x]\nminutes: 3\n---\n\n## 一\n正文\n\n```\n## 不是标题\n```\n\n### 二 ###\n"
    let (lesson, diagnostics) = CourseLoader.parseLesson(text, file: "l.md")
    #expect(diagnostics.isEmpty)
    let sections = try #require(lesson?.sections)
    #expect(sections.map(\.title) == ["一", "二"])
    #expect(sections.map(\.level) == [2, 3])
    #expect(sections.map(\.line) == [2, 9])
  }
}
