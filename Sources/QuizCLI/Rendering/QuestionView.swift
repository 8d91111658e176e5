import QuizContent
import QuizCore

/// How a question is shown: header, prompt, choices in the session's order, and what kind
/// of answer is expected.
struct QuestionView {
  var width: Int
  var style: Style
  var language: Language

  static func typeName(_ type: QuestionType, _ language: Language) -> String {
    switch type {
    case .single: language.text("questionview.single-choice")
    case .multiple: language.text("questionview.multiple-choice")
    case .truefalse: language.text("questionview.true-false")
    case .short: language.text("questionview.short-answer")
    case .numeric: language.text("questionview.numeric")
    case .matching: language.text("questionview.matching")
    case .ordering: language.text("questionview.ordering")
    case .open: language.text("questionview.open-answer")
    case .scenario: language.text("questionview.scenario")
    }
  }

  /// What to type, with an example.
  static func expectation(_ question: Question, _ language: Language) -> String {
    switch question.kind {
    case .single: return language.text("questionview.type-one-letter-e-g-b")
    case .multiple: return language.text("questionview.type-one-or-more-letters-e")
    case .trueFalse: return language.text("questionview.type-t-or-f")
    case .short: return language.text("questionview.type-a-short-answer")
    case .numeric(let numeric):
      return numeric.unit.map { language.text("questionview.type-a-number-unit", "\($0)") }
        ?? language.text("questionview.type-a-number")
    case .matching(let matching):
      let example = (0..<min(matching.pairs.count, 3)).map { "\($0 + 1)\(Layout.letter($0))" }.joined(separator: " ")
      return language.text("questionview.give-a-letter-for-every-number", "\(example)")
    case .ordering(let ordering):
      let example = (1...ordering.items.count).reversed().map(String.init).joined(
        separator: ordering.items.count < 10 ? "" : " ")
      return language.text("questionview.type-all-numbers-in-the-right", "\(example)")
    case .open: return language.text("questionview.answer-in-a-paragraph-enter-submits")
    case .scenario(let scenario):
      let count = "\(scenario.node(scenario.start)?.replies.count ?? 1)"
      return language.text("questionview.type-a-reply", count)
    }
  }

  func render(
    _ question: Question, layout: Layout, number: Int, total: Int, lessonTitle: String?, retry: Bool,
    inExam: Bool = false, call: [Int] = []
  ) -> [String] {
    let markdown = MarkdownRenderer(width: width, style: style)
    let stars =
      String(repeating: "★", count: question.difficulty) + String(repeating: "☆", count: 3 - question.difficulty)
    var header =
      "[\(number)/\(total)] \(Self.typeName(question.type, language)) · \(language.text("questionview.difficulty")) \(stars)"
    if let lessonTitle { header += " · \(lessonTitle)" }
    if retry { header += language.text("questionview.second-try") }
    var lines = [style.bold(header)]
    for block in MarkdownDocument(parsing: question.prompt).blocks { lines += markdown.render(block) }
    switch question.kind {
    case .single(let choices), .multiple(let choices, _):
      for (position, index) in layout.choices.enumerated() {
        lines += markdown.wrapped(
          choices[index].text, indent: "     ", first: "  \(style.bold(Layout.letter(position))). ")
      }
    case .matching(let matching):
      for (index, pair) in matching.pairs.enumerated() {
        lines += markdown.wrapped(pair.prompt, indent: "     ", first: "  \(index + 1). ")
      }
      lines.append(style.dim(language.text("questionview.answers")))
      for (position, index) in layout.options.enumerated() {
        lines += markdown.wrapped(
          matching.options[index], indent: "     ", first: "  \(style.bold(Layout.letter(position))). ")
      }
    case .ordering(let ordering):
      for (position, index) in layout.items.enumerated() {
        lines += markdown.wrapped(
          ordering.items[index], indent: "     ", first: "  \(style.bold(String(position + 1))). ")
      }
    case .scenario(let scenario):
      lines.append(style.dim(language.text("call.starts", scenario.party)))
      if !call.isEmpty { lines.append(style.dim(language.text("call.in-progress", "\(call.count)"))) }
      return lines + turn(scenario, call: call, inExam: inExam)
    default:
      break
    }
    let caseWord = question.context == nil ? "" : language.text("questionview.case-to-see-the-case")
    let words =
      inExam
      ? language.text("questionview.exam-words") : language.text("questionview.practice-words")
    lines.append(
      style.dim(
        Self.expectation(question, language)
          + words + caseWord))
    return lines
  }

  /// One turn of a call: what the learner just said, the call so far (its length, and in
  /// practice the goals reached), the other party's line and the replies to choose from.
  func turn(_ scenario: Scenario, call: [Int], inExam: Bool) -> [String] {
    let markdown = MarkdownRenderer(width: width, style: style)
    guard let walk = scenario.walk(call), let node = scenario.node(walk.current) else { return [] }
    var lines: [String] = []
    if let last = walk.steps.last, let previous = scenario.node(last.node) {
      lines += markdown.wrapped(
        previous.replies[last.reply].text, indent: "      ", first: style.dim(language.text("call.you-said")))
      var status = "⏱ " + CallClock.text(walk.seconds, language: language)
      if !inExam && !walk.reached.isEmpty {
        status += language.text(
          "call.established",
          walk.reached.map { CallClock.goal($0, language: language) }.joined(separator: language.text("list.separator"))
        )
      }
      lines.append(style.dim(status))
    }
    lines += markdown.wrapped(node.line, indent: "  ", first: style.bold("\(node.speaker ?? scenario.party)："))
    for (index, reply) in node.replies.enumerated() {
      lines += markdown.wrapped(reply.text, indent: "     ", first: "  \(style.bold(String(index + 1))). ")
    }
    let words = inExam ? language.text("questionview.exam-words") : language.text("questionview.practice-words")
    let expectation =
      node.freeText
      ? language.text("questionview.type-a-reply-or-words", "\(node.replies.count)")
      : language.text("questionview.type-a-reply", "\(node.replies.count)")
    lines.append(style.dim(expectation + words))
    return lines
  }
}
