import Foundation
import GRDB
import LineEditing
import QuizContent
import QuizCore
import QuizStore
import Testing

@testable import QuizCLI

/// The study shell as learners and managers use it: identity, sessions, cases, search to
/// practice, Chinese names, managers' commands failing loudly. In-process where the shell is
/// enough (scripted lines, the in-memory store, captured output), through the executable
/// where the command line itself is the subject.
@Suite struct ShellBehaviourTests {
  /// A line source that records which history file it was told to use and what it was asked
  /// to remember.
  final class RecordingLines: LineSource {
    private var lines: [String]
    private(set) var historyFiles: [String?] = []
    private(set) var remembered: [Bool] = []
    let isInteractive: Bool
    let echoes = true
    /// The keys pressed at "more" prompts, in order (interactive only).
    var keys: [Character] = []

    init(_ lines: [String], interactive: Bool = false) {
      self.lines = lines
      isInteractive = interactive
    }

    func read(prompt: String) -> LineInput { read(prompt: prompt, remember: true) }

    func read(prompt: String, remember: Bool) -> LineInput {
      remembered.append(remember)
      return lines.isEmpty ? .end : .line(lines.removeFirst())
    }

    func readKey(prompt: String, consuming: Set<Character>) -> Character? {
      keys.isEmpty ? nil : keys.removeFirst()
    }

    func useHistory(file: String?) { historyFiles.append(file) }
  }

  static let t0 = Date(timeIntervalSince1970: 1_796_464_800)

  func context(_ language: Language = .zh) throws -> AppContext {
    var context = AppContext(
      try GlobalOptions.parse(["--lang", language.rawValue, "--data-dir", "/srv/training"]),
      terminal: Terminal(environment: [:], isTTY: false, width: 72, usesColor: false),
      dependencies: Dependencies(now: { Self.t0 }, seed: { 3 }))
    context.language = language
    return context
  }

  /// Runs the shell for `learner` on `lines`; returns the output and the line source.
  func shell(
    _ lines: [String], store: any ProgressStore, learner: Learner, course: Course = SessionHostTests.course
  ) throws -> (output: [String], source: RecordingLines) {
    let source = RecordingLines(lines)
    let shell = StudyShell(course: course, context: try context(), store: store, learner: learner, reader: source)
    let capture = Console.Capture()
    try Console.$capture.withValue(capture) { try shell.run() }
    return (capture.lines, source)
  }

  static let builtIn: Course = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("content/loan-recovery").path
    guard let course = CourseLoader().load(folder: folder).course else { fatalError("the built-in course") }
    return course
  }()

  // MARK: Identity

  @Test func aTypoInLearnerAsksBeforeCreatingAndListsCloseNames() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "测试员", displayName: nil, at: Self.t0)
    let run = try shell(["learner 测试圆", "n", "learner"], store: store, learner: learner)
    #expect(run.output.contains { $0.contains("相近的有：测试员") })
    #expect(run.output.contains { $0.contains("没有新建学员") })
    #expect(try store.learners().map(\.name) == ["测试员"], "nothing created")
  }

  @Test func eachLearnerHasTheirOwnHistoryAndExamAnswersAreNeverKept() throws {
    let store = InMemoryStore()
    let first = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    let run = try shell(["learner 李四", "y"], store: store, learner: first)
    let second = try #require(try store.learner(named: "李四"))
    #expect(run.source.historyFiles.last == "/srv/training/history-\(second.id)")
    #expect(run.source.historyFiles.last != "/srv/training/history-\(first.id)")
    // An exam's answers are read without going into the history.
    let source = RecordingLines(["对", "submit", "y"])
    let session = try store.start(
      NewSession(
        learnerID: first.id, kind: .exam, scope: "exam", courseID: "demo", contentVersion: "1", startedAt: Self.t0,
        plan: SessionPlan(queue: ["e.letter"], seed: 1), reschedules: false))
    var engine = SessionEngine(
      plan: try #require(session.plan), questions: SessionHostTests.course.questions,
      configuration: SessionConfiguration(kind: .exam, feedback: .deferred))
    var host = SessionHost(
      course: SessionHostTests.course, store: store, learner: first, context: try context(), source: source,
      scheduler: .standard)
    host.output = { _ in }
    #expect(host.run(&engine, session: session) == .finished)
    #expect(!source.remembered.isEmpty && !source.remembered.contains(true))
  }

  @Test func stoppingOnTheFirstPageReadsNothingAndOneSectionIsNotTheLesson() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    var context = try context()
    context.terminal.height = 6
    let source = RecordingLines(["read 1", "read 1", "lessons"], interactive: true)
    source.keys = ["q", " ", " ", " ", " ", " ", " ", " ", " ", " "]
    let shell = StudyShell(
      course: SessionHostTests.course, context: context, store: store, learner: learner, reader: source)
    let capture = Console.Capture()
    try Console.$capture.withValue(capture) { try shell.run() }
    // The first `read 1` stopped with q on page 1; the second read the lesson to the end.
    #expect(try store.readSections(learner: learner.id)["basics"] == ["电话催收", "函件催收"])
    let first = try #require(capture.lines.firstIndex { $0.contains("下次从这里接着读：read basics#电话催收") })
    #expect(first > 0, "q on the first page: nothing counted, and it says where to pick up")
    #expect(capture.lines.last { $0.contains("1  basics") }?.contains("✓") == true)
  }

  // MARK: Answers

  @Test func commandWordsAtAnEssayPromptAreNeverGraded() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    let run = try shell(
      ["practice b.routes", "help", "mistakes", "read basics#函件催收", "?", "quit"], store: store, learner: learner)
    #expect(try store.answers(learner: learner.id).isEmpty, "\(run.output)")
    #expect(run.output.contains { $0.contains("答题时：? 提示") })
    #expect(run.output.contains { $0.contains("“mistakes”是学习界面的命令") })
    #expect(run.output.contains { $0.contains("“read”是学习界面的命令") }, "with its arguments too")
    #expect(try store.mistakes(learner: learner.id).isEmpty)
  }

  // MARK: Sessions

  @Test func onePausedSessionAtATimeSaidPlainly() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    // Input ends at a question: the shell says it paused.
    let first = try shell(["practice basics --count 3 --seed 3", "a"], store: store, learner: learner)
    #expect(first.output.contains { $0.contains("练习已暂停") })
    #expect(try store.interruptedSession(learner: learner.id) != nil)
    // A new practice ends the paused one, and says so; `resume` then has nothing to resume.
    let second = try shell(["n", "practice basics --count 1 --seed 3", "a", "resume"], store: store, learner: learner)
    #expect(second.output.contains { $0.contains("已放弃上次的练习") })
    #expect(second.output.contains { $0.contains("没有未完成的练习") })
    let third = try shell(["practice basics --count 2 --seed 4", "a"], store: store, learner: learner)
    let fourth = try shell(["quit"], store: store, learner: learner)
    #expect(fourth.output.contains { $0.contains("继续上次的练习？") })
    _ = third
    let fifth = try shell(["n", "practice extra", "对", "quit"], store: store, learner: learner)
    #expect(!fifth.output.contains { $0.contains("上次暂停的练习已结束") }, "nothing was paused any more")
    #expect(try store.history(learner: learner.id).filter { $0.session.status == .active }.isEmpty)
  }

  // MARK: Cases, search, names

  @Test func aCaseQuestionShowsItsCaseAndCaseShowsItAgain() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    let run = try shell(
      ["practice pt.case1-analysis", "案例", "quit"], store: store, learner: learner, course: Self.builtIn)
    let cases = run.output.filter { $0.hasPrefix("┌ 案例一") }
    #expect(cases.count == 2, "shown with the prompt and again on request")
    #expect(run.output.contains { $0.contains("甲机械公司") })
  }

  @Test func searchLeadsToPracticeByQuestionId() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    let run = try shell(
      ["search 时效", "practice ca.aging-vs-limitation", "quit"], store: store, learner: learner, course: Self.builtIn)
    let hits = Set(Self.builtIn.questions.filter { $0.prompt.contains("时效") }.map(\.id))
    #expect(hits.count > 10)
    let listed = Set(run.output.compactMap { $0.split(separator: " ").first.map(String.init) }.filter(hits.contains))
    #expect(listed == hits, "every hit, not ten")
    #expect(run.output.contains { $0.contains("练这些题：practice ") })
    #expect(run.output.contains { $0.contains("练习：指定题目 · 1 题") })
  }

  @Test func chineseTypeNamesIdsAndCompletionMatchTheScreen() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    let run = try shell(
      ["help practice", "practice basics --type 排序", "quit", "lessons"], store: store, learner: learner)
    #expect(run.output.contains { $0.contains("题型：单选（single）") && $0.contains("排序（ordering）") })
    #expect(run.output.contains { $0.contains("练习：基础知识 · 1 题") })
    #expect(run.output.contains { $0.contains("1  basics  基础知识") }, "ids on the dashboard")
    let course = SessionHostTests.course
    #expect(
      StudyShell.completions(line: "read ", word: "basics#", course: course, learners: []) == [
        "basics#电话催收", "basics#函件催收",
      ])
    #expect(StudyShell.completions(line: "practice basics --type ", word: "排", course: course, learners: []) == ["排序"])
    #expect(StudyShell.completions(line: "learner ", word: "李", course: course, learners: ["李四", "张三"]) == ["李四"])
  }

  @Test func aMockExamDrawsTheBlueprintGradesOnlyAfterSubmitAndSaysPassOrFail() throws {
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    let run = try shell(
      ["mock certifcation", "mock certification", "A", "flag", "goto 31", "submit", "n", "submit", "y", "history"],
      store: store, learner: learner, course: Self.builtIn)
    #expect(run.output.contains { $0.contains("你是想输入 certification 吗？") })
    #expect(run.output.contains { $0.contains("[1/31]") } && run.output.contains { $0.contains("[31/31]") })
    #expect(run.output.contains { $0.contains("剩余 45:00") }, "the time left is shown")
    let submitted = try #require(run.output.firstIndex { $0.contains("考试结束：答") })
    #expect(
      !run.output[..<submitted].contains { $0.hasPrefix("✓ ") || $0.hasPrefix("✗ ") || $0.hasPrefix("◐ ") },
      "no grade before submit")
    #expect(run.output.contains { $0.contains("及格线 80%：未通过") })
    #expect(run.output.contains { $0.contains("未作答 30 题") } || run.output.contains { $0.contains("未作答 31 题") })
    #expect(!run.output.contains { $0.contains("全部答对") }, "not under a score of a few per cent")
    #expect(
      run.output.contains { $0.contains("考试") && $0.contains("上岗认证") && $0.contains("完成") }, "history names the exam")
    let session = try #require(try store.history(learner: learner.id).first?.session)
    #expect(session.kind == .exam && session.scope == "mock:certification" && session.plan?.submitted == true)
    #expect(try store.answers(learner: learner.id).count <= 1)
    #expect(try store.cards(learner: learner.id).isEmpty, "an exam does not touch the review schedule")
  }

  // MARK: Through the executable

  @Test func readingCommandsNeverCreateLearnersOrFolders() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("a\nquit\n".utf8).write(to: file)
    _ = try CLI.run(
      ["practice", "basics", "--answers", file.path, "--learner", "赵四", "--content", CLI.course], dataDir: data)
    let missing = try CLI.run(["progress", "--learner", "赵六", "--content", CLI.course], dataDir: data)
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("没有学员“赵六”。相近的有：赵四"), "\(missing.stderr)")
    let queue = try DatabaseQueue(path: data.appendingPathComponent("progress.sqlite").path)
    let names = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM learner") }
    let last = try queue.read { try String.fetchOne($0, sql: "SELECT value FROM setting WHERE key = 'last_learner'") }
    try queue.close()
    #expect(names == ["赵四"] && last == "赵四", "not created, not made the default")
    let typo = data.appendingPathComponent("typo")
    for arguments in [["report"], ["progress"], ["admin", "backup", data.appendingPathComponent("b.sqlite").path]] {
      let result = try CLI.run(arguments + ["--data-dir", typo.path])
      #expect(result.status == 66, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains("这里没有学习记录"))
    }
    #expect(!FileManager.default.fileExists(atPath: typo.path), "no folder was created")
  }

  @Test func managerCommandsFailLoudly() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("a\n".utf8).write(to: file)
    _ = try CLI.run(
      ["practice", "basics", "--answers", file.path, "--learner", "张三", "--content", CLI.course], dataDir: data)
    let copy = data.appendingPathComponent("copy.sqlite").path
    #expect(try CLI.run(["admin", "backup", copy], dataDir: data).status == 0)
    let again = try CLI.run(["admin", "backup", copy], dataDir: data)
    #expect(again.status == 74)
    #expect(again.stderr.contains("已经存在；请为备份另取一个文件名"), "\(again.stderr)")
    #expect(!again.stderr.contains("学习进度数据库 \(copy)"), "the backup is not called the progress database")
    let nothing = try CLI.run(
      ["grade", "--responses", "-", "--content", CLI.course],
      input: "not json\n{\"question\": \"nope\", \"answer\": \"A\"}\n")
    #expect(nothing.status == 65, "nothing gradable is a failure")
  }

  @Test func shellCompletionScriptsNameEveryCommand() throws {
    for shell in ["bash", "zsh", "fish"] {
      let result = try CLI.run(["--generate-completion-script", shell], environment: ["LANG": "en_US.UTF-8"])
      #expect(result.status == 0)
      for command in ["practice", "report", "admin", "content"] { #expect(result.stdout.contains(command), "\(shell)") }
    }
  }
}
