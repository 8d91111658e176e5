import ArgumentParser
import Foundation
import LineEditing
import QuizContent
import QuizCore
import QuizStore

/// The interactive study shell: the dashboard, then commands read with readline (or from a
/// pipe). It never exits on a typo, a bad answer or Ctrl-C, and every answer is saved
/// before its feedback is shown.
final class StudyShell {
  let course: Course
  var context: AppContext
  let store: any ProgressStore
  var learner: Learner
  let reader: any LineSource
  /// How the manager's passphrase is read for a proctored exam: without echo at a terminal,
  /// never through readline (so never in the history); `passphraseFile` for scripts.
  var secret: SecretReader
  /// `exam --passphrase-file FILE`: the proctor's passphrase from a file (scripted runs).
  var passphraseFile: String?

  func now() -> Date { context.now() }

  var language: Language { context.language }
  var style: Style { context.style }
  var width: Int { context.terminal.width }
  var views: LessonViews { LessonViews(course: course, language: language, style: style, width: width) }

  /// The commands, their Chinese aliases, arguments and help.
  struct Command {
    var name: String
    var aliases: [String]
    var usage: String

    /// The catalogue key of what the command does.
    var summaryKey: String { "command.\(name)" }
  }

  static let commands: [Command] = [
    Command(name: "lessons", aliases: ["课程", "目录"], usage: "lessons"),
    Command(
      name: "read", aliases: ["阅读", "学习"], usage: "read <课> [小节]"),
    Command(
      name: "practice", aliases: ["练习"], usage: "practice [课|all|题号…] [--count N] [--type 题型]"),
    Command(
      name: "review", aliases: ["复习"], usage: "review [--limit N] [--new N] [--before 日期]"),
    Command(
      name: "mistakes", aliases: ["错题", "错题本"], usage: "mistakes [practice]"),
    Command(
      name: "progress", aliases: ["进度"], usage: "progress"),
    Command(name: "history", aliases: ["历史", "记录"], usage: "history"),
    Command(
      name: "search", aliases: ["搜索", "查找"], usage: "search <词>"),
    Command(name: "exam", aliases: ["考试", "认证"], usage: "exam [考试|results [考试]]"),
    Command(name: "mock", aliases: ["模拟考试", "模拟"], usage: "mock [考试]"),
    Command(name: "resume", aliases: ["继续"], usage: "resume"),
    Command(
      name: "learner", aliases: ["学员"], usage: "learner [姓名]"),
    Command(name: "lang", aliases: ["语言"], usage: "lang zh|en"),
    Command(name: "help", aliases: ["帮助", "?", "？"], usage: "help [命令]"),
    Command(
      name: "quit", aliases: ["退出", "exit"], usage: "quit"),
  ]

  /// The usage line in the interface language (placeholders are written in Chinese).
  func usage(_ command: Command) -> String {
    guard language == .en else { return command.usage }
    var text = command.usage
    for (zh, en) in [
      ("小节", "section"), ("题号", "id"), ("题型", "type"), ("考试", "exam"), ("课", "lesson"), ("日期", "DATE"), ("词", "words"),
      ("姓名", "name"), ("命令", "command"),
    ] {
      text = text.replacingOccurrences(of: zh, with: en)
    }
    return text
  }

  /// The shell's command words (names and aliases), lower-cased, except those that mean the
  /// same at a question (`help`, `quit`, `?`).
  static let commandWords: Set<String> = Set(
    commands.filter { !["help", "quit"].contains($0.name) }.flatMap { [$0.name] + $0.aliases }.map { $0.lowercased() })

  static func command(named word: String) -> Command? {
    commands.first { $0.name == word.lowercased() || $0.aliases.contains(word) }
  }

  init(
    course: Course, context: AppContext, store: any ProgressStore, learner: Learner, reader: any LineSource,
    secret: SecretReader? = nil
  ) {
    self.course = course
    self.context = context
    self.store = store
    self.learner = learner
    self.reader = reader
    self.secret =
      secret ?? AppContext.terminalSecret
  }

  /// Opens the shell: asks who is studying on first use, then runs commands until `quit`.
  static func start(course: Course, context: AppContext, passphraseFile: String? = nil) throws {
    let store = try context.openStore()
    let learnerNames = ((try? store.learners()) ?? []).map(\.name)
    let reader = LineReader(
      historyFile: nil,
      completer: { line, word in completions(line: line, word: word, course: course, learners: learnerNames) })
    defer { reader.close() }

    Console.line(style(context).bold("贷款回收与处置培训 · recovery-trainer \(RecoveryTrainer.version)"))
    Console.line(
      LessonViews(course: course, language: context.language, style: style(context), width: context.terminal.width)
        .courseLine())
    let learner: Learner
    if let typed = context.learnerOption {
      guard let chosen = try namedLearner(typed, store: store, reader: reader, context: context) else { return }
      learner = chosen
    } else if let last = try context.chosenLearner(in: store, for: .reading) {
      learner = last
    } else {
      guard let created = try askForLearner(store: store, reader: reader, context: context) else { return }
      learner = created
    }
    reader.useHistory(file: historyFile(for: learner, context: context))
    let shell = StudyShell(course: course, context: context, store: store, learner: learner, reader: reader)
    shell.passphraseFile = passphraseFile
    try shell.run()
  }

  /// Each learner's own line history in the data folder.
  static func historyFile(for learner: Learner, context: AppContext) -> String {
    context.dataDirectory.file("history-\(learner.id)")
  }

  /// `--learner NAME` at start: the learner, or, for a name not seen before, a question
  /// before creating one (a typo must not make a stranger).
  static func namedLearner(
    _ typed: String, store: any ProgressStore, reader: any LineSource, context: AppContext
  ) throws -> Learner? {
    let name: String
    switch context.validLearnerName(typed) {
    case .success(let valid): name = valid
    case .failure(let problem):
      Console.error("recovery-trainer: --learner: \(problem.message)")
      throw ExitCode(64)
    }
    do {
      if let existing = try store.learner(named: name) {
        try store.setLastLearner(existing)
        return existing
      }
      guard try confirmNewLearner(name, store: store, reader: reader, context: context) else {
        Console.line(context.language.text("studyshell.no-learner-was-created"))
        return nil
      }
      let learner = try store.createLearner(named: name, displayName: nil, at: context.now())
      try store.setLastLearner(learner)
      return learner
    } catch let error as StoreError {
      throw context.fail(error)
    }
  }

  /// Asks "create learner NAME?" (listing the close names); false unless the answer is yes.
  static func confirmNewLearner(
    _ name: String, store: any ProgressStore, reader: any LineSource, context: AppContext
  ) throws(StoreError) -> Bool {
    let language = context.language
    let learners = try store.learners()
    if !learners.isEmpty { Console.line(context.noSuchLearner(name, among: learners)) }
    let question = language.text("studyshell.create-the-learner-y-n", "\(MarkdownRenderer.inert(name))")
    while true {
      if !reader.isInteractive { Console.line(question) }
      switch reader.read(prompt: question, remember: false) {
      case .line(let text):
        if text.trimmingSpaces().isEmpty { return false }
        if let answer = SessionEngine.yesOrNo(text) { return answer }
        Console.line(language.text("sessionhost.please-answer-y-or-n"))
      case .end, .interrupted:
        return false
      }
    }
  }

  private static func style(_ context: AppContext) -> Style { context.style }

  /// What Tab offers for the word being typed (`line` is what comes before it): commands, lessons, `lesson#section` (the form
  /// every hint and search result uses), question ids and types (also by their Chinese
  /// names), learners, options.
  static func completions(line: String, word: String, course: Course, learners: [String]) -> [String] {
    let parts = line.split(separator: " ").map(String.init)
    let lessonIDs = course.lessons.map(\.id)
    let sections = Dictionary(uniqueKeysWithValues: course.lessons.map { ($0.id, $0.sections.map(\.title)) })
    let questionIDs = course.questions.map(\.id)
    let candidates: [String]
    switch (parts.first.flatMap { command(named: $0)?.name }, parts.count) {
    case (nil, 0):
      candidates = commands.flatMap { [$0.name] + $0.aliases }
    case ("read", 1):
      candidates = lessonIDs + lessonIDs.flatMap { id in (sections[id] ?? []).map { "\(id)#\($0)" } }
    case ("read", 2): candidates = sections[parts[1]] ?? []
    case ("practice", 1): candidates = lessonIDs + ["all"] + questionIDs
    case ("practice", _):
      candidates =
        ["--count", "--type"] + QuestionType.allCases.map(\.rawValue)
        + QuestionType.allCases.map { QuestionView.typeName($0, .zh) } + questionIDs
    case ("mistakes", 1): candidates = ["practice"]
    case ("exam", 1): candidates = course.exams.map(\.id) + ["results"]
    case ("mock", 1): candidates = course.exams.map(\.id)
    case ("review", _): candidates = ["--limit", "--new", "--before", "--retention"]
    case ("learner", 1): candidates = learners
    case ("lang", 1): candidates = ["zh", "en"]
    case ("help", 1): candidates = commands.map(\.name)
    case ("search", _): candidates = questionIDs
    default: candidates = []
    }
    return candidates.filter { $0.hasPrefix(word) }
  }

  /// First use: asks for a name until one is given.
  static func askForLearner(store: any ProgressStore, reader: any LineSource, context: AppContext) throws -> Learner? {
    let language = context.language
    while true {
      let prompt = language.text("studyshell.first-time-here-your-name")
      if !reader.isInteractive { Console.line(prompt) }
      switch reader.read(prompt: prompt) {
      case .end: return nil
      case .interrupted: continue
      case .line(let text):
        guard !text.trimmingSpaces().isEmpty else { continue }
        let name: String
        switch context.validLearnerName(text) {
        case .success(let valid): name = valid
        case .failure(let problem):
          Console.line(problem.message)
          continue
        }
        do {
          let learner = try store.createLearner(named: name, displayName: nil, at: context.now())
          try store.setLastLearner(learner)
          return learner
        } catch {
          throw context.fail(error)
        }
      }
    }
  }

  /// Prints a message wrapped at the terminal width, styling each line afterwards.
  func say(_ text: String, _ decorate: (String) -> String = { $0 }) {
    for line in TextWrapper.wrap(text, width: width) { Console.line(decorate(line)) }
  }

  func run() throws {
    say(
      language.text("studyshell.hello-type-help-for-commands-tab", "\(learner.displayName)"))
    Console.line(style.dim(language.text("studyshell.progress-is-kept-in") + context.dataDirectory.path))
    Console.line("")
    try showDashboard()
    guard try offerResume() else { return }
    while true {
      let prompt = Prompt.make(text: learner.displayName, style: style, interactive: reader.isInteractive)
      switch reader.read(prompt: prompt) {
      case .end:
        if reader.isInteractive { Console.line("") }
        Console.line(language.text("studyshell.bye-all-progress-is-saved"))
        return
      case .interrupted:
        continue
      case .line(let line):
        if try !handle(line) {
          Console.line(language.text("studyshell.bye-all-progress-is-saved"))
          return
        }
      }
    }
  }

  /// Runs one command line; returns false when the shell should end.
  func handle(_ line: String) throws -> Bool {
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }).map(String.init)
    guard let first = words.first else { return true }
    let arguments = Array(words.dropFirst())
    guard let command = Self.command(named: first) else {
      let shown = MarkdownRenderer.inert(String(first.prefix(40)))
      let guess = Self.commands.map(\.name).min { Suggestion.distance(first, $0) < Suggestion.distance(first, $1) }
        .flatMap { Suggestion.distance(first, $0) <= 2 ? $0 : nil }
      Console.line(
        language.text("studyshell.unknown-command", "\(shown)")
          + (guess.map { language.text("studyshell.did-you-mean", "\($0)") }
            ?? language.text("studyshell.type-help-for-commands")))
      return true
    }
    switch command.name {
    case "quit": return false
    case "help": showHelp(arguments.first)
    case "lessons": try showDashboard()
    case "read": try read(arguments)
    case "practice": try practice(arguments)
    case "review": try review(arguments)
    case "mistakes": try mistakes(arguments)
    case "progress": try showProgress()
    case "history": try showHistory()
    case "search": search(arguments.joined(separator: " "))
    case "resume": try resume()
    case "exam": try certify(arguments)
    case "mock": try mock(arguments)
    case "learner": try switchLearner(arguments.first)
    case "lang":
      if let value = arguments.first.flatMap(Language.init(rawValue:)) {
        context.language = value
        Console.line(value.text("studyshell.interface-language-english"))
      } else {
        Console.line(language.text("studyshell.usage-lang-zh-or-lang-en"))
      }
    default: break
    }
    return true
  }

  /// Maps store errors to a message and an exit, for the commands below.
  func attempt<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw context.fail(error)
    }
  }

  // MARK: Help

  func showHelp(_ topic: String?) {
    if let topic, let command = Self.command(named: topic) {
      Console.line(style.cyan(usage(command)) + "  " + language.text(command.summaryKey))
      if !command.aliases.isEmpty {
        Console.line(
          language.text("studyshell.aliases") + command.aliases.joined(separator: language.text("list.separator")))
      }
      if command.name == "practice" {
        Console.line(language.text("studyshell.types") + PracticeRequest.typeList(language))
        Console.line(
          style.dim(
            language.text("studyshell.e-g-practice-2-count-5")))
      }
      return
    }
    let usageWidth = Self.commands.map { usage($0).displayWidth }.max() ?? 0
    for command in Self.commands {
      let usage = TextWrapper.pad(usage(command), to: usageWidth)
      let text = language.text(command.summaryKey)
      let wrapped = TextWrapper.wrap(text, width: max(20, width - usageWidth - 4))
      for (index, line) in wrapped.enumerated() {
        Console.line("  " + (index == 0 ? style.cyan(usage) : String(repeating: " ", count: usageWidth)) + "  " + line)
      }
    }
    Console.line(
      style.dim(
        language.text("studyshell.while-answering-hint-skip-quit-ends")))
  }
}
