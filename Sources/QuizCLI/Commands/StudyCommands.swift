import ArgumentParser
import Foundation
import LineEditing
import QuizContent
import QuizCore
import QuizStore

/// `study`: the interactive shell (the default command).
struct StudyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "study", abstract: Interface.text("help.studys.1"))

  @OptionGroup var global: GlobalOptions
  @OptionGroup var passphrase: PassphraseOption

  func run() throws {
    let context = AppContext(global)
    let course = try context.loadCourse()
    do {
      try StudyShell.start(course: course, context: context, passphraseFile: passphrase.file)
    } catch let error as ExitCodeError {
      throw ExitCode(error.status)
    }
  }
}

/// `practice LESSON --answers FILE`: a practice session from a file of typed answers.
struct PracticeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "practice",
    abstract: Interface.text("help.studys.2"),
    discussion: Interface.text("help.studys.3"))

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp(Interface.text("help.studys.4"), valueName: "lesson|id"))
  var scope: [String] = ["all"]

  @Option(help: ArgumentHelp(Interface.text("help.studys.5"), valueName: "file"))
  var answers: String

  @Option(help: ArgumentHelp(Interface.text("help.studys.6")))
  var count: Int = 10

  @Option(help: ArgumentHelp(Interface.text("help.studys.7"), valueName: "type"))
  var type: String?

  @Option(help: ArgumentHelp(Interface.text("help.studys.8")))
  var seed: UInt64?

  func run() throws {
    let context = AppContext(global)
    let course = try context.loadCourse()
    var arguments = scope + ["--count", String(count)]
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
    guard let learner = try context.chosenLearner(in: store, for: .studying) else {
      Console.error(
        context.language.text("studycommands.recovery-trainer-no-learner-yet-name"))
      throw ExitCode(64)
    }
    let plan = request.plan(in: course, seed: request.seed ?? context.randomSeed())
    guard !plan.queue.isEmpty else {
      Console.error(context.language.text("studycommands.recovery-trainer-no-questions-match"))
      throw ExitCode(65)
    }
    let record: SessionRecord
    do {
      if try store.abandonInterrupted(learner: learner.id, at: context.now()) > 0 {
        Console.line(Self.endedPausedMessage(context.language))
      }
      record = try store.start(
        NewSession(
          learnerID: learner.id, kind: .practice, scope: request.scope, courseID: course.id,
          contentVersion: course.version, startedAt: context.now(), plan: plan))
    } catch {
      throw context.fail(error)
    }
    var configuration = SessionConfiguration(kind: .practice)
    configuration.commandWords = StudyShell.commandWords
    var engine = SessionEngine(plan: plan, questions: course.questions, configuration: configuration)
    var host = SessionHost(
      course: course, store: store, learner: learner, context: context, source: ScriptedLines(text),
      scheduler: .standard)
    host.announcesEndOfInput = false
    switch host.run(&engine, session: record) {
    case .failed(let status):
      throw ExitCode(status)
    case .endOfInput:
      Console.error(
        context.language.text("studycommands.recovery-trainer-the-answers-ran-out", "\(engine.plan.position + 1)"))
    default:
      break
    }
  }
}

extension PracticeCommand {
  /// Said when a new session ends the paused one (one paused session at a time).
  static func endedPausedMessage(_ language: Language) -> String {
    language.text("studycommands.your-paused-session-was-ended-its")
  }
}

/// `progress`: the learner's own progress, or their whole history as JSON or CSV.
struct ProgressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "progress", abstract: Interface.text("help.studys.9"))

  @OptionGroup var global: GlobalOptions

  @Option(help: ArgumentHelp(Interface.text("help.studys.10")))
  var format: ExportFormat = .text

  func run() throws {
    let context = AppContext(global)
    let store = try context.openStore(existing: true)
    guard let learner = try context.chosenLearner(in: store, for: .reading) else {
      Console.error(context.language.text("studycommands.recovery-trainer-no-learner-yet"))
      throw ExitCode(66)
    }
    let answers: [AnswerRecord]
    do {
      // Answers of a certification attempt not sealed yet are left out, as in every progress view.
      let waiting = Set(try store.attempts(learner: learner.id).filter { $0.status != .final }.map(\.sessionID))
      answers = try store.answers(learner: learner.id).filter { $0.sessionID.map { !waiting.contains($0) } ?? true }
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
          ("tags", .array(answer.tags.map(JSONValue.string))), ("typed", .string(answer.typed)),
          ("shown", .string(answer.shown)), ("choice", .string(answer.canonical)),
          ("score", .number(answer.fraction)), ("outcome", .string(answer.outcome.rawValue)),
          ("seconds", .number(Double(answer.durationMS) / 1000)),
          ("session", answer.sessionID.map { .number(Double($0)) } ?? .null),
          ("question_hash", .string(answer.questionHash)),
        ])
      }
      Console.line(JSONValue.object([("learner", .string(learner.name)), ("answers", .array(items))]).prettyPrinted())
    case .csv:
      let iso = ISO8601DateFormatter()
      Console.line(
        "answered_at,learner,question,lesson,type,tags,typed,shown,choice,score,outcome,seconds,session,question_hash")
      for answer in answers {
        let fields = [
          iso.string(from: answer.answeredAt), learner.name, answer.questionID, answer.lessonID, answer.questionType,
          answer.tags.joined(separator: ";"), answer.typed, answer.shown, answer.canonical,
          ResponseFormatter.format(answer.fraction), answer.outcome.rawValue,
          ResponseFormatter.format(Double(answer.durationMS) / 1000),
          answer.sessionID.map(String.init) ?? "",
          answer.questionHash,
        ]
        Console.line(fields.map(Self.csvField).joined(separator: ","))
      }
    case .text:
      let course = try context.loadCourse()
      let shell = StudyShell(
        course: course, context: context, store: store, learner: learner,
        reader: ScriptedLines(""))
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
    commandName: "admin", abstract: Interface.text("help.studys.11"),
    subcommands: [
      Backup.self, Check.self, InitKey.self, ExportKey.self, Grade.self, Approve.self, Revoke.self, Audit.self,
      InitOrganisation.self, AddLearner.self, AddManager.self, MigrateTo.self, Migrate.self, ExportResults.self,
      ImportResults.self,
    ])

  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: Interface.text("help.studys.12"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.studys.13"), valueName: "file"))
    var file: String

    func run() throws {
      let context = AppContext(global)
      let store = try context.openStore(existing: true)
      do {
        try store.backup(to: file)
        let check = SQLiteStore.diagnose(at: file)
        Console.line(
          context.language.text(
            "studycommands.backed-up-to-learners-answers", "\(file)", "\(check.learners ?? 0)", "\(check.answers ?? 0)")
        )
      } catch {
        throw context.fail(error)
      }
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: Interface.text("help.studys.14"),
      discussion: Interface.text("help.studys.15"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(Interface.text("help.studys.16"), valueName: "file"))
    var file: String?

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      if file == nil, context.databaseURL != nil {
        // The organisation database: the server keeps its own pages; what it holds is counted.
        let store = try context.openStore(existing: true)
        do {
          let check = try store.check()
          Console.line(language.text("studycommands.database") + store.location)
          Console.line(language.text("studycommands.integrity") + check.integrity.joined(separator: "; "))
          Console.line(language.text("studycommands.schema") + check.schemaVersion)
          Console.line(
            language.text(
              "studycommands.learners-sessions-answers", "\(check.learners)", "\(check.sessions)", "\(check.answers)"))
          return
        } catch {
          throw context.fail(error)
        }
      }
      let path = file ?? context.dataDirectory.file("progress.sqlite")
      let diagnosis = SQLiteStore.diagnose(at: path)
      Console.line(language.text("studycommands.database") + path)
      guard diagnosis.exists else {
        Console.error(
          language.text("studycommands.recovery-trainer-there-is-no-database", "\(path)")
        )
        throw ExitCode(66)
      }
      Console.line(
        language.text("studycommands.integrity")
          + (diagnosis.isHealthy ? "ok" : language.text("studycommands.problems-found")))
      let problemLines = diagnosis.problems.flatMap { $0.split(separator: "\n").map(String.init) }
      for line in problemLines.prefix(10) { Console.line("  " + line) }
      if problemLines.count > 10 { Console.line("  …") }
      Console.line(language.text("studycommands.schema") + (diagnosis.schemaVersion ?? "?"))
      let count = { (value: Int?) in value.map(String.init) ?? "?" }
      Console.line(
        language.text(
          "studycommands.learners-sessions-answers", "\(count(diagnosis.learners))", "\(count(diagnosis.sessions))",
          "\(count(diagnosis.answers))"))
      guard diagnosis.isHealthy else {
        Console.line(
          language.text("studycommands.the-file-has-not-been-changed"))
        for step in diagnosis.recovery(program: Executable.url.path) { Console.line("  " + step) }
        throw ExitCode(1)
      }
    }
  }
}
