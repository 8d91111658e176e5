import Foundation

/// Item analysis of a set of attempts, with the definitions of Moodle's quiz statistics
/// report ("Quiz statistics calculations"): for `s` attempts of a question, `x` its mark, `T`
/// the attempt's total and `X = T − x` the rest of the attempt, with sample variances and
/// covariances (divisor `s − 1`).
///
/// A pure function of marks: where they come from (this program's exams, practice sessions,
/// a spreadsheet of paper results) is the caller's business.
public enum ItemAnalysis {
  /// One attempt: the mark of each question it contains (a question it did not contain is absent).
  public typealias Attempt = [String: Double]

  /// The statistics of one question.
  public struct Question: Sendable, Hashable {
    public var id: String
    /// The question's maximum mark.
    public var maximumMark: Double
    /// Attempts that contained the question (`s`).
    public var attempts: Int
    /// The mean mark.
    public var meanMark: Double
    /// Facility index: the mean mark as a fraction of the maximum (nil when the maximum is 0).
    public var facility: Double?
    /// Standard deviation of the mark, as a fraction of the maximum (nil for fewer than 2 attempts).
    public var standardDeviation: Double?
    /// Discrimination index, in per cent: 100·C(x,X)/√(V(x)·V(X)).
    public var discriminationIndex: Double?
    /// Discriminative efficiency, in per cent: C(x,X) against the covariance of x and X each
    /// sorted on its own (the largest the covariance could be with these marks).
    public var discriminativeEfficiency: Double?
    /// Effective weight, in per cent: √C(x,T) over the sum of those of every question; nil
    /// when this question's covariance with the total is negative (or none is positive).
    public var effectiveWeight: Double?
    /// C(x,T), kept for the effective weights and for callers that want it.
    public var covarianceWithTotal: Double?
    /// V(x), the sample variance of the mark (nil for fewer than 2 attempts).
    public var markVariance: Double?
  }

  /// The statistics of the whole test (the attempts' totals).
  public struct Test: Sendable, Hashable {
    public var attempts: Int
    /// Questions analysed (`p`).
    public var questions: Int
    /// The sum of the questions' maximum marks.
    public var maximumTotal: Double
    public var mean: Double?
    public var median: Double?
    /// Sample standard deviation of the totals.
    public var standardDeviation: Double?
    /// Skewness and kurtosis from the k-statistics (k3/k2^1.5, k4/k2²).
    public var skewness: Double?
    public var kurtosis: Double?
    /// Coefficient of internal consistency, in per cent: 100·p/(p−1)·(1 − ΣV(xᵢ)/V(T)).
    public var internalConsistency: Double?
    /// Error ratio, in per cent: 100·√(1 − CIC/100).
    public var errorRatio: Double?
    /// Standard error, in marks: error ratio × SD / 100.
    public var standardError: Double?
  }

  /// The analysis of `attempts` over the questions in `maximumMarks` (in its order); marks of
  /// questions not listed are ignored.
  public static func analyse(
    _ attempts: [Attempt], maximumMarks: KeyValuePairs<String, Double>
  ) -> (test: Test, questions: [Question]) {
    analyse(attempts, maximumMarks: maximumMarks.map { ($0.key, $0.value) })
  }

  /// The analysis of `attempts` over the questions in `maximumMarks` (in its order).
  public static func analyse(_ attempts: [Attempt], maximumMarks: [(String, Double)]) -> (
    test: Test, questions: [Question]
  ) {
    let ids = maximumMarks.map(\.0)
    let known = Set(ids)
    let totals = attempts.map { attempt in attempt.filter { known.contains($0.key) }.values.reduce(0, +) }
    var questions: [Question] = []
    for (id, maximum) in maximumMarks {
      var marks: [Double] = []
      var others: [Double] = []
      var overall: [Double] = []
      for (index, attempt) in attempts.enumerated() {
        guard let mark = attempt[id] else { continue }
        marks.append(mark)
        others.append(totals[index] - mark)
        overall.append(totals[index])
      }
      questions.append(question(id, maximum: maximum, marks: marks, others: others, totals: overall))
    }
    // Effective weights share out the positive covariances with the total.
    let sum = questions.compactMap(\.covarianceWithTotal).filter { $0 >= 0 }.map { $0.squareRoot() }.reduce(0, +)
    for index in questions.indices {
      guard sum > 0, let covariance = questions[index].covarianceWithTotal, covariance >= 0 else {
        questions[index].effectiveWeight = nil
        continue
      }
      questions[index].effectiveWeight = 100 * covariance.squareRoot() / sum
    }
    let sumOfMarkVariance = questions.compactMap(\.markVariance).reduce(0, +)
    return (
      test(totals, questions: ids.count, maximum: maximumMarks.map(\.1).reduce(0, +), sumOfMarkVariance), questions
    )
  }

  static func question(_ id: String, maximum: Double, marks: [Double], others: [Double], totals: [Double]) -> Question {
    let s = marks.count
    let mean = s > 0 ? marks.reduce(0, +) / Double(s) : 0
    var result = Question(
      id: id, maximumMark: maximum, attempts: s, meanMark: mean, facility: maximum != 0 && s > 0 ? mean / maximum : nil)
    guard s > 1 else { return result }
    let otherMean = others.reduce(0, +) / Double(s)
    let totalMean = totals.reduce(0, +) / Double(s)
    let divisor = Double(s - 1)
    var markSquares = 0.0
    var otherSquares = 0.0
    var covariance = 0.0
    var withTotal = 0.0
    for index in 0..<s {
      let d = marks[index] - mean
      let o = others[index] - otherMean
      markSquares += d * d
      otherSquares += o * o
      covariance += d * o
      withTotal += d * (totals[index] - totalMean)
    }
    // The largest covariance these marks allow: each list sorted on its own.
    let sortedMarks = marks.sorted()
    let sortedOthers = others.sorted()
    var maximumCovariance = 0.0
    for index in 0..<s { maximumCovariance += (sortedMarks[index] - mean) * (sortedOthers[index] - otherMean) }
    let variance = markSquares / divisor
    let otherVariance = otherSquares / divisor
    let cov = covariance / divisor
    result.markVariance = variance
    result.covarianceWithTotal = withTotal / divisor
    result.standardDeviation = maximum != 0 ? variance.squareRoot() / maximum : nil
    if variance * otherVariance != 0 {
      result.discriminationIndex = 100 * cov / (variance * otherVariance).squareRoot()
    }
    if maximumCovariance != 0 { result.discriminativeEfficiency = 100 * cov / (maximumCovariance / divisor) }
    return result
  }

  static func test(_ totals: [Double], questions p: Int, maximum: Double, _ sumOfMarkVariance: Double) -> Test {
    let s = totals.count
    var result = Test(attempts: s, questions: p, maximumTotal: maximum)
    guard s > 0 else { return result }
    let mean = totals.reduce(0, +) / Double(s)
    result.mean = mean
    let sorted = totals.sorted()
    result.median = s % 2 == 0 ? (sorted[s / 2 - 1] + sorted[s / 2]) / 2 : sorted[s / 2]
    guard s > 1 else { return result }
    var power2 = 0.0
    var power3 = 0.0
    var power4 = 0.0
    for total in totals {
      let d = total - mean
      power2 += d * d
      power3 += d * d * d
      power4 += d * d * d * d
    }
    let n = Double(s)
    result.standardDeviation = (power2 / (n - 1)).squareRoot()
    guard s > 2 else { return result }
    let m2 = power2 / n
    let m3 = power3 / n
    let m4 = power4 / n
    let k2 = n * m2 / (n - 1)
    let k3 = n * n * m3 / ((n - 1) * (n - 2))
    guard k2 != 0 else { return result }
    result.skewness = k3 / pow(k2, 1.5)
    if s > 3 {
      let k4 = n * n * ((n + 1) * m4 - 3 * (n - 1) * m2 * m2) / ((n - 1) * (n - 2) * (n - 3))
      result.kurtosis = k4 / (k2 * k2)
    }
    if p > 1 {
      let cic = 100 * Double(p) / Double(p - 1) * (1 - sumOfMarkVariance / k2)
      result.internalConsistency = cic
      if cic <= 100 {
        let ratio = 100 * (1 - cic / 100).squareRoot()
        result.errorRatio = ratio
        result.standardError = result.standardDeviation.map { ratio * $0 / 100 }
      }
    }
    return result
  }
}
