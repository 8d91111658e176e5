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
    var zh: String
    var en: String
  }

  static let commands: [Command] = [
    Command(name: "lessons", aliases: ["课程", "目录"], usage: "lessons", zh: "列出各课与进度", en: "list the lessons"),
    Command(
      name: "read", aliases: ["阅读", "学习"], usage: "read <课> [小节]", zh: "阅读一课或其中一节（分页：空格/回车继续，q 返回）",
      en: "read a lesson or one section (paged: space/Enter for more, q to stop)"),
    Command(
      name: "practice", aliases: ["练习"], usage: "practice [课|all|题号…] [--count N] [--type 题型]",
      zh: "练习题目，即时评分并讲解（默认 10 题）", en: "practise questions, graded and explained (10 by default)"),
    Command(
      name: "review", aliases: ["复习"], usage: "review [--limit N] [--new N] [--before 日期]",
      zh: "按遗忘曲线复习到期的题（FSRS），混入少量新题；--before 2026-12-20 优先复习考试前会忘的题",
      en: "review what is due (FSRS), with a few new questions; --before DATE favours what you would forget by an exam"),
    Command(
      name: "mistakes", aliases: ["错题", "错题本"], usage: "mistakes [practice]", zh: "查看错题本；mistakes practice 只练错题",
      en: "the wrong-answer notebook; `mistakes practice` practises only those"),
    Command(
      name: "progress", aliases: ["进度"], usage: "progress", zh: "各课掌握程度、按题型和标签的正确率及趋势",
      en: "mastery per lesson, accuracy by type and tag"),
    Command(name: "history", aliases: ["历史", "记录"], usage: "history", zh: "最近的练习记录", en: "recent sessions"),
    Command(
      name: "search", aliases: ["搜索", "查找"], usage: "search <词>", zh: "在课文和题目中查找",
      en: "find words in lessons and questions"),
    Command(name: "resume", aliases: ["继续"], usage: "resume", zh: "继续未完成的练习", en: "go on with an unfinished session"),
    Command(
      name: "learner", aliases: ["学员"], usage: "learner [姓名]", zh: "查看或切换学员（新名字会新建）",
      en: "show or switch the learner (a new name creates one)"),
    Command(name: "lang", aliases: ["语言"], usage: "lang zh|en", zh: "切换界面语言", en: "switch the interface language"),
    Command(name: "help", aliases: ["帮助", "?", "？"], usage: "help [命令]", zh: "显示帮助", en: "show help"),
    Command(
      name: "quit", aliases: ["退出", "exit"], usage: "quit", zh: "退出（Ctrl-D 同样；所有答题都已保存）",
      en: "leave (Ctrl-D too; everything is saved)"),
  ]

  /// The usage line in the interface language (placeholders are written in Chinese).
  func usage(_ command: Command) -> String {
    guard language == .en else { return command.usage }
    var text = command.usage
    for (zh, en) in [
      ("小节", "section"), ("题号", "id"), ("题型", "type"), ("课", "lesson"), ("日期", "DATE"), ("词", "words"),
      ("姓名", "name"), ("命令", "command"),
    ] {
      text = text.replacingOccurrences(of: zh, with: en)
    }
    return text
  }

  static func command(named word: String) -> Command? {
    commands.first { $0.name == word.lowercased() || $0.aliases.contains(word) }
  }

  init(course: Course, context: AppContext, store: any ProgressStore, learner: Learner, reader: any LineSource) {
    self.course = course
    self.context = context
    self.store = store
    self.learner = learner
    self.reader = reader
  }

  /// Opens the shell: asks who is studying on first use, then runs commands until `quit`.
  static func start(course: Course, context: AppContext) throws {
    let store = try context.openStore()
    let lessonIDs = course.lessons.map(\.id)
    let sections = Dictionary(uniqueKeysWithValues: course.lessons.map { ($0.id, $0.sections.map(\.title)) })
    let questionIDs = course.questions.map(\.id)
    let learnerNames = ((try? store.learners()) ?? []).map(\.name)
    let words = commands.flatMap { [$0.name] + $0.aliases }
    let reader = LineReader(
      historyFile: nil,
      completer: { line, word in
        let parts = line.split(separator: " ").map(String.init)
        let candidates: [String]
        switch (parts.first.flatMap { command(named: $0)?.name }, parts.count) {
        case (nil, 0): candidates = words
        case ("read", 1):
          // `read disposal#` completes the section, the form every hint and search result uses.
          candidates = lessonIDs + lessonIDs.flatMap { id in (sections[id] ?? []).map { "\(id)#\($0)" } }
        case ("practice", 1): candidates = lessonIDs + ["all"] + questionIDs
        case ("read", 2): candidates = sections[parts[1]] ?? []
        case ("practice", _):
          candidates =
            ["--count", "--type"] + QuestionType.allCases.map(\.rawValue)
            + QuestionType.allCases.map { QuestionView.typeName($0, .zh) } + questionIDs
        case ("mistakes", 1): candidates = ["practice"]
        case ("review", _): candidates = ["--limit", "--new", "--before", "--retention"]
        case ("learner", 1): candidates = learnerNames
        case ("lang", 1): candidates = ["zh", "en"]
        case ("help", 1): candidates = commands.map(\.name)
        case ("search", _): candidates = questionIDs
        default: candidates = []
        }
        return candidates.filter { $0.hasPrefix(word) }
      })
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
        Console.line(context.language.pick("没有新建学员。", "No learner was created."))
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
    let question = language.pick(
      "新建学员“\(MarkdownRenderer.inert(name))”？[y/N] ", "Create the learner “\(MarkdownRenderer.inert(name))”? [y/N] ")
    while true {
      if !reader.isInteractive { Console.line(question) }
      switch reader.read(prompt: question, remember: false) {
      case .line(let text):
        if text.trimmingSpaces().isEmpty { return false }
        if let answer = SessionEngine.yesOrNo(text) { return answer }
        Console.line(language.pick("请回答 y 或 n。", "Please answer y or n."))
      case .end, .interrupted:
        return false
      }
    }
  }

  private static func style(_ context: AppContext) -> Style { context.style }

  /// First use: asks for a name until one is given.
  static func askForLearner(store: any ProgressStore, reader: any LineSource, context: AppContext) throws -> Learner? {
    let language = context.language
    while true {
      let prompt = language.pick("第一次使用？请输入你的姓名：", "First time here? Your name: ")
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
      language.pick(
        "你好，\(learner.displayName)。输入 help 查看命令，Tab 可补全。",
        "Hello, \(learner.displayName). Type help for commands; Tab completes."))
    Console.line(style.dim(language.pick("进度保存在：", "Progress is kept in: ") + context.dataDirectory.path))
    Console.line("")
    try showDashboard()
    guard try offerResume() else { return }
    while true {
      let prompt = Prompt.make(text: learner.displayName, style: style, interactive: reader.isInteractive)
      switch reader.read(prompt: prompt) {
      case .end:
        if reader.isInteractive { Console.line("") }
        Console.line(language.pick("再见，所有进度都已保存。", "Bye; all progress is saved."))
        return
      case .interrupted:
        continue
      case .line(let line):
        if try !handle(line) {
          Console.line(language.pick("再见，所有进度都已保存。", "Bye; all progress is saved."))
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
        language.pick("没有命令 “\(shown)”", "Unknown command “\(shown)”")
          + (guess.map { language.pick("，你是想输入 \($0) 吗？", "; did you mean \($0)?") }
            ?? language.pick("。输入 help 查看命令。", ". Type help for commands.")))
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
    case "learner": try switchLearner(arguments.first)
    case "lang":
      if let value = arguments.first.flatMap(Language.init(rawValue:)) {
        context.language = value
        Console.line(value.pick("界面语言：中文。", "Interface language: English."))
      } else {
        Console.line(language.pick("用法：lang zh 或 lang en", "Usage: lang zh or lang en"))
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
      Console.line(style.cyan(usage(command)) + "  " + language.pick(command.zh, command.en))
      if !command.aliases.isEmpty {
        Console.line(language.pick("别名：", "Aliases: ") + command.aliases.joined(separator: language.pick("、", ", ")))
      }
      if command.name == "practice" {
        Console.line(language.pick("题型：", "Types: ") + PracticeRequest.typeList(language))
        Console.line(
          style.dim(
            language.pick(
              "例如：practice 2 --count 5 · practice all --type 排序 · practice ca.aging-vs-limitation",
              "e.g. practice 2 --count 5 · practice all --type ordering · practice ca.aging-vs-limitation")))
      }
      return
    }
    let usageWidth = Self.commands.map { usage($0).displayWidth }.max() ?? 0
    for command in Self.commands {
      let usage = TextWrapper.pad(usage(command), to: usageWidth)
      let text = language.pick(command.zh, command.en)
      let wrapped = TextWrapper.wrap(text, width: max(20, width - usageWidth - 4))
      for (index, line) in wrapped.enumerated() {
        Console.line("  " + (index == 0 ? style.cyan(usage) : String(repeating: " ", count: usageWidth)) + "  " + line)
      }
    }
    Console.line(
      style.dim(
        language.pick(
          "答题时：? 提示 · skip 跳过 · quit 结束本次练习 · Ctrl-C 暂停",
          "While answering: ? hint · skip · quit ends the session · Ctrl-C pauses")))
  }
}
