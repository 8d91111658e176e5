import Foundation
import Testing

/// Exit statuses and messages that scripts and people rely on.
@Suite struct ExitStatusTests {
  @Test func lintOfABrokenCourseExits65WithLocatedErrors() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let course = folder.appendingPathComponent("course")
    try FileManager.default.copyItem(atPath: CLI.course, toPath: course.path)
    try Data("- id: Bad Id\n  lesson: basics\n".utf8).write(to: course.appendingPathComponent("questions/bad.yaml"))
    let result = try CLI.run(["content", "lint", "--lang", "en", course.path])
    #expect(result.status == 65)
    #expect(result.stdout.contains("questions/bad.yaml:1:7: error: question id `Bad Id` may only use"))
    #expect(result.stdout.contains("questions/bad.yaml:1:3: error: a question is missing the required field `type`"))
    let chinese = try CLI.run(["content", "lint", course.path])
    #expect(chinese.status == 65)
    #expect(chinese.stdout.contains("questions/bad.yaml:1:3: 错误：题目缺少必填字段 `type`"))
    let json = try CLI.run(["content", "lint", "--format", "json", course.path])
    let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let finding = (report?["findings"] as? [[String: Any]])?.first {
      ($0["line"] as? Int) == 1 && ($0["column"] as? Int) == 7
    }
    #expect(finding?["message"] as? String == "question id `Bad Id` may only use a-z, 0-9, `.` and `-`")
    #expect(finding?["message_zh"] as? String == "题目 id `Bad Id` 只能使用 a-z、0-9、`.` 和 `-`")
  }

  @Test func strictTurnsWarningsIntoFailure() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let course = folder.appendingPathComponent("course")
    try FileManager.default.copyItem(atPath: CLI.course, toPath: course.path)
    try FileManager.default.removeItem(at: course.appendingPathComponent("questions/extra.yaml"))
    // Its exam draws the true/false question that file held: without it the draw is an error.
    try FileManager.default.removeItem(at: course.appendingPathComponent("exams"))
    #expect(try CLI.run(["content", "lint", course.path]).status == 0)
    let strict = try CLI.run(["content", "lint", "--strict", course.path])
    #expect(strict.status == 65)
    #expect(strict.stdout.contains("警告：课文 `extra` 还没有任何题目"))
  }

  @Test func lintJSONListsFindings() throws {
    let result = try CLI.run(["content", "lint", "--format", "json", CLI.course])
    #expect(result.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(json?["ok"] as? Bool == true)
    #expect(json?["questions"] as? Int == 6)
    #expect((json?["findings"] as? [Any])?.isEmpty == true)
  }

  @Test func missingContentFolderExits66() throws {
    let result = try CLI.run(["lessons", "--content", "/nonexistent/course"])
    #expect(result.status == 66)
    #expect(result.stderr.contains("找不到课程内容文件夹：/nonexistent/course"))
    let english = try CLI.run(["lessons", "--content", "/nonexistent/course", "--lang", "en"])
    #expect(english.stderr.contains("content folder not found: /nonexistent/course"))
  }

  @Test func aBrokenCourseIsNotStudied() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let course = folder.appendingPathComponent("course")
    try FileManager.default.copyItem(atPath: CLI.course, toPath: course.path)
    try Data("- [".utf8).write(to: course.appendingPathComponent("questions/bad.yaml"))
    let result = try CLI.run(["lessons", "--content", course.path])
    #expect(result.status == 65)
    #expect(result.stderr.contains("content lint"))
  }

  @Test func usageErrorsExit64() throws {
    #expect(try CLI.run(["lessons", "--lang", "fr"]).status == 64)
    #expect(try CLI.run(["nosuchcommand", "--content", CLI.course]).status == 64)
  }

  @Test(arguments: [
    ["--help"], ["lessons", "--help"], ["read", "--help"], ["content", "lint", "--help"],
    ["content", "dump", "--help"], ["study", "--help"],
  ])
  func everyCommandHasHelp(_ arguments: [String]) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 0)
    #expect(result.stdout.contains("用法："), "Chinese by default")
    #expect(!result.stdout.contains("USAGE") && !result.stdout.contains("Show help information"))
    if arguments.count > 1 || arguments == ["--help"] {
      #expect(result.stdout.contains("--content") || result.stdout.contains("子命令"))
    }
    let english = try CLI.run(arguments + ["--lang", "en"])
    #expect(english.stdout.contains("USAGE:"))
    let han = english.stdout.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }
    #expect(han.isEmpty, "\(english.stdout)")
  }

  @Test func argumentErrorsAndUnknownCommandsSpeakTheInterfaceLanguage() throws {
    let typo = try CLI.run(["reprot"])
    #expect(typo.status == 64)
    #expect(typo.stderr.contains("没有命令 reprot；你是想输入 report 吗？"))
    #expect(!typo.stdout.contains("贷款回收"), "the study shell does not open on a typo")
    let english = try CLI.run(["reprot", "--lang", "en"])
    #expect(english.stderr.contains("unknown command `reprot`; did you mean `report`?"))
    // A mistyped subcommand is named as such, with the one meant, at any depth.
    let sub = try CLI.run(["admin", "grad", "--content", CLI.course])
    #expect(sub.status == 64 && sub.stderr.contains("没有命令 grad；你是想输入 admin grade 吗？"), "\(sub.stderr)")
    let deep = try CLI.run(["admin", "audit", "verfy"])
    #expect(deep.status == 64 && deep.stderr.contains("admin audit verify"))
    let none = try CLI.run(["cert", "zzzzzz"])
    #expect(none.status == 64 && none.stderr.contains("list, show, export, verify"))
    #expect(try CLI.run(["admin", "grade", "--help"]).status == 0)
    let missing = try CLI.run(["practice"])
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("错误：缺少参数 --answers"))
    let invalid = try CLI.run(["practice", "--answers", "-", "--count", "x"])
    #expect(invalid.stderr.contains("--count <count> 的取值 x 无效"))
  }

  @Test func versionIsPrinted() throws {
    let result = try CLI.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
  }

  @Test func dumpIsJSONWithHashes() throws {
    let result = try CLI.run(["content", "dump", CLI.course])
    #expect(result.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let questions = try #require(json["questions"] as? [[String: Any]])
    #expect(
      questions.map { $0["id"] as? String } == [
        "b.first-step", "b.letter-contents", "b.dso", "b.phone-steps", "b.routes", "e.letter",
      ])
    #expect(questions.allSatisfy { ($0["hash"] as? String)?.count == 64 })
    let lessons = try #require(json["lessons"] as? [[String: Any]])
    #expect(lessons.first?["sections"] as? [String] == ["电话催收", "函件催收"])
  }

  @Test func controlCharactersInContentAreShownInert() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let course = folder.appendingPathComponent("course")
    try FileManager.default.copyItem(atPath: CLI.course, toPath: course.path)
    let lesson = course.appendingPathComponent("lessons/extra.md")
    var text = try String(contentsOf: lesson, encoding: .utf8)
    text += "\n危险\u{1B}[2J\u{1B}]0;title\u{07}文字\n"
    try Data(text.utf8).write(to: lesson)
    let result = try CLI.run(["read", "extra", "--content", course.path])
    #expect(result.status == 0)
    #expect(!result.stdout.contains("\u{1B}"))
    #expect(result.stdout.contains("危险␛[2J"))
  }

  @Test func plainOutputHasNoDecorationsAScreenReaderWouldSpellOut() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let read = try CLI.run(["read", "basics", "--content", CLI.course])
    let shell = try CLI.run(["--content", CLI.course, "--learner", "x"], input: "progress\nquit\n", dataDir: data)
    for output in [read.stdout, shell.stdout] {
      for mark in ["┌", "│", "─", "▰", "▱", "■", "▸"] {
        #expect(!output.contains(mark), "plain output contains \(mark)")
      }
    }
    #expect(read.stdout.contains("方式：挂号信；留存证据：寄送凭证与签收记录"), "tables read row by row")
  }

  @Test func hugeLessonNumbersAreUsageErrorsNotCrashes() throws {
    for arguments in [
      ["read", "-9223372036854775808"], ["read", "basics", "-9223372036854775808"], ["read", "99999999999999999999"],
    ] {
      let result = try CLI.run(arguments + ["--content", CLI.course])
      #expect(result.status == 64, "\(arguments): \(result.stderr)")
    }
  }

  @Test func aLearnerNameCannotCarryEscapeSequences() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let result = try CLI.run(
      ["--content", CLI.course, "--learner", "\u{1B}[31m王五"], input: "y\nlearner\nquit\n", dataDir: data)
    #expect(result.status == 0)
    #expect(!result.stdout.contains("\u{1B}"))
    #expect(result.stdout.contains("* [31m王五"))
  }

  @Test func booleanAnswersInGradeFilesAreTrueOrFalse() throws {
    let input =
      #"{"question": "e.letter", "answer": true}"# + "\n" + #"{"question": "e.letter", "answer": false}"# + "\n"
    let result = try CLI.run(["grade", "--responses", "-", "--content", CLI.course], input: input)
    let outcomes = result.stdout.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["outcome"] as? String
    }
    #expect(outcomes == ["correct", "incorrect"])
  }
}
