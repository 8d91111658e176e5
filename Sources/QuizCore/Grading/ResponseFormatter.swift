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
      return format(value)
    case .matches(let matches):
      return matches.keys.sorted().compactMap { prompt in
        matches[prompt].flatMap { layout.options.firstIndex(of: $0) }.map { "\(prompt + 1)\(Layout.letter($0))" }
      }.joined(separator: " ")
    case .order(let items):
      return items.compactMap { layout.items.firstIndex(of: $0).map { String($0 + 1) } }.joined(separator: " ")
    }
  }

  /// The fully correct response, or `nil` for open questions (they have a model answer).
  public static func correctResponse(for question: Question) -> Response? {
    switch question.kind {
    case .single(let choices):
      return choices.firstIndex { $0.fraction >= 1 }.map { .choices([$0]) }
    case .multiple(let choices, let scoring):
      if scoring == .fractions {
        return .choices(Set(choices.indices.filter { choices[$0].fraction > 0 }))
      }
      return .choices(Set(choices.indices.filter { choices[$0].isCorrect }))
    case .trueFalse(let tf):
      return .truth(tf.answer)
    case .short(let short):
      return short.answers.first { $0.fraction >= 1 && !$0.text.contains("*") }.map { .text($0.text) }
    case .numeric(let numeric):
      return numeric.answers.first { $0.fraction >= 1 }.map { .number($0.value) }
    case .matching(let matching):
      let options = matching.options
      return .matches(
        Dictionary(
          uniqueKeysWithValues: matching.pairs.enumerated().map {
            ($0.offset, options.firstIndex(of: $0.element.answer)!)
          }))
    case .ordering(let ordering):
      return .order(Array(ordering.items.indices))
    case .open:
      return nil
    }
  }

  /// The correct answer for a person to read, with the letters of this layout.
  public static func correctAnswer(for question: Question, layout: Layout, language: Language) -> String {
    switch question.kind {
    case .single(let choices), .multiple(let choices, _):
      let isKey = { (choice: Choice) in question.type == .single ? choice.fraction >= 1 : choice.isCorrect }
      let positions = layout.choices.indices.filter { isKey(choices[layout.choices[$0]]) }
      return positions.map { "\(Layout.letter($0)). \(choices[layout.choices[$0]].text)" }.joined(separator: "；")
    case .trueFalse(let tf):
      return tf.answer ? language.pick("对（正确）", "true") : language.pick("错（错误）", "false")
    case .short(let short):
      let full = short.answers.filter { $0.fraction >= 1 }.map(\.text)
      let literal = full.filter { !$0.contains("*") }
      let accepted = literal.isEmpty ? full : literal
      return accepted.joined(separator: language.pick(" 或 ", " or "))
    case .numeric(let numeric):
      guard let best = numeric.answers.first(where: { $0.fraction >= 1 }) else { return "" }
      let unit = numeric.unit.map { $0 == "%" ? "%" : " \($0)" } ?? ""
      let allowance = best.tolerance.allowance(around: best.value)
      let tolerance = allowance > 0 ? language.pick("（误差 ±\(format(allowance))）", " (±\(format(allowance)))") : ""
      return format(best.value) + unit + tolerance
    case .matching(let matching):
      let options = matching.options
      return matching.pairs.enumerated().map { index, pair in
        let position = layout.options.firstIndex(of: options.firstIndex(of: pair.answer)!)!
        return "\(index + 1)→\(Layout.letter(position)) \(pair.answer)"
      }.joined(separator: "；")
    case .ordering(let ordering):
      return ordering.items.indices.map { item in
        let number = (layout.items.firstIndex(of: item) ?? item) + 1
        return "\(number). \(ordering.items[item])"
      }.joined(separator: " → ")
    case .open(let rubric):
      return rubric.modelAnswer
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
