import Foundation
import QuizContent
import QuizCore
import Testing

/// Every numeric answer of the built-in course, recomputed from the numbers in its prompt,
/// so a wrong key cannot slip in. `n[i]` is the i-th number in the prompt (thousands
/// separators removed); each formula is the one the question's explanation teaches.
@Suite struct NumericKeyTests {
  static let formulas: [String: @Sendable ([Double]) -> Double] = [
    "ca.dso-calc": { n in n[2] / n[1] * n[0] },
    "ca.cei-calc": { n in (n[1] + n[2] - n[3]) / (n[1] + n[2] - n[4]) * n[0] },
    "ca.overdue-rate-calc": { n in (n[1] - n[2]) / n[1] * n[0] },
    "ca.roll-rate-calc": { n in n[15] / n[13] * n[11] },
    "ca.ptp-kept-calc": { n in n[2] / n[1] * n[0] },
    "ca.recovery-rate-calc": { n in n[2] / n[1] * n[0] },
    "ca.bad-debt-ratio-calc": { n in n[2] / n[1] * n[0] },
    "ds.collateral-net-recovery": { n in min(n[1] - n[2], n[0]) },
    "ds.settle-vs-sue": { n in n[1] - (n[2] / 100 * n[3] - n[4]) },
    "ds.bulk-recovery-rate": { n in n[1] / n[0] * 100 },
    "lp.limitation-after-interruption": { n in n[1] + 36 },
    "lp.limitation-suspension": { n in n[1] - n[0] + 6 },
    "lp.enforcement-installments": { n in n[3] + 24 },
    "lp.guarantee-period-end": { n in n[0] + 6 },
    "lp.objection-last-day": { n in n[1] + 15 - n[3] },
    "om.concentration-ratio": { n in n[1] / n[0] * 100 },
    "om.discount-annual-cost": { n in rounded(n[4] / 100 / (n[6] - n[4] / 100) * n[7] / (n[5] - n[3]) * 1000) / 10 },
    "pt.case1-shortfall": { n in n[0] + n[1] - n[2] },
    "pt.case2-installment": { n in n[0] / n[2] },
    "rp.matrix-amount": { n in n[0] * n[1] / 100 + n[4] * n[5] / 100 + n[8] * n[9] / 100 + n[11] * n[12] / 100 },
    "rp.topup": { n in n[3] - (n[0] - n[1] + n[2]) },
    "rp.reversal": { n in (n[0] - n[1]) - n[2] },
    "rp.recovery-balance": { n in n[0] - n[1] + n[2] },
    "rp.overdue-rate": { n in n[2] / (n[1] + n[2]) * n[0] },
    "rm.two-interruptions-months": { n in n[2] + n[0] * 12 },
  ]

  static func rounded(_ value: Double) -> Double { value.rounded() }

  /// The numbers of a prompt in order: every run of digits, with an optional decimal part.
  static func numbers(in prompt: String) -> [Double] {
    let text = prompt.replacingOccurrences(of: ",", with: "")
    return text.matches(of: /[0-9]+(\.[0-9]+)?/).compactMap { Double($0.output.0) }
  }

  @Test func everyNumericQuestionHasAFormula() {
    let numeric = BuiltInCourseTests.course.questions.filter { $0.type == .numeric }.map(\.id)
    #expect(Set(numeric) == Set(Self.formulas.keys), "add a formula for every numeric question")
  }

  @Test func everyNumericKeyIsWhatItsPromptComputes() throws {
    for question in BuiltInCourseTests.course.questions {
      guard case .numeric(let numeric) = question.kind, let formula = Self.formulas[question.id] else { continue }
      let key = try #require(numeric.answers.first { $0.fraction >= 1 })
      let computed = formula(Self.numbers(in: question.prompt))
      let allowance = max(key.tolerance.allowance(around: key.value), 0.005 * max(1, abs(key.value)))
      #expect(abs(computed - key.value) <= allowance, "\(question.id): prompt gives \(computed), key says \(key.value)")
      #expect(Grader.grade(.number(computed), for: question).outcome == .correct, "\(question.id)")
    }
  }
}
