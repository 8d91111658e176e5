/// Why typed text is not an answer to the question. It is never counted as wrong: the
/// learner is told what form is expected, with an example, and asked again.
public enum AnswerProblem: Error, Sendable, Hashable {
  /// Nothing was typed.
  case empty
  /// The answer is longer than any sensible answer.
  case tooLong(limit: Int)
  /// A choice question got something other than letters or numbers.
  case notChoices(count: Int, multiple: Bool)
  /// A letter or number beyond the choices.
  case noSuchChoice(String, count: Int)
  /// A single-choice question got several choices.
  case oneChoiceOnly
  /// A true/false question got something else.
  case notTrueFalse
  /// A numeric question got something that is not a number.
  case notANumber(unit: String?)
  /// A number with a unit the question does not use.
  case wrongUnit(given: String, expected: String?)
  /// An ordering answer that is not a full order of the items.
  case notAnOrder(count: Int)
  /// A matching answer that does not match every prompt.
  case notMatches(prompts: Int, options: Int)
  /// A matching answer that leaves these prompt numbers (1-based) without a letter.
  case missingMatches([Int], options: Int)
  /// A fraction such as `0.3` typed where the answer is a percentage.
  case fractionForPercent(Double)

  /// What to tell the learner: what form is expected, with an example.
  public func message(_ language: Language) -> String {
    switch self {
    case .empty:
      return language.pick("没有输入答案。", "No answer was typed.")
    case .tooLong(let limit):
      return language.pick("答案太长（最多 \(limit) 个字符）。", "The answer is too long (at most \(limit) characters).")
    case .notChoices(let count, let multiple):
      let last = Layout.letter(max(count - 1, 0))
      return multiple
        ? language.pick(
          "这是一道多选题，请输入一个或多个选项字母（A–\(last)），例如 AC。",
          "This is a multiple-choice question: type one or more letters (A–\(last)), for example AC.")
        : language.pick(
          "这是一道单选题，请输入一个选项字母（A–\(last)），例如 B。",
          "This is a single-choice question: type one letter (A–\(last)), for example B.")
    case .noSuchChoice(let given, let count):
      return language.pick(
        "没有选项 \(given)：本题选项是 A–\(Layout.letter(max(count - 1, 0)))。",
        "There is no choice \(given): the choices are A–\(Layout.letter(max(count - 1, 0))).")
    case .oneChoiceOnly:
      return language.pick("这是一道单选题，只能选一个选项，例如 B。", "Only one choice may be picked, for example B.")
    case .notTrueFalse:
      return language.pick(
        "这是一道判断题，请输入 对 或 错（也可以输入 T/F、Y/N、√/×）。",
        "This is a true/false question: type T or F (also true/false, Y/N, 对/错).")
    case .notANumber(let unit):
      let example = unit.map { "30\($0)" } ?? "30"
      return language.pick(
        "请输入一个数字\(unit.map { "（单位：\($0)，可以不写）" } ?? "")，例如 \(example) 或 1,100.5。",
        "Type a number\(unit.map { " (unit: \($0), optional)" } ?? ""), for example \(example) or 1,100.5.")
    case .wrongUnit(let given, let expected):
      if let expected {
        return language.pick(
          "单位“\(given)”与本题不符：本题的单位是 \(expected)。", "The unit “\(given)” does not fit: this question is in \(expected).")
      }
      return language.pick("本题的答案没有单位，请只输入数字。", "This answer has no unit: type just the number.")
    case .notAnOrder(let count):
      let numbers = (1...max(count, 1)).reversed().map(String.init)
      let example = count < 10 ? numbers.joined() : numbers.joined(separator: " ")
      let spaced = numbers.joined(separator: " ")
      return language.pick(
        "这是一道排序题，请按正确顺序输入全部 \(count) 个编号，例如 \(example)\(count < 10 ? "（或 \(spaced)）" : "")。",
        "This is an ordering question: type all \(count) numbers in the right order, for example \(example).")
    case .notMatches(let prompts, let options):
      let example = (0..<prompts).map { "\($0 + 1)\(Layout.letter($0 % max(options, 1)))" }.joined(separator: " ")
      return language.pick(
        "这是一道配对题，请为每个编号选一个字母，例如 \(example)。",
        "This is a matching question: give a letter for every number, for example \(example).")
    case .missingMatches(let numbers, let options):
      let list = numbers.map(String.init).joined(separator: language.pick("、", ", "))
      let example = numbers.prefix(2).map { "\($0)\(Layout.letter(($0 - 1) % max(options, 1)))" }.joined(separator: " ")
      return language.pick(
        "还没有配对：\(list)。请把所有编号都写上，例如补上 \(example)。",
        "Not matched yet: \(list). Give a letter for every number, for example add \(example).")
    case .fractionForPercent(let value):
      let percent = ResponseFormatter.format((value * 100 * 1_000_000).rounded() / 1_000_000)
      let given = ResponseFormatter.format(value)
      return language.pick(
        "本题的单位是 %：是 \(percent)% 吗？请输入 \(percent)%（若确实是 \(given)%，请输入 \(given)%）。",
        "This answer is in %: did you mean \(percent)%? Type \(percent)% (or \(given)% if you meant that).")
    }
  }
}
