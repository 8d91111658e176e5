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
  /// At a turn of a call: not the number of a reply (nor, where the turn takes them, words).
  case notAReply(count: Int, freeText: Bool)
  /// Typed words that do not pick one reply with confidence; `candidates` (0-based) fit equally.
  case replyUnclear(candidates: [Int], count: Int)
  /// A whole call typed at once that is not reply numbers along the call's nodes.
  case notACall
  /// A whole call typed at once that stops before the call ends.
  case callNotOver

  /// What to tell the learner: what form is expected, with an example.
  public func message(_ language: Language) -> String {
    switch self {
    case .empty:
      return language.text("answerproblem.no-answer-was-typed")
    case .tooLong(let limit):
      return language.text("answerproblem.the-answer-is-too-long-at", "\(limit)")
    case .notChoices(let count, let multiple):
      let last = Layout.letter(max(count - 1, 0))
      return multiple
        ? language.text("answerproblem.this-is-a-multiple-choice-question", "\(last)")
        : language.text("answerproblem.this-is-a-single-choice-question", "\(last)")
    case .noSuchChoice(let given, let count):
      return language.text(
        "answerproblem.there-is-no-choice-the-choices", "\(given)", "\(Layout.letter(max(count - 1, 0)))")
    case .oneChoiceOnly:
      return language.text("answerproblem.only-one-choice-may-be-picked")
    case .notTrueFalse:
      return language.text("answerproblem.this-is-a-true-false-question")
    case .notANumber(let unit):
      let example = unit.map { "30\($0)" } ?? "30"
      guard let unit else { return language.text("answerproblem.type-a-number", example) }
      return language.text("answerproblem.type-a-number-with-unit", unit, example)
    case .wrongUnit(let given, let expected):
      if let expected {
        return language.text("answerproblem.the-unit-does-not-fit-this", "\(given)", "\(expected)")
      }
      return language.text("answerproblem.this-answer-has-no-unit-type")
    case .notAnOrder(let count):
      let numbers = (1...max(count, 1)).reversed().map(String.init)
      let example = count < 10 ? numbers.joined() : numbers.joined(separator: " ")
      let spaced = numbers.joined(separator: " ")
      return count < 10
        ? language.text("answerproblem.ordering-all-numbers-or-spaced", "\(count)", example, spaced)
        : language.text("answerproblem.ordering-all-numbers", "\(count)", example)
    case .notMatches(let prompts, let options):
      let example = (0..<prompts).map { "\($0 + 1)\(Layout.letter($0 % max(options, 1)))" }.joined(separator: " ")
      return language.text("answerproblem.this-is-a-matching-question-give", "\(example)")
    case .missingMatches(let numbers, let options):
      let list = numbers.map(String.init).joined(separator: language.text("list.separator"))
      let example = numbers.prefix(2).map { "\($0)\(Layout.letter(($0 - 1) % max(options, 1)))" }.joined(separator: " ")
      return language.text("answerproblem.not-matched-yet-give-a-letter", "\(list)", "\(example)")
    case .fractionForPercent(let value):
      let percent = ResponseFormatter.format((value * 100 * 1_000_000).rounded() / 1_000_000)
      let given = ResponseFormatter.format(value)
      return language.text("answerproblem.this-answer-is-in-did-you", "\(percent)", "\(given)")
    case .notAReply(let count, let freeText):
      return freeText
        ? language.text("answerproblem.reply-number-or-words", "\(count)")
        : language.text("answerproblem.reply-number", "\(count)")
    case .replyUnclear(let candidates, let count):
      guard candidates.count > 1 else { return language.text("answerproblem.reply-unclear", "\(count)") }
      let list = candidates.map { String($0 + 1) }.joined(separator: language.text("list.separator"))
      return language.text("answerproblem.reply-ambiguous", list, "\(count)")
    case .notACall:
      return language.text("answerproblem.not-a-call")
    case .callNotOver:
      return language.text("answerproblem.call-not-over")
    }
  }
}
