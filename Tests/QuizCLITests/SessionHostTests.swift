import Foundation
import QuizContent
import QuizCore
import QuizStore
import Testing

@testable import QuizCLI

/// Sessions run in-process on the engine against the in-memory store, with a fixed clock,
/// scripted lines and captured output: the fast way to check what is saved and shown.
@Suite struct SessionHostTests {
  static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
  static let course: Course = {
    let result = CourseLoader().load(folder: CLI.course)
    guard let course = result.course else { fatalError("fixture course: \(result.errors)") }
    return course
  }()

  struct Run {
    var output: [String]
    var ending: SessionHost.Ending
    var store: InMemoryStore
    var learner: Learner
    var session: SessionRecord
  }

  /// Runs a practice session of the fixture course's `basics` lesson on `lines`.
  func practise(_ lines: [String], seed: UInt64 = 3, kind: SessionKind = .practice) throws -> Run {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    let plan = SessionPlan.choosing(from: Self.course.questions(in: "basics"), count: 5, seed: seed)
    let session = try store.start(
      NewSession(
        learnerID: learner.id, kind: kind, scope: "basics", courseID: "demo", contentVersion: "1", startedAt: Self.t0,
        plan: plan))
    var clock = Self.t0
    let ticking = ClockBox {
      clock += 7
      return clock
    }
    var context = AppContext(
      try GlobalOptions.parse(["--lang", "zh"]),
      terminal: Terminal(environment: [:], isTTY: false, width: 72, usesColor: false),
      dependencies: Dependencies(now: { ticking.next() }, seed: { 1 }))
    context.language = .zh
    let box = OutputBox()
    var host = SessionHost(
      course: Self.course, store: store, learner: learner, context: context,
      source: ScriptedLines(lines.joined(separator: "\n") + "\n"), scheduler: .standard)
    host.output = { box.lines.append($0) }
    var engine = SessionEngine(
      plan: plan, questions: Self.course.questions, configuration: SessionConfiguration(kind: kind))
    let ending = host.run(&engine, session: session)
    return Run(output: box.lines, ending: ending, store: store, learner: learner, session: session)
  }

  final class OutputBox: @unchecked Sendable { var lines: [String] = [] }
  final class ClockBox: @unchecked Sendable {
    let advance: () -> Date
    init(_ advance: @escaping () -> Date) { self.advance = advance }
    func next() -> Date { advance() }
  }

  @Test func everyAnswerIsOneWriteAndASkipIsOneWrite() throws {
    let run = try practise(["a", "skip", "quit"])
    #expect(run.ending == .quit)
    #expect(
      run.store.writes.drop { $0 != "answer" } == ["answer", "skip", "end abandoned"],
      "the plan is saved with the answer, not again")
  }

  @Test func commandWordsAreNeverGradedAndBadInputIsAskedAgain() throws {
    let run = try practise(["?", "help", "ZZZ", "", "quit"])
    #expect(!run.store.writes.contains("answer"))
    #expect(try run.store.answers(learner: run.learner.id).isEmpty)
    #expect(run.output.contains { $0.contains("提示：复习") })
    #expect(run.output.contains { $0.contains("答题时：? 提示") })
  }

  @Test func answersKeepTheLettersShownAndTheChoiceInTheFile() throws {
    let run = try practise(["a", "quit"])
    let answer = try #require(try run.store.answers(learner: run.learner.id).first)
    let question = try #require(Self.course.question(withID: answer.questionID))
    #expect(answer.typed == "a" && answer.shown == "A")
    guard case .choices(let picked) = answer.response, let index = picked.first else {
      Issue.record("a choice question first: \(answer.questionID)")
      return
    }
    #expect(answer.canonical == String(index + 1))
    var generator = SeededGenerator(seed: 3, salt: question.id)
    #expect(Layout.shuffled(for: question, using: &generator).choices.first == index, "A on screen is that choice")
  }

  @Test func theSummaryAndTheHistoryGiveTheSameScore() throws {
    let run = try practise(["a", "b", "1", "电话催收和函件催收", "3 1 2 4", "30", "a", "ab", "quit"])
    let history = try #require(try run.store.history(learner: run.learner.id).first)
    let percent = Int((history.score * 100).rounded())
    #expect(run.output.contains { $0.contains("得分 \(percent)%") }, "\(run.output.filter { $0.contains("得分") })")
  }

  @Test func endOfInputPausesWithoutEndingTheSession() throws {
    let run = try practise(["a"])
    #expect(run.ending == .endOfInput)
    #expect(try run.store.interruptedSession(learner: run.learner.id)?.plan?.position == 1)
    #expect(!run.store.writes.contains { $0.hasPrefix("end") })
  }
}

/// Every command of the study shell has its summary in both catalogues.
@Suite struct ShellCatalogTests {
  @Test func everyShellCommandIsInTheCatalogue() {
    for command in StudyShell.commands {
      #expect(
        Catalog.entries(.zh)[command.summaryKey] != nil && Catalog.entries(.en)[command.summaryKey] != nil,
        "\(command.name)")
    }
  }
}
