import ArgumentParser
import Foundation
import QuizContent
import QuizCore

extension ContentCommand {
  /// `content preview ID`: the question as a learner sees it, then its key, feedback and explanation.
  struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: Interface.text("help.content.preview"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.content.preview-id"), valueName: "id"))
    var id: String

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let course = try context.loadCourse()
      guard let question = course.question(withID: id) else {
        let close = Suggestion.closest(to: id, among: course.questions.map(\.id))
        Console.error(
          "recovery-trainer: " + language.text("preview.no-such-question", MarkdownRenderer.inert(id))
            + (close.map { language.text("exam.did-you-mean", $0) } ?? ""))
        throw ExitCode(66)
      }
      for line in Self.lines(question, course: course, context: context) { Console.line(line) }
    }

    /// The preview: the question (choices in the bank's order; learners see them shuffled), then
    /// what a fully right answer gets shown, the key, and where the question comes from.
    static func lines(_ question: Question, course: Course, context: AppContext) -> [String] {
      let language = context.language
      let style = context.style
      let layout = Layout.identity(for: question)
      var lines = QuestionView(width: context.terminal.width, style: style, language: language).render(
        question, layout: layout, number: 1, total: 1, lessonTitle: course.lesson(withID: question.lesson)?.title,
        retry: false, inExam: false)
      if [.single, .multiple, .matching, .ordering].contains(question.type) {
        lines.append(style.dim(language.text("preview.order-note")))
      }
      lines.append("")
      lines.append(
        style.bold(language.text("preview.key"))
          + ResponseFormatter.correctAnswer(for: question, layout: layout, language: language))
      let response: Response? =
        ResponseFormatter.correctResponse(for: question)
        ?? { if case .open(let rubric) = question.kind { return .text(rubric.modelAnswer) } else { return nil } }()
      if let response {
        let explanation = Explanation(
          grade: Grader.grade(response, for: question), response: response, question: question, layout: layout,
          language: language)
        lines += ExplanationRenderer(width: context.terminal.width, style: style, language: language).render(
          explanation)
      }
      if case .single(let choices) = question.kind { lines += feedback(choices, style: style) }
      if case .multiple(let choices, _) = question.kind { lines += feedback(choices, style: style) }
      if case .scenario(let scenario) = question.kind { lines += graph(scenario, context: context) }
      lines.append(
        style.dim(
          language.text(
            "preview.facts", question.id, QuestionView.typeName(question.type, language), "\(question.difficulty)",
            DurationText.number(question.weight), question.tags.joined(separator: language.text("list.separator")))))
      return lines
    }

    /// A call as a graph, for its author: every node with its line, every reply with where it
    /// leads, the goals it reaches and the rules it breaks (red lines marked), every ending.
    static func graph(_ scenario: Scenario, context: AppContext) -> [String] {
      let language = context.language
      let style = context.style
      let separator = language.text("list.separator")
      var lines = ["", style.bold(language.text("preview.call-graph", scenario.start))]
      for node in scenario.nodes {
        let speaker = node.speaker ?? scenario.party
        let line = node.line.isEmpty ? "" : "  \(speaker)：\(node.line)"
        lines.append(
          style.bold("[\(node.id)]") + line + (node.freeText ? style.dim(language.text("preview.free-text")) : ""))
        if let ending = node.ending {
          lines.append("    ■ " + language.text("preview.call-ending", ending.result.rawValue, ending.summary))
          continue
        }
        for (index, reply) in node.replies.enumerated() {
          var marks: [String] = reply.progress.map { "+" + CallClock.goal($0, language: language) }
          for flag in reply.flags {
            guard let rule = scenario.rule(flag) else { continue }
            let tier = CallClock.tier(rule.tier, language: language)
            marks.append(
              rule.redLine
                ? style.red("✗ \(flag)（\(tier) · " + language.text("preview.red-line") + "）")
                : style.yellow("! \(flag)（\(tier)）"))
          }
          lines.append(
            "    \(index + 1) → \(reply.next)" + (marks.isEmpty ? "" : "  " + marks.joined(separator: " "))
              + "  “\(reply.text)”")
          if !reply.keywords.isEmpty {
            lines.append(
              style.dim(
                "        " + language.text("preview.keywords")
                  + reply.keywords.map { $0.joined(separator: "/") }.joined(separator: separator)))
          }
        }
      }
      let best = ScenarioGrader.bestPath(scenario)
      lines.append(
        style.dim(
          language.text(
            "preview.best-path", best.path.map { String($0 + 1) }.joined(separator: " "),
            "\(Int((best.fraction * 100).rounded()))")))
      return lines
    }

    /// Every option's feedback, including the wrong ones a fully right answer never shows.
    static func feedback(_ choices: [Choice], style: Style) -> [String] {
      choices.enumerated().compactMap { index, choice in
        choice.feedback.map {
          "  " + (choice.fraction > 0 ? "✓ " : "✗ ") + Layout.letter(index) + ". "
            + MarkdownRenderer.inert($0).replacingOccurrences(of: "\n", with: "\n     ")
        }
      }
    }
  }

  /// `content stats`: the bank by lesson, type, difficulty and tag, and what no question covers.
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: Interface.text("help.content.stats"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(Interface.text("help.content.6")))
    var format: OutputFormat = .text

    func run() throws {
      let context = AppContext(global)
      let course = try context.loadCourse()
      let stats = BankStats(course)
      switch format {
      case .json: Console.line(stats.json())
      case .text: for line in stats.lines(context.language) { Console.line(line) }
      }
    }
  }
}

/// Counts of a course's questions, and the lessons and headings that no question names as its source.
struct BankStats {
  var total: Int
  var byLesson: [(id: String, count: Int)]
  var byType: [(type: QuestionType, count: Int)]
  var byDifficulty: [(level: Int, count: Int)]
  var byTag: [(tag: String, count: Int)]
  /// Lessons no question belongs to.
  var emptyLessons: [String]
  /// `lesson#heading` of every section no question's `source` points at.
  var uncoveredSections: [String]

  init(_ course: Course) {
    let questions = course.questions
    total = questions.count
    byLesson = course.lessons.map { lesson in (lesson.id, questions.filter { $0.lesson == lesson.id }.count) }
    byType = QuestionType.allCases.map { type in (type, questions.filter { $0.type == type }.count) }.filter {
      $0.1 > 0
    }
    byDifficulty = Set(questions.map(\.difficulty)).sorted().map { level in
      (level, questions.filter { $0.difficulty == level }.count)
    }
    let tags = Dictionary(grouping: questions.flatMap(\.tags), by: { $0 }).mapValues(\.count)
    byTag = tags.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    emptyLessons = byLesson.filter { $0.count == 0 }.map(\.id)
    let sourced = Set(questions.compactMap { $0.source.map(\.description) })
    uncoveredSections = course.lessons.flatMap { lesson in
      lesson.sections.map { "\(lesson.id)#\($0.title)" }.filter { !sourced.contains($0) }
    }
  }

  func lines(_ language: Language) -> [String] {
    var lines = [language.text("bankstats.total", "\(total)")]
    lines.append(language.text("bankstats.by-lesson"))
    for (id, count) in byLesson { lines.append("  " + TextWrapper.pad(id, to: 24) + "\(count)") }
    lines.append(language.text("bankstats.by-type"))
    for (type, count) in byType {
      lines.append("  " + TextWrapper.pad(QuestionView.typeName(type, language), to: 24) + "\(count)")
    }
    lines.append(language.text("bankstats.by-difficulty"))
    for (level, count) in byDifficulty {
      lines.append("  " + TextWrapper.pad(String(repeating: "★", count: level), to: 24) + "\(count)")
    }
    lines.append(language.text("bankstats.by-tag"))
    for (tag, count) in byTag { lines.append("  " + TextWrapper.pad(MarkdownRenderer.inert(tag), to: 24) + "\(count)") }
    if !emptyLessons.isEmpty {
      lines.append(language.text("bankstats.empty-lessons", emptyLessons.joined(separator: ", ")))
    }
    if uncoveredSections.isEmpty {
      lines.append(language.text("bankstats.all-covered"))
    } else {
      lines.append(language.text("bankstats.uncovered", "\(uncoveredSections.count)"))
      for section in uncoveredSections { lines.append("  " + MarkdownRenderer.inert(section)) }
    }
    return lines
  }

  func json() -> String {
    JSONValue.object([
      ("questions", .number(Double(total))),
      ("by_lesson", .object(byLesson.map { ($0.id, .number(Double($0.count))) })),
      ("by_type", .object(byType.map { ($0.type.rawValue, .number(Double($0.count))) })),
      ("by_difficulty", .object(byDifficulty.map { ("\($0.level)", .number(Double($0.count))) })),
      ("by_tag", .object(byTag.map { ($0.tag, .number(Double($0.count))) })),
      ("empty_lessons", .array(emptyLessons.map(JSONValue.string))),
      ("uncovered_sections", .array(uncoveredSections.map(JSONValue.string))),
    ]).prettyPrinted()
  }
}
