import Foundation
import PropertyBased
import Testing

@testable import QuizCore

/// Call simulations: a call scored for its outcome (the goals reached) and its compliance (a
/// red line fails it whatever it achieved), replayed for the debrief with the best path; free
/// text matched to a reply only when one fits; and the session engine playing a call turn by
/// turn, saved after each, in practice and in an exam.
@Suite struct ScenarioTests {
  static let disclosure = ComplianceRule(
    id: "third-party-disclosure", title: "不得向无关第三人透露债务", tier: .law, source: "《民法典》第一千零三十三条（法律）",
    redLine: true)
  static let identity = ComplianceRule(
    id: "identity-first", title: "先确认本人再谈欠款", tier: .policy, source: "机构内部制度", redLine: false, penalty: 0.25)

  /// open → (1) confirmed → (1) promise → (1) done | (2) vague; open → (2) relative →
  /// (1) leaked | (2) callback; confirmed → (2) back to open (a loop with a way out).
  static let scenario = Scenario(
    party: "王建国", goals: [.init(goal: .rightParty, weight: 1), .init(goal: .promise, weight: 2)], start: "open",
    nodes: [
      ScenarioNode(
        id: "open", line: "喂，哪位？", seconds: 10, freeText: true,
        replies: [
          ScenarioReply(
            text: "请问您是王建国先生本人吗？", next: "confirmed", progress: [.rightParty], keywords: [["本人", "是不是"]]),
          ScenarioReply(
            text: "你的信用卡逾期了！", next: "relative", flags: ["identity-first"], keywords: [["逾期", "欠款"]]),
        ]),
      ScenarioNode(
        id: "confirmed", line: "是我。",
        replies: [
          ScenarioReply(text: "您打算哪天还款？", next: "promise"),
          ScenarioReply(text: "喂？听得到吗？", next: "open"),
        ]),
      ScenarioNode(
        id: "promise", line: "周五还 1,200。",
        replies: [
          ScenarioReply(text: "好的，我记下周五还 1,200 元。", next: "done", progress: [.promise]),
          ScenarioReply(text: "行吧。", next: "vague"),
        ]),
      ScenarioNode(
        id: "relative", speaker: "母亲", line: "我是他妈妈，他欠钱了？",
        replies: [
          ScenarioReply(text: "是的，他欠了 1,200 元。", next: "leaked", flags: ["third-party-disclosure"]),
          ScenarioReply(text: "麻烦您转告他回个电话。", next: "callback"),
        ]),
      ScenarioNode(id: "done", line: "好。", ending: ScenarioEnding(result: .success, summary: "承诺周五还款")),
      ScenarioNode(id: "vague", line: "", ending: ScenarioEnding(result: .partial, summary: "没有确认日期")),
      ScenarioNode(id: "leaked", line: "", ending: ScenarioEnding(result: .failure, summary: "泄露债务")),
      ScenarioNode(id: "callback", line: "", ending: ScenarioEnding(result: .partial, summary: "转告回电")),
    ], rules: [disclosure, identity])

  static let question = Question(
    id: "call", lesson: "l", prompt: "第一次致电。", explanation: "先确认本人。", kind: .scenario(scenario))

  @Test func aCompliantCallThatReachesEveryGoalEarnsFullCredit() throws {
    let grade = Grader.grade(.path([0, 0, 0]), for: Self.question)
    let report = try #require(grade.scenario)
    #expect(grade.fraction == 1 && grade.outcome == .correct)
    #expect(report.verdict == .compliant && report.breaches.isEmpty && report.missed.isEmpty)
    #expect(report.walk.end == .ending(ScenarioEnding(result: .success, summary: "承诺周五还款")))
    #expect(report.walk.seconds == 10 + 20 + 20 + 20)
    #expect(report.best == [0, 0, 0] && report.bestFraction == 1)
  }

  @Test func aRedLineFailsTheCallWhateverItAchieved() throws {
    let grade = Grader.grade(.path([1, 0]), for: Self.question)
    let report = try #require(grade.scenario)
    #expect(grade.fraction == 0)
    #expect(report.verdict == .redLine && report.redLine == "third-party-disclosure")
    #expect(report.breaches == ["identity-first", "third-party-disclosure"], "every rule broken, in order")
  }

  @Test func aPartialCallScoresItsGoalsLessItsPenalties() throws {
    // Right party confirmed (1 of 3), no promise: one third.
    let vague = Grader.grade(.path([0, 0, 1]), for: Self.question)
    #expect(abs(vague.fraction - 1.0 / 3) < 1e-9 && vague.outcome == .partial)
    #expect(vague.scenario?.missed == [.promise])
    // A policy breach costs its penalty; nothing reached leaves nothing to lose.
    let callback = Grader.grade(.path([1, 1]), for: Self.question)
    #expect(callback.fraction == 0 && callback.scenario?.verdict == .breached)
    #expect(callback.scenario?.penalty == 0.25)
  }

  @Test func aCallThatGoesRoundIsHungUpAfterItsTurnLimit() throws {
    let loop = Array(repeating: [0, 1], count: 20).flatMap { $0 }
    let walk = Self.scenario.walk(loop)
    #expect(walk == nil, "nothing can be said after the other party hung up")
    let limit = Self.scenario.turnLimit
    let hungUp = try #require(Self.scenario.walk(Array(loop.prefix(limit))))
    #expect(hungUp.end == .hungUp && hungUp.steps.count == limit)
    #expect(Grader.grade(.path(Array(loop.prefix(limit))), for: Self.question).fraction < 1)
  }

  @Test func aPathThatDoesNotReplayScoresNothing() {
    #expect(Self.scenario.walk([5]) == nil)
    #expect(Grader.grade(.path([5]), for: Self.question).fraction == 0)
    #expect(Grader.grade(.text("1 1 1"), for: Self.question).fraction == 0, "a response of another kind")
  }

  @Test func freeTextPicksAReplyOnlyWhenOneFits() throws {
    let open = try #require(Self.scenario.node("open"))
    #expect(AnswerParser.parseReply("您好，请问是王建国本人吗？", at: open) == .success(0))
    #expect(AnswerParser.parseReply("你已经逾期三天了", at: open) == .success(1))
    #expect(AnswerParser.parseReply("2", at: open) == .success(1))
    #expect(AnswerParser.parseReply("今天天气不错", at: open) == .failure(.replyUnclear(candidates: [], count: 2)))
    #expect(
      AnswerParser.parseReply("是不是本人？你逾期了", at: open) == .failure(.replyUnclear(candidates: [0, 1], count: 2)),
      "words that fit two replies are not guessed at")
    #expect(AnswerParser.parseReply("3", at: open) == .failure(.notAReply(count: 2, freeText: true)))
    // Another reply's words read the other way round: not guessed at.
    var guarded = open
    guarded.replies[1].keywords = [["+上门"]]
    guarded.replies[0].keywords = [["本人"]]
    #expect(
      AnswerParser.parseReply("请问是本人吗？我们不会上门。", at: guarded) == .failure(.replyUnclear(candidates: [0], count: 2)))
    #expect(AnswerParser.parseReply("请问是本人吗？", at: guarded) == .success(0))
    let confirmed = try #require(Self.scenario.node("confirmed"))
    #expect(
      AnswerParser.parseReply("您打算哪天还款", at: confirmed) == .failure(.notAReply(count: 2, freeText: false)),
      "a turn without free text takes numbers only")
  }

  @Test func aWholeCallTypedAtOnceIsParsed() {
    #expect(AnswerParser.parse("1 1 1", for: Self.question) == .success(.path([0, 0, 0])))
    #expect(AnswerParser.parse("2，1", for: Self.question) == .success(.path([1, 0])))
    #expect(AnswerParser.parse("1 1", for: Self.question) == .failure(.callNotOver))
    #expect(AnswerParser.parse("1 9", for: Self.question) == .failure(.notACall))
    #expect(AnswerParser.parse("111", for: Self.question) == .success(.path([0, 0, 0])), "compact, as an order")
    #expect(AnswerParser.parse("1\n1\n1", for: Self.question) == .success(.path([0, 0, 0])))
    #expect(ResponseFormatter.typed(.path([1, 0]), for: Self.question, layout: .identity(for: Self.question)) == "2 1")
  }

  @Test func theDebriefReplaysTheCallMarksEachReplyAndShowsTheBestPath() {
    let grade = Grader.grade(.path([1, 0]), for: Self.question)
    let lines = Explanation(
      grade: grade, response: .path([1, 0]), question: Self.question, layout: .identity(for: Self.question),
      language: .zh
    ).lines
    let wrong = lines.compactMap { if case .pickedWrong(let text) = $0 { text } else { nil } }
    #expect(wrong.count == 2 && wrong[1].contains("不得向无关第三人透露债务"))
    let breaches = lines.compactMap { if case .misconception(let text) = $0 { text } else { nil } }
    #expect(breaches.contains { $0.contains("法律") && $0.contains("红线") })
    #expect(breaches.contains { $0.contains("机构内部制度") && $0.contains("25%") })
    #expect(lines.contains(.spoken("母亲：我是他妈妈，他欠钱了？")))
    #expect(lines.contains { if case .bestPath(let text) = $0 { text.contains("请问您是王建国先生本人吗") } else { false } })
    let perfect = Explanation(
      grade: Grader.grade(.path([0, 0, 0]), for: Self.question), response: .path([0, 0, 0]),
      question: Self.question, layout: .identity(for: Self.question), language: .zh
    ).lines
    #expect(!perfect.contains { if case .bestPath = $0 { true } else { false } }, "no best path after the best call")
  }

  @Test func theBestPathIsShownOnlyWhenTheCallCouldHaveScoredMore() {
    func bestPathShown(_ path: [Int]) -> Bool {
      Explanation(
        grade: Grader.grade(.path(path), for: Self.question), response: .path(path), question: Self.question,
        layout: .identity(for: Self.question), language: .zh
      ).lines.contains { if case .bestPath = $0 { true } else { false } }
    }
    #expect(!bestPathShown([0, 1, 0, 0, 0]), "a longer way to full credit is not corrected")
    #expect(bestPathShown([0, 0, 1]))
  }

  @Test func anAnswerThatNoLongerReplaysSaysSo() {
    let grade = Grader.grade(.path([1, 1, 1, 1]), for: Self.question)
    #expect(grade.fraction == 0 && grade.scenario?.replays == false)
    let lines = Explanation(
      grade: grade, response: .path([1, 1, 1, 1]), question: Self.question, layout: .identity(for: Self.question),
      language: .zh
    ).lines
    #expect(lines.contains(.review("这条作答与题目的当前版本对不上（题目已修改），按 0 分计。")))
  }

  @Test func aSavedCallWhoseQuestionChangedStartsAgainAndSaysSo() throws {
    var plan = SessionPlan(queue: ["call"], seed: 1)
    plan.setCall(
      CallProgress(replies: [0, 0], typed: ["1", "1"], nodes: ["open", "confirmed", "promise"]), for: "call")
    let configuration = SessionConfiguration(kind: .practice, feedback: .immediate, reschedules: true, asksEase: false)
    var same = SessionEngine(plan: plan, questions: [Self.question], configuration: configuration)
    #expect(SessionEngineTests.shown(same.start(at: .now)).first?.call == [0, 0], "the same question: it goes on")
    // The second reply of `open` now leads elsewhere: the saved call no longer fits.
    var changed = Self.question
    var scenario = Self.scenario
    scenario.nodes[1].replies[0].next = "vague"
    changed.kind = .scenario(scenario)
    var engine = SessionEngine(plan: plan, questions: [changed], configuration: configuration)
    let effects = engine.start(at: .now)
    #expect(effects.contains(.notice(.callRestarted)))
    #expect(SessionEngineTests.shown(effects).first?.call == [])
    #expect(engine.plan.calls == nil)
  }

  @Test func thePracticeEngineAsksTurnByTurnAndRecordsTheCallOnce() throws {
    var engine = SessionEngine(
      plan: SessionPlan(queue: ["call"], seed: 1), questions: [Self.question],
      configuration: SessionConfiguration(kind: .practice, feedback: .immediate, reschedules: true, asksEase: false))
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    #expect(SessionEngineTests.shown(engine.start(at: t0)).first?.call == [])
    let first = engine.handle(.text("请问是王建国本人吗"), at: t0 + 5)
    #expect(SessionEngineTests.records(first).isEmpty)
    #expect(first.contains(.savePlan(engine.plan)), "the call so far is saved after every turn")
    #expect(SessionEngineTests.shown(first).first?.call == [0])
    #expect(engine.handle(.text("今天天气不错"), at: t0 + 6).contains(.problem(.notAReply(count: 2, freeText: false))))
    _ = engine.handle(.text("1"), at: t0 + 8)
    // Resumed from the saved plan after a crash: the call goes on where it stopped.
    var resumed = SessionEngine(plan: engine.plan, questions: [Self.question], configuration: engine.configuration)
    #expect(SessionEngineTests.shown(resumed.start(at: t0 + 60)).first?.call == [0, 0])
    let last = resumed.handle(.text("1"), at: t0 + 70)
    let entry = try #require(SessionEngineTests.records(last).first)
    #expect(entry.response == .path([0, 0, 0]) && entry.grade.fraction == 1)
    #expect(entry.typed == "请问是王建国本人吗\n1\n1", "every turn as typed")
    #expect(entry.plan.calls == nil, "a finished call leaves nothing in progress")
    #expect(SessionEngineTests.ends(last).first?.result.score == 1)
  }

  @Test func anExamRecordsTheCallWithoutFeedbackAndGradesItAfterSubmit() throws {
    var engine = SessionEngine(
      plan: SessionPlan(queue: ["call"], seed: 1), questions: [Self.question],
      configuration: SessionConfiguration(kind: .exam, feedback: .deferred, reschedules: false, asksEase: false))
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    _ = engine.start(at: t0)
    _ = engine.handle(.text("2"), at: t0 + 1)
    let effects = engine.handle(.text("1"), at: t0 + 2)
    let entry = try #require(SessionEngineTests.records(effects).first)
    #expect(entry.response == .path([1, 0]) && entry.grade.fraction == 0)
    #expect(!effects.contains { if case .feedback = $0 { true } else { false } }, "no feedback before submit")
    #expect(effects.contains(.notice(.saved)))
    #expect(engine.plan.responses["call"] == .path([1, 0]))
  }

  @Test func everyPathThroughARandomCallEndsWithAScoreInRange() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max), Gen.int(in: 0...Int.max)) { shape, walkSeed in
      let scenario = Self.randomScenario(seed: UInt64(shape))
      var generator = SeededGenerator(seed: UInt64(walkSeed))
      var path: [Int] = []
      while let walk = scenario.walk(path), !walk.isOver {
        let node = scenario.node(walk.current)!
        path.append(Int.random(in: 0..<node.replies.count, using: &generator))
        #expect(path.count <= scenario.turnLimit, "the call ends within its turn limit")
      }
      let (fraction, report) = ScenarioGrader.grade(scenario, path: path)
      #expect((0...1).contains(fraction) && (0...1).contains(report.outcome))
      #expect(report.bestFraction + 1e-9 >= fraction, "no path beats the best path")
      #expect(report.redLine == nil || fraction == 0)
    }
  }

  /// A random call: nodes in a row with replies forward, back and to the endings.
  static func randomScenario(seed: UInt64) -> Scenario {
    var generator = SeededGenerator(seed: seed)
    let inner = Int.random(in: 1...6, using: &generator)
    let endings = Int.random(in: 1...3, using: &generator)
    let ids = (0..<inner).map { "n\($0)" } + (0..<endings).map { "e\($0)" }
    let rules = [disclosure, identity]
    var nodes: [ScenarioNode] = []
    for index in 0..<inner {
      var targets = [ids[index + 1]]
      for _ in 0..<Int.random(in: 0...3, using: &generator) { targets.append(ids.randomElement(using: &generator)!) }
      if index == inner - 1 { targets += ids[inner...] }
      nodes.append(
        ScenarioNode(
          id: ids[index], line: "第 \(index) 句",
          replies: targets.map { target in
            ScenarioReply(
              text: "回复", next: target,
              progress: CallGoal.allCases.filter { _ in Int.random(in: 0...4, using: &generator) == 0 },
              flags: rules.filter { _ in Int.random(in: 0...5, using: &generator) == 0 }.map(\.id))
          }))
    }
    for index in 0..<endings {
      nodes.append(
        ScenarioNode(id: ids[inner + index], line: "", ending: ScenarioEnding(result: .partial, summary: "结束")))
    }
    let goals = CallGoal.allCases.prefix(Int.random(in: 1...7, using: &generator)).map {
      Scenario.GoalWeight(goal: $0, weight: Double(Int.random(in: 1...3, using: &generator)))
    }
    return Scenario(party: "对方", goals: goals, start: "n0", nodes: nodes, rules: rules)
  }
}
