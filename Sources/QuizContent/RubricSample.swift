import QuizCore

/// A rubric self-test: an answer written by an instructor, with the score band an examiner
/// would give it. `content lint` grades every sample and reports each one outside its band.
struct RubricSample: Sendable {
  /// The answer, as a learner would type it.
  var answer: String
  /// The scores an examiner would accept, e.g. `[0.7, 1.0]`.
  var band: ClosedRange<Double>
  /// When given, whether the grader must (or must not) ask for a person.
  var needsReview: Bool?
  /// When given, whether the answer must (or must not) cross a red line.
  var redLine: Bool?
  /// Where the sample is written.
  var location: SourceLocation

  /// What is wrong with how `question` grades this sample, or `nil` when it passes.
  func problem(grading question: Question) -> String? {
    guard case .open(let rubric) = question.kind else { return nil }
    let grade = Grader.grade(.text(answer), for: question)
    var problems: [String] = []
    if grade.fraction < band.lowerBound - 1e-9 || grade.fraction > band.upperBound + 1e-9 {
      problems.append(
        "scores \(QuestionDecoder.format(rounded(grade.fraction))), outside its band "
          + "[\(QuestionDecoder.format(band.lowerBound)), \(QuestionDecoder.format(band.upperBound))]")
    }
    if let needsReview, grade.needsReview != needsReview {
      problems.append(
        needsReview
          ? "is not flagged for review (confidence \(QuestionDecoder.format(rounded(grade.confidence))))"
          : "is flagged for review (confidence \(QuestionDecoder.format(rounded(grade.confidence))))")
    }
    if let redLine, (grade.rubric?.crossedRedLine ?? false) != redLine {
      problems.append(redLine ? "crosses no red line" : "crosses a red line")
    }
    guard !problems.isEmpty else { return nil }
    return "sample " + problems.joined(separator: " and ") + "; " + Self.describe(grade, rubric: rubric)
  }

  /// What the grader saw, for a message: points covered and misconceptions found.
  static func describe(_ grade: Grade, rubric: Rubric) -> String {
    let covered = grade.rubric?.points.filter(\.covered).map { String($0.point + 1) } ?? []
    let found = grade.rubric?.found.map { String($0.misconception + 1) } ?? []
    var text = "points covered: " + (covered.isEmpty ? "none" : covered.joined(separator: ", "))
    if !found.isEmpty { text += "; misconceptions found: " + found.joined(separator: ", ") }
    return text
  }

  private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
