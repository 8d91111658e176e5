import Foundation

/// Scores responses. One pure function serves practice, review, exams and batch grading.
///
/// The rules are in `docs/grading.md`. Scores are fractions in 0…1; a question's marks are
/// its weight times the fraction.
public enum Grader {
  /// Grades a response to a question. A response of the wrong kind scores 0.
  public static func grade(_ response: Response, for question: Question) -> Grade {
    if case .open(let rubric) = question.kind, rubric.isGradedByPerson {
      // No rubric to estimate with: nothing is earned until a person grades the answer.
      var grade = Grade(fraction: 0, weight: question.weight, feedback: [])
      grade.isProvisional = true
      grade.gradedByPerson = true
      return grade
    }
    if case .open(let rubric) = question.kind, case .text(let typed) = response {
      let outcome = RubricGrader.grade(rubric, answer: typed)
      var grade = Grade(fraction: outcome.fraction, weight: question.weight, feedback: outcome.feedback)
      grade.confidence = outcome.confidence
      grade.isProvisional = true
      grade.reviewReasons = outcome.reasons
      grade.rubric = outcome.report
      return grade
    }
    if case .scenario(let scenario) = question.kind {
      guard case .path(let path) = response else { return Grade(fraction: 0, weight: question.weight, feedback: []) }
      let (fraction, report) = ScenarioGrader.grade(scenario, path: path)
      var grade = Grade(fraction: fraction, weight: question.weight, feedback: [])
      grade.scenario = report
      return grade
    }
    let (fraction, feedback) = score(response, question.kind)
    return Grade(fraction: fraction, weight: question.weight, feedback: feedback)
  }

  private static func score(_ response: Response, _ kind: QuestionKind) -> (Double, [Feedback]) {
    switch (kind, response) {
    // A stored response from an older version of the question, with a choice it no longer has.
    case (.single(let choices), .choices(let picked)) where !picked.allSatisfy(choices.indices.contains):
      return (0, [])
    case (.multiple(let choices, _), .choices(let picked)) where !picked.allSatisfy(choices.indices.contains):
      return (0, [])

    case (.single(let choices), .choices(let picked)):
      let fraction = picked.count == 1 ? picked.first.map { choices[$0].fraction } ?? 0 : 0
      return (fraction, choiceFeedback(choices, picked: picked, isKey: { Credit.isFull($0.fraction) }))

    case (.multiple(let choices, let scoring), .choices(let picked)):
      let feedback = choiceFeedback(choices, picked: picked)
      let correct = Set(choices.indices.filter { choices[$0].isCorrect })
      switch scoring {
      case .partial:
        if picked.contains(where: { !choices[$0].isCorrect }) { return (0, feedback) }
        return (Double(picked.intersection(correct).count) / Double(max(correct.count, 1)), feedback)
      case .allOrNothing:
        return (picked == correct ? 1 : 0, feedback)
      case .fractions:
        return (picked.reduce(0) { $0 + choices[$1].fraction }, feedback)
      }

    case (.trueFalse(let tf), .truth(let given)):
      let text = given ? tf.feedbackTrue : tf.feedbackFalse
      return (given == tf.answer ? 1 : 0, text.map { [.answer($0)] } ?? [])

    case (.short(let short), .text(let typed)):
      let answer = TextNormalizer.normalize(typed, caseSensitive: short.caseSensitive)
      let best =
        short.answers
        .filter {
          let pattern = TextNormalizer.normalize($0.text, caseSensitive: short.caseSensitive)
          return Wildcard.matches(answer, pattern: pattern)
            && (!pattern.contains("*") || Wildcard.assertsLiterals(of: pattern, in: typed))
        }
        .max { $0.fraction < $1.fraction }
      return (best?.fraction ?? 0, best?.feedback.map { [.answer($0)] } ?? [])

    case (.numeric(let numeric), .number(let given)):
      let best =
        numeric.answers
        .filter { abs(given - $0.value) <= $0.tolerance.allowance(around: $0.value) + 1e-9 * max(1, abs($0.value)) }
        .max { $0.fraction < $1.fraction }
      return (best?.fraction ?? 0, best?.feedback.map { [.answer($0)] } ?? [])

    case (.matching(let matching), .matches(let given)):
      let options = matching.options
      var right = 0
      var feedback: [Feedback] = []
      for (index, pair) in matching.pairs.enumerated() {
        let picked = given[index]
        let correct = picked.map { options.indices.contains($0) && options[$0] == pair.answer } ?? false
        if correct { right += 1 }
        feedback.append(.match(prompt: index, picked: picked, correct: correct))
      }
      return (Double(right) / Double(max(matching.pairs.count, 1)), feedback)

    case (.ordering(let ordering), .order(let given)):
      let count = ordering.items.count
      let valid = given.count == count && Set(given) == Set(0..<count)
      switch ordering.scoring {
      case .allOrNothing:
        return (valid && given == Array(0..<count) ? 1 : 0, [])
      case .longestOrderedSubset:
        // As in Moodle, an ordered subset needs at least two items (one item alone is "in order" trivially).
        let longest = longestIncreasingSubsequence(given.filter { (0..<count).contains($0) })
        if count == 1 { return (valid ? 1 : 0, []) }
        return (longest >= 2 ? Double(longest) / Double(count) : 0, [])
      }

    default:
      return (0, [])
    }
  }

  private static func choiceFeedback(
    _ choices: [Choice], picked: Set<Int>, isKey: (Choice) -> Bool = \.isCorrect
  ) -> [Feedback] {
    var feedback: [Feedback] = []
    for index in choices.indices {
      if picked.contains(index) {
        feedback.append(.picked(choice: index, correct: isKey(choices[index]), text: choices[index].feedback))
      } else if isKey(choices[index]) {
        feedback.append(.missed(choice: index, text: choices[index].feedback))
      }
    }
    return feedback
  }

  /// The length of the longest strictly increasing subsequence (Moodle's longest ordered subset).
  static func longestIncreasingSubsequence(_ values: [Int]) -> Int {
    var tails: [Int] = []
    for value in values {
      var low = 0
      var high = tails.count
      while low < high {
        let middle = (low + high) / 2
        if tails[middle] < value { low = middle + 1 } else { high = middle }
      }
      if low == tails.count { tails.append(value) } else { tails[low] = value }
    }
    return tails.count
  }
}

/// Moodle-style patterns where `*` matches any run of characters (including none).
///
/// Both sides are already NFKC-normalised, so comparing UTF-8 bytes is comparing text.
enum Wildcard {
  /// Whether every literal part of a pattern with `*` is asserted in `typed`, not negated:
  /// `*信用减值损失*` matches `不是信用减值损失` as text, but the answer denies it.
  static func assertsLiterals(of pattern: String, in typed: String) -> Bool {
    let text = AnswerText(typed)
    for part in pattern.split(separator: "*") {
      let literal = CompiledKeyword.matchingForm(String(part))
      guard !literal.isEmpty else { continue }
      var asserted = false
      var seen = false
      RubricGrader.occurrences(of: literal, in: text) { start, end in
        seen = true
        if text.polarity(start: start, end: end) == .asserted { asserted = true }
      }
      if seen && !asserted { return false }
    }
    return true
  }

  static func matches(_ text: String, pattern: String) -> Bool {
    let text = Array(text.utf8)
    let parts = pattern.utf8.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    guard parts.count > 1 else { return text == parts[0] }
    guard text.starts(with: parts[0]) else { return false }
    var position = parts[0].count
    for (offset, part) in parts.enumerated().dropFirst() {
      if offset == parts.count - 1 {
        return text.count - position >= part.count && text.suffix(part.count).elementsEqual(part)
      }
      guard !part.isEmpty else { continue }
      guard let found = ByteText.firstIndex(of: part, in: text, from: position) else { return false }
      position = found + part.count
    }
    return true
  }
}
