import Foundation
import PropertyBased
import Testing

@testable import QuizCore

/// Drawing an attempt: seeded and reproducible, no repeats, unseen questions first, rules that
/// cannot be filled reported; durations as content files write them.
@Suite struct ExamDrawTests {
  /// Twelve questions: lessons a/b, types single and truefalse, two of them open.
  static let questions: [Question] = (0..<12).map { index in
    var question = index < 2 ? Make.open : index % 2 == 0 ? Make.single : Make.trueFalse
    question.id = "q\(index)"
    question.lesson = index < 6 ? "a" : "b"
    return question
  }

  static let blueprint = ExamBlueprint(
    id: "cert", title: "认证", timeLimit: 1800, passMark: 0.8,
    draw: [
      DrawRule(lessons: ["a"], types: [.single, .truefalse], count: 3), DrawRule(types: [.open], count: 1),
      DrawRule(count: 4),
    ],
    validity: 365 * 86_400)

  @Test func anAttemptIsReproducibleAndNeverRepeatsAQuestion() async throws {
    await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
      let first = try #require(try? ExamDraw.draw(Self.blueprint, from: Self.questions, seed: UInt64(seed)).get())
      let again = try? ExamDraw.draw(Self.blueprint, from: Self.questions, seed: UInt64(seed)).get()
      #expect(first == again)
      #expect(first.count == 8 && Set(first).count == 8)
      let byID = Dictionary(uniqueKeysWithValues: Self.questions.map { ($0.id, $0) })
      #expect(first.prefix(3).allSatisfy { byID[$0]?.lesson == "a" && byID[$0]?.type != .open })
      #expect(byID[first[3]]?.type == .open)
    }
  }

  @Test func laterAttemptsPreferQuestionsNotSeenBefore() throws {
    let first = try ExamDraw.draw(Self.blueprint, from: Self.questions, seed: 1).get()
    let second = try ExamDraw.draw(Self.blueprint, from: Self.questions, seed: 2, seen: Set(first)).get()
    // Lesson a has 4 objective questions; the second attempt's 3 include the one not drawn before.
    let unseenA = Self.questions.filter { $0.lesson == "a" && $0.type != .open && !first.contains($0.id) }.map(\.id)
    #expect(unseenA.allSatisfy(second.prefix(3).contains))
    let unseenOpen = ["q0", "q1"].filter { !first.contains($0) }
    if let other = unseenOpen.first { #expect(second[3] == other, "the open question not drawn before") }
    // Every question not drawn the first time is drawn before any repeat.
    let unseen = Set(Self.questions.map(\.id)).subtracting(first)
    #expect(unseen.isSubset(of: second), "\(unseen) ⊄ \(second)")
  }

  @Test func aRuleThatCannotBeFilledIsNamed() {
    var blueprint = Self.blueprint
    blueprint.draw[1].count = 3
    #expect(throws: ExamDraw.Shortfall(rule: 1, count: 3, available: 2)) {
      try ExamDraw.draw(blueprint, from: Self.questions, seed: 1).get()
    }
  }

  @Test func cooldownsGrowAndThenRepeat() {
    var blueprint = Self.blueprint
    blueprint.cooldown = [3_600, 86_400]
    #expect(blueprint.cooldown(afterFailures: 0) == 0)
    #expect(blueprint.cooldown(afterFailures: 1) == 3_600)
    #expect(blueprint.cooldown(afterFailures: 5) == 86_400)
  }

  @Test(arguments: [
    ("45m", 2_700.0), ("1h30m", 5_400), ("24h", 86_400), ("365d", 31_536_000), ("90s", 90), ("2w", 1_209_600),
  ])
  func durations(_ text: String, _ seconds: Double) {
    #expect(DurationText.parse(text) == seconds)
    #expect(DurationText.parse(DurationText.format(seconds)) == seconds)
  }

  @Test func durationsAreSpokenInTheInterfaceLanguage() {
    #expect(DurationText.spoken(2_700, .zh) == "45 分钟")
    #expect(DurationText.spoken(5_400, .zh) == "1 小时 30 分钟")
    #expect(DurationText.spoken(5_400, .en) == "1 h 30 min")
    #expect(DurationText.spoken(0, .en) == "0 s")
  }

  @Test(arguments: ["", "45", "m", "45 分钟", "-1h", "0m", "1x"])
  func notDurations(_ text: String) {
    #expect(DurationText.parse(text) == nil)
  }
}

/// Attempts per validity window and cooldowns after failures, with an injected clock.
@Suite struct ExamEligibilityTests {
  static let hour: TimeInterval = 3_600
  static let day: TimeInterval = 86_400
  static let t0 = Date(timeIntervalSince1970: 1_796_000_000)
  static let blueprint: ExamBlueprint = {
    var blueprint = ExamDrawTests.blueprint
    blueprint.attempts = 3
    blueprint.cooldown = [24 * hour, 72 * hour]
    blueprint.validity = 365 * day
    return blueprint
  }()

  func at(_ offset: TimeInterval, _ attempts: [(TimeInterval, Bool)]) -> ExamEligibility {
    let list = attempts.map { ExamEligibility.Attempt(endedAt: Self.t0.addingTimeInterval($0.0), passed: $0.1) }
    return ExamEligibility.at(Self.t0.addingTimeInterval(offset), blueprint: Self.blueprint, attempts: list)
  }

  static func time(_ offset: TimeInterval) -> Date { t0.addingTimeInterval(offset) }

  @Test func aFirstAttemptIsAllowed() {
    #expect(at(0, []) == .allowed(attemptsLeft: 3))
  }

  @Test func cooldownsGrowWithEachFailureInARow() {
    #expect(at(23 * Self.hour, [(0, false)]) == .coolingDown(until: Self.time(24 * Self.hour)))
    #expect(at(25 * Self.hour, [(0, false)]) == .allowed(attemptsLeft: 2))
    let twice: [(TimeInterval, Bool)] = [(0, false), (2 * Self.day, false)]
    #expect(at(3 * Self.day, twice) == .coolingDown(until: Self.time(2 * Self.day + 72 * Self.hour)))
    #expect(at(6 * Self.day, twice) == .allowed(attemptsLeft: 1))
  }

  @Test func theAttemptsOfAWindowRunOutAndComeBackWhenTheOldestLeavesIt() {
    let three: [(TimeInterval, Bool)] = [(0, false), (2 * Self.day, false), (10 * Self.day, false)]
    #expect(at(20 * Self.day, three) == .noAttemptsLeft(opensAt: Self.time(365 * Self.day)))
    #expect(at(366 * Self.day, three) == .allowed(attemptsLeft: 1), "the first failure left the window")
  }

  @Test func aValidPassNeedsNoRetakeUntilItExpires() {
    let passed: [(TimeInterval, Bool)] = [(0, false), (2 * Self.day, true)]
    #expect(at(30 * Self.day, passed) == .alreadyCertified(until: Self.time(367 * Self.day)))
    #expect(at(368 * Self.day, passed) == .allowed(attemptsLeft: 3))
  }
}
