import Foundation
import Testing

/// `grade` end to end on the built-in course: typed answers in, one JSON result per line out.
@Suite struct GradeCommandTests {
  static let builtIn = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("content").path

  func lines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func gradesTypedAnswersInOrderAndGoesOnAfterBadLines() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("answers.jsonl")
    let input = [
      #"{"question": "ca.dso-calc", "answer": "46天"}"#,
      #"{"question": "ca.dso-calc", "answer": "约 ４６"}"#,
      #"{"question": "ca.dso-calc", "answer": "四十六"}"#,
      #"{"question": "pt.recovery-routes", "answer": "电话催收、催收函、上门拜访"}"#,
      "",
      "not json",
      #"{"question": "no.such", "answer": "A"}"#,
      #"{"question": "lp.objection-last-day", "answer": 7}"#,
    ].joined(separator: "\n")
    try Data(input.utf8).write(to: file)
    let result = try CLI.run(["grade", "--responses", file.path, "--content", Self.builtIn])
    #expect(result.status == 0)
    let output = try lines(result.stdout)
    #expect(output.count == 7)
    #expect(output[0]["outcome"] as? String == "correct")
    #expect(output[0]["score"] as? Double == 1)
    #expect(output[0]["parsed"] as? String == "46")
    #expect((output[0]["correct_answer"] as? String)?.hasPrefix("46 天") == true)
    #expect(output[1]["outcome"] as? String == "correct")
    #expect((output[2]["error"] as? String)?.contains("请输入一个数字") == true)
    #expect(output[3]["outcome"] as? String == "partial")
    let score = try #require(output[3]["score"] as? Double)
    #expect(score > 0 && score < 1)
    #expect((output[3]["feedback"] as? [String])?.contains { $0.hasPrefix("✗ ") } == true)
    #expect(output[4]["line"] as? Int == 6)
    #expect(output[4]["error"] as? String == "不是 JSON 对象")
    #expect(output[5]["question"] as? String == "no.such")
    #expect(output[6]["outcome"] as? String == "incorrect")
    #expect((output[6]["feedback"] as? [String])?.isEmpty == false, "a typical wrong answer gets its feedback")
    #expect(result.stderr.contains("已评分 4 条"))
    #expect(result.stderr.contains("无法评分 3 条"))
  }

  @Test func readsStandardInputAndASingleBank() throws {
    let bank = CLI.course + "/questions/basics.yaml"
    let input = #"{"question": "b.first-step", "answer": "A"}"# + "\n"
    let result = try CLI.run(["grade", "--responses", "-", "--bank", bank, "--lang", "en"], input: input)
    #expect(result.status == 0)
    let output = try lines(result.stdout)
    #expect(output.first?["outcome"] as? String == "correct")
    #expect(result.stderr.contains("Graded 1, mean 100%"))
  }

  @Test func aMissingResponsesFileExits66() throws {
    let result = try CLI.run(["grade", "--responses", "/nonexistent.jsonl", "--content", CLI.course])
    #expect(result.status == 66)
  }

  @Test func textFormatExplainsEachAnswer() throws {
    let input = #"{"question": "b.first-step", "answer": "b"}"# + "\n"
    let result = try CLI.run(["grade", "--responses", "-", "--content", CLI.course, "--format", "text"], input: input)
    try CLI.expectGolden(
      "grade-text",
      CLI.transcript(
        ["grade", "--responses", "-", "--content", "Golden/course", "--format", "text"], input: input, result: result))
  }

  @Test func windowsLineEndingsAreLinesToo() throws {
    let input =
      #"{"question": "b.first-step", "answer": "A"}"# + "\r\n" + #"{"question": "e.letter", "answer": "错"}"# + "\r\n"
    let result = try CLI.run(["grade", "--responses", "-", "--content", CLI.course], input: input)
    let output = try lines(result.stdout)
    #expect(output.map { $0["outcome"] as? String } == ["correct", "incorrect"])
  }

  @Test func openAnswersSayTheyAreEstimatesAndWhenAPersonShouldGradeThem() throws {
    let input =
      #"{"question": "b.routes", "answer": "电话"}"# + "\n"
      + #"{"question": "b.routes", "answer": "先打电话催收，不行再寄送催收函，并保留记录。"}"# + "\n"
      + #"{"question": "b.first-step", "answer": "A"}"# + "\n"
    let result = try CLI.run(["grade", "--responses", "-", "--content", CLI.course], input: input)
    let output = try lines(result.stdout)
    #expect(output.map { $0["provisional"] as? Bool } == [true, true, nil], "objective grades are final")
    #expect(output.map { $0["needs_review"] as? Bool } == [true, false, nil])
    #expect((output[0]["confidence"] as? Double).map { $0 < 0.6 } == true)
  }
}
