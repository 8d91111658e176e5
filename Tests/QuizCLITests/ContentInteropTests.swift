import Foundation
import QuizContent
import QuizCore
import Testing

@testable import QuizCLI

/// `content import` and `content export` as an instructor uses them: a Moodle bank comes in
/// and lints clean, a bad file changes nothing, and what an export cannot say is listed.
@Suite struct ContentInteropTests {
  /// Moodle's fixture files, kept with the content tests.
  static let moodle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("QuizContentTests/Fixtures")

  static func copiedCourse() throws -> (folder: URL, course: String) {
    let folder = try CLI.temporaryFolder()
    let course = folder.appendingPathComponent("course")
    try FileManager.default.copyItem(atPath: CLI.course, toPath: course.path)
    return (folder, course.path)
  }

  /// Every file of a folder and its bytes, to show that nothing changed.
  static func snapshot(_ folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let path = enumerator?.nextObject() as? String {
      let full = (folder as NSString).appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
        files[path] = try Data(contentsOf: URL(fileURLWithPath: full))
      }
    }
    return files
  }

  @Test func moodlesGIFTFileComesInAndTheCourseLintsClean() throws {
    let (folder, course) = try Self.copiedCourse()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = Self.moodle.appendingPathComponent("moodle-gift/questions.gift.txt").path
    let result = try CLI.run(["content", "import", "gift", file, "--lesson", "extra", "--content", course])
    #expect(result.status == 0, "\(result.stderr)")
    let bank = (course as NSString).appendingPathComponent("questions/imported-questions.yaml")
    #expect(FileManager.default.fileExists(atPath: bank))
    #expect(result.stdout.contains("已从 \(file) 导入 9 道题，写入 \(bank)"))
    // The numeric question's catch-all feedback is reported at its line.
    #expect(result.stderr.contains("questions.gift.txt:31:38: 警告：“其他任何数值”的反馈"))
    let lint = try CLI.run(["content", "lint", course])
    #expect(lint.status == 0, "\(lint.stdout)")
    let loaded = try #require(CourseLoader().load(folder: course).course)
    #expect(loaded.questions(in: "extra").filter { $0.id.hasPrefix("extra.") }.count >= 9)
    let preview = try CLI.run(["content", "preview", "extra.moodle-activities", "--content", course])
    #expect(preview.status == 0 && preview.stdout.contains("Match the **activity**") == false)
    #expect(preview.stdout.contains("Forum"))
    // Importing again would take the same file name: refused, nothing changed.
    let before = try Self.snapshot(course)
    let again = try CLI.run(["content", "import", "gift", file, "--lesson", "extra", "--content", course])
    #expect(again.status == 73 && again.stderr.contains("已经存在，没有覆盖"))
    #expect(try Self.snapshot(course) == before)
  }

  @Test func aMalformedFileIsLocatedAndNothingIsWritten() throws {
    let (folder, course) = try Self.copiedCourse()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("bad.gift")
    try Data("// 第一题没问题\n逾期 90 天以上属于不良贷款。{T}\n\n电话催收时可以联系谁？{\n=借款人本人\n~%abc%邻居\n}\n".utf8).write(to: file)
    let before = try Self.snapshot(course)
    let result = try CLI.run(["content", "import", "gift", file.path, "--lesson", "extra", "--content", course])
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.gift:6:2: 错误：`%abc%` 不是得分比例"), "\(result.stderr)")
    #expect(result.stderr.contains("没有写入任何文件"))
    #expect(try Self.snapshot(course) == before)
  }

  @Test func typosFailLoudlyAndChangeNothing() throws {
    let (folder, course) = try Self.copiedCourse()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = Self.moodle.appendingPathComponent("moodle-gift/questions.gift.txt").path
    let before = try Self.snapshot(course)
    let lesson = try CLI.run(["content", "import", "gift", file, "--lesson", "extar", "--content", course])
    #expect(lesson.status == 64 && lesson.stderr.contains("extar"))
    let format = try CLI.run(["content", "import", "gfit", file, "--lesson", "extra", "--content", course])
    #expect(format.status == 64)
    let missing = try CLI.run(["content", "import", "gift", file + ".nope", "--lesson", "extra", "--content", course])
    #expect(missing.status == 66)
    let latin1 = folder.appendingPathComponent("latin1.gift")
    try Data([0x51, 0x20, 0xE9, 0x7B, 0x54, 0x7D]).write(to: latin1)
    let encoding = try CLI.run(["content", "import", "gift", latin1.path, "--lesson", "extra", "--content", course])
    #expect(encoding.status == 65 && encoding.stderr.contains("不是 UTF-8 编码（第 3 个字节）"), "\(encoding.stderr)")
    let export = try CLI.run(["content", "export", "gift", "--lesson", "extar", "--out", "-", "--content", course])
    #expect(export.status == 64)
    #expect(try Self.snapshot(course) == before)
  }

  @Test func aikenAndMoodleXMLComeInToo() throws {
    let (folder, course) = try Self.copiedCourse()
    defer { try? FileManager.default.removeItem(at: folder) }
    let aiken = Self.moodle.appendingPathComponent("moodle-aiken/questions.aiken.txt").path
    let a = try CLI.run(["content", "import", "aiken", aiken, "--lesson", "basics", "--content", course])
    #expect(a.status == 0, "\(a.stderr)")
    let xml = Self.moodle.appendingPathComponent("moodle-xml/nested_categories_with_questions.xml").path
    let x = try CLI.run(["content", "import", "moodle-xml", xml, "--lesson", "basics", "--content", course])
    #expect(x.status == 0, "\(x.stderr)")
    #expect(try CLI.run(["content", "lint", course]).status == 0)
  }

  @Test func exportThenImportGivesTheQuestionsBackAndLossesAreListed() throws {
    let course = try #require(CourseLoader().load(folder: CLI.course).course)
    for format in ["gift", "moodle-xml"] {
      let folder = try CLI.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let out = folder.appendingPathComponent("bank.\(format)").path
      let export = try CLI.run(["content", "export", format, "--out", out, "--content", CLI.course])
      #expect(export.status == 0, "\(export.stderr)")
      let back = try CLI.run([
        "content", "import", format, out, "--lesson", "basics", "--out", "-", "--content", CLI.course,
      ])
      #expect(back.status == 0, "\(back.stderr)")
      let (questions, diagnostics) = CourseLoader.parseQuestionBank(back.stdout, file: "back.yaml")
      #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
      let ordering = course.questions.filter { $0.type == .ordering }.count
      #expect(questions.count == course.questions.count - (format == "gift" ? ordering : 0))
      // Every question comes back with its prompt; the lossy ones are named on the way out.
      #expect(Set(questions.map(\.prompt)).isSubset(of: Set(course.questions.map(\.prompt))))
      for question in course.questions where question.source?.heading != nil {
        #expect(export.stderr.contains(question.id), "\(format): \(question.id) loses its source section")
      }
    }
  }

  @Test func goldenGIFTImport() throws {
    let file = Self.moodle.appendingPathComponent("moodle-gift/questions.gift.txt").path
    let arguments = ["content", "import", "gift", file, "--lesson", "extra", "--out", "-", "--content", CLI.course]
    let result = try CLI.run(arguments)
    let relative = ["content", "import", "gift", "questions.gift.txt", "--lesson", "extra", "--out", "-"]
    try CLI.expectGolden(
      "instructor-gift-import",
      CLI.transcript(relative, result: result).replacingOccurrences(of: Self.moodle.path + "/moodle-gift/", with: ""))
  }
}
