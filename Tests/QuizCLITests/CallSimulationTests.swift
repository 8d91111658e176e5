import Foundation
import Testing

/// Call simulations through the real executable, as a collector plays them: a compliant
/// call, one that crosses a red line (with free text, a typo and a number out of range on
/// the way), a partial one, and a call in an exam whose grade and debrief wait for the
/// submit. Golden transcripts of each.
@Suite struct CallSimulationTests {
  static let course = CLI.goldenSource.appendingPathComponent("call-course").path

  /// Plays `lines` at the course's call in practice and compares the transcript.
  static func practise(_ golden: String, _ lines: [String], learner: String = "张三") throws -> CLI.Result {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
    let arguments = ["practice", "calls", "--answers", file.path, "--learner", learner, "--content", course]
    let result = try CLI.run(arguments, dataDir: data)
    let transcript = CLI.transcript(arguments, result: result)
      .replacingOccurrences(of: file.path, with: "DATA/answers.txt")
      .replacingOccurrences(of: course, with: "Golden/call-course")
    try CLI.expectGolden(golden, CLI.stable(transcript, dataDir: data))
    return result
  }

  @Test func aCompliantCallEarnsFullCreditAndSaysWhy() throws {
    // Free text that names the right party, then numbers.
    let result = try Self.practise("call-compliant", ["您好，请问您是王建国本人吗？", "1", "1"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("✓ 正确") && result.stdout.contains("合规：没有违反任何规则"))
    #expect(!result.stdout.contains("最佳路径"), "the best call needs no best path")
  }

  @Test func aRedLineFailsTheCallAndTheDebriefNamesTheRuleAndItsTier() throws {
    let result = try Self.practise(
      "call-red-line", ["你逾期了必须还钱", "3", "不知道说什么", "1", "skip"], learner: "李四")
    #expect(result.status == 0)
    #expect(result.stdout.contains("请输入一个回复的编号（1–2）。"), "a number out of range is asked again")
    #expect(result.stdout.contains("✗ 错误"))
    #expect(result.stdout.contains("违反「不得向无关第三人透露债务信息」（法律"))
    #expect(result.stdout.contains("这是红线，本次通话不得分"))
    #expect(result.stdout.contains("最佳路径"))
  }

  @Test func aPartialCallScoresWhatItReached() throws {
    let result = try Self.practise("call-partial", ["1", "1", "2", "skip"], learner: "王五")
    #expect(result.status == 0)
    #expect(result.stdout.contains("◐ 部分正确"))
    #expect(result.stdout.contains("已达成：确认本人；未达成：承诺还款"))
  }

  @Test func aCallInAnExamIsGradedOnlyAfterSubmit() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data(["1", "2", "submit", "y"].joined(separator: "\n").utf8).write(to: file)
    let arguments = ["exam", "call-check", "--answers", file.path, "--learner", "赵六", "--content", Self.course]
    let result = try CLI.run(arguments, dataDir: data)
    #expect(result.status == 0, "\(result.stderr)")
    let submitted = try #require(result.stdout.range(of: "确定交卷"))
    let before = String(result.stdout[..<submitted.lowerBound])
    #expect(before.contains("已保存，交卷后评分"))
    #expect(
      !before.contains("✓") && !before.contains("✗") && !before.contains("复盘"), "no grade or debrief before submit")
    #expect(!before.contains("已达成"), "in an exam the call shows its time, not the goals reached")
    let after = String(result.stdout[submitted.upperBound...])
    #expect(after.contains("✗ 错误") && after.contains("违反「不得威胁、恐吓」") && after.contains("复盘"))
    let transcript = CLI.transcript(arguments, result: result)
      .replacingOccurrences(of: file.path, with: "DATA/answers.txt")
      .replacingOccurrences(of: Self.course, with: "Golden/call-course")
    try CLI.expectGolden(
      "call-exam",
      CLI.stable(transcript, dataDir: data)
        .replacingOccurrences(
          of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, with: "UUID",
          options: .regularExpression
        )
        .replacingOccurrences(of: #"剩余 \d+:\d\d"#, with: "剩余 M:SS", options: .regularExpression))
  }

  /// A proctored certification whose blueprint draws a call: the call's turns are signed as
  /// one answer, nothing is shown before the manager seals it, and the certificate verifies.
  @Test func aCallInAProctoredCertificationIsSignedSealedAndCertified() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let pass = data.appendingPathComponent("passphrase").path
    try Data("correct horse battery\n".utf8).write(to: URL(fileURLWithPath: pass))
    let answers = data.appendingPathComponent("answers.txt").path
    try Data("1\n1\n1\nsubmit\ny\n".utf8).write(to: URL(fileURLWithPath: answers))
    let home = data.appendingPathComponent("home")
    func run(_ arguments: [String]) throws -> CLI.Result {
      try CLI.run(arguments + ["--content", Self.course], dataDir: home)
    }
    #expect(try run(["admin", "init", "--passphrase-file", pass]).status == 0)
    let exam = try run(["exam", "call-cert", "--learner", "张三", "--answers", answers, "--passphrase-file", pass])
    #expect(exam.status == 0, "\(exam.stderr)")
    #expect(!exam.stdout.contains("✓") && !exam.stdout.contains("复盘"), "nothing before the results are released")
    #expect(try run(["admin", "audit", "verify"]).status == 0, "the call's signed answer verifies before grading")
    let graded = try run(["admin", "grade", "--passphrase-file", pass])
    #expect(graded.status == 0 && graded.stdout.contains("张三 · 通话认证：100%，通过"))
    let listed = try run(["cert", "list"])
    #expect(listed.stdout.contains("call-cert") && listed.stdout.contains("有效"))
    #expect(try run(["admin", "audit", "verify"]).status == 0)
  }

  @Test func aCallStoppedMidwayResumesAtTheSameTurnWithItsQuestion() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let first = try CLI.run(["--content", Self.course], input: "张三\npractice calls\n1\n", dataDir: data)
    #expect(first.status == 0 && first.stdout.contains("王建国：是我，什么事？"))
    let again = try CLI.run(["--learner", "张三", "--content", Self.course], input: "y\n1\n1\n", dataDir: data)
    #expect(again.status == 0)
    let resumed = try #require(again.stdout.range(of: "继续练习"))
    let after = String(again.stdout[resumed.upperBound...])
    #expect(after.contains("[1/1] 通话模拟") && after.contains("通话进行中（已说 1 句）"), "the question again, then the call")
    #expect(after.contains("王建国：是我，什么事？"), "at the turn where it stopped")
    #expect(after.contains("✓ 正确") && after.contains("目标全部达成"))
  }

  @Test func thePreviewDrawsTheCallAsAGraph() throws {
    let result = try CLI.run(["content", "preview", "call-reminder", "--content", Self.course])
    #expect(result.status == 0)
    #expect(result.stdout.contains("[wrong-person]  王建国的母亲：我是他妈妈，他欠你们钱了？"))
    #expect(result.stdout.contains("1 → leaked  ✗ third-party-disclosure（法律 · 红线）"))
    #expect(result.stdout.contains("最佳路径：1 1 1（得分 100%）"))
  }
}
