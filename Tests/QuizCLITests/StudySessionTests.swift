import Foundation
import GRDB
import Testing

/// Golden transcripts of study sessions through pipes: a first run, a full practice session
/// (right, wrong, malformed and skipped answers, a hint, questions coming back), progress,
/// mistakes, and a second run that resumes an interrupted session. The database is checked
/// after each.
@Suite(.serialized) struct StudySessionTests {
  let data: URL

  init() throws {
    data = try CLI.temporaryFolder()
  }

  func run(_ name: String, _ arguments: [String], input: String) throws -> CLI.Result {
    let result = try CLI.run(arguments, input: input, dataDir: data)
    let shown = arguments.map { $0 == CLI.course ? "Golden/course" : $0 }
    try CLI.expectGolden(name, CLI.stable(CLI.transcript(shown, input: input, result: result), dataDir: data))
    return result
  }

  func count(_ sql: String) throws -> Int {
    let queue = try DatabaseQueue(path: data.appendingPathComponent("progress.sqlite").path)
    defer { try? queue.close() }
    return try queue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
  }

  @Test func firstRunAsksForANameAndShowsTheDashboard() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let result = try run(
      "study-first-run", ["--content", CLI.course], input: "\n张三\nlessons\nraed 1\nhelp practice\nquit\n")
    #expect(result.status == 0)
    #expect(try count("SELECT COUNT(*) FROM learner WHERE name = '张三'") == 1)
    // The second start remembers the learner and does not ask again.
    let again = try CLI.run(["--content", CLI.course], input: "quit\n", dataDir: data)
    #expect(!again.stdout.contains("第一次使用"))
    #expect(again.stdout.contains("你好，张三"))
  }

  @Test func aFullPracticeSessionThenProgressAndMistakes() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let answers =
      ["?", "E", "a", "3142", "A", "270天", "电话催收，再发催收函", "3 1 2 4", "skip", "约 30"]
      .joined(separator: "\n") + "\n"
    let file = data.appendingPathComponent("answers.txt")
    try Data(answers.utf8).write(to: file)
    let practice = try run(
      "practice-session",
      ["practice", "basics", "--seed", "3", "--answers", file.path, "--learner", "张三", "--content", CLI.course],
      input: "")
    #expect(practice.status == 0)
    // Malformed ("E"), hints and skips are not answers; everything graded is saved.
    #expect(try count("SELECT COUNT(*) FROM answer") == 7)
    #expect(try count("SELECT COUNT(*) FROM session WHERE status = 'finished'") == 1)
    #expect(try count("SELECT COUNT(*) FROM answer WHERE raw = 'E'") == 0)
    #expect(try count("SELECT COUNT(DISTINCT question_hash) FROM answer") == 5)

    let review = try run(
      "progress-and-mistakes", ["--content", CLI.course], input: "progress\nmistakes\nhistory\nquit\n")
    #expect(review.status == 0)
    #expect(review.stdout.contains("b.letter-contents"))
  }

  @Test func anInterruptedSessionIsOfferedAndResumed() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("a\n3 1 2 4\n".utf8).write(to: file)
    let first = try CLI.run(
      ["practice", "basics", "--seed", "3", "--answers", file.path, "--learner", "张三", "--content", CLI.course],
      dataDir: data)
    #expect(first.status == 0)
    #expect(try count("SELECT COUNT(*) FROM session WHERE status = 'active'") == 1, "input ended mid-session")
    #expect(try count("SELECT COUNT(*) FROM answer") == 2)

    let resumed = try run("study-resume", ["--content", CLI.course], input: "y\nAB\n30\n电话\nquit\n")
    #expect(resumed.status == 0)
    #expect(try count("SELECT COUNT(*) FROM session WHERE status = 'active'") == 0)
    #expect(try count("SELECT COUNT(*) FROM answer") == 5)
    #expect(try count("SELECT COUNT(DISTINCT session_id) FROM answer") == 1, "resumed in the same session")
  }

  @Test func declinedResumeAbandonsButKeepsAnswers() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("a\n".utf8).write(to: file)
    _ = try CLI.run(
      ["practice", "basics", "--seed", "3", "--answers", file.path, "--learner", "张三", "--content", CLI.course],
      dataDir: data)
    let result = try CLI.run(["--content", CLI.course], input: "n\nquit\n", dataDir: data)
    #expect(result.stdout.contains("已放弃上次的练习"))
    #expect(try count("SELECT COUNT(*) FROM session WHERE status = 'abandoned'") == 1)
    #expect(try count("SELECT COUNT(*) FROM answer") == 1)
  }

  @Test func exportsAreTheLearnersOwnAnswers() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("a\n=1+1\n".utf8).write(to: file)
    _ = try CLI.run(
      ["practice", "basics", "--seed", "3", "--answers", file.path, "--learner", "张三", "--content", CLI.course],
      dataDir: data)
    let json = try CLI.run(["progress", "--format", "json"], dataDir: data)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["learner"] as? String == "张三")
    #expect((object["answers"] as? [[String: Any]])?.first?["question"] as? String == "b.first-step")
    let csv = try CLI.run(["progress", "--format", "csv"], dataDir: data)
    let lines = csv.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("answered_at,learner,question") == true)
    #expect(lines.count == 2, "one header and one answer (=1+1 did not parse as an order)")
  }

  @Test func practiceWithoutALearnerIsAUsageError() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let result = try CLI.run(
      ["practice", "basics", "--answers", "-", "--content", CLI.course], input: "a\n", dataDir: data)
    #expect(result.status == 64)
    #expect(result.stderr.contains("--learner"))
  }

  @Test func adminBackupAndCheck() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("a\n".utf8).write(to: file)
    _ = try CLI.run(
      ["practice", "basics", "--seed", "3", "--answers", file.path, "--learner", "张三", "--content", CLI.course],
      dataDir: data)
    let copy = data.appendingPathComponent("copy.sqlite").path
    let backup = try CLI.run(["admin", "backup", copy], dataDir: data)
    #expect(backup.status == 0)
    #expect(backup.stdout.contains("1 名学员，1 条答题记录"))
    let check = try CLI.run(["admin", "check"], dataDir: data)
    #expect(check.status == 0)
    #expect(check.stdout.contains("完整性：ok"))
    #expect(try CLI.run(["admin", "backup", copy], dataDir: data).status == 74, "never overwrites a file")
  }

  @Test func aCorruptDatabaseIsRefusedWithStatus65AndKept() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let path = data.appendingPathComponent("progress.sqlite")
    let garbage = Data(repeating: 0x42, count: 8192)
    try garbage.write(to: path)
    let result = try CLI.run(["--content", CLI.course], input: "quit\n", dataDir: data)
    #expect(result.status == 65)
    #expect(result.stderr.contains("admin check"))
    #expect(try Data(contentsOf: path) == garbage)
  }

  @Test func aReviewSessionTakesDueCardsFirstAndReschedulesThem() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    // Two questions answered some days ago, now due; the rest of the lesson is new.
    let file = data.appendingPathComponent("answers.txt")
    try Data("a\n3 1 2 4\n".utf8).write(to: file)
    _ = try CLI.run(
      [
        "practice", "basics", "--count", "2", "--seed", "3", "--answers", file.path, "--learner", "张三", "--content",
        CLI.course,
      ],
      dataDir: data)
    let queue = try DatabaseQueue(path: data.appendingPathComponent("progress.sqlite").path)
    try queue.write { db in
      try db.execute(
        sql: """
          UPDATE card SET state = 'review', step = NULL, stability = 3,
            last_review = datetime('now', '-9 days'), due = datetime('now', '-6 days') WHERE question_id = 'b.first-step'
          """)
      try db.execute(
        sql: """
          UPDATE card SET state = 'review', step = NULL, stability = 10,
            last_review = datetime('now', '-12 days'), due = datetime('now', '-1 days') WHERE question_id = 'b.phone-steps'
          """)
    }
    try queue.close()
    let result = try run(
      "study-review", ["--content", CLI.course], input: "review --new 1 --seed 5\nb\nBA\n2143\n?\na\nquit\n")
    #expect(result.status == 0)
    #expect(try count("SELECT COUNT(*) FROM session WHERE kind = 'review'") == 1)
    #expect(try count("SELECT COUNT(*) FROM card WHERE due <= datetime('now')") == 0, "every due card was rescheduled")
    #expect(try count("SELECT COUNT(*) FROM card") == 3, "the new question got a card")
    #expect(try count("SELECT COUNT(*) FROM card WHERE question_id = 'b.first-step' AND state = 'relearning'") == 1)
  }

  @Test func reviewBeforeAnExamLeavesTheScheduleAlone() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("a\n".utf8).write(to: file)
    _ = try CLI.run(
      [
        "practice", "basics", "--count", "1", "--seed", "3", "--answers", file.path, "--learner", "张三", "--content",
        CLI.course,
      ],
      dataDir: data)
    let before = try count("SELECT CAST(strftime('%s', due) AS INTEGER) FROM card")
    let result = try CLI.run(["--content", CLI.course], input: "review --before 2099-12-31\nb\nquit\n", dataDir: data)
    #expect(result.stdout.contains("不改变平时的复习安排"))
    #expect(try count("SELECT CAST(strftime('%s', due) AS INTEGER) FROM card") == before)
    #expect(try count("SELECT COUNT(*) FROM answer") == 2, "the answer is still recorded")
  }

  @Test func quittingEarlyCountsSkippedAndUnreachedQuestionsApart() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("skip\n3 1 2 4\nquit\n".utf8).write(to: file)
    let result = try CLI.run(
      [
        "practice", "basics", "--count", "5", "--seed", "3", "--answers", file.path, "--learner", "张三", "--content",
        CLI.course,
      ],
      dataDir: data)
    #expect(result.stdout.contains("本次练习结束：答 1 题，首次答对 1 题 · 得分 100%"))
    #expect(result.stdout.contains("跳过 1 题。"))
    #expect(result.stdout.contains("还有 3 题没有做。"))
  }

  @Test func aScriptThatRunsOutOfAnswersSaysSoAndCanBeResumed() throws {
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("a\n".utf8).write(to: file)
    let result = try CLI.run(
      [
        "practice", "basics", "--count", "3", "--seed", "3", "--answers", file.path, "--learner", "张三", "--content",
        CLI.course,
      ],
      dataDir: data)
    #expect(result.status == 0)
    #expect(result.stderr.contains("resume"))
    #expect(try count("SELECT COUNT(*) FROM session WHERE status = 'active'") == 1)
  }
}
