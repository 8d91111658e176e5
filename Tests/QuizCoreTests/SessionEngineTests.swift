import Foundation
import PropertyBased
import Testing

@testable import QuizCore

/// The session engine driven by scripted events, with a fixed clock.
@Suite struct SessionEngineTests {
  static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

  /// Distinct questions (the factory's share one id).
  static let questions: [Question] = Make.all.enumerated().map { index, question in
    var copy = question
    copy.id = "q\(index)"
    return copy
  }

  static func engine(
    _ ids: [String], feedback: FeedbackPolicy = .immediate, reschedules: Bool = true, asksEase: Bool = false,
    deadline: Date? = nil
  ) -> SessionEngine {
    SessionEngine(
      plan: SessionPlan(queue: ids, seed: 9, deadline: deadline), questions: questions,
      configuration: SessionConfiguration(
        kind: feedback == .deferred ? .exam : .practice, feedback: feedback, reschedules: reschedules,
        asksEase: asksEase))
  }

  /// What a learner would type to answer `question` fully right on `layout`, or wrongly.
  static func typing(_ question: Question, layout: Layout, right: Bool) -> String {
    switch question.kind {
    case .open: return right ? "电话、函件、上门拜访、起诉并申请强制执行" : "不知道"
    case .trueFalse(let tf): return (tf.answer == right) ? "对" : "错"
    default:
      guard let correct = ResponseFormatter.correctResponse(for: question) else { return "x" }
      if right { return ResponseFormatter.typed(correct, for: question, layout: layout) }
      switch question.kind {
      case .numeric: return "12345"
      case .short: return "不对"
      case .ordering(let ordering): return (1...ordering.items.count).map(String.init).joined(separator: " ")
      case .matching(let matching): return (1...matching.pairs.count).map { "\($0)D" }.joined(separator: " ")
      default:
        let wrong = question.type == .single ? layout.choices.firstIndex { $0 != 1 } ?? 0 : 2
        return Layout.letter(wrong)
      }
    }
  }

  static func records(_ effects: [SessionEffect]) -> [AnswerEntry] {
    effects.compactMap { if case .record(let entry) = $0 { entry } else { nil } }
  }

  static func ends(_ effects: [SessionEffect]) -> [SessionEnd] {
    effects.compactMap { if case .end(let end) = $0 { end } else { nil } }
  }

  static func shown(_ effects: [SessionEffect]) -> [SessionItem] {
    effects.compactMap { if case .show(let item) = $0 { item } else { nil } }
  }

  @Test func anAnswerAPersonGradesIsNeitherRightNorWrongYet() throws {
    // An essay without a rubric: nothing comes back, nothing is rescheduled, nothing is a mistake.
    var essay = Question(
      id: "essay", lesson: "l", prompt: "简述", explanation: "见课文",
      kind: .open(Rubric(points: [], modelAnswer: "先核实本人。")))
    essay.weight = 2
    var engine = SessionEngine(
      plan: SessionPlan(queue: ["essay", "q4"], seed: 9), questions: Self.questions + [essay],
      configuration: SessionConfiguration(kind: .practice, feedback: .immediate, reschedules: true, asksEase: false))
    _ = engine.start(at: Self.t0)
    let effects = engine.handle(.text("先核实本人，再说明欠款。"), at: Self.t0 + 5)
    let entry = try #require(Self.records(effects).first)
    #expect(entry.grade.gradedByPerson && entry.grade.needsReview && entry.grade.fraction == 0)
    #expect(entry.rating == nil, "no review schedule from an answer nobody has graded")
    #expect(entry.plan.queue == ["essay", "q4"], "it does not come back for a retry")
    #expect(!effects.contains(.notice(.comesBackLater)))
    let q4 = Self.questions[4]
    let last = engine.handle(.text(Self.typing(q4, layout: engine.layout(for: q4), right: false)), at: Self.t0 + 9)
    _ = last
    let result = engine.result
    #expect(result.pending == 1)
    #expect(result.stillWrong == ["q4"], "the essay waits for a person; it is not in the notebook")
  }

  @Test func anAnswerIsRecordedBeforeItsFeedbackAndWrongAnswersComeBackOnce() throws {
    var engine = Self.engine(["q0", "q4"])
    let first = try #require(Self.shown(engine.start(at: Self.t0)).first)
    #expect(first.questionID == "q0" && first.number == 1 && first.total == 2)
    let q0 = Self.questions[0]
    let effects = engine.handle(.text(Self.typing(q0, layout: first.layout, right: false)), at: Self.t0 + 5)
    guard case .record(let entry) = effects.first, case .feedback = effects[1] else {
      Issue.record("record, then feedback: \(effects)")
      return
    }
    #expect(entry.grade.outcome == .incorrect && entry.rating == .again && entry.durationMS == 5000)
    #expect(entry.plan.queue == ["q0", "q4", "q0"], "the plan saved with the answer already holds the retry")
    #expect(effects.contains(.notice(.comesBackLater)))
    #expect(Self.shown(effects).first?.questionID == "q4")
    let q4 = Self.questions[4]
    _ = engine.handle(.text(Self.typing(q4, layout: engine.layout(for: q4), right: true)), at: Self.t0 + 9)
    #expect(engine.current?.id == "q0")
    let retry = engine.handle(.text(Self.typing(q0, layout: first.layout, right: false)), at: Self.t0 + 12)
    #expect(Self.records(retry).first?.isRetry == true)
    #expect(Self.records(retry).first?.rating == nil, "a retry right after the explanation leaves the schedule alone")
    #expect(!retry.contains(.notice(.comesBackLater)), "a question comes back only once")
    let end = try #require(Self.ends(retry).first)
    #expect(end.reason == .completed && end.status == .finished)
    #expect(end.result.answered == 2 && end.result.correct == 1 && end.result.score == 0.5)
    #expect(end.result.retried == 1 && end.result.retriedCorrect == 0)
    #expect(end.result.stillWrong == ["q0"])
  }

  @Test func answersThatDoNotParseAreAskedAgainAndNeverRecorded() {
    var engine = Self.engine(["q0"])
    _ = engine.start(at: Self.t0)
    for typed in ["", "Z", "AB", "hello"] {
      let effects = engine.handle(SessionEvent(typing: typed), at: Self.t0)
      #expect(Self.records(effects).isEmpty, "\(typed)")
      #expect(effects.allSatisfy { if case .problem = $0 { true } else { false } }, "\(typed)")
    }
    #expect(engine.current?.id == "q0")
  }

  @Test func hintsSkipsAndQuitAreWordsNotAnswers() throws {
    var engine = Self.engine(["q3", "q4", "q1"])
    _ = engine.start(at: Self.t0)
    #expect(engine.handle(SessionEvent(typing: "？"), at: Self.t0) == [.hint(questionID: "q3")])
    let skip = engine.handle(SessionEvent(typing: "跳过"), at: Self.t0)
    guard case .skip(let entry) = skip.first else {
      Issue.record("a skip is saved: \(skip)")
      return
    }
    #expect(entry.rating == .again && entry.plan.position == 1)
    #expect(SessionEvent(typing: "next") == .text("next"), "in practice `next` may be an answer")
    #expect(engine.handle(.next, at: Self.t0) == [.notice(.onlyInExams)])
    let quit = engine.handle(SessionEvent(typing: " QUIT "), at: Self.t0)
    let end = try #require(Self.ends(quit).first)
    #expect(end.reason == .quit && end.result.skipped == 1 && end.result.notReached == 2 && end.result.hints == 1)
    #expect(end.result.answered == 0 && end.result.score == 0)
    #expect(engine.handle(.text("A"), at: Self.t0).isEmpty, "nothing happens after the end")
  }

  @Test func aSessionThatDoesNotRescheduleAsksNoRatings() {
    var engine = Self.engine(["q2", "q3"], reschedules: false)
    _ = engine.start(at: Self.t0)
    let answered = engine.handle(.text("对"), at: Self.t0)
    #expect(Self.records(answered).first?.rating == nil)
    let skip = engine.handle(.skip, at: Self.t0)
    #expect(skip.contains { if case .skip(let entry) = $0 { entry.rating == nil } else { false } })
  }

  @Test func aCorrectAnswerCanBeMarkedEasyBeforeTheNextQuestion() {
    var engine = Self.engine(["q2", "q3"], asksEase: true)
    _ = engine.start(at: Self.t0)
    let answered = engine.handle(.text("对"), at: Self.t0 + 1)
    #expect(answered.last == .askEase && Self.shown(answered).isEmpty)
    #expect(engine.phase == .awaitingEase)
    let easy = engine.handle(.easy, at: Self.t0 + 2)
    #expect(easy.first == .rerate(RatingChange(questionID: "q2", rating: .easy, answeredAt: Self.t0 + 1)))
    #expect(Self.shown(easy).first?.questionID == "q3")
    let wrong = engine.handle(.text("不对"), at: Self.t0 + 3)
    #expect(!wrong.contains(.askEase), "only a correct answer asks")
  }

  @Test func pausingKeepsTheSessionOpenAndAResumeGoesOnWhereItStopped() throws {
    var engine = Self.engine(["q2", "q3", "q4"])
    _ = engine.start(at: Self.t0)
    let answered = engine.handle(.text("对"), at: Self.t0)
    let saved = try #require(Self.records(answered).first?.plan)
    let paused = try #require(Self.ends(engine.handle(.pause, at: Self.t0)).first)
    #expect(paused.reason == .paused && paused.status == .active)
    var resumed = SessionEngine(plan: saved, questions: Self.questions, configuration: engine.configuration)
    #expect(Self.shown(resumed.start(at: Self.t0)).first?.questionID == "q3")
    #expect(resumed.result.answered == 1, "the score so far comes back with the plan")
  }

  @Test func aWrongAnswerComesBackLaterInANewOrder() throws {
    var engine = Self.engine(["q1", "q2", "q3", "q4", "q5"])
    let first = try #require(Self.shown(engine.start(at: Self.t0)).first)
    let q1 = Self.questions[1]
    let effects = engine.handle(.text(Self.typing(q1, layout: first.layout, right: false)), at: Self.t0)
    let plan = try #require(Self.records(effects).first?.plan)
    #expect(plan.queue == ["q1", "q2", "q3", "q4", "q1", "q5"], "three other questions come first")
    for _ in 0..<3 {
      guard let current = engine.current else { break }
      _ = engine.handle(.text(Self.typing(current, layout: engine.layout(for: current), right: true)), at: Self.t0)
    }
    let retry = try #require(engine.current)
    #expect(retry.id == "q1")
    #expect(engine.layout(for: retry).choices != first.layout.choices, "not answerable by position")
  }

  @Test func aMachineEstimateThatNeedsAPersonStaysOutOfTheScore() throws {
    var engine = Self.engine(["q7", "q2"])
    _ = engine.start(at: Self.t0)
    let effects = engine.handle(.text("电话"), at: Self.t0)
    let grade = try #require(Self.records(effects).first?.grade)
    #expect(grade.needsReview, "a one-word essay is not graded with confidence")
    _ = engine.handle(.text("对"), at: Self.t0)
    #expect(engine.current?.id == "q7", "a low score comes back like any other")
    let end = try #require(Self.ends(engine.handle(.quit, at: Self.t0)).first)
    #expect(end.result.pending == 1 && end.result.answered == 1 && end.result.score == 1)
  }

  @Test func questionsRemovedFromTheCourseAreDroppedOnResume() {
    var plan = SessionPlan(queue: ["q2", "gone", "q3"], seed: 1)
    plan.position = 1
    let engine = SessionEngine(plan: plan, questions: Self.questions, configuration: .init(kind: .practice))
    #expect(engine.plan.queue == ["q2", "q3"] && engine.current?.id == "q3")
  }

  @Test func plansSavedByTheOlderVersionStillLoad() throws {
    let old = #"{"chosen":2,"position":1,"queue":["q2","q3"],"requeued":[],"seed":5}"#
    let plan = try JSONDecoder().decode(SessionPlan.self, from: Data(old.utf8))
    #expect(plan.queue == ["q2", "q3"] && plan.position == 1 && plan.scores.isEmpty && !plan.submitted)
  }

  // MARK: Deferred feedback

  @Test func anExamShowsNoGradeUntilSubmitAndAllowsAnyOrder() throws {
    var engine = Self.engine(["q2", "q3", "q4"], feedback: .deferred)
    _ = engine.start(at: Self.t0)
    let answered = engine.handle(.text("错"), at: Self.t0)
    #expect(Self.records(answered).first?.rating == nil, "exams do not reschedule")
    #expect(!answered.contains { if case .feedback = $0 { true } else { false } })
    #expect(engine.current?.id == "q3", "an answer moves to the next question")
    #expect(
      Self.shown(engine.handle(SessionEvent(typing: "goto 1", deferred: true), at: Self.t0)).first?.answered == "错")
    _ = engine.handle(.text("对"), at: Self.t0)  // changed: the latest answer counts
    _ = engine.handle(SessionEvent(typing: "flag", deferred: true), at: Self.t0)
    #expect(engine.plan.flagged == ["q3"])
    #expect(engine.handle(.hint, at: Self.t0) == [.notice(.onlyInPractice)])
    #expect(engine.handle(SessionEvent(typing: "goto 9", deferred: true), at: Self.t0) == [.notice(.noSuchItem(9))])
    let review = engine.handle(SessionEvent(typing: "交卷", deferred: true), at: Self.t0)
    #expect(review == [.confirmSubmit(SubmitReview(unanswered: [2, 3], flagged: [2], total: 3))])
    #expect(engine.handle(.text("maybe"), at: Self.t0).first == .notice(.answerYesOrNo))
    let submitted = engine.handle(.text("y"), at: Self.t0)
    let end = try #require(Self.ends(submitted).first)
    #expect(end.reason == .submitted && end.status == .finished)
    #expect(end.result.answered == 1 && end.result.correct == 1)
    #expect(abs(end.result.score - 1.0 / 3.0) < 1e-12, "unanswered questions count 0 in an exam")
    let feedback = submitted.compactMap { if case .feedback(let item) = $0 { item } else { nil } }
    #expect(feedback.map(\.questionID) == ["q2"])
  }

  @Test func aTimedAttemptSubmitsItselfAtTheDeadlineAlsoAfterARestart() throws {
    let deadline = Self.t0 + 60
    var engine = Self.engine(["q2", "q3"], feedback: .deferred, deadline: deadline)
    let first = try #require(Self.shown(engine.start(at: Self.t0)).first)
    #expect(first.timeLeft == 60)
    _ = engine.handle(.text("对"), at: Self.t0 + 10)
    #expect(engine.handle(.tick, at: Self.t0 + 59).isEmpty)
    let late = engine.handle(.text("对"), at: Self.t0 + 61)
    #expect(late.first == .notice(.timeUp))
    #expect(Self.records(late).isEmpty, "an answer after the deadline is not taken")
    #expect(Self.ends(late).first?.reason == .timeUp)
    // Closed and reopened after the deadline: the saved plan submits at start.
    var plan = SessionPlan(queue: ["q2", "q3"], seed: 9, deadline: deadline)
    plan.scores["q2"] = 1
    var reopened = SessionEngine(plan: plan, questions: Self.questions, configuration: engine.configuration)
    let effects = reopened.start(at: Self.t0 + 3600)
    #expect(Self.ends(effects).first?.reason == .timeUp)
    #expect(effects.contains { if case .savePlan(let saved) = $0 { saved.submitted } else { false } })
  }

  @Test func quittingAnExamPausesItRatherThanEndingIt() throws {
    var engine = Self.engine(["q2"], feedback: .deferred)
    _ = engine.start(at: Self.t0)
    #expect(try #require(Self.ends(engine.handle(.quit, at: Self.t0)).first).status == .active)
  }

  // MARK: Properties

  static let texts = ["A", "b", "对", "错", "30", "1A 2B 3C", "3 1 2 4", "", "?", "skip", "电话 函件", "next", "y", "n", "e"]

  static func event(_ code: Int) -> SessionEvent {
    let simple: [SessionEvent] = [
      .hint, .help, .skip, .next, .previous, .flag, .submit, .confirm(true), .confirm(false), .easy, .proceed, .tick,
      .goTo(code % 7 - 2),
    ]
    if code % 3 == 0 { return simple[(code / 3) % simple.count] }
    return .text(texts[(code / 3) % texts.count])
  }

  /// Any events in any order never trap, keep the position in range, and a session always
  /// reaches its summary: quit (practice) or submit-and-confirm (exam) ends it.
  @Test func randomEventSequencesAlwaysReachASummary() async {
    let codes = Gen.int(in: 0...10_000).array(of: 0...60)
    await propertyCheck(count: 300, input: codes, Gen.int(in: 0...1), Gen.int(in: 0...(1 << 20))) { codes, mode, seed in
      let deferred = mode == 1
      var generator = SplitMix(seed: UInt64(seed))
      let ids = Self.questions.map(\.id).shuffled(using: &generator)
      var engine = Self.engine(
        Array(ids.prefix(1 + seed % ids.count)), feedback: deferred ? .deferred : .immediate, asksEase: seed % 2 == 0,
        deadline: deferred && seed % 3 == 0 ? Self.t0 + 300 : nil)
      var ended = Self.ends(engine.start(at: Self.t0)).count
      for (index, code) in codes.enumerated() {
        let effects = engine.handle(Self.event(code), at: Self.t0 + Double(index * 10))
        ended += Self.ends(effects).count
        for item in Self.shown(effects) { #expect(item.number >= 1 && item.number <= item.total) }
        for entry in Self.records(effects) { #expect(entry.grade.fraction >= 0 && entry.grade.fraction <= 1) }
      }
      if engine.phase != .ended {
        let closing: [SessionEvent] = deferred ? [.submit, .confirm(true)] : [.quit]
        for event in closing { ended += Self.ends(engine.handle(event, at: Self.t0 + 1)).count }
        if engine.phase == .awaitingEase { ended += Self.ends(engine.handle(.quit, at: Self.t0 + 1)).count }
      }
      #expect(engine.phase == .ended && ended == 1, "exactly one summary")
      let result = engine.result
      #expect(result.score >= 0 && result.score <= 1 && result.correct <= result.answered)
    }
  }
}
