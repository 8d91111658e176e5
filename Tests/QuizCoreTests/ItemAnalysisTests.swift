import Foundation
import PropertyBased
import Testing

@testable import QuizCore

/// Item analysis by Moodle's definitions: a small case worked by hand, and properties that
/// hold for any marks.
@Suite struct ItemAnalysisTests {
  static func close(_ value: Double?, _ expected: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance
  }

  /// Four attempts at two one-mark questions: both right, one each way, both wrong. Each
  /// question says nothing about the rest of the test (DI 0), and together they disagree
  /// completely (CIC 0).
  @Test func aCaseWorkedByHand() {
    let attempts: [ItemAnalysis.Attempt] = [
      ["q1": 1, "q2": 1], ["q1": 1, "q2": 0], ["q1": 0, "q2": 1], ["q1": 0, "q2": 0],
    ]
    let (test, questions) = ItemAnalysis.analyse(attempts, maximumMarks: ["q1": 1, "q2": 1])
    let q1 = questions[0]
    #expect(q1.attempts == 4 && q1.facility == 0.5)
    #expect(Self.close(q1.standardDeviation, (1.0 / 3).squareRoot()))
    #expect(Self.close(q1.discriminationIndex, 0) && Self.close(q1.discriminativeEfficiency, 0))
    #expect(Self.close(q1.effectiveWeight, 50) && Self.close(questions[1].effectiveWeight, 50))
    #expect(test.attempts == 4 && test.mean == 1 && test.median == 1 && test.maximumTotal == 2)
    #expect(Self.close(test.standardDeviation, (2.0 / 3).squareRoot()))
    #expect(Self.close(test.skewness, 0) && Self.close(test.kurtosis, 1.5))
    #expect(Self.close(test.internalConsistency, 0) && Self.close(test.errorRatio, 100))
    #expect(Self.close(test.standardError, (2.0 / 3).squareRoot()))
  }

  /// A question the strong get right and the weak get wrong discriminates fully; one the weak
  /// get right and the strong wrong has a negative index and no effective weight.
  @Test func aMisleadingQuestionHasANegativeIndexAndNoWeight() {
    var attempts: [ItemAnalysis.Attempt] = []
    for strength in 0..<6 {
      let strong = strength >= 3
      attempts.append([
        "a": strong ? 1 : 0, "b": strong ? 1 : 0, "c": strength >= 2 ? 1 : 0, "trap": strong ? 0 : 1,
      ])
    }
    let (_, questions) = ItemAnalysis.analyse(attempts, maximumMarks: ["a": 1, "b": 1, "c": 1, "trap": 1])
    let byID = Dictionary(uniqueKeysWithValues: questions.map { ($0.id, $0) })
    #expect((byID["a"]?.discriminationIndex ?? 0) > 50)
    #expect((byID["trap"]?.discriminationIndex ?? 0) < -50)
    #expect(byID["trap"]?.effectiveWeight == nil, "a negative covariance with the total gets no weight")
    #expect(Self.close(questions.compactMap(\.effectiveWeight).reduce(0, +), 100))
  }

  /// Data set 00 of Moodle's own quiz statistics tests, with the values Moodle asserts for it,
  /// within Moodle's relative tolerances (`Fixtures/README.md`).
  @Test func moodlesOwnDataSet() throws {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
      .appendingPathComponent("moodle-statistics")
    let rows = try String(contentsOf: folder.appendingPathComponent("marks.csv"), encoding: .utf8)
      .split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
    let slots = Array(rows[0].dropFirst())
    let attempts = rows.dropFirst().map { row in
      Dictionary(uniqueKeysWithValues: zip(slots, row.dropFirst().map { Double($0)! }))
    }
    let expected = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        as? [String: Any])
    let (test, questions) = ItemAnalysis.analyse(attempts, maximumMarks: slots.map { ($0, 1.0) })
    func within(_ value: Double?, _ wanted: Any?, _ relative: Double, _ what: String) {
      guard let wanted = wanted as? Double else { return }
      let ok = value.map { abs($0 - wanted) <= abs(wanted) * relative } ?? false
      #expect(ok, "\(what): \(value.map { "\($0)" } ?? "nil") against Moodle's \(wanted)")
    }
    let perSlot = try #require(expected["questions"] as? [String: [String: Double]])
    #expect(perSlot.count == 7 && perSlot.values.allSatisfy { $0.count == 5 }, "every expectation is read")
    for question in questions {
      let wanted = try #require(perSlot[question.id])
      within(question.facility, wanted["facility"], 1e-6, "slot \(question.id) facility")
      within(question.standardDeviation, wanted["sd"], 1e-6, "slot \(question.id) sd")
      within(question.discriminationIndex, wanted["discriminationIndex"], 1e-5, "slot \(question.id) DI")
      within(question.discriminativeEfficiency, wanted["discriminativeEfficiency"], 1e-5, "slot \(question.id) DE")
      within(question.effectiveWeight, wanted["effectiveWeight"], 1e-5, "slot \(question.id) EW")
      #expect(question.attempts == 25)
    }
    let quiz = try #require(expected["test"] as? [String: Double])
    #expect(quiz.count == 9)
    #expect(test.attempts == 25)
    within(test.mean, quiz["mean"], 1.5e-5, "mean")
    within(test.median, quiz["median"], 1.5e-5, "median")
    within(test.standardDeviation, quiz["sd"], 1.5e-5, "sd")
    within(test.skewness, quiz["skewness"], 1.5e-5, "skewness")
    within(test.kurtosis, quiz["kurtosis"], 1.5e-5, "kurtosis")
    within(test.internalConsistency, quiz["cic"], 1.5e-5, "CIC")
    within(test.errorRatio, quiz["errorRatio"], 1.5e-5, "error ratio")
    within(test.standardError, quiz["standardError"], 1.5e-5, "standard error")
  }

  @Test func tooFewAttemptsLeaveTheSpreadUndefined() {
    let (test, questions) = ItemAnalysis.analyse([["q": 1]], maximumMarks: ["q": 2])
    #expect(questions[0].facility == 0.5 && questions[0].standardDeviation == nil)
    #expect(questions[0].discriminationIndex == nil && questions[0].effectiveWeight == nil)
    #expect(test.mean == 1 && test.standardDeviation == nil && test.internalConsistency == nil)
    let (empty, none) = ItemAnalysis.analyse([], maximumMarks: ["q": 1])
    #expect(empty.attempts == 0 && empty.mean == nil && none[0].attempts == 0 && none[0].facility == nil)
  }

  @Test func propertiesHoldForAnyMarks() async {
    let marks = Gen.int(in: 0...4).array(of: 4...4).array(of: 2...30)
    await propertyCheck(count: 300, input: marks) { rows in
      let ids = ["a", "b", "c", "d"]
      let attempts = rows.map { row in Dictionary(uniqueKeysWithValues: zip(ids, row.map { Double($0) / 2 })) }
      let maxima = ids.map { ($0, 2.0) }
      let (test, questions) = ItemAnalysis.analyse(attempts, maximumMarks: maxima)
      for question in questions {
        #expect(question.facility.map { $0 >= 0 && $0 <= 1 } ?? false)
        if let index = question.discriminationIndex { #expect(index >= -100 - 1e-9 && index <= 100 + 1e-9) }
        if let efficiency = question.discriminativeEfficiency, (question.discriminationIndex ?? 0) >= 0 {
          #expect(efficiency <= 100 + 1e-9, "no covariance exceeds the sorted one")
        }
      }
      let weights = questions.compactMap(\.effectiveWeight)
      if !weights.isEmpty { #expect(abs(weights.reduce(0, +) - 100) < 1e-6) }
      if let cic = test.internalConsistency { #expect(cic <= 100 + 1e-9) }
      // The order of the attempts changes nothing.
      let (again, reordered) = ItemAnalysis.analyse(attempts.reversed(), maximumMarks: maxima)
      #expect(zip(questions, reordered).allSatisfy { Self.same($0.discriminationIndex, $1.discriminationIndex) })
      #expect(Self.same(test.internalConsistency, again.internalConsistency) && test.median == again.median)
    }
  }

  static func same(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let x?, let y?): abs(x - y) < 1e-9
    default: false
    }
  }
}
