import Foundation
import QuizCore
import Testing

@testable import QuizStore

/// The store port's contract: every implementation (`SQLiteStore`, `InMemoryStore`, and any
/// later one) must pass every test here, each body run once per implementation.
@Suite struct StoreContractTests {
  @Test(arguments: StoreKind.allCases)
  func learnersAreCreatedOnceAndTheLastOneIsRemembered(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    #expect(try store.learner(named: "zhang") == nil, "looking up never creates")
    #expect(try store.learners().isEmpty)
    let zhang = try store.createLearner(named: "zhang", displayName: "张三", at: t0)
    let again = try store.createLearner(named: "zhang", displayName: "别的名字", at: t0)
    #expect(again == zhang && zhang.displayName == "张三")
    let li = try store.createLearner(named: "李四", displayName: nil, at: t0)
    #expect(try store.learners().map(\.name) == ["zhang", "李四"])
    #expect(try store.lastLearner() == nil)
    try store.setLastLearner(li)
    #expect(try subject.reopened().lastLearner() == li, "remembered across opens")
  }

  @Test func namesAreNormalisedSoOnePersonIsOneLearner() {
    #expect(Learner.validName("Jose\u{301}") == .success("Jos\u{E9}"))
    #expect(Learner.validName("  张三\u{1B}  ") == .success("张三"))
  }

  @Test(arguments: StoreKind.allCases)
  func namesBreakingTheRuleAreRefused(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    for bad in ["", String(repeating: "长", count: 41), "a\u{1B}[2Jb", " padded "] {
      #expect(throws: StoreError.self) { try store.createLearner(named: bad, displayName: nil, at: t0) }
    }
    _ = try store.createLearner(named: String(repeating: "长", count: 40), displayName: nil, at: t0)
    #expect(try store.learners().count == 1)
  }

  @Test(arguments: StoreKind.allCases)
  func answersAreKeptExactlyAndSurviveReopening(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let session = try store.start(
      NewSession(
        learnerID: learner, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1.0", startedAt: t0,
        plan: SessionPlan(queue: ["q1"], seed: 7)))
    let saved = try store.record(answer(learner, "q1", fraction: 0.5, session: session.id))
    let answers = try subject.reopened().answers(session: session.id)
    #expect(answers == [saved])
    let first = try #require(answers.first)
    #expect(first.tags == ["合规"] && first.shown == "A" && first.canonical == "2" && first.typed == "a")
    #expect(first.response == .choices([1]) && first.outcome == .partial && first.durationMS == 1200)
    #expect(first.answeredAt == t0)
  }

  @Test(arguments: StoreKind.allCases)
  func fullCreditIsOneDefinitionEverywhere(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    // Three choices of 0.333333 add up to 0.999999: full credit, stored as exactly 1.
    let saved = try store.record(answer(learner, "q1", fraction: 0.333333 * 3))
    #expect(saved.fraction == 1 && saved.outcome == .correct)
    try store.record(answer(learner, "q2", fraction: 0.9999))
    #expect(try store.mistakes(learner: learner).map(\.questionID) == ["q2"])
  }

  @Test(arguments: StoreKind.allCases)
  func masteryUsesTheLatestAndTheBestAnswerOfEachQuestion(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    try store.record(answer(learner, "q1", fraction: 1))
    try store.record(answer(learner, "q1", fraction: 0))
    try store.record(answer(learner, "q2", fraction: 0.5))
    try store.record(answer(learner, "q3", lesson: "l2", fraction: 1))
    let mastery = try store.lessonMastery(learner: learner)
    #expect(mastery.map(\.lessonID) == ["l1", "l2"])
    #expect(mastery[0].answered == 2 && mastery[0].latestSum == 0.5 && mastery[0].bestSum == 1.5)
    #expect(mastery[0].latest(of: 4) == 0.125 && mastery[0].best(of: 3) == 0.5)
  }

  @Test(arguments: StoreKind.allCases)
  func mistakesAreQuestionsWhoseLatestAnswerWasNotFullyCorrect(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let other = try store.learnerID("li")
    try store.record(answer(learner, "q1", fraction: 0))
    try store.record(answer(learner, "q1", fraction: 1))  // fixed
    try store.record(answer(learner, "q2", fraction: 1))
    try store.record(answer(learner, "q2", fraction: 0.5))  // slipped
    try store.record(answer(learner, "q3", fraction: 0))
    try store.record(answer(other, "q4", fraction: 0))
    let mistakes = try store.mistakes(learner: learner)
    #expect(mistakes.map(\.questionID) == ["q3", "q2"])
    #expect(mistakes.map(\.attempts) == [1, 2])
    // An answer waiting for a person is not known to be wrong: not a mistake until graded.
    var waiting = answer(learner, "q5", type: "open", fraction: 0)
    waiting.needsReview = true
    try store.record(waiting)
    #expect(try store.mistakes(learner: learner).map(\.questionID) == ["q3", "q2"])
  }

  @Test(arguments: StoreKind.allCases)
  func accuracyByTypeAndTagWithTrend(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    for (index, fraction) in [0.0, 0.0, 1.0, 1.0].enumerated() {
      try store.record(answer(learner, "q\(index)", type: "single", tags: ["合规", "法律"], fraction: fraction))
    }
    try store.record(answer(learner, "n1", type: "numeric", tags: ["计算"], fraction: 1))
    let byType = try store.accuracyByType(learner: learner)
    #expect(byType.map(\.key) == ["numeric", "single"])
    #expect(byType[1].mean == 0.5)
    #expect(byType[1].recentMean == 1, "the latest half was right: improving")
    #expect(byType[0].recentMean == nil, "too few answers for a trend")
    let byTag = try store.accuracyByTag(learner: learner)
    #expect(byTag.map(\.key) == ["合规", "法律", "计算"])
    #expect(byTag.map(\.answers) == [4, 4, 1])
  }

  @Test(arguments: StoreKind.allCases)
  func streakCountsConsecutiveDaysOfStudy(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "Asia/Shanghai"))
    let learner = try store.learnerID("zhang")
    let day: (Int) -> Date = { t0.addingTimeInterval(Double($0) * 86_400) }
    #expect(try store.streak(learner: learner, now: t0, calendar: calendar) == 0)
    try store.record(answer(learner, "q1", fraction: 1, at: day(-3)))
    try store.record(answer(learner, "q1", fraction: 1, at: day(-1)))
    try store.markRead(learner: learner, lesson: "l1", section: "", at: day(-2))
    #expect(try store.streak(learner: learner, now: t0, calendar: calendar) == 3, "yesterday and the two days before")
    try store.record(answer(learner, "q2", fraction: 0, at: t0))
    #expect(try store.streak(learner: learner, now: t0, calendar: calendar) == 4)
    #expect(try store.streak(learner: learner, now: day(2), calendar: calendar) == 0, "a missed day breaks it")
  }

  @Test(arguments: StoreKind.allCases)
  func interruptedSessionsKeepTheirPlanAndCanBeAbandonedWithoutLosingAnswers(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    var plan = SessionPlan(queue: ["q1", "q2"], seed: 42)
    let session = try store.start(
      NewSession(
        learnerID: learner, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1", startedAt: t0,
        plan: plan))
    plan.position = 1
    plan.scores["q1"] = 1
    try store.record(answer(learner, "q1", fraction: 1, session: session.id), review: nil, plan: plan)
    let found = try subject.reopened().interruptedSession(learner: learner)
    #expect(found?.id == session.id)
    #expect(found?.plan == plan, "the plan saved with the answer")
    plan.flagged = ["q2"]
    try store.savePlan(plan, session: session.id)
    #expect(try subject.reopened().interruptedSession(learner: learner)?.plan == plan)
    try store.end(session: session.id, status: .abandoned, at: t0)
    #expect(try store.interruptedSession(learner: learner) == nil)
    #expect(try store.answers(session: session.id).count == 1)
    let history = try store.history(learner: learner)
    #expect(history.first?.answered == 1)
    #expect(history.first?.session.status == .abandoned)
    #expect(history.first?.session.endedAt == t0)
  }

  @Test(arguments: StoreKind.allCases)
  func historyScoresFirstAttemptsOverTheQuestionsAnswered(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let session = try store.start(
      NewSession(
        learnerID: learner, kind: .practice, scope: "all", courseID: "c", contentVersion: "1", startedAt: t0,
        plan: SessionPlan(queue: ["q1", "q2", "q3", "q4"], seed: 1)))
    try store.record(answer(learner, "q1", fraction: 0, session: session.id))
    try store.record(answer(learner, "q2", fraction: 1, session: session.id))
    try store.record(answer(learner, "q1", fraction: 1, session: session.id))  // a retry: not in the score
    let entry = try #require(try store.history(learner: learner).first)
    #expect(entry.answered == 2 && entry.score == 0.5)
  }

  @Test(arguments: StoreKind.allCases)
  func readingIsRecordedPerLessonAndSection(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    try store.markRead(learner: learner, lesson: "l1", section: "", at: t0)
    try store.markRead(learner: learner, lesson: "l1", section: "电话催收", at: t0.addingTimeInterval(60))
    try store.markRead(learner: learner, lesson: "l1", section: "", at: t0.addingTimeInterval(120))
    #expect(try store.readLessons(learner: learner) == ["l1": t0.addingTimeInterval(120)])
  }

  @Test(arguments: StoreKind.allCases)
  func summaryOfLearners(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let zhang = try store.learnerID("zhang")
    _ = try store.learnerID("idle")
    try store.record(answer(zhang, "q1", fraction: 1))
    try store.record(answer(zhang, "q1", fraction: 0))
    let summary = try store.summary()
    #expect(summary.map(\.name) == ["idle", "zhang"])
    #expect(summary[0].answers == 0 && summary[0].lastAnsweredAt == nil)
    #expect(summary[1].answers == 2 && summary[1].questions == 1 && summary[1].mean == 0.5)
  }

  @Test(arguments: StoreKind.allCases)
  func anAnswerReviewsItsCardInTheSameWrite(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let first = try store.record(
      answer(learner, "q1", fraction: 1), review: CardReview(rating: .good, scheduler: .standard, at: t0), plan: nil)
    #expect(first.cardBefore == nil)
    let after = try #require(first.cardAfter)
    #expect(after.reviews == 1 && after.card.lastReview == t0)
    #expect(try store.card(learner: learner, question: "q1") == after)
    let later = t0.addingTimeInterval(86_400)
    let second = try store.record(
      answer(learner, "q1", fraction: 0, at: later),
      review: CardReview(rating: .again, scheduler: .standard, at: later),
      plan: nil)
    #expect(second.cardBefore == after, "the card read inside the write is the one the first answer left")
    #expect(second.cardAfter?.reviews == 2)
    #expect(try store.record(answer(learner, "q2", fraction: 1)).questionID == "q2")
    #expect(try store.card(learner: learner, question: "q2") == nil, "no review, no card")
  }

  @Test(arguments: StoreKind.allCases)
  func aSkipReviewsTheCardAndSavesThePlanTogether(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    var plan = SessionPlan(queue: ["q1", "q2"], seed: 1)
    let session = try store.start(
      NewSession(
        learnerID: learner, kind: .review, scope: "review", courseID: "c", contentVersion: "1", startedAt: t0,
        plan: plan))
    plan.position = 1
    plan.skipped = ["q1"]
    try store.recordSkip(
      learner: learner, session: session.id, question: "q1", lesson: "l1",
      review: CardReview(rating: .again, scheduler: .standard, at: t0), plan: plan)
    #expect(try store.card(learner: learner, question: "q1")?.reviews == 1)
    #expect(try store.interruptedSession(learner: learner)?.plan == plan)
    #expect(try store.answers(session: session.id).isEmpty, "a skip is not an answer")
  }

  @Test(arguments: StoreKind.allCases)
  func aCardIsReplacedOnlyIfNothingReviewedItInBetween(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let review = CardReview(rating: .good, scheduler: .standard, at: t0)
    let recorded = try store.record(answer(learner, "q1", fraction: 1), review: review, plan: nil)
    let written = try #require(recorded.cardAfter)
    let easy = CardRecord.reviewed(
      nil, learner: learner, question: "q1", lesson: "l1",
      review: CardReview(rating: .easy, scheduler: .standard, at: t0))
    #expect(try store.replaceCard(written, with: easy))
    #expect(try store.card(learner: learner, question: "q1") == easy)
    #expect(try store.replaceCard(written, with: written) == false, "the card changed since")
    #expect(try store.card(learner: learner, question: "q1") == easy)
  }

  @Test(arguments: StoreKind.allCases)
  func dueCountsAndReviewsDoneToday(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let session = try store.start(
      NewSession(
        learnerID: learner, kind: .review, scope: "review", courseID: "c", contentVersion: "1", startedAt: t0,
        plan: SessionPlan(queue: ["q1", "q2"], seed: 1)))
    let fuzzless = try Scheduler(fuzz: false)
    try store.record(answer(learner, "q0", fraction: 1, at: t0.addingTimeInterval(-86_400)))
    for (index, question) in ["q0", "q1"].enumerated() {
      let at = t0.addingTimeInterval(Double(index))
      try store.record(
        answer(learner, question, fraction: 1, session: session.id, at: at),
        review: CardReview(rating: .good, scheduler: fuzzless, at: at), plan: nil)
    }
    let done = try store.reviewsDone(learner: learner, since: t0.addingTimeInterval(-60))
    #expect(done.all == 2 && done.new == 1, "q0 was seen before today")
    // Learning cards after one Good are due in ten minutes.
    let counts = try store.dueCounts(
      learner: learner, now: t0.addingTimeInterval(3600), endOfDay: t0.addingTimeInterval(7200))
    #expect(counts == DueCounts(now: 2, today: 2, week: 2))
    #expect(try store.dueCounts(learner: learner, now: t0, endOfDay: t0) == DueCounts(now: 0, today: 0, week: 2))
    #expect(try store.cards(learner: learner).map(\.questionID) == ["q0", "q1"])
  }

  @Test(arguments: StoreKind.allCases)
  func aWriteThatFailsLeavesNothingBehind(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    // An answer in a session that does not exist is refused whole: no answer, no card.
    #expect(throws: StoreError.self) {
      try store.record(
        answer(learner, "q1", fraction: 1, session: 999),
        review: CardReview(rating: .good, scheduler: .standard, at: t0), plan: SessionPlan(queue: [], seed: 0))
    }
    #expect(try store.answers(learner: learner).isEmpty)
    #expect(try store.card(learner: learner, question: "q1") == nil)
    #expect(throws: StoreError.self) { try store.record(answer(999, "q1", fraction: 1)) }
    #expect(try store.check().answers == 0)
  }

  @Test(arguments: StoreKind.allCases)
  func checkCountsWhatIsThere(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    for index in 0..<5 { try store.record(answer(learner, "q\(index)", fraction: 1)) }
    let check = try store.check()
    #expect(check.isOK && check.learners == 1 && check.answers == 5 && check.sessions == 0)
    #expect(check.schemaVersion == Schema.latestVersion)
  }

  @Test(arguments: StoreKind.allCases)
  func aMistakeLeavesTheNotebookOnlyWhenAnsweredRightInALaterSession(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    func session() throws -> Int64 {
      try store.start(
        NewSession(
          learnerID: learner, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1", startedAt: t0,
          plan: SessionPlan(queue: ["q1"], seed: 1))
      ).id
    }
    let first = try session()
    try store.record(answer(learner, "q1", fraction: 0, session: first))
    try store.record(answer(learner, "q1", fraction: 1, session: first))  // the retry right after
    try store.record(answer(learner, "q2", fraction: 0.5, session: first))
    #expect(try store.mistakes(learner: learner).map(\.questionID) == ["q2", "q1"])
    #expect(try store.mistakes(learner: learner).last?.fraction == 0, "the last wrong answer's score")
    let second = try session()
    try store.record(answer(learner, "q1", fraction: 1, session: second))
    #expect(try store.mistakes(learner: learner).map(\.questionID) == ["q2"], "right in a later session: cleared")
    try store.record(answer(learner, "q1", fraction: 0, session: second))
    #expect(try store.mistakes(learner: learner).first?.questionID == "q1", "wrong again: back in")
    #expect(try store.mistakes(learner: learner).first?.attempts == 4)
  }

  @Test(arguments: StoreKind.allCases)
  func oneInterruptedSessionAtATime(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let other = try store.learnerID("li")
    for who in [learner, learner, other] {
      _ = try store.start(
        NewSession(
          learnerID: who, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1", startedAt: t0,
          plan: SessionPlan(queue: ["q1"], seed: 1)))
    }
    #expect(try store.abandonInterrupted(learner: learner, at: t0) == 2)
    #expect(try store.interruptedSession(learner: learner) == nil)
    #expect(try store.interruptedSession(learner: other) != nil, "another learner's session is left alone")
  }

  @Test(arguments: StoreKind.allCases)
  func sectionsReadToTheEndAreKeptPerLesson(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    try store.markRead(learner: learner, lesson: "l1", section: "甲", at: t0)
    try store.markRead(learner: learner, lesson: "l1", section: "乙", at: t0)
    try store.markRead(learner: learner, lesson: "l2", section: "丙", at: t0)
    try store.markRead(learner: learner, lesson: "l1", section: "甲", at: t0 + 60)
    #expect(try store.readSections(learner: learner) == ["l1": ["甲", "乙"], "l2": ["丙"]])
  }

  @Test(arguments: StoreKind.allCases)
  func meansCountFirstAttemptsPerSessionAndLeaveOutAnswersWaitingForReview(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let session = try store.start(
      NewSession(
        learnerID: learner, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1", startedAt: t0,
        plan: SessionPlan(queue: ["q1", "q2", "q3"], seed: 1)))
    try store.record(answer(learner, "q1", fraction: 0, session: session.id))
    try store.record(answer(learner, "q1", fraction: 1, session: session.id))  // retry: not counted
    try store.record(answer(learner, "q2", fraction: 1, session: session.id))
    var pending = answer(learner, "q3", type: "open", fraction: 0.2, session: session.id)
    pending.needsReview = true
    let saved = try store.record(pending)
    #expect(saved.needsReview)
    #expect(try store.answers(session: session.id).last?.needsReview == true, "kept as such")
    #expect(try store.summary().first?.mean == 0.5, "q1 first attempt 0, q2 1; q3 waits")
    let history = try #require(try store.history(learner: learner).first)
    #expect(history.score == 0.5 && history.answered == 2)
    let single = try #require(try store.accuracyByType(learner: learner).first { $0.key == "single" })
    #expect(single.answers == 2 && single.mean == 0.5)
    #expect(try store.accuracyByType(learner: learner).contains { $0.key == "open" } == false)
    #expect(try store.lessonMastery(learner: learner).first?.answered == 2)
    // Answers outside a session (results from paper) each count.
    try store.record(answer(learner, "q1", fraction: 1))
    try store.record(answer(learner, "q1", fraction: 1))
    #expect(try store.summary().first?.mean == 0.75)
  }

  @Test(arguments: StoreKind.allCases)
  func inAnExamTheLatestAnswerCounts(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let exam = try store.start(
      NewSession(
        learnerID: learner, kind: .exam, scope: "exam", courseID: "c", contentVersion: "1", startedAt: t0,
        plan: SessionPlan(queue: ["q1"], seed: 1), reschedules: false))
    try store.record(answer(learner, "q1", fraction: 0, session: exam.id))
    try store.record(answer(learner, "q1", fraction: 1, session: exam.id))  // changed before submit
    #expect(try store.summary().first?.mean == 1)
    #expect(try store.accuracyByType(learner: learner).first?.answers == 1)
  }

  @Test(arguments: StoreKind.allCases)
  func sessionsAreListedOldestFirstWithoutAnswers(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let other = try store.learnerID("li")
    var started: [Int64] = []
    for (index, scope) in ["l1", "l2", "l3"].enumerated() {
      started.append(
        try store.start(
          NewSession(
            learnerID: learner, kind: .practice, scope: scope, courseID: "c", contentVersion: "1",
            startedAt: t0.addingTimeInterval(Double(index)), plan: SessionPlan(queue: ["q1"], seed: 1))
        ).id)
    }
    _ = try store.start(
      NewSession(
        learnerID: other, kind: .review, scope: "x", courseID: "c", contentVersion: "1", startedAt: t0,
        plan: SessionPlan(queue: ["q1"], seed: 1)))
    try store.end(session: started[1], status: .finished, at: t0)
    let sessions = try subject.reopened().sessions(learner: learner)
    #expect(sessions.map(\.id) == started && sessions.map(\.scope) == ["l1", "l2", "l3"])
    #expect(sessions[1].status == .finished && sessions[0].plan?.queue == ["q1"])
  }
}
