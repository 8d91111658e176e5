import ArgumentParser
import QuizContent
import QuizCore

/// `content`: tools for instructors who write question banks.
struct ContentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "content",
    abstract: Interface.text("help.content.1"),
    subcommands: [Lint.self, Dump.self, Preview.self, Stats.self, New.self, Import.self, Export.self])

  /// `content lint [DIR]`.
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: Interface.text("help.content.2"),
      discussion: Interface.text("help.content.3"))

    @OptionGroup var global: GlobalOptions

    @Argument(
      help: ArgumentHelp(
        Interface.text("help.content.4"), valueName: "dir"))
    var directory: String?

    @Flag(help: ArgumentHelp(Interface.text("help.content.5")))
    var strict = false

    @Option(help: ArgumentHelp(Interface.text("help.content.6")))
    var format: OutputFormat = .text

    func run() throws {
      let context = AppContext(global)
      let courseFolder = try context.courseFolder(directory)
      let result = CourseLoader().load(folder: courseFolder)
      let failing = result.diagnostics.filter { $0.severity == .error || strict }
      switch format {
      case .json:
        let findings = result.diagnostics.map { diagnostic -> JSONValue in
          .object([
            ("file", .string(diagnostic.file)), ("line", .number(Double(diagnostic.line))),
            ("column", .number(Double(diagnostic.column))), ("severity", .string(diagnostic.severity.rawValue)),
            // `message` stays English: scripts match on it.
            ("message", .string(diagnostic.message)), ("message_zh", .string(diagnostic.message(.zh))),
          ])
        }
        let report = JSONValue.object([
          ("course", .string(courseFolder)),
          ("ok", .bool(failing.isEmpty)),
          ("errors", .number(Double(result.errors.count))),
          ("warnings", .number(Double(result.warnings.count))),
          ("lessons", .number(Double(result.course?.lessons.count ?? 0))),
          ("questions", .number(Double(result.course?.questions.count ?? 0))),
          ("findings", .array(findings)),
        ])
        Console.line(report.prettyPrinted())
      case .text:
        let language = context.language
        for diagnostic in result.diagnostics { Console.line(diagnostic.description(language)) }
        let summary: String
        if let course = result.course {
          summary = language.text(
            "contentcommand.lessons-questions-error-s-warning-s", "\(course.id)", "\(course.lessons.count)",
            "\(course.questions.count)", "\(result.errors.count)", "\(result.warnings.count)")
        } else {
          summary = language.text(
            "contentcommand.error-s-warning-s", "\(courseFolder)", "\(result.errors.count)", "\(result.warnings.count)")
        }
        if failing.isEmpty { Console.line(summary) } else { Console.error(summary) }
      }
      if !failing.isEmpty { throw ExitCode(65) }
    }
  }

  /// `content dump [DIR] --format json`.
  struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: Interface.text("help.content.7"))

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(Interface.text("help.content.8"), valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp(Interface.text("help.content.9")))
    var format: DumpFormat = .json

    func run() throws {
      let context = AppContext(global)
      let course = try context.loadCourse(folder: directory)
      Console.line(CourseJSON.value(of: course).prettyPrinted())
    }
  }
}

/// `--format` of commands that print findings.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

/// `--format` of `content dump`.
enum DumpFormat: String, ExpressibleByArgument, CaseIterable {
  case json
}
