import Foundation
import PropertyBased
import QuizCore
import Testing

@testable import QuizContent

/// The checks of a call simulation, each with the line and column of what is wrong: nodes no
/// path reaches, turns with nothing to say and no ending, loops without a way out, flags
/// naming unknown rules, endings without a verdict; and the property that every path
/// through every scenario that passes them ends, with a score in range.
@Suite struct ScenarioLintTests {
  static let rules = RuleTable([
    ComplianceRule(
      id: "third-party-disclosure", title: "不得向无关第三人透露债务", tier: .law, source: "《民法典》第一千零三十三条（法律）",
      redLine: true)
  ])

  /// A clean scenario, with `replace` applied to its text.
  static func bank(_ replace: [(String, String)] = []) -> String {
    var text = """
      - id: call.test
        lesson: l
        type: scenario
        prompt: 第一次致电。
        explanation: 先确认本人。
        party: 王建国
        goals: {right-party: 1, promise: 1}
        start: open
        nodes:
          - id: open
            line: 喂，哪位？
            replies:
              - {text: 请问是王建国本人吗？, next: confirmed, progress: [right-party]}
              - {text: 他欠钱了。, next: leaked, flags: [third-party-disclosure]}
          - id: confirmed
            line: 是我。
            replies:
              - {text: 好的，周五还 1200 元，我记下了。, next: done, progress: [promise]}
              - {text: 喂？, next: open}
          - id: done
            ending: {result: success, summary: 承诺周五还款}
          - id: leaked
            ending: {result: failure, summary: 泄露债务}

      """
    for (old, new) in replace { text = text.replacingOccurrences(of: old, with: new) }
    return text
  }

  static func problems(_ text: String) -> [(line: Int, column: Int, problem: ContentProblem)] {
    CourseLoader.parseQuestionBank(text, file: "calls.yaml", rules: rules).diagnostics
      .filter { $0.severity == .error }.map { ($0.line, $0.column, $0.problem) }
  }

  @Test func aCleanScenarioLoadsWithItsRules() throws {
    let (questions, diagnostics) = CourseLoader.parseQuestionBank(Self.bank(), file: "calls.yaml", rules: Self.rules)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    guard case .scenario(let scenario) = try #require(questions.first).kind else {
      Issue.record("not a scenario")
      return
    }
    #expect(scenario.nodes.map(\.id) == ["open", "confirmed", "done", "leaked"])
    #expect(scenario.rules.map(\.id) == ["third-party-disclosure"] && scenario.rules[0].redLine)
  }

  @Test func anUnknownRuleIsNamedWithTheClosestOne() {
    let found = Self.problems(Self.bank([("flags: [third-party-disclosure]", "flags: [third-party-disclosur]")]))
    #expect(found.count == 1)
    #expect(found.first?.problem == .unknownRule("third-party-disclosur", hint: .didYouMean("third-party-disclosure")))
    #expect(found.first.map { "\($0.line):\($0.column)" } == "14:46")
  }

  @Test func aNodeNoPathReachesIsReported() {
    let found = Self.problems(
      Self.bank([
        ("    - id: leaked\n", "    - id: orphan\n      ending: {result: partial, summary: 没人到这里}\n    - id: leaked\n")
      ]))
    #expect(found.map(\.problem) == [.unreachableNode("orphan")])
    #expect(found.first.map { "\($0.line):\($0.column)" } == "22:11", "at the node's id")
  }

  @Test func aTurnWithNothingToSayAndNoEndingIsADeadEnd() {
    let found = Self.problems(Self.bank([("ending: {result: failure, summary: 泄露债务}", "line: 什么？")]))
    #expect(found.map(\.problem) == [.deadEnd("leaked")])
    #expect(found.first.map { "\($0.line):\($0.column)" } == "22:11", "at the node's id")
  }

  @Test func aLoopWithoutAWayOutIsReported() {
    let found = Self.problems(Self.bank([("next: done, progress: [promise]", "next: open, progress: [promise]")]))
    #expect(found.map(\.problem) == [.unreachableNode("done")], "a loop with a way out (to leaked) is allowed")
    let loop = Self.problems(
      Self.bank([
        ("next: done, progress: [promise]", "next: open, progress: [promise]"),
        ("{text: 他欠钱了。, next: leaked, flags: [third-party-disclosure]}", "{text: 嗯。, next: confirmed}"),
      ]))
    #expect(
      loop.map(\.problem) == [.noWayOut(["open", "confirmed"]), .unreachableNode("done"), .unreachableNode("leaked")],
      "\(loop.map(\.problem))")
  }

  @Test func anEndingWithoutAVerdictIsReported() {
    let found = Self.problems(Self.bank([("{result: success, summary: 承诺周五还款}", "{summary: 承诺周五还款}")]))
    #expect(found.map(\.problem) == [.missingField("result", in: .ending)])
    #expect(found.first.map { "\($0.line):\($0.column)" } == "21:15", "at the ending")
    let unknown = Self.problems(Self.bank([("result: success", "result: sucess")]))
    #expect(unknown.map(\.problem) == [.unknownValue(field: "result", value: "sucess", hint: .didYouMean("success"))])
  }

  @Test func aReplyToANodeThatDoesNotExistIsReported() {
    let found = Self.problems(Self.bank([("next: confirmed, progress", "next: confrimed, progress")]))
    #expect(
      found.map(\.problem) == [.unknownNode("confrimed", field: "next", hint: .didYouMean("confirmed"))],
      "one error: the nodes behind the typo are not reported unreachable as well")
    #expect(
      Self.problems(Self.bank([("start: open", "start: opn")])).contains {
        $0.problem == .unknownNode("opn", field: "start", hint: .didYouMean("open"))
      })
  }

  @Test func goalsFreeTextAndNodeIDsAreChecked() {
    #expect(
      Self.problems(Self.bank([("progress: [promise]", "progress: [plan]")])).map(\.problem) == [.goalNotListed("plan")]
    )
    #expect(
      Self.problems(Self.bank([("line: 喂，哪位？", "line: 喂，哪位？\n      free_text: true")])).map(\.problem) == [
        .freeTextReplyWithoutKeywords(node: "open", reply: 1), .freeTextReplyWithoutKeywords(node: "open", reply: 2),
      ])
    #expect(
      Self.problems(Self.bank([("- id: leaked", "- id: done")])).contains { $0.problem == .duplicateNodeID("done") })
    #expect(
      Self.problems(
        Self.bank([
          (
            "ending: {result: success, summary: 承诺周五还款}",
            "ending: {result: success, summary: 承诺周五还款}\n      replies: []"
          )
        ])
      )
      .contains { $0.problem == .repliesAndEnding("done") })
  }

  @Test func aFreeTextReplyWhoseOwnWordsPickAnotherIsWarnedAbout() {
    let overlapping = Self.bank([
      ("line: 喂，哪位？", "line: 喂，哪位？\n      free_text: true"),
      (
        "{text: 请问是王建国本人吗？, next: confirmed, progress: [right-party]}",
        "{text: 请问是王建国本人吗？, next: confirmed, progress: [right-party], keywords: [[本人]]}"
      ),
      (
        "{text: 他欠钱了。, next: leaked, flags: [third-party-disclosure]}",
        "{text: 他本人欠钱了。, next: leaked, flags: [third-party-disclosure], keywords: [[欠钱]]}"
      ),
    ])
    let (_, diagnostics) = CourseLoader.parseQuestionBank(overlapping, file: "calls.yaml", rules: Self.rules)
    #expect(diagnostics.map(\.problem) == [.replyWordsDoNotPickIt(node: "open", reply: 2, others: [1])])
    #expect(diagnostics.first.map { "\($0.severity) \($0.line):\($0.column)" } == "warning 10:11")
    let apart = overlapping.replacingOccurrences(of: "keywords: [[本人]]", with: "keywords: [[请问是, 请问您是]]")
    #expect(CourseLoader.parseQuestionBank(apart, file: "calls.yaml", rules: Self.rules).diagnostics.isEmpty)
  }

  @Test func aCallThatEndsBeforeItBeginsIsAnError() {
    #expect(
      Self.problems(Self.bank([("start: open", "start: done")])).map(\.problem).contains(.startIsAnEnding("done")))
  }

  @Test func aBankMayRepeatACourseRuleButNotRedefineIt() {
    let same = """
        rules:
          - {id: third-party-disclosure, title: 不得向无关第三人透露债务, tier: law, source: 《民法典》第一千零三十三条（法律）, red_line: true}

      """
    #expect(Self.problems(Self.bank([("  start: open\n", same + "  start: open\n")])).isEmpty)
    let softer = same.replacingOccurrences(of: "red_line: true", with: "penalty: 0.25")
    #expect(
      Self.problems(Self.bank([("  start: open\n", softer + "  start: open\n")])).map(\.problem) == [
        .ruleDiffersFromTable("third-party-disclosure")
      ])
  }

  @Test func aScenarioNoPathOfWhichEarnsFullCreditIsWarnedAbout() {
    let (_, diagnostics) = CourseLoader.parseQuestionBank(
      Self.bank([("goals: {right-party: 1, promise: 1}", "goals: {right-party: 1, promise: 1, dispute: 1}")]),
      file: "calls.yaml", rules: Self.rules)
    #expect(diagnostics.map(\.problem) == [.noFullCreditPath(best: 2.0 / 3)])
    #expect(diagnostics.first?.severity == .warning)
  }

  @Test func theRuleTableIsCheckedWithLocations() {
    var log = DiagnosticLog()
    let table = RuleTable.parse(
      SourceText(
        path: "rules.yaml",
        text: """
          rules:
            - {id: a, title: 甲, tier: law, source: 法律, red_line: true}
            - {id: a, title: 乙, tier: policy, source: 制度}
            - {id: b, title: 丙, tier: laws, source: 法律}
            - {id: c, title: 丁, tier: policy, source: 制度, penalty: 2}
          """), log: &log)
    #expect(table.rules.map(\.id) == ["a"])
    #expect(
      log.diagnostics.map(\.problem) == [
        .duplicateRuleID("a"), .unknownValue(field: "tier", value: "laws", hint: .didYouMean("law")),
        .fractionOutOfRange(2, range: 0...1),
      ])
    #expect(log.diagnostics.map(\.line) == [3, 4, 5])
  }

  @Test func everyPathThroughEveryScenarioOfTheCourseEndsWithAScoreInRange() async throws {
    let folder = try CourseLoader.locateCourse(in: Fixtures.builtInContent.path)
    let course = try #require(CourseLoader().load(folder: folder).course)
    let scenarios = course.questions.compactMap { question -> Scenario? in
      if case .scenario(let scenario) = question.kind { return scenario }
      return nil
    }
    #expect(scenarios.count >= 8)
    await propertyCheck(count: 400, input: Gen.int(in: 0...(scenarios.count - 1)), Gen.int(in: 0...Int.max)) {
      index, seed in
      Self.expectEveryWalkEnds(scenarios[index], seed: UInt64(seed))
    }
    for scenario in scenarios {
      #expect(ScenarioGrader.bestPath(scenario).fraction == 1, "the best call earns full credit")
      #expect(
        scenario.nodes.contains { $0.replies.contains { $0.flags.contains { scenario.rule($0)?.redLine == true } } })
    }
  }

  @Test func theCertificationDrawsOneCallFromTheCourse() throws {
    let folder = try CourseLoader.locateCourse(in: Fixtures.builtInContent.path)
    let course = try #require(CourseLoader().load(folder: folder).course)
    let blueprint = try #require(course.exams.first { $0.id == "certification" })
    for seed: UInt64 in [1, 2, 3] {
      let drawn = try ExamDraw.draw(blueprint, from: course.questions, seed: seed).get()
      let calls = drawn.compactMap { id in course.question(withID: id) }.filter { $0.type == .scenario }
      #expect(calls.count == 1, "one call in every certification attempt")
    }
  }

  @Test func everyPathThroughARandomScenarioThatPassesTheLintEnds() async {
    await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max), Gen.int(in: 0...Int.max)) { shape, seed in
      var random = RandomQuestions(seed: UInt64(shape), reach: .moodleXML)
      let question = random.question(.scenario, lesson: "l")
      let text = QuestionBankWriter.yaml([question])
      let (read, diagnostics) = CourseLoader.parseQuestionBank(text, file: "random.yaml")
      #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)\n\(text)")
      guard case .scenario(let scenario)? = read.first?.kind else {
        Issue.record("not read back\n\(text)")
        return
      }
      Self.expectEveryWalkEnds(scenario, seed: UInt64(seed))
    }
  }

  /// A random walk ends within the turn limit, and scores 0…1, never more than the best path.
  static func expectEveryWalkEnds(_ scenario: Scenario, seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    var path: [Int] = []
    while let walk = scenario.walk(path), !walk.isOver, let node = scenario.node(walk.current) {
      #expect(!node.replies.isEmpty, "a turn with something to say")
      path.append(Int.random(in: 0..<node.replies.count, using: &generator))
      if path.count > scenario.turnLimit {
        Issue.record("the call does not end")
        return
      }
    }
    let (fraction, report) = ScenarioGrader.grade(scenario, path: path)
    #expect(report.walk.isOver && (0...1).contains(fraction))
    #expect(fraction <= report.bestFraction + 1e-9)
  }
}
