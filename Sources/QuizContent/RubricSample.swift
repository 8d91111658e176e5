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
  func problem(grading question: Question) -> ContentProblem? {
    guard case .open = question.kind else { return nil }
    let grade = Grader.grade(.text(answer), for: question)
    var mismatches: [ContentProblem.SampleMismatch] = []
    if grade.fraction < band.lowerBound - 1e-9 || grade.fraction > band.upperBound + 1e-9 {
      mismatches.append(.outsideBand(score: rounded(grade.fraction), band: band))
    }
    if let needsReview, grade.needsReview != needsReview {
      let confidence = rounded(grade.confidence)
      mismatches.append(
        needsReview ? .notFlaggedForReview(confidence: confidence) : .flaggedForReview(confidence: confidence))
    }
    if let redLine, (grade.rubric?.crossedRedLine ?? false) != redLine {
      mismatches.append(redLine ? .crossesNoRedLine : .crossesRedLine)
    }
    guard !mismatches.isEmpty else { return nil }
    return .sampleMismatch(mismatches, Self.summary(of: grade))
  }

  /// What the grader saw, for a message: points covered and misconceptions found.
  static func summary(of grade: Grade) -> ContentProblem.GradeSummary {
    ContentProblem.GradeSummary(
      covered: grade.rubric?.points.filter(\.covered).map { $0.point + 1 } ?? [],
      found: grade.rubric?.found.map { $0.misconception + 1 } ?? [])
  }

  private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
