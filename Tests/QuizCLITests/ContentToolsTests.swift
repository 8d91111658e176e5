import Foundation
import QuizContent
import QuizCore
import Testing

@testable import QuizCLI

/// `content preview` and `content stats` as an instructor uses them.
@Suite struct ContentToolsTests {
  @Test func aPreviewShowsTheQuestionTheKeyEveryOptionsFeedbackAndTheExplanation() throws {
    let result = try CLI.run(["content", "preview", "b.first-step", "--content", CLI.course])
    #expect(result.status == 0)
    let text = result.stdout
    #expect(text.contains("首次电话联系时应当先做什么？") && text.contains("A. 核实身份") && text.contains("B. 威胁起诉"))
    #expect(text.contains("答案：A. 核实身份"))
    #expect(text.contains("解析：先核实身份，避免泄露债务信息。"))
    #expect(text.contains("b.first-step · 单选 · 难度"))
    let open = try CLI.run(["content", "preview", "b.routes", "--content", CLI.course])
    #expect(open.status == 0 && open.stdout.contains("电话催收和函件催收"), "an open question shows its model answer")
    let typo = try CLI.run(["content", "preview", "b.frist-step", "--content", CLI.course])
    #expect(typo.status == 66 && typo.stderr.contains("你是想输入 b.first-step 吗"))
  }

  @Test func statsCountTheBankAndListWhatNoQuestionCovers() throws {
    let stats = BankStats(SessionHostTests.course)
    #expect(stats.total == SessionHostTests.course.questions.count)
    #expect(stats.byLesson.map(\.id) == ["basics", "extra"] && stats.byLesson.map(\.count).reduce(0, +) == stats.total)
    #expect(stats.byType.map(\.count).reduce(0, +) == stats.total)
    #expect(stats.uncoveredSections.isEmpty, "every section of the fixture is some question's source")
    // Without the letter questions, the letters section is uncovered.
    var course = SessionHostTests.course
    course.questions.removeAll { $0.source?.description == "basics#函件催收" }
    #expect(BankStats(course).uncoveredSections == ["basics#函件催收"])
    course.questions.removeAll { $0.lesson == "extra" }
    #expect(BankStats(course).emptyLessons == ["extra"])
    let json = try CLI.run(["content", "stats", "--format", "json", "--content", CLI.course])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["questions"] as? Int == stats.total)
    #expect((object["uncovered_sections"] as? [String]) == stats.uncoveredSections)
  }

  @Test func aNewQuestionOfEveryTypeIsATemplateTheCourseStillLintsCleanWith() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let course = folder.appendingPathComponent("course")
    try FileManager.default.copyItem(atPath: CLI.course, toPath: course.path)
    for type in QuestionType.allCases {
      let result = try CLI.run([
        "content", "new", "question", "--type", type.rawValue, "--lesson", "extra", "--content", course.path,
      ])
      #expect(result.status == 0, "\(type): \(result.stderr)")
    }
    let lint = try CLI.run(["content", "lint", "--strict", course.path])
    #expect(lint.status == 0, "\(lint.stdout)")
    let loaded = try #require(CourseLoader().load(folder: course.path).course)
    #expect(loaded.questions.filter { $0.id.hasPrefix("extra.new-") }.count == QuestionType.allCases.count)
    #expect(try CLI.run(["content", "preview", "extra.new-1", "--content", course.path]).status == 0)
    // A taken id or a wrong type changes nothing.
    let bank = course.appendingPathComponent("questions/extra.yaml")
    let before = try Data(contentsOf: bank)
    #expect(
      try CLI.run([
        "content", "new", "question", "--type", "single", "--lesson", "extra", "--id", "e.letter", "--content",
        course.path,
      ])
      .status == 65)
    #expect(
      try CLI.run(["content", "new", "question", "--type", "essay", "--lesson", "extra", "--content", course.path])
        .status == 64)
    #expect(
      try CLI.run(["content", "new", "question", "--type", "single", "--lesson", "extr", "--content", course.path])
        .status == 64)
    #expect(try Data(contentsOf: bank) == before)
  }
}
