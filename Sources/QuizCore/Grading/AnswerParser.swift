import Foundation

/// Reads what a learner typed as an answer to a question, the way a Chinese learner types:
/// full-width or half-width, with or without separators and units.
public enum AnswerParser {
  /// Answers longer than this are refused, not graded (a pasted file, a stuck key).
  public static let maximumLength = 10_000

  /// Parses typed text against a question as laid out on screen.
  public static func parse(_ typed: String, for question: Question, layout: Layout? = nil) -> Result<
    Response, AnswerProblem
  > {
    let layout = layout ?? .identity(for: question)
    let cleaned = TextNormalizer.removingControlCharacters(typed)
    guard cleaned.unicodeScalars.count <= maximumLength else { return .failure(.tooLong(limit: maximumLength)) }
    let text = TextNormalizer.compatibilityNormalized(cleaned).trimmingSpaces()
    guard !text.isEmpty else { return .failure(.empty) }
    switch question.kind {
    case .single(let choices):
      return parseChoices(text, count: choices.count, multiple: false).flatMap { positions in
        positions.count == 1 ? .success(.choices(Set(positions.map { layout.choices[$0] }))) : .failure(.oneChoiceOnly)
      }
    case .multiple(let choices, _):
      return parseChoices(text, count: choices.count, multiple: true).map {
        .choices(Set($0.map { layout.choices[$0] }))
      }
    case .trueFalse:
      return parseTruth(text).map(Response.truth)
    case .short, .open:
      return .success(.text(cleaned.trimmingSpaces()))
    case .numeric(let numeric):
      return parseNumber(text, unit: numeric.unit).flatMap { value in
        // `0.3` where the unit is `%`: most likely 30%, possibly 0.3%; ask rather than guess.
        if numeric.unit == "%", value > 0, value < 1, !text.contains("%"), !text.contains("％") {
          return .failure(.fractionForPercent(value))
        }
        return .success(.number(value))
      }
    case .ordering(let ordering):
      return parseOrder(text, count: ordering.items.count).map { .order($0.map { layout.items[$0] }) }
    case .matching(let matching):
      return parseMatches(text, prompts: matching.pairs.count, options: matching.options.count).map {
        .matches($0.mapValues { layout.options[$0] })
      }
    case .scenario(let scenario):
      return parsePath(text, scenario)
    }
  }

  /// A whole call typed at once: the number of each reply, in order (`1 3 2`).
  static func parsePath(_ text: String, _ scenario: Scenario) -> Result<Response, AnswerProblem> {
    let parts = text.split {
      $0.isNewline || $0.unicodeScalars.allSatisfy { separators.contains($0.value) }
    }
    var path: [Int] = []
    // Replies are few: `132` written without spaces is 1, 3, 2 (as an order may be written).
    let compact =
      parts.count == 1 && parts[0].count > 1 && parts[0].allSatisfy(\.isASCII)
      && scenario.nodes.allSatisfy { $0.replies.count < 10 }
    for part in compact ? parts[0].map { Substring(String($0)) } : parts {
      guard let number = Int(part), number >= 1 else { return .failure(.notACall) }
      path.append(number - 1)
    }
    guard let walk = scenario.walk(path) else { return .failure(.notACall) }
    return walk.isOver ? .success(.path(path)) : .failure(.callNotOver)
  }

  /// One reply at a turn of a call: its number, or at a turn that takes words, what the
  /// learner would say, matched to the replies (`ScenarioGrader.match`). Words that fit no
  /// reply, or several, are not guessed at: the learner picks a number.
  public static func parseReply(_ typed: String, at node: ScenarioNode) -> Result<Int, AnswerProblem> {
    let cleaned = TextNormalizer.removingControlCharacters(typed)
    guard cleaned.unicodeScalars.count <= maximumLength else { return .failure(.tooLong(limit: maximumLength)) }
    let text = TextNormalizer.compatibilityNormalized(cleaned).trimmingSpaces()
    guard !text.isEmpty else { return .failure(.empty) }
    let count = node.replies.count
    if let number = Int(text) {
      guard (1...max(count, 1)).contains(number), count > 0 else {
        return .failure(.notAReply(count: count, freeText: node.freeText))
      }
      return .success(number - 1)
    }
    guard node.freeText else { return .failure(.notAReply(count: count, freeText: false)) }
    switch ScenarioGrader.match(cleaned, at: node) {
    case .reply(let index): return .success(index)
    case .unsure(let candidates): return .failure(.replyUnclear(candidates: candidates, count: count))
    }
  }

  // MARK: Tokens

  /// A piece of a typed answer: a run of digits, a letter (A = 0), or a separator.
  enum Token: Equatable {
    case digits([Int])
    case letter(Int)
    case separator
  }

  /// Separators between letters and numbers: , ， 、 ; ； / space tab - : ： = → >.
  static let separators: Set<UInt32> = [
    0x2C, 0xFF0C, 0x3001, 0x3B, 0xFF1B, 0x2F, 0x20, 0x09, 0x2D, 0x3A, 0xFF1A, 0x3D, 0x2192, 0x3E,
  ]

  /// Splits text into tokens; `nil` when it holds anything but ASCII letters, digits and separators.
  static func tokens(_ text: String) -> [Token]? {
    var result: [Token] = []
    for scalar in text.unicodeScalars {
      let value = scalar.value
      switch value {
      case 0x30...0x39:
        if case .digits(let run) = result.last {
          result[result.count - 1] = .digits(run + [Int(value - 0x30)])
        } else {
          result.append(.digits([Int(value - 0x30)]))
        }
      case 0x41...0x5A: result.append(.letter(Int(value - 0x41)))
      case 0x61...0x7A: result.append(.letter(Int(value - 0x61)))
      default:
        guard separators.contains(value) else { return nil }
        if result.last != .separator { result.append(.separator) }
      }
    }
    return result
  }

  /// The value of a run of digits.
  /// The value of a run of digits; runs too long to be a choice or item number read as `Int.max`.
  static func number(_ digits: [Int]) -> Int {
    let significant = digits.drop { $0 == 0 }
    guard significant.count <= 9 else { return Int.max }
    return significant.reduce(0) { $0 * 10 + $1 }
  }

  /// Positions named by letters (`AC`, `a c`, `A、C`) or 1-based numbers (`1 3`, `13` when
  /// there are fewer than ten items): the shared reading of choice and ordering answers.
  static func positions(_ text: String, count: Int) -> (positions: [Int], outOfRange: String?)? {
    guard let tokens = tokens(text) else { return nil }
    let runs = tokens.filter { $0 != .separator }
    var positions: [Int] = []
    let numeric = runs.allSatisfy { if case .digits = $0 { true } else { false } }
    let lettered = runs.allSatisfy { if case .letter = $0 { true } else { false } }
    guard numeric || lettered else { return nil }
    for token in runs {
      switch token {
      case .digits(let digits):
        let numbers = count < 10 && runs.count == 1 ? digits : [number(digits)]
        for value in numbers {
          let label = numbers.count == 1 ? digits.map(String.init).joined() : String(value)
          guard value >= 1 && value <= count else { return (positions, label) }
          positions.append(value - 1)
        }
      case .letter(let position):
        guard position < count else { return (positions, Layout.letter(position)) }
        positions.append(position)
      case .separator: break
      }
    }
    return (positions, nil)
  }

  // MARK: Choices

  /// Letters (`AC`, `a c`, `A、C`) or 1-based numbers (`1 3`), as screen positions.
  static func parseChoices(_ text: String, count: Int, multiple: Bool) -> Result<[Int], AnswerProblem> {
    guard let (positions, outOfRange) = positions(text, count: count) else {
      return .failure(.notChoices(count: count, multiple: multiple))
    }
    if let outOfRange { return .failure(.noSuchChoice(outOfRange, count: count)) }
    var seen = Set<Int>()
    let unique = positions.filter { seen.insert($0).inserted }
    return unique.isEmpty ? .failure(.notChoices(count: count, multiple: multiple)) : .success(unique)
  }

  // MARK: True/false

  static let trueWords: Set<String> = ["t", "true", "y", "yes", "对", "是", "正确", "√", "✓", "✔", "v", "1", "对的", "正确的"]
  static let falseWords: Set<String> = [
    "f", "false", "n", "no", "错", "否", "错误", "×", "✗", "✘", "x", "0", "错的", "错误的", "不对",
  ]

  static func parseTruth(_ text: String) -> Result<Bool, AnswerProblem> {
    var word = Substring(text.lowercased())
    while let last = word.last, "。.!！ ".contains(last) { word = word.dropLast() }
    let answer = String(word)
    if trueWords.contains(answer) { return .success(true) }
    if falseWords.contains(answer) { return .success(false) }
    return .failure(.notTrueFalse)
  }

  // MARK: Numbers

  /// Units that mean the same.
  static let unitSynonyms: [String: String] = ["日": "天", "月": "个月", "年度": "年", "％": "%"]
  /// Magnitude words a number may carry.
  static let magnitudes: [(word: String, factor: Double)] = [("亿", 1e8), ("万", 1e4), ("千", 1e3)]

  /// `30`, `30天`, `1,100`, `84.6%`, `11.5万元`, `约 30`, `≈30`, `-5`.
  public static func parseNumber(_ raw: String, unit: String?) -> Result<Double, AnswerProblem> {
    var text = TextNormalizer.compatibilityNormalized(raw).trimmingSpaces()
    while let last = text.last, "。.,;!".contains(last), text.count > 1 { text.removeLast() }
    if let first = text.unicodeScalars.first, !(0x30...0x39).contains(first.value) {
      for prefix in ["大约", "约", "≈", "~", "about"] where text.lowercased().hasPrefix(prefix) {
        text = String(text.dropFirst(prefix.count)).trimmingSpaces()
      }
    }
    // The number itself: sign, digits with optional thousands separators, decimals.
    var characters = Substring(text)
    var number = ""
    if let first = characters.first, first == "-" || first == "+" || first == "−" {
      number = first == "+" ? "" : "-"
      characters = characters.dropFirst()
    }
    let digits = characters.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
    guard digits.contains(where: \.isNumber) else { return .failure(.notANumber(unit: unit)) }
    characters = characters.dropFirst(digits.count)
    let groups = digits.split(separator: ".", omittingEmptySubsequences: false)
    guard groups.count <= 2 else { return .failure(.notANumber(unit: unit)) }
    let integerPart = groups[0]
    if integerPart.contains(",") {
      let thousands = integerPart.split(separator: ",", omittingEmptySubsequences: false)
      guard let head = thousands.first, (1...3).contains(head.count),
        thousands.dropFirst().allSatisfy({ $0.count == 3 })
      else { return .failure(.notANumber(unit: unit)) }
    }
    if groups.count == 2, groups[1].contains(",") { return .failure(.notANumber(unit: unit)) }
    number += integerPart.filter { $0 != "," }
    if groups.count == 2 { number += "." + groups[1] }
    guard var value = Double(number), value.isFinite else { return .failure(.notANumber(unit: unit)) }

    // What follows: an optional magnitude, then an optional unit.
    var rest = String(characters).trimmingSpaces()
    let (unitFactor, baseUnit) = split(unit: unit)
    for (word, factor) in magnitudes where !rest.isEmpty && rest.hasPrefix(word) {
      value *= factor
      rest = String(rest.dropFirst(word.count)).trimmingSpaces()
      if let unit, unitFactor != 1, rest == unit {
        // "1.15万万元" on a question in 万元: 11,500 of the question's unit.
      } else {
        rest = rest.isEmpty ? baseUnit ?? "" : rest
        value /= unitFactor
      }
      guard value.isFinite else { return .failure(.notANumber(unit: unit)) }
      return checkUnit(rest, value: value, baseUnit: baseUnit, unit: unit)
    }
    if !rest.isEmpty, rest == baseUnit, unitFactor != 1 {
      // "115000元" for a question in 万元.
      return .success(value / unitFactor)
    }
    return checkUnit(rest, value: value, baseUnit: unit, unit: unit)
  }

  private static func checkUnit(_ rest: String, value: Double, baseUnit: String?, unit: String?) -> Result<
    Double, AnswerProblem
  > {
    guard !rest.isEmpty else { return .success(value) }
    let canonical = { (text: String) in unitSynonyms[text] ?? text }
    if let baseUnit, canonical(rest) == canonical(baseUnit) { return .success(value) }
    if let unit, canonical(rest) == canonical(unit) { return .success(value) }
    if rest.allSatisfy({ $0.isLetter || $0 == "%" }) { return .failure(.wrongUnit(given: rest, expected: unit)) }
    return .failure(.notANumber(unit: unit))
  }

  /// A unit with a magnitude (`万元`) as its factor and base (`1e4`, `元`).
  static func split(unit: String?) -> (factor: Double, base: String?) {
    guard let unit else { return (1, nil) }
    for (word, factor) in magnitudes where unit.hasPrefix(word) && unit.count > word.count {
      return (factor, String(unit.dropFirst(word.count)))
    }
    return (1, unit)
  }

  // MARK: Ordering

  /// `3142`, `3 1 4 2`, `CADB`, `C,A,D,B`: screen positions in the learner's order.
  static func parseOrder(_ text: String, count: Int) -> Result<[Int], AnswerProblem> {
    guard let (positions, outOfRange) = positions(text, count: count), outOfRange == nil,
      positions.count == count, Set(positions).count == count
    else { return .failure(.notAnOrder(count: count)) }
    return .success(positions)
  }

  // MARK: Matching

  /// `1B 2A 3C`, `1-B,2-A,3-C`, or letters in prompt order (`BAC`).
  static func parseMatches(_ text: String, prompts: Int, options: Int) -> Result<[Int: Int], AnswerProblem> {
    let failure = AnswerProblem.notMatches(prompts: prompts, options: options)
    guard let tokens = tokens(text) else { return .failure(failure) }
    let runs = tokens.filter { $0 != .separator }
    var result: [Int: Int] = [:]
    if runs.allSatisfy({ if case .letter = $0 { true } else { false } }) {
      guard runs.count == prompts else { return .failure(failure) }
      for (index, token) in runs.enumerated() {
        guard case .letter(let option) = token, option < options else { return .failure(failure) }
        result[index] = option
      }
      return .success(result)
    }
    var index = 0
    while index < runs.count {
      guard case .digits(let digits) = runs[index], index + 1 < runs.count,
        case .letter(let option) = runs[index + 1]
      else { return .failure(failure) }
      let prompt = number(digits)
      guard prompt >= 1, prompt <= prompts, option < options else { return .failure(failure) }
      if let previous = result[prompt - 1], previous != option { return .failure(failure) }
      result[prompt - 1] = option
      index += 2
    }
    guard result.count == prompts else {
      let missing = (0..<prompts).filter { result[$0] == nil }.map { $0 + 1 }
      return .failure(.missingMatches(missing, options: options))
    }
    return .success(result)
  }
}
