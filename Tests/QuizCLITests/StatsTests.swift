import Foundation
import QuizContent
import QuizCore
import QuizStore
import Testing

@testable import QuizCLI

/// `stats items` as an instructor uses it: attempts from the database (which ones count,
/// which are left out), a spreadsheet of paper results with its mistakes located, and the
/// renderings.
@Suite struct StatsTests {
  static let t0 = Date(timeIntervalSince1970: 1_796_464_800)
  static var course: Course { SessionHostTests.course }

  /// A finished practice session of `learner` answering `fractions` (question id → fraction).
  static func session(
    _ store: InMemoryStore, _ learner: Learner, at offset: TimeInterval, _ fractions: [(String, Double)],
    kind: SessionKind = .practice, scope: String = "basics"
  ) throws {
    let started = t0.addingTimeInterval(offset)
    let session = try store.start(
      NewSession(
        learnerID: learner.id, kind: kind, scope: scope, courseID: "demo", contentVersion: "1", startedAt: started,
        plan: SessionPlan(queue: fractions.map(\.0), seed: 1)))
    for (index, (id, fraction)) in fractions.enumerated() {
      let question = try #require(course.question(withID: id))
      _ = try store.record(
        NewAnswer(
          learnerID: learner.id, sessionID: session.id, questionID: id, questionHash: CourseJSON.hash(of: question),
          lessonID: question.lesson, questionType: question.type.rawValue, tags: question.tags, typed: "x", shown: "x",
          canonical: "1", response: question.type == .single ? .choices([fraction == 1 ? 0 : 1]) : nil,
          fraction: fraction, durationMS: 1000, answeredAt: started.addingTimeInterval(Double(index))),
        review: nil, plan: nil)
    }
    try store.end(session: session.id, status: .finished, at: started.addingTimeInterval(60))
  }

  @Test func attemptsFromTheDatabaseCountOncePerLearnerUnlessAskedOtherwise() throws {
    let store = InMemoryStore()
    for (index, name) in ["甲", "乙", "丙", "丁"].enumerated() {
      let learner = try store.createLearner(named: name, displayName: nil, at: Self.t0)
      let strong = index < 2
      try Self.session(store, learner, at: 0, [("b.first-step", strong ? 1 : 0), ("e.letter", strong ? 1 : 0)])
      // A later, better second session: counted only with --attempts last|best|all.
      try Self.session(store, learner, at: 3_600, [("b.first-step", 1), ("e.letter", 1)])
    }
    let data = try ItemData.fromStore(store, course: Self.course, exam: nil)
    #expect(data.attempts.count == 8 && data.questions.map(\.id) == ["b.first-step", "e.letter"])
    let first = data.choosing(.first)
    #expect(first.attempts.count == 4)
    let report = ItemReport(data: first, course: Self.course)
    #expect(report.questions.first?.facility == 0.5)
    #expect(report.options["b.first-step"]?.counts == [2, 2], "each option's picks, in the bank's order")
    #expect(report.options["b.first-step"]?.correct == [true, false])
    #expect(ItemReport(data: data.choosing(.last), course: Self.course).questions.first?.facility == 1)
    #expect(ItemReport(data: data.choosing(.best), course: Self.course).questions.first?.facility == 1)
    #expect(data.choosing(.all).attempts.count == 8)
    #expect(data.restricted(toLesson: "extra", in: Self.course).questions.map(\.id) == ["e.letter"])
    // A question everybody gets right on the last attempt is flagged too easy.
    #expect(ItemReport(data: data.choosing(.last), course: Self.course).flags["e.letter"] == [.tooEasy])
  }

  @Test func unsealedCertificationAttemptsAndUnfinishedSessionsAreLeftOut() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "甲", displayName: nil, at: Self.t0)
    let open = try store.start(
      NewSession(
        learnerID: learner.id, kind: .practice, scope: "basics", courseID: "demo", contentVersion: "1",
        startedAt: Self.t0, plan: SessionPlan(queue: ["e.letter"], seed: 1)))
    let question = try #require(Self.course.question(withID: "e.letter"))
    _ = try store.record(
      NewAnswer(
        learnerID: learner.id, sessionID: open.id, questionID: "e.letter", questionHash: CourseJSON.hash(of: question),
        lessonID: "extra", questionType: "truefalse", tags: [], typed: "T", shown: "T", canonical: "T",
        response: .truth(true), fraction: 1, durationMS: 1, answeredAt: Self.t0), review: nil, plan: nil)
    #expect(try ItemData.fromStore(store, course: Self.course, exam: nil).attempts.isEmpty, "still running")
    try store.end(session: open.id, status: .finished, at: Self.t0)
    #expect(try ItemData.fromStore(store, course: Self.course, exam: nil).attempts.count == 1)
    #expect(try ItemData.fromStore(store, course: Self.course, exam: "cert").attempts.isEmpty, "not an attempt of cert")
  }

  @Test func aMarksFileIsReadWithItsMaximaAndItsMistakesAreLocated() {
    let good = ItemData.parseMarks(
      "\u{FEFF}attempt,b.first-step,paper.q9\r\nmax,1,4\r\n张三,1,3\r\n李四,0,\r\n\"王, 五\",1,4\r\n", file: "m.csv",
      course: Self.course)
    guard case .success(let data) = good else {
      Issue.record("\(good)")
      return
    }
    #expect(data.questions.map(\.maximum) == [1, 4])
    #expect(data.attempts.map(\.learner) == ["张三", "李四", "王, 五"])
    #expect(data.attempts[1].marks == ["b.first-step": 0], "a blank cell: not in that attempt")
    func problem(_ text: String) -> String? {
      if case .failure(let problem) = ItemData.parseMarks(text, file: "m.csv", course: Self.course) {
        return "\(problem.line):\(problem.column) \(problem.key)"
      }
      return nil
    }
    #expect(problem("attempt,b.nope\n1,1\n") == "1:9 marks.unknown-question")
    #expect(problem("attempt,nope\n1,1\n") == "1:1 marks.no-questions", "no column is a question")
    #expect(problem("attempt,b.first-step\n1,2\n") == "2:3 marks.bad-mark")
    #expect(problem("attempt,b.first-step\nmax,0\n") == "2:5 marks.bad-maximum")
    #expect(problem("attempt,b.first-step\n1,1,1\n") == "2:5 marks.extra-cell")
    #expect(problem("") == "1:1 marks.no-header")
  }

  /// Moodle's grades export as it comes: names, e-mail, state, dates, the total and `Q. n /max`
  /// columns; attempts in progress and the average row are skipped, `-` is not answered.
  @Test func moodlesGradesExportIsReadAsItComes() {
    let export = """
      Surname,First name,Email address,State,Started on,Completed,Time taken,Grade/4.00,Q. 1 /1.00,Q. 2 /1.00,Q. 3 /2.00
      Wang,Wu,wu@example.com,Finished,1 March 2026  9:00 AM,1 March 2026  9:10 AM,10 mins,3.00,1.00,0.00,2.00
      Wang,Wu,wu@example.com,Finished,2 March 2026  9:00 AM,2 March 2026  9:08 AM,8 mins,4.00,1.00,1.00,2.00
      Li,Si,si@example.com,In progress,2 March 2026  9:30 AM,-,-,-,-,-,-
      "Zhao, Jr.",Liu,liu@example.com,Finished,3 March 2026  9:00 AM,3 March 2026  9:05 AM,5 mins,1.00,1.00,-,0.00
      Overall average,,,,,,,2.67,1.00,0.50,1.33
      """
    guard case .success(let data) = ItemData.parseMarks(export, file: "grades.csv", course: StatsTests.course) else {
      Issue.record("the export did not read")
      return
    }
    #expect(data.questions.map(\.id) == ["Q. 1", "Q. 2", "Q. 3"] && data.questions.map(\.maximum) == [1, 1, 2])
    #expect(data.attempts.count == 3, "the attempt in progress and the average row are left out")
    #expect(data.attempts.map(\.learner) == ["wu@example.com", "wu@example.com", "liu@example.com"])
    #expect(data.attempts[2].marks == ["Q. 1": 1, "Q. 3": 0], "- is not answered")
    #expect(data.choosing(.first).attempts.count == 2, "one learner, two attempts: the first counts")
    #expect(data.choosing(.last).attempts.first { $0.learner == "wu@example.com" }?.marks["Q. 2"] == 1)
    // A typo in a question id is an error, not an ignored column.
    if case .failure(let problem) = ItemData.parseMarks(
      "attempt,b.frist-step\n1,1\n", file: "m", course: StatsTests.course)
    {
      #expect(problem.kind == .unknownQuestion && problem.column == 9)
    } else {
      Issue.record("a mistyped question id was accepted")
    }
  }

  @Test func awkwardMarksFilesAreReadOrRefusedWithALocation() {
    func read(_ text: String) -> Result<ItemData, ItemData.MarksProblem> {
      ItemData.parseMarks(text, file: "m.csv", course: StatsTests.course)
    }
    // No column says who: every row is an attempt of its own.
    if case .success(let data) = read("b.first-step,e.letter\n1,0\n1,1\n0,1\n") {
      #expect(data.attempts.count == 3 && data.choosing(.first).attempts.count == 3)
    } else {
      Issue.record("a file without names did not read")
    }
    // A learner called max (with an e-mail) is a learner, not the row of maxima.
    if case .success(let data) = read(
      "Surname,Email address,b.first-step\nmax,max@example.com,1\nann,ann@example.com,0\n")
    {
      #expect(data.attempts.count == 2)
    } else {
      Issue.record("a learner called max was taken for the maxima")
    }
    // A decimal comma in a quoted mark.
    if case .success(let data) = read("attempt,Q. 1 /2,00\n1,\"1,50\"\n") {
      #expect(data.attempts.first?.marks["Q. 1"] == 1.5)
    } else {
      Issue.record("a decimal comma was refused")
    }
    func problem(_ text: String) -> String? {
      if case .failure(let problem) = read(text) { return "\(problem.line):\(problem.column) \(problem.key)" }
      return nil
    }
    #expect(problem("attempt,b.first-step,b.first-step\n1,1,1\n") == "1:22 marks.duplicate-question")
    #expect(problem("attempt,b.first-step\nann,\"1\nbob,0\n") == "2:5 marks.unclosed-quote")
  }

  @Test func aLessonIsChosenBeforeTheAttemptsThatCount() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "甲", displayName: nil, at: Self.t0)
    try Self.session(store, learner, at: 0, [("b.first-step", 1)])
    try Self.session(store, learner, at: 3_600, [("e.letter", 0)])
    let data = try ItemData.fromStore(store, course: Self.course, exam: nil)
    let extra = data.restricted(toLesson: "extra", in: Self.course).choosing(.first)
    #expect(extra.attempts.count == 1 && extra.attempts.first?.marks == ["e.letter": 0])
  }

  @Test func aDistractorTheStrongPickAndQuestionsWithoutFlagsLeftOutWhenAsked() {
    // b.first-step: the weakest third picks the key (A), the strongest third the distractor (B).
    var attempts: [ItemData.Attempt] = []
    for index in 0..<9 {
      let strong = index >= 6
      attempts.append(
        ItemData.Attempt(
          learner: "\(index)", at: Date(timeIntervalSince1970: Double(index)),
          marks: ["b.first-step": strong ? 0 : 1, "b.dso": strong ? 1 : 0, "e.letter": strong ? 1 : 0],
          responses: ["b.first-step": .choices([strong ? 1 : 0])]))
    }
    let data = ItemData(attempts: attempts, questions: [("b.first-step", 1), ("b.dso", 1), ("e.letter", 1)])
    let report = ItemReport(data: data, course: StatsTests.course)
    #expect(report.flags["b.first-step"]?.contains(.attractsStrong) == true)
    #expect(report.flags["b.first-step"]?.contains(.misleading) == true)
    let flagged = report.flaggedOnly()
    #expect(report.flags["b.dso"] == [], "the strong get it right: nothing to look at")
    #expect(flagged.questions.contains { $0.id == "b.first-step" } && !flagged.questions.contains { $0.id == "b.dso" })
  }

  @Test func theCommandLineRendersTableJSONAndCSV() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let marks = folder.appendingPathComponent("marks.csv")
    var rows = ["attempt,b.first-step,e.letter,b.dso"]
    for index in 0..<12 { rows.append("\(index),\(index % 3 == 0 ? 0 : 1),\(index < 6 ? 1 : 0),\(index % 2)") }
    try Data(rows.joined(separator: "\n").utf8).write(to: marks)
    let table = try CLI.run(["stats", "items", "--marks", marks.path, "--content", CLI.course])
    #expect(table.status == 0 && table.stdout.contains("题目分析：12 次作答，3 道题") && table.stdout.contains("内部一致性系数"))
    let json = try CLI.run(["stats", "items", "--marks", marks.path, "--format", "json", "--content", CLI.course])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((object["items"] as? [[String: Any]])?.count == 3)
    #expect((object["test"] as? [String: Any])?["attempts"] as? Int == 12)
    let csv = try CLI.run(["stats", "items", "--marks", marks.path, "--format", "csv", "--content", CLI.course])
    #expect(csv.stdout.hasPrefix("\u{FEFF}question,attempts,"), "a byte-order mark for spreadsheets")
    #expect(csv.stdout.components(separatedBy: "\r\n").count == 5)
    let bad = try CLI.run(["stats", "items", "--marks", marks.path, "--exam", "certt", "--content", CLI.course])
    #expect(bad.status == 64 && bad.stderr.contains("你是想输入 cert 吗"))
  }
}

/// Results from paper: graded, and recorded only when asked, all or nothing.
@Suite struct PaperResultsTests {
  @Test func paperResultsAreRecordedOnlyWithRecordAndAllOrNothing() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("paper.jsonl")
    let home = data.appendingPathComponent("home")
    func run(_ arguments: [String]) throws -> CLI.Result {
      try CLI.run(arguments + ["--content", CLI.course], dataDir: home)
    }
    var lines: [String] = []
    for (index, name) in ["甲", "乙", "丙"].enumerated() {
      lines.append(
        #"{"learner":"\#(name)","date":"2026-11-20","exam":"cert","question":"e.letter","answer":"\#(index == 0 ? "F" : "T")"}"#
      )
      lines.append(#"{"learner":"\#(name)","date":"2026-11-20","exam":"cert","question":"b.first-step","answer":"A"}"#)
    }
    try Data(lines.joined(separator: "\n").utf8).write(to: file)
    let plain = try run(["grade", "--responses", file.path])
    #expect(plain.status == 0 && plain.stderr.contains("未保存"))
    #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("progress.sqlite").path))
    // Unknown learners are refused unless asked to create them; nothing is recorded.
    #expect(try run(["grade", "--responses", file.path, "--record"]).status == 66)
    let recorded = try run(["grade", "--responses", file.path, "--record", "--create-learners"])
    #expect(recorded.status == 0 && recorded.stderr.contains("已记录 6 条作答：3 名学员，3 次"), "\(recorded.stderr)")
    let stats = try run(["stats", "items", "--exam", "cert", "--format", "json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
    #expect((object["test"] as? [String: Any])?["attempts"] as? Int == 3, "paper sittings are attempts of the exam")
    #expect(try run(["report"]).stdout.contains("丙"))
    // A bad line: nothing in the file is recorded.
    let before = try Data(contentsOf: home.appendingPathComponent("progress.sqlite"))
    let wal = home.appendingPathComponent("progress.sqlite-wal")
    let walBefore = try? Data(contentsOf: wal)
    try Data((lines + [#"{"learner":"甲","question":"e.letter","answer":"maybe"}"#]).joined(separator: "\n").utf8)
      .write(to: file)
    let bad = try run(["grade", "--responses", file.path, "--record"])
    #expect(bad.status == 65 && bad.stderr.contains("整份文件都没有记录"))
    #expect(try Data(contentsOf: home.appendingPathComponent("progress.sqlite")) == before)
    #expect((try? Data(contentsOf: wal)) == walBefore, "nor its write-ahead log")
    #expect(try run(["grade", "--responses", file.path, "--create-learners"]).status == 64)
  }
}
