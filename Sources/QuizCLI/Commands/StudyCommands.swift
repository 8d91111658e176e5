import ArgumentParser
import Foundation
import LineEditing
import QuizContent
import QuizCore
import QuizStore

/// `study`: the interactive shell (the default command).
struct StudyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "study", abstract: "Open the interactive study shell (the default).")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let context = AppContext(global)
    let course = try context.loadCourse()
    do {
      try StudyShell.start(course: course, context: context)
    } catch let error as ExitCodeError {
      throw ExitCode(error.status)
    }
  }
}

/// `practice LESSON --answers FILE`: a practice session from a file of typed answers.
struct PracticeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "practice",
    abstract: "Run a practice session from a file of typed answers (the study shell's practice, scripted).",
    discussion: """
      Each line of FILE is typed at the next prompt, exactly as in the study shell: answers, \
      `?` for a hint, `skip`, `quit`. The transcript is printed; every answer is recorded for \
      the learner (--learner, else the last one used). Without --seed the order is random.
      """)

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("A lesson id or number, or all.", valueName: "lesson"))
  var lesson: String = "all"

  @Option(help: ArgumentHelp("The typed answers, one per line; - for standard input.", valueName: "file"))
  var answers: String

  @Option(help: "How many questions.")
  var count: Int = 10

  @Option(help: ArgumentHelp("Only questions of this type.", valueName: "type"))
  var type: String?

  @Option(help: "A seed for the order and layout of the questions (repeatable sessions).")
  var seed: UInt64?

  func run() throws {
    let context = AppContext(global)
    let course = try context.loadCourse()
    var arguments = [lesson, "--count", String(count)]
    if let type { arguments += ["--type", type] }
    if let seed { arguments += ["--seed", String(seed)] }
    let request: PracticeRequest
    switch PracticeRequest.parse(arguments, course: course, language: context.language) {
    case .failure(let error):
      Console.error("recovery-trainer: \(error.message)")
      throw ExitCode(64)
    case .success(let value): request = value
    }
    let text = try Console.readInput(answers)
    let store = try context.openStore()
    guard let learner = try context.chosenLearner(in: store, now: Date()) else {
      Console.error(
        context.language.pick(
          "recovery-trainer: 还没有学员；请用 --learner 姓名 指定。",
          "recovery-trainer: no learner yet; name one with --learner NAME."))
      throw ExitCode(64)
    }
    let plan = PracticeSession.choose(
      from: request.questions(in: course), count: request.count, type: request.type,
      seed: request.seed ?? UInt64.random(in: 0...UInt64.max))
    guard !plan.queue.isEmpty else {
      Console.error(context.language.pick("recovery-trainer: 没有符合条件的题目。", "recovery-trainer: no questions match."))
      throw ExitCode(65)
    }
    let record: StudySession
    do {
      record = try store.start(
        StudySession(
          learnerID: learner.id!, kind: .practice, scope: request.scope, courseID: course.id,
          contentVersion: course.version, startedAt: Date(), plan: PracticeRunner.json(plan)))
    } catch {
      throw context.fail(error)
    }
    var session = PracticeSession(plan: plan)
    let runner = PracticeRunner(
      course: course, store: store, learner: learner, context: context, source: ScriptedLines(text))
    switch runner.run(&session, record: record) {
    case .failed(let status):
      throw ExitCode(status)
    case .endOfInput:
      Console.error(
        context.language.pick(
          "recovery-trainer: 答案在第 \(session.progress.number) 题之前用完了；已答的都已保存，这次练习可以在学习界面用 resume 继续。",
          "recovery-trainer: the answers ran out before question \(session.progress.number); everything answered is saved and the session can be resumed in the study shell."
        ))
    default:
      break
    }
  }
}

/// `progress`: the learner's own progress, or their whole history as JSON or CSV.
struct ProgressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "progress", abstract: "Show your progress, or export your answers with --format json|csv.")

  @OptionGroup var global: GlobalOptions

  @Option(help: "text (a summary), json or csv (every answer).")
  var format: ExportFormat = .text

  func run() throws {
    let context = AppContext(global)
    let store = try context.openStore()
    guard let learner = try context.chosenLearner(in: store, now: Date()) else {
      Console.error(context.language.pick("recovery-trainer: 还没有学员。", "recovery-trainer: no learner yet."))
      throw ExitCode(66)
    }
    let answers: [AnswerRecord]
    do {
      answers = try store.answers(learner: learner.id!)
    } catch {
      throw context.fail(error)
    }
    switch format {
    case .json:
      let iso = ISO8601DateFormatter()
      let items = answers.map { answer -> JSONValue in
        .object([
          ("answered_at", .string(iso.string(from: answer.answeredAt))), ("question", .string(answer.questionID)),
          ("lesson", .string(answer.lessonID)), ("type", .string(answer.questionType)),
          ("tags", .array(answer.tagList.map(JSONValue.string))), ("typed", .string(answer.raw)),
          ("parsed", .string(answer.parsed)), ("score", .number(answer.fraction)), ("outcome", .string(answer.outcome)),
          ("seconds", .number(Double(answer.durationMS) / 1000)),
          ("session", answer.sessionID.map { .number(Double($0)) } ?? .null),
          ("question_hash", .string(answer.questionHash)),
        ])
      }
      Console.line(JSONValue.object([("learner", .string(learner.name)), ("answers", .array(items))]).prettyPrinted())
    case .csv:
      let iso = ISO8601DateFormatter()
      Console.line(
        "answered_at,learner,question,lesson,type,tags,typed,parsed,score,outcome,seconds,session,question_hash")
      for answer in answers {
        let fields = [
          iso.string(from: answer.answeredAt), learner.name, answer.questionID, answer.lessonID, answer.questionType,
          answer.tagList.joined(separator: ";"), answer.raw, answer.parsed, ResponseFormatter.format(answer.fraction),
          answer.outcome, ResponseFormatter.format(Double(answer.durationMS) / 1000),
          answer.sessionID.map(String.init) ?? "",
          answer.questionHash,
        ]
        Console.line(fields.map(Self.csvField).joined(separator: ","))
      }
    case .text:
      let course = try context.loadCourse()
      let shell = StudyShell(
        course: course, context: context, store: store, learner: learner,
        reader: LineReaderFactory.plain())
      do {
        try shell.showProgress()
      } catch let error as ExitCodeError {
        throw ExitCode(error.status)
      }
    }
  }

  /// RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it.
  static func csvField(_ value: String) -> String {
    var text = value
    if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
    if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, csv
}

/// `admin`: looking after the progress database.
struct AdminCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "admin", abstract: "Back up and check the progress database.", subcommands: [Backup.self, Check.self])

  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Copy the progress database to FILE (a consistent online backup).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The new file to write (must not exist).", valueName: "file"))
    var file: String

    func run() throws {
      let context = AppContext(global)
      let store = try context.openStore()
      do {
        try store.backup(to: file)
        let check = try ProgressStore.open(at: file).check()
        Console.line(
          context.language.pick(
            "已备份到 \(file)：\(check.learners) 名学员，\(check.answers) 条答题记录。",
            "Backed up to \(file): \(check.learners) learners, \(check.answers) answers."))
      } catch {
        throw context.fail(error)
      }
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the database's integrity and show its schema version and counts (exit 1 if damaged).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let context = AppContext(global)
      let store = try context.openStore()
      let check: StoreCheck
      do {
        check = try store.check()
      } catch {
        throw context.fail(error)
      }
      let language = context.language
      Console.line(language.pick("数据库：", "Database: ") + store.path)
      Console.line(
        language.pick("完整性：", "Integrity: ") + (check.isOK ? "ok" : check.integrity.prefix(5).joined(separator: "; ")))
      Console.line(language.pick("结构版本：", "Schema: ") + check.schemaVersion)
      Console.line(
        language.pick(
          "学员 \(check.learners) · 练习 \(check.sessions) · 答题 \(check.answers)",
          "learners \(check.learners) · sessions \(check.sessions) · answers \(check.answers)"))
      if !check.isOK { throw ExitCode(1) }
    }
  }
}
