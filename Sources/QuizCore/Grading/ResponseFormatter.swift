import Foundation

/// Writes responses and correct answers back as text: the form a learner would type, and
/// the form a person reads.
public enum ResponseFormatter {
  /// The response as a learner would type it on this layout (parsing it gives it back).
  public static func typed(_ response: Response, for question: Question, layout: Layout) -> String {
    switch response {
    case .choices(let picked):
      return picked.compactMap { layout.choices.firstIndex(of: $0) }.sorted().map(Layout.letter).joined()
    case .truth(let value):
      return value ? "对" : "错"
    case .text(let text):
      return text
    case .number(let value):
      // A percentage is written with its sign, so that `0.5%` is not taken for 50%.
      if case .numeric(let numeric) = question.kind, numeric.unit == "%" { return format(value) + "%" }
      return format(value)
    case .matches(let matches):
      return matches.keys.sorted().compactMap { prompt in
        matches[prompt].flatMap { layout.options.firstIndex(of: $0) }.map { "\(prompt + 1)\(Layout.letter($0))" }
      }.joined(separator: " ")
    case .order(let items):
      return items.compactMap { layout.items.firstIndex(of: $0).map { String($0 + 1) } }.joined(separator: " ")
    case .path(let replies):
      return replies.map { String($0 + 1) }.joined(separator: " ")
    }
  }

  /// The response in the content file's own terms, whatever the layout it was given on:
  /// choices as their 1-based numbers in the file (`2,4`), true/false as `true`/`false`,
  /// matching as `prompt→option` numbers (`1→2 2→1`, options numbered as `Matching.options`),
  /// an order as item numbers in the order given (`3 1 2`), numbers and text as they are.
  /// Exports write it beside `typed(_:for:layout:)` (the letters the learner saw).
  public static func canonical(_ response: Response) -> String {
    switch response {
    case .choices(let picked):
      return picked.sorted().map { String($0 + 1) }.joined(separator: ",")
    case .truth(let value):
      return value ? "true" : "false"
    case .text(let text):
      return text
    case .number(let value):
      return format(value)
    case .matches(let matches):
      return matches.keys.sorted().compactMap { prompt in matches[prompt].map { "\(prompt + 1)→\($0 + 1)" } }
        .joined(separator: " ")
    case .order(let items):
      return items.map { String($0 + 1) }.joined(separator: " ")
    case .path(let replies):
      return replies.map { String($0 + 1) }.joined(separator: " ")
    }
  }

  /// The fully correct response, or `nil` for open questions (they have a model answer).
  public static func correctResponse(for question: Question) -> Response? {
    switch question.kind {
    case .single(let choices):
      return choices.firstIndex { Credit.isFull($0.fraction) }.map { .choices([$0]) }
    case .multiple(let choices, let scoring):
      if scoring == .fractions {
        return .choices(Set(choices.indices.filter { choices[$0].fraction > 0 }))
      }
      return .choices(Set(choices.indices.filter { choices[$0].isCorrect }))
    case .trueFalse(let tf):
      return .truth(tf.answer)
    case .short(let short):
      return short.answers.first { Credit.isFull($0.fraction) && !$0.text.contains("*") }.map { .text($0.text) }
    case .numeric(let numeric):
      return numeric.answers.first { Credit.isFull($0.fraction) }.map { .number($0.value) }
    case .matching(let matching):
      let options = matching.options
      var matches: [Int: Int] = [:]
      for (index, pair) in matching.pairs.enumerated() {
        matches[index] = options.firstIndex(of: pair.answer)
      }
      return .matches(matches)
    case .ordering(let ordering):
      return .order(Array(ordering.items.indices))
    case .open:
      return nil
    case .scenario(let scenario):
      let best = ScenarioGrader.bestPath(scenario).path
      return best.isEmpty ? nil : .path(best)
    }
  }

  /// The correct answer for a person to read, with the letters of this layout.
  public static func correctAnswer(for question: Question, layout: Layout, language: Language) -> String {
    switch question.kind {
    case .single(let choices), .multiple(let choices, _):
      let isKey = { (choice: Choice) in question.type == .single ? Credit.isFull(choice.fraction) : choice.isCorrect }
      let positions = layout.choices.indices.filter { isKey(choices[layout.choices[$0]]) }
      return positions.map { "\(Layout.letter($0)). \(choices[layout.choices[$0]].text)" }.joined(
        separator: language.text("list.semicolon"))
    case .trueFalse(let tf):
      return tf.answer ? language.text("responseformatter.true") : language.text("responseformatter.false")
    case .short(let short):
      let full = short.answers.filter { Credit.isFull($0.fraction) }.map(\.text)
      let literal = full.filter { !$0.contains("*") }
      let accepted = literal.isEmpty ? full : literal
      return accepted.joined(separator: language.text("responseformatter.or"))
    case .numeric(let numeric):
      guard let best = numeric.answers.first(where: { Credit.isFull($0.fraction) }) else { return "" }
      let unit = numeric.unit.map { $0 == "%" ? "%" : " \($0)" } ?? ""
      let allowance = best.tolerance.allowance(around: best.value)
      let tolerance = allowance > 0 ? language.text("responseformatter.text", "\(format(allowance))") : ""
      return format(best.value) + unit + tolerance
    case .matching(let matching):
      let options = matching.options
      return matching.pairs.enumerated().map { index, pair in
        let position = options.firstIndex(of: pair.answer).flatMap { layout.options.firstIndex(of: $0) }
        return "\(index + 1)→\(position.map(Layout.letter) ?? "?") \(pair.answer)"
      }.joined(separator: language.text("list.semicolon"))
    case .ordering(let ordering):
      return ordering.items.indices.map { item in
        let number = (layout.items.firstIndex(of: item) ?? item) + 1
        return "\(number). \(ordering.items[item])"
      }.joined(separator: " → ")
    case .open(let rubric):
      return rubric.modelAnswer.isEmpty ? language.text("answer.no-model-answer") : rubric.modelAnswer
    case .scenario(let scenario):
      let best = ScenarioGrader.bestPath(scenario).path
      guard let walk = scenario.walk(best) else { return "" }
      return walk.steps.compactMap { step in scenario.node(step.node).map { "“\($0.replies[step.reply].text)”" } }
        .joined(separator: " → ")
    }
  }

  /// A number without trailing zeros: 30, 84.6, 0.75.
  public static func format(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
