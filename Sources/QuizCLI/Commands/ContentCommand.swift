import ArgumentParser
import QuizContent
import QuizCore

/// `content`: tools for instructors who write question banks.
struct ContentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "content",
    abstract: "Check and export course content (for instructors).",
    subcommands: [Lint.self, Dump.self])

  /// `content lint [DIR]`.
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a course folder and list every problem as file:line:column.",
      discussion: """
        Exit status: 0 when the course is clean, 65 when it has errors (or warnings, with --strict), \
        66 when the folder holds no course.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(
      help: ArgumentHelp(
        "The course folder, or a folder holding one course (default: the built-in content).", valueName: "dir"))
    var directory: String?

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "Output format: text or json.")
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
          summary = language.pick(
            "\(course.id)：\(course.lessons.count) 课，\(course.questions.count) 题；\(result.errors.count) 个错误，\(result.warnings.count) 个警告",
            "\(course.id): \(course.lessons.count) lessons, \(course.questions.count) questions; \(result.errors.count) error(s), \(result.warnings.count) warning(s)"
          )
        } else {
          summary = language.pick(
            "\(courseFolder)：\(result.errors.count) 个错误，\(result.warnings.count) 个警告",
            "\(courseFolder): \(result.errors.count) error(s), \(result.warnings.count) warning(s)")
        }
        if failing.isEmpty { Console.line(summary) } else { Console.error(summary) }
      }
      if !failing.isEmpty { throw ExitCode(65) }
    }
  }

  /// `content dump [DIR] --format json`.
  struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the whole course as JSON (same field names as the files, plus question hashes).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The course folder (default: the built-in content).", valueName: "dir"))
    var directory: String?

    @Option(help: "Output format (json).")
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
