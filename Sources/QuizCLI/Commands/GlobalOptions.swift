import ArgumentParser
import Foundation
import QuizContent
import QuizCore
import QuizStore
import QuizStorePostgres

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long, help: ArgumentHelp(Interface.text("help.globaloptions.1"), valueName: "dir"))
  var content: String?

  @Option(
    name: .customLong("data-dir"),
    help: ArgumentHelp(Interface.text("help.globaloptions.2"), valueName: "dir"))
  var dataDir: String?

  @Option(
    name: .long, help: ArgumentHelp(Interface.text("help.globaloptions.3"), valueName: "zh|en"))
  var lang: LanguageOption?

  @Option(name: .long, help: ArgumentHelp(Interface.text("help.globaloptions.4"), valueName: "name"))
  var learner: String?

  @Option(name: .long, help: ArgumentHelp(Interface.text("help.globaloptions.database"), valueName: "url"))
  var database: String?

  public init() {}
}

/// `--lang` values.
enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
  case zh, en
}

/// The clock and the source of random seeds, passed in so that tests are exact; the shipped
/// program uses the system's (there is no switch that fakes time).
struct Dependencies: Sendable {
  var now: @Sendable () -> Date
  var seed: @Sendable () -> UInt64
  /// Waits (the delay after a wrong passphrase); tests pass one that only records.
  var sleep: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }

  static let live = Dependencies(now: { Date() }, seed: { UInt64.random(in: 0...UInt64.max) })
}

/// What a command works with: the terminal, the language, where content and data are.
struct AppContext {
  var terminal: Terminal
  var language: Language
  var dataDirectory: DataDirectory
  var contentOption: String?
  var learnerOption: String?
  var databaseOption: String?
  var dependencies: Dependencies

  init(_ options: GlobalOptions, terminal: Terminal = .current(), dependencies: Dependencies = .live) {
    self.terminal = terminal
    self.dependencies = dependencies
    language = Language.resolve(
      explicit: options.lang.flatMap { Language(rawValue: $0.rawValue) }, environment: terminal.environment)
    dataDirectory = DataDirectory.resolve(explicit: options.dataDir, environment: terminal.environment)
    contentOption = options.content
    learnerOption = options.learner
    databaseOption = options.database
  }

  /// The organisation database, if one is chosen: `--database`, else `RECOVERY_TRAINER_DATABASE`,
  /// else a `database = URL` line in the data folder's `config` file. Without one, the
  /// embedded SQLite file in the data folder is used.
  var databaseURL: String? {
    if let databaseOption, !databaseOption.isEmpty { return databaseOption }
    if let variable = terminal.environment["RECOVERY_TRAINER_DATABASE"], !variable.isEmpty { return variable }
    return Self.configuredDatabase(in: dataDirectory.file("config"))
  }

  /// The `database` setting of a config file (`database = postgres://…`; `#` starts a comment).
  static func configuredDatabase(in path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
      let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      if parts.count == 2, parts[0] == "database", !parts[1].isEmpty { return parts[1] }
    }
    return nil
  }

  /// Exits with status 64 and the course's lesson ids when `lesson` names none of them.
  func requireLesson(_ lesson: String?, in course: Course) throws {
    guard let lesson, course.lesson(withID: lesson) == nil else { return }
    Console.error(
      "recovery-trainer: " + language.text("studyshell-practice.no-such-lesson", MarkdownRenderer.inert(lesson))
        + language.text("studyshell-practice.lessons") + course.lessons.map(\.id).joined(separator: ", "))
    throw ExitCode(64)
  }

  /// The message and exit status of an organisation database that cannot be used.
  func fail(_ failure: OrganisationDatabase.Failure) -> ExitCode {
    switch failure {
    case .unavailable:
      Console.error("recovery-trainer: " + language.text("database.unavailable"))
      return ExitCode(69)
    case .location(let problem):
      let detail: String
      switch problem {
      case .notPostgres(let url): detail = language.text("database.not-postgres", url)
      case .passwordInURL: detail = language.text("database.password-in-url")
      case .badPort(let port): detail = language.text("database.bad-port", port)
      case .noUser: detail = language.text("database.no-user")
      case .badTLSMode(let mode): detail = language.text("database.bad-sslmode", mode)
      }
      Console.error("recovery-trainer: " + detail)
      return ExitCode(64)
    case .store(let error):
      return fail(error)
    case .noLearner(let name):
      Console.error("recovery-trainer: " + language.text("database.no-learner", name))
      return ExitCode(66)
    case .notEmpty(let location):
      Console.error("recovery-trainer: " + language.text("database.not-empty", location))
      return ExitCode(65)
    case .noRole(let role):
      Console.error("recovery-trainer: " + language.text("database.no-role", role))
      return ExitCode(66)
    }
  }

  /// The time now.
  func now() -> Date { dependencies.now() }

  /// A fresh random seed (for the order and layout of a new session).
  func randomSeed() -> UInt64 { dependencies.seed() }

  /// Opens the progress database in the data directory, or explains why it cannot and exits
  /// with status 74 (I/O) or 65 (bad data). A command that only reads (`existing: true`)
  /// refuses a data folder without a database (exit 66) and creates nothing, so a typo in
  /// `--data-dir` is an error rather than an empty report.
  func openStore(existing: Bool = false) throws -> any ProgressStore {
    if let url = databaseURL {
      do {
        return try OrganisationDatabase.open(url: url, environment: terminal.environment)
      } catch {
        throw fail(error)
      }
    }
    let file = dataDirectory.file("progress.sqlite")
    if existing && !FileManager.default.fileExists(atPath: file) {
      Console.error(
        "recovery-trainer: "
          + language.text("globaloptions.there-is-no-progress-here-no", "\(dataDirectory.path)"))
      throw ExitCode(66)
    }
    do {
      try dataDirectory.create()
    } catch {
      Console.error(
        "recovery-trainer: "
          + language.text("file.cannot-create-folder", dataDirectory.path, error.localizedDescription))
      throw ExitCode(74)
    }
    do {
      return try SQLiteStore.open(at: dataDirectory.file("progress.sqlite"))
    } catch {
      throw fail(error)
    }
  }

  /// A learner's name as typed, checked by the one rule (`Learner.validName`), or the
  /// message that says what is wrong.
  func validLearnerName(_ typed: String) -> Result<String, PracticeError> {
    switch Learner.validName(typed) {
    case .success(let name): return .success(name)
    case .failure(.empty): return .failure(PracticeError(language.text("globaloptions.the-name-is-empty")))
    case .failure(.tooLong(let limit)):
      return .failure(
        PracticeError(
          language.text("globaloptions.that-name-is-too-long-characters", "\(limit)")))
    }
  }

  /// Prints a store error and returns the exit code to throw.
  func fail(_ error: any Error) -> ExitCode {
    guard let error = error as? StoreError else {
      Console.error("recovery-trainer: \(error)")
      return ExitCode(70)
    }
    Console.error("recovery-trainer: \(error.message(language))")
    return ExitCode(error.exitStatus)
  }

  /// What a command does with the learner it is given.
  enum LearnerUse {
    /// Only reads: `--learner` must name an existing learner; nothing is created or remembered.
    case reading
    /// Studies: `--learner` names an existing learner or a new one, and is remembered for the
    /// next start.
    case studying
  }

  /// The learner named by `--learner`, else the last one used; `nil` when neither exists.
  ///
  /// With `.reading`, an unknown name is an error (exit 66) that lists the close names.
  func chosenLearner(in store: any ProgressStore, for use: LearnerUse) throws -> Learner? {
    do {
      guard let typed = learnerOption else { return try store.lastLearner() }
      let name: String
      switch validLearnerName(typed) {
      case .success(let valid): name = valid
      case .failure(let problem):
        Console.error("recovery-trainer: --learner: \(problem.message)")
        throw ExitCode(64)
      }
      if let existing = try store.learner(named: name) {
        if use == .studying { try store.setLastLearner(existing) }
        return existing
      }
      guard use == .studying else {
        Console.error("recovery-trainer: " + noSuchLearner(name, among: try store.learners()))
        throw ExitCode(66)
      }
      let learner = try store.createLearner(named: name, displayName: nil, at: now())
      try store.setLastLearner(learner)
      return learner
    } catch let exit as ExitCode {
      throw exit
    } catch {
      throw fail(error)
    }
  }

  /// "No such learner", with the names close to it.
  func noSuchLearner(_ name: String, among learners: [Learner]) -> String {
    let shown = MarkdownRenderer.inert(name)
    let close = Suggestion.close(to: name, among: learners.map(\.name))
    var text = language.text("globaloptions.no-learner-named", "\(shown)")
    if !close.isEmpty {
      text +=
        language.text("globaloptions.close")
        + close.map(MarkdownRenderer.inert).joined(separator: language.text("list.separator"))
    } else if !learners.isEmpty {
      text +=
        language.text("globaloptions.learners")
        + learners.prefix(10).map { MarkdownRenderer.inert($0.name) }.joined(separator: language.text("list.separator"))
    }
    return text
  }

  var style: Style { Style(enabled: terminal.usesColor) }

  /// The content folder: `--content`, `RECOVERY_TRAINER_CONTENT`, the installed share
  /// folder next to the executable (the real file, found through `/proc/self/exe`, so a
  /// binary started from `PATH` or through a symbolic link finds its content), a `content/`
  /// folder above the executable (a checkout), or `./content`.
  func contentFolder() -> String {
    if let contentOption { return contentOption }
    if let fromEnvironment = terminal.environment["RECOVERY_TRAINER_CONTENT"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    let manager = FileManager.default
    var directory = Executable.url.deletingLastPathComponent()
    let installed = directory.appendingPathComponent("../share/recovery-trainer/content").standardized.path
    if manager.fileExists(atPath: installed) { return installed }
    for _ in 0..<6 {
      let candidate = directory.appendingPathComponent("content")
      if manager.fileExists(atPath: candidate.appendingPathComponent("loan-recovery/course.yaml").path)
        || manager.fileExists(atPath: candidate.appendingPathComponent("course.yaml").path)
      {
        return candidate.path
      }
      directory = directory.deletingLastPathComponent()
    }
    return "content"
  }

  /// Where validated courses are cached: `$XDG_CACHE_HOME/recovery-trainer`, else
  /// `~/.cache/recovery-trainer`; `nil` when neither is known.
  var cache: CourseCache? {
    let environment = terminal.environment
    let base =
      environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? environment["HOME"].flatMap { $0.isEmpty ? nil : ($0 as NSString).appendingPathComponent(".cache") }
    return base.map {
      CourseCache(
        folder: ($0 as NSString).appendingPathComponent("recovery-trainer"),
        programVersion: RecoveryTrainer.version + "+" + Executable.buildIdentity)
    }
  }

  /// The course folder in `explicit` or the content folder, or a message and exit status 66.
  func courseFolder(_ explicit: String? = nil) throws -> String {
    do {
      return try CourseLoader.locateCourse(in: explicit ?? contentFolder())
    } catch {
      Console.error("recovery-trainer: \(error.message(language))")
      throw ExitCode(66)
    }
  }

  /// Loads the course, or prints why it cannot and exits with status 65 (66 when missing).
  func loadCourse(folder explicit: String? = nil) throws -> Course {
    let courseFolder = try courseFolder(explicit)
    let result = cache.map { $0.load(courseFolder: courseFolder) } ?? CourseLoader().load(folder: courseFolder)
    guard let course = result.course else {
      let errors = result.errors
      Console.error(
        language.text("globaloptions.recovery-trainer-the-course-in-has", "\(courseFolder)", "\(errors.count)"))
      for diagnostic in errors.prefix(10) { Console.error("  \(diagnostic.description(language))") }
      if errors.count > 10 {
        Console.error(language.text("globaloptions.and-more", "\(errors.count - 10)"))
      }
      Console.error(
        language.text("globaloptions.run-recovery-trainer-content-lint-to", "\(courseFolder)"))
      throw ExitCode(65)
    }
    return course
  }
}
