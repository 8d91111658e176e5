import ArgumentParser
import Foundation
import QuizContent
import QuizCore

/// The formats questions come in from.
enum BankImportFormat: String, ExpressibleByArgument, CaseIterable {
  case gift
  case aiken
  case moodleXML = "moodle-xml"

  /// The name people know the format by.
  var title: String {
    switch self {
    case .gift: "GIFT"
    case .aiken: "Aiken"
    case .moodleXML: "Moodle XML"
    }
  }
}

/// The formats questions go out to.
enum BankExportFormat: String, ExpressibleByArgument, CaseIterable {
  case gift
  case moodleXML = "moodle-xml"

  var title: String { self == .gift ? "GIFT" : "Moodle XML" }
}

extension ContentCommand {
  /// `content import gift|aiken|moodle-xml FILE --lesson ID [--out FILE]`: all or nothing; the
  /// written bank lints clean.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import", abstract: Interface.text("help.content.import"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.content.import-format"), valueName: "format"))
    var format: BankImportFormat
    @Argument(help: ArgumentHelp(Interface.text("help.content.import-file"), valueName: "file"))
    var file: String
    @Option(help: ArgumentHelp(Interface.text("help.content.import-lesson"), valueName: "lesson"))
    var lesson: String
    @Option(help: ArgumentHelp(Interface.text("help.content.import-out"), valueName: "file"))
    var out: String?

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let folder = try context.courseFolder(nil)
      let course = try context.loadCourse()
      try context.requireLesson(lesson, in: course)
      let source = try Self.readUTF8(file, language: language)
      let taken = Set(course.questions.map(\.id))
      let bank: ImportedBank
      switch format {
      case .gift:
        bank = GIFTReader(file: file, lesson: lesson, taken: taken, defaults: course.defaults).read(source)
      case .aiken:
        bank = AikenReader(file: file, lesson: lesson, taken: taken, defaults: course.defaults).read(source)
      case .moodleXML:
        bank = MoodleXMLReader(file: file, lesson: lesson, taken: taken, defaults: course.defaults).read(source)
      }
      Self.report(bank.diagnostics, language: language)
      let errors = bank.diagnostics.filter { $0.severity == .error }.count
      guard errors == 0 else {
        Console.error("recovery-trainer: " + language.text("import.nothing-written", "\(errors)"))
        throw ExitCode(65)
      }
      guard let first = bank.questions.first else {
        Console.error("recovery-trainer: " + language.text("import.no-questions", file))
        throw ExitCode(65)
      }
      let header = [
        language.text("import.header", format.rawValue, (file as NSString).lastPathComponent, "\(bank.questions.count)")
      ]
      let text = QuestionBankWriter.yaml(bank.questions, header: header, defaults: course.defaults)
      let destination = out ?? Self.defaultBank(folder: folder, file: file)
      if destination == "-" {
        Console.raw(text)
        return
      }
      guard !FileManager.default.fileExists(atPath: destination) else {
        Console.error("recovery-trainer: " + language.text("import.exists", destination))
        throw ExitCode(73)
      }
      try Self.write(text, to: destination, language: language)
      // A bank written into the course must leave the course loading; otherwise it goes again.
      let inCourse = (destination as NSString).standardizingPath.hasPrefix((folder as NSString).standardizingPath + "/")
      if inCourse {
        let check = CourseLoader().load(folder: folder)
        if check.course == nil {
          try? FileManager.default.removeItem(atPath: destination)
          Console.error(
            "recovery-trainer: " + language.text("import.course-broken", "\(check.errors.count)", destination))
          for diagnostic in check.errors.prefix(10) { Console.error("  " + diagnostic.description(language)) }
          throw ExitCode(65)
        }
      }
      Console.line(language.text("import.written", "\(bank.questions.count)", file, destination))
      let warnings = bank.diagnostics.count
      if warnings > 0 { Console.line(language.text("import.warnings", "\(warnings)")) }
      Console.line(language.text("import.next", first.id))
    }

    /// Every diagnostic, but the questions without general feedback in one line: a bank
    /// written without any would otherwise bury the other warnings.
    static func report(_ diagnostics: [Diagnostic], language: Language) {
      let missing = diagnostics.filter { if case .interop(.noGeneralFeedback) = $0.problem { true } else { false } }
      for diagnostic in diagnostics where missing.count <= 3 || !missing.contains(diagnostic) {
        Console.error(diagnostic.description(language))
      }
      if missing.count > 3, let first = missing.first {
        Console.error(
          "\(first.file):\(first.line):\(first.column): " + Diagnostic.Severity.warning.name(language)
            + language.pick("：", ": ")
            + language.text("import.no-feedback", "\(missing.count)"))
      }
    }

    /// `questions/imported-<file name>.yaml` in the course.
    static func defaultBank(folder: String, file: String) -> String {
      var stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
      while stem.contains(".") { stem = (stem as NSString).deletingPathExtension }
      let slug = stem.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
      let name = String(slug).split(separator: "-").joined(separator: "-")
      return ((folder as NSString).appendingPathComponent("questions") as NSString)
        .appendingPathComponent("imported-\(name.isEmpty ? "bank" : name).yaml")
    }

    /// The file as UTF-8 text, or a message naming the first byte that is not.
    static func readUTF8(_ path: String, language: Language) throws -> String {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
      } catch {
        Console.error("recovery-trainer: " + language.text("import.unreadable", path, error.localizedDescription))
        throw ExitCode(66)
      }
      if let text = String(data: data, encoding: .utf8) { return text }
      var iterator = data.makeIterator()
      var decoder = UTF8()
      var offset = 0
      loop: while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar): offset += UTF8.width(scalar)
        case .emptyInput: break loop
        case .error: break loop
        }
      }
      Console.error("recovery-trainer: " + language.text("import.not-utf8", path, "\(offset + 1)"))
      throw ExitCode(65)
    }

    /// Written under a temporary name and renamed: a failure leaves nothing half-written.
    static func write(_ text: String, to path: String, language: Language) throws {
      let temporary = path + ".partial-\(getpid())"
      guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)), rename(temporary, path) == 0
      else {
        try? FileManager.default.removeItem(atPath: temporary)
        Console.error("recovery-trainer: " + language.text("out.cannot-write", path))
        throw ExitCode(73)
      }
    }
  }

  /// `content export gift|moodle-xml [--lesson ID] --out FILE`.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export", abstract: Interface.text("help.content.export"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.content.export-format"), valueName: "format"))
    var format: BankExportFormat
    @Option(help: ArgumentHelp(Interface.text("help.content.export-lesson"), valueName: "lesson"))
    var lesson: String?
    @Option(help: ArgumentHelp(Interface.text("help.content.export-out"), valueName: "file"))
    var out: String

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let course = try context.loadCourse()
      try context.requireLesson(lesson, in: course)
      let questions = lesson.map { course.questions(in: $0) } ?? course.questions
      guard !questions.isEmpty else {
        Console.error("recovery-trainer: " + language.text("export.nothing"))
        throw ExitCode(65)
      }
      let header = [language.text("export.header", course.id, course.version, "\(questions.count)")]
      let (text, problems): (String, [InteropProblem])
      switch format {
      case .gift: (text, problems) = GIFTWriter.write(questions, header: header)
      case .moodleXML:
        (text, problems) = MoodleXMLWriter.write(questions, header: header)
      }
      for problem in problems {
        Console.error(language.text("export.warning") + ContentProblem.interop(problem).message(language))
      }
      let skipped = problems.filter { if case .notExpressible(_, _, true) = $0 { true } else { false } }.count
      if out == "-" {
        Console.raw(text)
      } else {
        try Import.write(text, to: out, language: language)
        Console.line(language.text("export.written", "\(questions.count - skipped)", out, format.title))
      }
      let lossy = Set(
        problems.compactMap { problem -> String? in
          if case .notExpressible(let id, _, _) = problem { return id }
          if case .notAMoodleGrade(let id, _) = problem { return id }
          return nil
        }
      ).count
      if lossy > 0 { Console.error(language.text("export.losses", "\(lossy)", "\(skipped)")) }
    }
  }
}
