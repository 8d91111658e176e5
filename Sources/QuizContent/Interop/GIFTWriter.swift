import Foundation
import QuizCore

/// Writes questions as GIFT that Moodle, and `GIFTReader`, read back to the same questions.
///
/// Every question is `// [id:…] [tag:…]`, `::id::[markdown]prompt{answers####explanation}`, on
/// one line, with line breaks written as `\n` and GIFT's control characters escaped. What
/// GIFT cannot say is reported by question id: ordering questions are left out; a rubric,
/// a unit, case-sensitive matching, a weight, a model answer, difficulty, source and context
/// are written without.
public enum GIFTWriter {
  /// The GIFT text of `questions`, and what it could not say.
  public static func write(_ questions: [Question], header: [String] = []) -> (text: String, problems: [InteropProblem])
  {
    var text = header.map { "// " + $0 + "\n" }.joined()
    if !header.isEmpty { text += "\n" }
    var problems: [InteropProblem] = []
    for question in questions {
      var lost = ExportLoss.common(question)
      if case .ordering = question.kind {
        problems.append(.notExpressible(question.id, [.ordering], skipped: true))
        continue
      }
      if case .scenario = question.kind {
        problems.append(.notExpressible(question.id, [.scenario], skipped: true))
        continue
      }
      if answerTexts(question.kind).contains(where: { $0.contains("->") }) {
        // Moodle would read the arrow as a matching pair: the question cannot be written.
        problems.append(.notExpressible(question.id, [.arrowInAnswer], skipped: true))
        continue
      }
      var comment = "// [id:\(tagEscaped(question.id))]"
      for tag in question.tags { comment += " [tag:\(tagEscaped(tag))]" }
      text += comment + "\n"
      text += "::" + escaped(question.id) + "::[markdown]" + escaped(question.prompt)
      text += "{" + answers(question, lost: &lost) + "####" + answerText(question.explanation) + "}\n\n"
      if !lost.isEmpty { problems.append(.notExpressible(question.id, lost, skipped: false)) }
      problems += ExportLoss.grades(question)
    }
    return (text, problems)
  }

  private static func answers(_ question: Question, lost: inout [InteropProblem.Feature]) -> String {
    switch question.kind {
    case .single(let choices):
      return choices.map { choice in
        let feedback = choice.feedback.map { "#" + answerText($0) } ?? ""
        // The right choice is always `=`: without one, GIFT means a several-answer question.
        if Credit.isFull(choice.fraction) { return "=" + answerText(choice.text) + feedback }
        let weight = choice.hasExplicitFraction || choice.fraction != 0 || choice.text.hasPrefix("%")
        return "~" + (weight ? "%\(MoodleGrades.percent(choice.fraction))%" : "") + answerText(choice.text) + feedback
      }.joined(separator: " ")
    case .multiple(let choices, let scoring):
      if scoring == .allOrNothing { lost.append(.scoringMode) }
      return ExportLoss.moodleFractions(choices, scoring: scoring).enumerated().map { index, fraction in
        let choice = choices[index]
        let feedback = choice.feedback.map { "#" + answerText($0) } ?? ""
        let weight = fraction != 0 || choice.hasExplicitFraction || choice.text.hasPrefix("%")
        return "~" + (weight ? "%\(MoodleGrades.percent(fraction))%" : "") + answerText(choice.text) + feedback
      }.joined(separator: " ")
    case .trueFalse(let statement):
      let right = statement.answer ? statement.feedbackTrue : statement.feedbackFalse
      let wrong = statement.answer ? statement.feedbackFalse : statement.feedbackTrue
      var text = statement.answer ? "TRUE" : "FALSE"
      if wrong != nil || right != nil { text += "#" + escaped(wrong ?? "") }
      if let right { text += "#" + escaped(right) }
      return text
    case .short(let short):
      if short.caseSensitive { lost.append(.caseSensitive) }
      return short.answers.map { answer in
        let weight = answer.fraction != 1 || answer.text.hasPrefix("%")
        return "=" + (weight ? "%\(MoodleGrades.percent(answer.fraction))%" : "") + answerText(answer.text)
          + (answer.feedback.map { "#" + answerText($0) } ?? "")
      }.joined(separator: " ")
    case .numeric(let numeric):
      if numeric.unit != nil { lost.append(.unit) }
      return "#"
        + numeric.answers.map { answer in
          let margin = answer.tolerance.allowance(around: answer.value)
          let weight = answer.fraction != 1 ? "%\(MoodleGrades.percent(answer.fraction))%" : ""
          return "=" + weight + number(answer.value) + (margin != 0 ? ":" + number(margin) : "")
            + (answer.feedback.map { "#" + answerText($0) } ?? "")
        }.joined(separator: " ")
    case .matching(let matching):
      let pairs = matching.pairs.map { "=" + answerText($0.prompt) + " -> " + escaped($0.answer) }
      let extra = matching.distractors.map { "= -> " + escaped($0) }
      return (pairs + extra).joined(separator: " ")
    case .open(let rubric):
      if !rubric.isGradedByPerson { lost.append(.rubric) }
      if !rubric.modelAnswer.isEmpty && rubric.isGradedByPerson { lost.append(.modelAnswer) }
      return ""
    case .ordering, .scenario:
      return ""
    }
  }

  /// The texts written inside the braces, where `->` means a matching pair.
  static func answerTexts(_ kind: QuestionKind) -> [String] {
    switch kind {
    case .single(let choices), .multiple(let choices, _):
      choices.flatMap { [$0.text] + ($0.feedback.map { [$0] } ?? []) }
    case .short(let short): short.answers.flatMap { [$0.text] + ($0.feedback.map { [$0] } ?? []) }
    case .numeric(let numeric): numeric.answers.compactMap(\.feedback)
    case .trueFalse(let statement): [statement.feedbackTrue, statement.feedbackFalse].compactMap { $0 }
    case .matching(let matching): matching.pairs.flatMap { [$0.prompt, $0.answer] } + matching.distractors
    case .ordering, .open, .scenario: []
    }
  }

  /// A number as GIFT and `GIFTReader` read it back exactly.
  static func number(_ value: Double) -> String { QuestionBankWriter.format(value) }

  /// An answer or feedback: escaped, with `[markdown]` in front when it starts with `[` and so
  /// would be read as a format.
  private static func answerText(_ text: String) -> String {
    (text.hasPrefix("[") ? "[markdown]" : "") + escaped(text)
  }

  /// GIFT's control characters and `\` escaped, line breaks as `\n`.
  static func escaped(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "\\", "~", "=", "#", "{", "}", ":": output += "\\" + String(character)
      case "\n": output += "\\n"
      case "\r": break
      default: output.append(character)
      }
    }
    return output
  }

  /// Inside `[id:…]` and `[tag:…]` only `]` needs escaping.
  private static func tagEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "]", with: "\\]")
  }
}

/// What every Moodle format loses, and the fractions Moodle scores with.
enum ExportLoss {
  /// Difficulty, source, context and weight: this program's own fields.
  static func common(_ question: Question, keepsWeight: Bool = false) -> [InteropProblem.Feature] {
    var lost: [InteropProblem.Feature] = []
    if question.difficulty != 1 { lost.append(.difficulty) }
    // A whole lesson is what an import names, so only a section is lost.
    if question.source?.heading != nil { lost.append(.source) }
    if question.context != nil { lost.append(.context) }
    if question.weight != 1 && !keepsWeight { lost.append(.weight) }
    return lost
  }

  /// The fractions that make Moodle score a several-answer question as this program does:
  /// `partial` is each right choice 1/n and each wrong one −1 (a wrong pick then scores 0);
  /// `all-or-nothing` has no equivalent and goes out as `partial`.
  static func moodleFractions(_ choices: [Choice], scoring: MultipleScoring) -> [Double] {
    switch scoring {
    case .fractions:
      return choices.map(\.fraction)
    case .partial, .allOrNothing:
      let right = max(choices.filter(\.isCorrect).count, 1)
      let share = MoodleGrades.fraction(percent: 100 / Double(right))
      return choices.map { $0.isCorrect ? share : -1 }
    }
  }

  /// A warning for each fraction Moodle's importers refuse by default.
  static func grades(_ question: Question) -> [InteropProblem] {
    var fractions: [Double] = []
    switch question.kind {
    case .single(let choices): fractions = choices.map(\.fraction)
    case .multiple(let choices, let scoring): fractions = moodleFractions(choices, scoring: scoring)
    case .short(let short): fractions = short.answers.map(\.fraction)
    case .numeric(let numeric): fractions = numeric.answers.map(\.fraction)
    default: break
    }
    var seen = Set<Double>()
    return fractions.filter { !MoodleGrades.isAllowed($0) && seen.insert($0).inserted }.map {
      .notAMoodleGrade(question.id, $0)
    }
  }
}
