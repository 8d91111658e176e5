import Foundation
import LineEditing
import QuizCore

/// The interactive study shell: reads commands with readline and renders lessons.
///
/// Practice, review and progress arrive with the session engine; this shell already
/// reads, lists and completes, and never exits on a typo, Ctrl-C or bad input.
struct StudyShell {
  var course: Course
  var context: AppContext

  private var language: Language { context.language }
  private var style: Style { context.style }
  private var views: LessonViews {
    LessonViews(course: course, language: language, style: style, width: context.terminal.width)
  }

  /// The command words, with their Chinese aliases.
  static let commands: [(name: String, aliases: [String])] = [
    ("lessons", ["课程", "目录"]), ("read", ["阅读", "学习"]), ("help", ["帮助", "?"]), ("quit", ["退出", "exit"]),
  ]

  func run() {
    try? context.dataDirectory.create()
    let lessonIDs = course.lessons.map(\.id)
    let sectionsByLesson = Dictionary(uniqueKeysWithValues: course.lessons.map { ($0.id, $0.sections.map(\.title)) })
    let commandWords = Self.commands.flatMap { [$0.name] + $0.aliases }
    let reader = LineReader(
      historyFile: context.dataDirectory.file("history"),
      completer: { line, word in
        let words = line.split(separator: " ").map(String.init)
        let candidates: [String]
        switch words.count {
        case 0: candidates = commandWords
        case 1 where ["read", "阅读", "学习"].contains(words[0]): candidates = lessonIDs
        case 2 where ["read", "阅读", "学习"].contains(words[0]): candidates = sectionsByLesson[words[1]] ?? []
        default: candidates = []
        }
        return candidates.filter { $0.hasPrefix(word) }
      })
    defer { reader.close() }

    Console.line(style.bold("贷款回收与处置培训 · recovery-trainer \(RecoveryTrainer.version)"))
    Console.line(views.courseLine())
    Console.line("")
    for line in views.lessonList() { Console.line(line) }
    Console.line("")
    Console.line(
      language.pick(
        "输入 help 查看命令，Tab 可补全。建议下一步：read \(course.lessons.first?.id ?? "")",
        "Type help for commands; Tab completes. Next: read \(course.lessons.first?.id ?? "")"))

    let prompt = Prompt.make(text: "recovery-trainer", style: style, interactive: reader.isInteractive)
    while true {
      switch reader.read(prompt: prompt) {
      case .end:
        if reader.isInteractive { Console.line("") }
        Console.line(language.pick("再见。", "Bye."))
        return
      case .interrupted:
        continue
      case .line(let line):
        if !handle(line) {
          Console.line(language.pick("再见。", "Bye."))
          return
        }
      }
    }
  }

  /// Runs one command line; returns false when the shell should end.
  private func handle(_ line: String) -> Bool {
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }).map(String.init)
    guard let first = words.first else { return true }
    let command = Self.commands.first { $0.name == first.lowercased() || $0.aliases.contains(first) }?.name
    switch command {
    case "quit":
      return false
    case "help":
      showHelp()
    case "lessons":
      Console.line(views.courseLine())
      for line in views.lessonList() { Console.line(line) }
    case "read":
      read(Array(words.dropFirst()))
    default:
      let known = Self.commands.map(\.name)
      let hint = known.min { Suggestion.distance(first, $0) < Suggestion.distance(first, $1) }
        .flatMap { Suggestion.distance(first, $0) <= 2 ? $0 : nil }
      let shown = MarkdownRenderer.inert(String(first.prefix(40)))
      Console.line(
        language.pick("没有命令 “\(shown)”", "Unknown command “\(shown)”")
          + (hint.map { language.pick("，你是想输入 \($0) 吗？", "; did you mean \($0)?") }
            ?? language.pick("。输入 help 查看命令。", ". Type help for commands.")))
    }
    return true
  }

  private func read(_ arguments: [String]) {
    guard let query = arguments.first else {
      Console.line(language.pick("用法：read <课程编号或 id> [小节]", "Usage: read <lesson number or id> [section]"))
      return
    }
    var lessonQuery = query
    var sectionQuery = arguments.count > 1 ? arguments.dropFirst().joined(separator: " ") : nil
    if sectionQuery == nil, let reference = SectionReference(parsing: query), reference.heading != nil {
      lessonQuery = reference.lesson
      sectionQuery = reference.heading
    }
    guard let lesson = LessonViews.findLesson(lessonQuery, in: course) else {
      Console.line(language.pick("没有这一课：", "No such lesson: ") + MarkdownRenderer.inert(lessonQuery))
      return
    }
    var section: Section?
    if let sectionQuery {
      section = LessonViews.findSection(sectionQuery, in: lesson)
      if section == nil {
        Console.line(language.pick("这一课没有小节：", "No such section: ") + MarkdownRenderer.inert(sectionQuery))
        return
      }
    }
    for line in views.page(lesson, section: section) { Console.line(line) }
  }

  private func showHelp() {
    let rows: [(String, String)] = [
      ("lessons", language.pick("列出课程（别名：课程）", "list the lessons")),
      ("read <课> [小节]", language.pick("阅读一课或其中一节（别名：阅读、学习）", "read a lesson or one section")),
      ("help", language.pick("显示本帮助", "show this help")),
      ("quit", language.pick("退出（Ctrl-D 同样）", "leave (Ctrl-D too)")),
    ]
    let width = rows.map(\.0.displayWidth).max() ?? 0
    for (command, text) in rows {
      Console.line("  " + style.cyan(TextWrapper.pad(command, to: width)) + "  " + text)
    }
  }
}

/// The REPL prompt, with colour wrapped in readline's non-printing markers.
enum Prompt {
  static func make(text: String, style: Style, interactive: Bool) -> String {
    guard interactive else { return "" }
    let arrow = " › "
    guard style.enabled else { return text + arrow }
    return "\u{01}\u{1B}[1;36m\u{02}\(text)\u{01}\u{1B}[0m\u{02}\(arrow)"
  }
}
