import Foundation
import QuizContent
import QuizCore
import QuizStore
import Testing

@testable import QuizCLI

/// A new collector's first week, in-process with an injected clock: three days of study (read
/// part of a lesson, practise and get things wrong, review the next day, clear the notebook
/// three days later), as one golden transcript; the score of each session is the same in its
/// summary and in `history`, and the learner's overall score the same in `progress` and
/// `report`.
@Suite struct FirstWeekTests {
  /// A clock that moves seven seconds every time it is read, from a day set by the test.
  final class StudyClock: @unchecked Sendable {
    var now: Date

    init(_ start: Date) { now = start }

    func tick() -> Date {
      now += 7
      return now
    }
  }

  static let monday = Date(timeIntervalSince1970: 1_796_464_800)  // 2026-12-07 10:00 UTC

  func day(_ offset: Int) -> Date { Self.monday.addingTimeInterval(Double(offset) * 86_400) }

  /// One run of the study shell on `lines`, starting at `start`; returns what it printed.
  func study(
    _ lines: [String], at start: Date, clock: StudyClock, store: any ProgressStore, learner: Learner,
    language: Language = .zh
  ) throws -> [String] {
    clock.now = start
    var context = AppContext(
      try GlobalOptions.parse(["--lang", language.rawValue, "--data-dir", "/srv/training"]),
      terminal: Terminal(environment: [:], isTTY: false, width: 72, usesColor: false),
      dependencies: Dependencies(now: { clock.tick() }, seed: { 3 }))
    context.language = language
    let shell = StudyShell(
      course: SessionHostTests.course, context: context, store: store, learner: learner,
      reader: ScriptedLines(lines.joined(separator: "\n") + "\n"))
    let capture = Console.Capture()
    try Console.$capture.withValue(capture) { try shell.run() }
    return ["$ " + lines.joined(separator: " ⏎ ")] + capture.lines
  }

  func report(store: any ProgressStore, language: Language = .zh) throws -> [String] {
    var context = AppContext(
      try GlobalOptions.parse(["--lang", language.rawValue]),
      terminal: Terminal(environment: [:], isTTY: false, width: 72, usesColor: false))
    context.language = language
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .current
    let report = try TrainingReport.build(
      store: store, course: SessionHostTests.course, filter: TrainingReport.Filter(), now: day(7), calendar: calendar)
    return ["$ report"] + report.table(context: context)
  }

  /// The percentage after `label` in a line.
  static func percent(after label: String, in lines: [String]) -> [Int] {
    lines.compactMap { line -> Int? in
      guard let range = line.range(of: label) else { return nil }
      let digits = line[range.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
      return Int(digits)
    }
  }

  @Test func aFirstWeekOfStudyTellsOneScoreEverywhere() throws {
    let store = InMemoryStore()
    let clock = StudyClock(day(0))
    let learner = try store.createLearner(named: "张三", displayName: nil, at: day(0))
    var transcript: [String] = []
    // Monday: one section read, then a practice with mistakes.
    transcript += try study(
      [
        "read basics#电话催收", "lessons", "practice basics --count 4 --seed 3", "a", "1 2 3 4", "A", "270", "4 1 2 3",
        "AC", "30", "history",
      ], at: day(0), clock: clock, store: store, learner: learner)
    // Tuesday: what is due, then the notebook.
    transcript += try study(
      ["review --seed 5", "30", "3124", "AB", "a", "先打电话催收，再寄送催收函。", "2 3 1 4", "错", "对", "mistakes"], at: day(1),
      clock: clock,
      store: store, learner: learner)
    // Thursday: the notebook cleared in a later session; history, progress and the manager's report.
    transcript += try study(
      ["mistakes practice", "对", "3 1 2 4", "mistakes", "history", "progress"], at: day(3), clock: clock,
      store: store, learner: learner)
    transcript += try report(store: store)
    let text = transcript.joined(separator: "\n") + "\n"
    try CLI.expectGolden("first-week", CLI.stable(text))

    // Every session's summary score is the one `history` shows for it, newest first there.
    let summaries = Self.percent(after: "得分 ", in: transcript.filter { $0.hasPrefix("本次") })
    let history = try store.history(learner: learner.id).map { Int(($0.score * 100).rounded()) }
    #expect(summaries.count == 3)
    #expect(history.reversed().suffix(summaries.count).elementsEqual(summaries), "\(summaries) vs \(history)")
    let listed = Self.percent(after: "得分 ", in: transcript.filter { $0.contains(" 练习 ") || $0.contains(" 复习 ") })
    #expect(Array(listed.suffix(3)) == Array(history.prefix(3)), "the last `history` lists the same scores")
    // `progress` and `report` agree on the overall score.
    let overall = Self.percent(after: "总体得分：", in: transcript)
    let reported = Self.percent(after: "首答得分：", in: transcript)
    #expect(overall.last != nil && overall.last == reported.last, "\(overall) vs \(reported)")
    // Reading one section is not reading the lesson; the notebook is empty at the end.
    #expect(transcript.contains { $0.contains("basics") && $0.contains("1/2") })
    #expect(try store.mistakes(learner: learner.id).isEmpty)
  }

  /// In English mode nothing but course content is Chinese.
  @Test func anEnglishPracticeSessionHasNoChineseOutsideTheCourse() throws {
    let store = InMemoryStore()
    let clock = StudyClock(day(0))
    let learner = try store.createLearner(named: "zhang", displayName: nil, at: day(0))
    let lines = try study(
      [
        "help", "practice basics --count 5 --seed 3", "?", "E", "a", "3142", "A", "270天", "skip", "quit", "history",
        "progress",
      ],
      at: day(0), clock: clock, store: store, learner: learner, language: .en)
    try CLI.expectGolden("practice-session-en", CLI.stable(lines.joined(separator: "\n") + "\n"))
    let course = SessionHostTests.course
    var content = course.lessons.map { $0.title + $0.body + $0.objectives.joined() }
    content += course.questions.map { question in
      CourseJSON.value(of: question, withHash: false).serialized(sortedKeys: true) + question.prompt
        + question.explanation
    }
    content.append(course.title)
    // As rendered: emphasis marks gone.
    let corpus = content.joined(separator: "\n").replacingOccurrences(of: "*", with: "").replacingOccurrences(
      of: "`", with: "")
    for line in lines.dropFirst() {
      for run in Self.hanRuns(line) {
        #expect(corpus.contains(run), "“\(run)” in “\(line)” is not course content")
      }
    }
  }

  /// The runs of Chinese characters (and Chinese punctuation) in a line.
  static func hanRuns(_ line: String) -> [String] {
    var runs: [String] = []
    var current = ""
    for character in line {
      let isHan = character.unicodeScalars.contains {
        (0x4E00...0x9FFF).contains($0.value) || (0x3000...0x303F).contains($0.value)
          || (0xFF00...0xFFEF).contains($0.value)
      }
      if isHan {
        current.append(character)
      } else if !current.isEmpty {
        runs.append(current)
        current = ""
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }
}
