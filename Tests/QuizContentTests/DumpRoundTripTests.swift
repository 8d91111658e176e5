import Foundation
import QuizCore
import Testing

@testable import QuizContent

/// `content dump` writes questions an author can put back in a bank: the built-in course,
/// dumped and loaded again, is the same course; question hashes do not change.
@Suite struct DumpRoundTripTests {
  @Test func theBuiltInCourseSurvivesDumpAndLoad() throws {
    let folder = try CourseLoader.locateCourse(in: Fixtures.builtInContent.path)
    let original = try #require(CourseLoader().load(folder: folder).course)
    let parent = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let copy = parent.appendingPathComponent("course")
    try FileManager.default.createDirectory(
      at: copy.appendingPathComponent("questions"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: (folder as NSString).appendingPathComponent("course.yaml"),
      toPath: copy.appendingPathComponent("course.yaml").path)
    try FileManager.default.copyItem(
      atPath: (folder as NSString).appendingPathComponent("lessons"),
      toPath: copy.appendingPathComponent("lessons").path)
    // One bank per lesson, each entry exactly as `content dump` prints it, less its hash.
    for lesson in original.lessons {
      let entries = original.questions(in: lesson.id).map {
        CourseJSON.value(of: $0, withHash: false).serialized(sortedKeys: false)
      }
      guard !entries.isEmpty else { continue }
      let text = "[\n" + entries.joined(separator: ",\n") + "\n]\n"
      try Data(text.utf8).write(to: copy.appendingPathComponent("questions/\(lesson.id).yaml"))
    }
    let result = CourseLoader().load(folder: copy.path)
    #expect(result.errors.isEmpty, "\(result.errors.prefix(5))")
    let loaded = try #require(result.course)
    let byID = Dictionary(uniqueKeysWithValues: loaded.questions.map { ($0.id, $0) })
    #expect(loaded.questions.count == original.questions.count)
    for question in original.questions {
      #expect(byID[question.id] == question, "\(question.id)")
      #expect(byID[question.id].map(CourseJSON.hash(of:)) == CourseJSON.hash(of: question))
    }
    #expect(loaded.lessons == original.lessons)
  }

  @Test func choiceFractionsThatAddUpWithinTheToleranceLoadAndGradeFullyRight() throws {
    let parent = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let course = parent.appendingPathComponent("course")
    try Fixtures.copyTree(from: Fixtures.root.appendingPathComponent("base"), to: course)
    let bank = """
      - id: b.thirds
        lesson: basics
        type: multiple
        prompt: 选出三项。
        explanation: 三项各占三分之一。
        choices:
          - {text: 一, fraction: 0.333333}
          - {text: 二, fraction: 0.333333}
          - {text: 三, fraction: 0.333333}
          - {text: 四, fraction: -1}
      """
    try Data(bank.utf8).write(to: course.appendingPathComponent("questions/thirds.yaml"))
    let result = CourseLoader().load(folder: course.path)
    #expect(result.errors.isEmpty, "\(result.errors)")
    let question = try #require(result.course?.question(withID: "b.thirds"))
    let grade = Grader.grade(.choices([0, 1, 2]), for: question)
    #expect(grade.outcome == .correct && grade.fraction == 1)
  }
}
