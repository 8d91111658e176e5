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
    case .single: language.pick("单选", "single choice")
    case .multiple: language.pick("多选", "multiple choice")
    case .truefalse: language.pick("判断", "true/false")
    case .short: language.pick("填空", "short answer")
    case .numeric: language.pick("计算", "numeric")
    case .matching: language.pick("配对", "matching")
    case .ordering: language.pick("排序", "ordering")
    case .open: language.pick("简答", "open answer")
    }
  }

  /// What to type, with an example.
  static func expectation(_ question: Question, _ language: Language) -> String {
    switch question.kind {
    case .single: return language.pick("请输入一个选项字母（如 B）", "Type one letter (e.g. B)")
    case .multiple: return language.pick("请输入一个或多个选项字母（如 AC）", "Type one or more letters (e.g. AC)")
    case .trueFalse: return language.pick("请输入 对 或 错", "Type T or F")
    case .short: return language.pick("请输入简短答案", "Type a short answer")
    case .numeric(let numeric):
      return numeric.unit.map { language.pick("请输入数字（单位：\($0)）", "Type a number (unit: \($0))") }
        ?? language.pick("请输入数字", "Type a number")
    case .matching(let matching):
      let example = (0..<min(matching.pairs.count, 3)).map { "\($0 + 1)\(Layout.letter($0))" }.joined(separator: " ")
      return language.pick("请为每个编号选一个字母（如 \(example)）", "Give a letter for every number (e.g. \(example))")
    case .ordering(let ordering):
      let example = (1...ordering.items.count).reversed().map(String.init).joined(
        separator: ordering.items.count < 10 ? "" : " ")
      return language.pick("请按正确顺序输入全部编号（如 \(example)）", "Type all numbers in the right order (e.g. \(example))")
    case .open: return language.pick("请用一段话作答，回车提交", "Answer in a paragraph; Enter submits")
    }
  }

  func render(
    _ question: Question, layout: Layout, number: Int, total: Int, lessonTitle: String?, retry: Bool
  ) -> [String] {
    let markdown = MarkdownRenderer(width: width, style: style)
    let stars =
      String(repeating: "★", count: question.difficulty) + String(repeating: "☆", count: 3 - question.difficulty)
    var header =
      "[\(number)/\(total)] \(Self.typeName(question.type, language)) · \(language.pick("难度", "difficulty")) \(stars)"
    if let lessonTitle { header += " · \(lessonTitle)" }
    if retry { header += language.pick(" · 再练一次", " · second try") }
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
      lines.append(style.dim(language.pick("  可选答案：", "  Answers:")))
      for (position, index) in layout.options.enumerated() {
        lines += markdown.wrapped(
          matching.options[index], indent: "     ", first: "  \(style.bold(Layout.letter(position))). ")
      }
    case .ordering(let ordering):
      for (position, index) in layout.items.enumerated() {
        lines += markdown.wrapped(
          ordering.items[index], indent: "     ", first: "  \(style.bold(String(position + 1))). ")
      }
    default:
      break
    }
    let caseWord = question.context == nil ? "" : language.pick(" · case 看案例", " · case to see the case")
    lines.append(
      style.dim(
        Self.expectation(question, language)
          + language.pick("；? 提示 · skip 跳过 · quit 结束", "; ? hint · skip · quit") + caseWord))
    return lines
  }
}
