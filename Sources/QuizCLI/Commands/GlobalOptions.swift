import ArgumentParser
import Foundation
import QuizContent
import QuizCore
import QuizStore

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long, help: ArgumentHelp("The course content folder (default: the built-in course).", valueName: "dir"))
  var content: String?

  @Option(
    name: .customLong("data-dir"),
    help: ArgumentHelp("Where progress is kept (default: ~/.local/share/recovery-trainer).", valueName: "dir"))
  var dataDir: String?

  @Option(
    name: .long, help: ArgumentHelp("Interface language: zh or en (default: from LANG, else zh).", valueName: "zh|en"))
  var lang: LanguageOption?

  @Option(name: .long, help: ArgumentHelp("Who is studying (default: the learner used last).", valueName: "name"))
  var learner: String?

  public init() {}
}

/// `--lang` values.
enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
  case zh, en
}

/// What a command works with: the terminal, the language, where content and data are.
struct AppContext {
  var terminal: Terminal
  var language: Language
  var dataDirectory: DataDirectory
  var contentOption: String?
  var learnerOption: String?

  init(_ options: GlobalOptions, terminal: Terminal = .current()) {
    self.terminal = terminal
    language = Language.resolve(
      explicit: options.lang.flatMap { Language(rawValue: $0.rawValue) }, environment: terminal.environment)
    dataDirectory = DataDirectory.resolve(explicit: options.dataDir, environment: terminal.environment)
    contentOption = options.content
    learnerOption = options.learner.map {
      String(TextNormalizer.removingControlCharacters($0).trimmingSpaces().prefix(40))
    }
  }

  /// Opens the progress database in the data directory, or explains why it cannot and exits
  /// with status 74 (I/O) or 65 (bad data).
  func openStore() throws -> ProgressStore {
    do {
      try dataDirectory.create()
    } catch {
      Console.error(
        "recovery-trainer: cannot create the data folder \(dataDirectory.path): \(error.localizedDescription)")
      throw ExitCode(74)
    }
    do {
      return try ProgressStore.open(at: dataDirectory.file("progress.sqlite"))
    } catch {
      throw fail(error)
    }
  }

  /// Prints a store error and returns the exit code to throw.
  func fail(_ error: any Error) -> ExitCode {
    guard let error = error as? StoreError else {
      Console.error("recovery-trainer: \(error)")
      return ExitCode(70)
    }
    Console.error("recovery-trainer: \(error.description)")
    return ExitCode(error.exitStatus)
  }

  /// The learner named by `--learner`, else the last one used; `nil` when neither exists.
  func chosenLearner(in store: ProgressStore, now: Date) throws -> Learner? {
    do {
      if let name = learnerOption, !name.isEmpty {
        let learner = try store.learner(named: name, now: now)
        try store.setLastLearner(learner)
        return learner
      }
      return try store.lastLearner()
    } catch {
      throw fail(error)
    }
  }

  var style: Style { Style(enabled: terminal.usesColor) }

  /// The content folder: `--content`, `RECOVERY_TRAINER_CONTENT`, the installed share
  /// folder next to the executable, a `content/` folder above the executable (a checkout),
  /// or `./content`.
  func contentFolder() -> String {
    if let contentOption { return contentOption }
    if let fromEnvironment = terminal.environment["RECOVERY_TRAINER_CONTENT"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    let manager = FileManager.default
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = executable.deletingLastPathComponent()
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
        folder: ($0 as NSString).appendingPathComponent("recovery-trainer"), programVersion: RecoveryTrainer.version)
    }
  }

  /// The course folder in `explicit` or the content folder, or a message and exit status 66.
  func courseFolder(_ explicit: String? = nil) throws -> String {
    do {
      return try CourseLoader.locateCourse(in: explicit ?? contentFolder())
    } catch {
      Console.error("recovery-trainer: \(error.description)")
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
        language.pick(
          "recovery-trainer: 课程 \(courseFolder) 有 \(errors.count) 处错误，无法使用：",
          "recovery-trainer: the course in \(courseFolder) has \(errors.count) error(s) and cannot be used:"))
      for diagnostic in errors.prefix(10) { Console.error("  \(diagnostic)") }
      if errors.count > 10 {
        Console.error(language.pick("  ……以及另外 \(errors.count - 10) 处", "  ... and \(errors.count - 10) more"))
      }
      Console.error(
        language.pick(
          "运行 recovery-trainer content lint \(courseFolder) 查看全部问题。",
          "Run recovery-trainer content lint \(courseFolder) to see them all."))
      throw ExitCode(65)
    }
    return course
  }
}
