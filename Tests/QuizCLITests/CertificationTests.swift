import Foundation
import GRDB
import QuizContent
import QuizCore
import QuizStore
import QuizTrust
import Testing

@testable import QuizCLI

/// Certification as a learner, a proctor and a manager live it, in-process with an injected
/// clock: the proctored attempt, manual grading, sealing, the certificate, the rules of the
/// blueprint over repeated attempts, and tampering with the database file afterwards.
@Suite struct CertificationTests {
  static let t0 = Date(timeIntervalSince1970: 1_796_464_800)
  static let passphrase = "correct horse battery"
  static let fast = ScryptParameters(log2Rounds: 4, blockSize: 8, parallelism: 1)

  /// A clock tests move by hand, and the delays the program asked for.
  final class Clock: @unchecked Sendable {
    var now = CertificationTests.t0
    var slept: [TimeInterval] = []
  }

  /// A data folder with a sealed organisation key, a store and a learner.
  struct Rig {
    var folder: URL
    var store: any ProgressStore
    var learner: Learner
    var clock: Clock
    var organisation: OrganisationKey
    var course: Course { SessionHostTests.course }
    var blueprint: ExamBlueprint { course.exam(withID: "cert")! }

    var context: AppContext {
      let clock = self.clock
      var context = AppContext(
        try! GlobalOptions.parse(["--lang", "zh", "--data-dir", folder.path]),
        terminal: Terminal(environment: [:], isTTY: false, width: 72, usesColor: false),
        dependencies: Dependencies(
          now: { clock.now }, seed: { 7 }, sleep: { clock.slept.append($0) }))
      context.language = .zh
      return context
    }

    /// Runs the study shell on `lines`; the passphrase prompt gets `secret`.
    func shell(_ lines: [String], secret: String? = CertificationTests.passphrase) throws -> [String] {
      let source = ScriptedLines(lines.joined(separator: "\n") + "\n")
      let shell = StudyShell(
        course: course, context: context, store: store, learner: learner, reader: source, secret: { _ in secret })
      let capture = Console.Capture()
      try Console.$capture.withValue(capture) { try shell.run() }
      return capture.lines
    }

    var certifier: Certifier {
      let clock = self.clock
      return Certifier(course: course, store: store, now: { clock.now })
    }

    var sitting: ExamSitting {
      let clock = self.clock
      return ExamSitting(course: course, store: store, now: { clock.now })
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
  }

  static func rig(sqlite: Bool = false) throws -> Rig {
    let folder = try CLI.temporaryFolder()
    let organisation = OrganisationKey.generate()
    let sealed = try organisation.sealed(with: Passphrase(passphrase), parameters: fast)
    try Data(sealed.jsonText().utf8).write(to: folder.appendingPathComponent("organisation-key.json"))
    let store: any ProgressStore =
      sqlite ? try SQLiteStore.open(at: folder.appendingPathComponent("progress.sqlite").path) : InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: t0)
    return Rig(folder: folder, store: store, learner: learner, clock: Clock(), organisation: organisation)
  }

  /// Items in blueprint order: the true/false question, the single choice, the open question.
  static let rightAnswers = ["T", "A", "电话催收和函件催收。"]

  /// Takes the exam with `answers`, submits, and returns the output.
  @discardableResult
  static func take(_ rig: Rig, _ answers: [String] = rightAnswers, submit: Bool = true) throws -> [String] {
    try rig.shell(["exam cert"] + answers + (submit ? ["submit", "y"] : []) + ["quit"])
  }

  // MARK: The whole flow

  @Test func aProctoredAttemptIsSignedGradedByAPersonSealedAndCertified() throws {
    let rig = try Self.rig()
    defer { rig.remove() }
    let output = try Self.take(rig)
    #expect(output.contains { $0.contains("监考考试") }, "the proctor is asked to unlock")
    #expect(output.contains { $0.contains("认证考试：基础认证 · 3 题") })
    #expect(!output.contains { $0.hasPrefix("✓ ") || $0.hasPrefix("✗ ") }, "no grades before grading")
    #expect(output.contains { $0.contains("待人工评分：1 题") })
    let attempt = try #require(try rig.store.attempts(learner: rig.learner.id).first)
    #expect(attempt.status == .submitted && attempt.proctored && attempt.grants.count == 1)
    #expect(attempt.submission != nil, "the attempt key signed the submission")
    let events = try rig.store.attemptEvents(attempt.id)
    #expect(events.count == 3 && events.allSatisfy { $0.signed != nil })
    #expect(events.map(\.event.item) == [1, 2, 3])

    // The manager grades the open item; the attempt is sealed and certified.
    let queue = try rig.certifier.queue()
    #expect(queue.count == 1 && queue.first?.item == 3 && queue.first?.maximumMarks == 1)
    let pending = try #require(queue.first)
    rig.clock.now = Self.t0.addingTimeInterval(3_600)
    try rig.store.gradeManually(
      ManualGrade(
        answerID: pending.answer.id, attemptID: attempt.id, marks: 1, maximumMarks: 1, comment: "两种途径都答到了",
        grader: "李经理", gradedAt: rig.clock.now), by: rig.organisation)
    let sealed = try rig.certifier.sealReady(by: rig.organisation)
    #expect(sealed.count == 1 && sealed.first?.attempt.passed == true && sealed.first?.attempt.score == 1)
    let stored = try #require(sealed.first?.certificate)

    let verdict = CertificateVerifier(trustedIssuers: [rig.organisation.publicKey]).verify(
      jwt: stored.jwt, at: rig.clock.now)
    #expect(verdict.isValid)
    let certificate = try #require(verdict.certificate?.certificate)
    #expect(certificate.learnerName == "张三" && certificate.examID == "cert" && certificate.score == 1)
    #expect(abs(certificate.expiresAt.timeIntervalSince(rig.clock.now) - 365 * 86_400) < 1)
    // Expiry: a year and a day later the same certificate is expired.
    let later = rig.clock.now.addingTimeInterval(366 * 86_400)
    #expect(
      CertificateVerifier(trustedIssuers: [rig.organisation.publicKey]).verify(jwt: stored.jwt, at: later)
        == .expired(verdict.certificate!))

    let report = try rig.store.verifyIntegrity(organisation: rig.organisation.publicKey)
    #expect(report.isIntact, "\(report.problems) \(report.audit)")
    // A valid pass needs no retake.
    if case .refused(.alreadyCertified) = try rig.sitting.permission(learner: rig.learner, blueprint: rig.blueprint) {
    } else {
      Issue.record("a valid pass should refuse a new attempt")
    }
  }

  @Test func aWrongPassphraseCannotStartAProctoredExamAndTheDelayGrows() throws {
    let rig = try Self.rig()
    defer { rig.remove() }
    let output = try rig.shell(["exam cert", "T", "quit"], secret: "wrong")
    #expect(output.contains { $0.contains("未解锁") })
    #expect(try rig.store.attempts(learner: nil).isEmpty, "nothing was started")
    #expect(rig.clock.slept == [1, 2, 4], "three tries, each refused after a longer delay")
    // The count survives a restart: the next wrong passphrase waits longer still.
    _ = try rig.shell(["exam cert", "quit"], secret: "also wrong")
    #expect(rig.clock.slept.suffix(3) == [8, 16, 30])
    // The right one works and resets the count.
    _ = try Self.take(rig)
    #expect(try rig.store.attempts(learner: nil).count == 1)
    #expect(!FileManager.default.fileExists(atPath: rig.context.passphraseFailuresFile))
    // Nor can a wrong passphrase sign: the key does not open.
    let file = try rig.context.organisationKeyFileContents()
    #expect(throws: TrustError.wrongPassphrase) { try OrganisationKey(opening: file, with: Passphrase("wrong")) }
  }

  // MARK: Time

  @Test func anAttemptReopenedAfterItsDeadlineIsSubmittedAsItStood() throws {
    let rig = try Self.rig()
    defer { rig.remove() }
    _ = try rig.shell(["exam cert", "T"])  // input ends: the attempt stays open
    let open = try #require(try rig.store.attempts(learner: nil).first)
    #expect(open.status == .running)
    rig.clock.now = open.deadline.addingTimeInterval(60)
    let output = try rig.shell(["y", "quit"])
    #expect(output.contains { $0.contains("考试时间已到") })
    let closed = try #require(try rig.store.attempt(id: open.id))
    #expect(closed.status == .submitted && closed.submittedAt == open.deadline)
    #expect(closed.submission == nil, "no attempt key survives a restart")
    #expect(try rig.store.attemptEvents(open.id).count == 1)
    let report = try rig.store.verifyIntegrity(organisation: rig.organisation.publicKey)
    #expect(report.isIntact, "\(report.problems)")
  }

  @Test func theTimeLimitSubmitsAtTheDeadlineWhileAnswering() throws {
    let rig = try Self.rig()
    defer { rig.remove() }
    let clock = rig.clock
    let source = ScriptedLines("exam cert\nT\nA\nquit\n")
    let shell = StudyShell(
      course: rig.course, context: rig.context, store: rig.store, learner: rig.learner, reader: source,
      secret: { _ in Self.passphrase })
    // The clock jumps past the deadline after the first answer.
    let capture = Console.Capture()
    var context = rig.context
    final class Counter: @unchecked Sendable { var calls = 0 }
    let counter = Counter()
    context.dependencies.now = {
      counter.calls += 1
      return counter.calls > 8 ? clock.now.addingTimeInterval(601) : clock.now
    }
    shell.context = context
    try Console.$capture.withValue(capture) { try shell.run() }
    let attempt = try #require(try rig.store.attempts(learner: nil).first)
    #expect(attempt.status == .submitted, "\(capture.lines.suffix(10))")
    #expect(capture.lines.contains { $0.contains("时间到") || $0.contains("已交卷") })
  }

  @Test func resumingAProctoredAttemptNeedsThePassphraseAgainAndStaysVerifiable() throws {
    let rig = try Self.rig()
    defer { rig.remove() }
    _ = try rig.shell(["exam cert", "T"])
    rig.clock.now = Self.t0.addingTimeInterval(120)
    // The learner edits the saved plan while the attempt is paused: other questions, more time.
    let paused = try #require(try rig.store.interruptedSession(learner: rig.learner.id))
    var edited = try #require(paused.plan)
    edited.queue = ["b.dso", "b.first-step", "e.letter"]
    edited.deadline = Self.t0.addingTimeInterval(86_400)
    try rig.store.savePlan(edited, session: paused.id)
    let refused = try rig.shell(["y", "quit"], secret: "wrong")
    #expect(refused.contains { $0.contains("未解锁") })
    let output = try rig.shell(["y", "A", "电话和函件", "submit", "y", "quit"])
    #expect(output.contains { $0.contains("已交卷") })
    let attempt = try #require(try rig.store.attempts(learner: nil).first)
    #expect(attempt.grants.count == 2, "a new key for the second sitting")
    #expect(
      try rig.store.attemptEvents(attempt.id).map(\.event.questionID) == ["e.letter", "b.first-step", "b.routes"],
      "the items are the attempt's as drawn, not the edited plan's")
    #expect(try rig.store.attemptEvents(attempt.id).count == 3)
    #expect(try rig.store.verifyIntegrity(organisation: rig.organisation.publicKey).isIntact)
  }

  // MARK: The blueprint's rules

  @Test func cooldownsGrowAfterFailuresAndAttemptsRunOutInTheWindow() throws {
    let rig = try Self.rig()
    defer { rig.remove() }
    func failOnce() throws {
      try Self.take(rig, ["F", "B", "不知道"])
      for item in try rig.certifier.queue() {
        try rig.store.gradeManually(
          ManualGrade(
            answerID: item.answer.id, attemptID: item.attempt.id, marks: 0, maximumMarks: item.maximumMarks,
            comment: "", grader: "m", gradedAt: rig.clock.now), by: rig.organisation)
      }
      let sealed = try rig.certifier.sealReady(by: rig.organisation)
      #expect(sealed.first?.attempt.passed == false && sealed.first?.certificate == nil)
    }
    try failOnce()
    let ended = rig.clock.now
    #expect(
      try rig.sitting.permission(learner: rig.learner, blueprint: rig.blueprint)
        == .refused(.coolingDown(until: ended.addingTimeInterval(3_600))))
    let refused = try rig.shell(["exam cert", "quit"])
    #expect(refused.contains { $0.contains("冷静期") })
    rig.clock.now = ended.addingTimeInterval(3_601)
    #expect(try rig.sitting.permission(learner: rig.learner, blueprint: rig.blueprint) == .allowed(attemptsLeft: 1))
    try failOnce()
    // Two attempts in the 365-day window: none left until the first leaves it.
    if case .refused(.noAttemptsLeft(let opens)) = try rig.sitting.permission(
      learner: rig.learner, blueprint: rig.blueprint)
    {
      #expect(abs(opens.timeIntervalSince(ended.addingTimeInterval(365 * 86_400))) < 1)
    } else {
      Issue.record("attempts should be used up")
    }
  }

  @Test func anAttemptWaitingForGradingBlocksTheNextAndDrawsAreSeeded() throws {
    let rig = try Self.rig()
    defer { rig.remove() }
    try Self.take(rig)
    let first = try #require(try rig.store.attempts(learner: nil).first)
    #expect(
      try rig.sitting.permission(learner: rig.learner, blueprint: rig.blueprint)
        == .waitingForGrading(attempt: first.id))
    let session = try #require(try rig.store.history(learner: rig.learner.id).first?.session)
    #expect(session.plan?.queue == ["e.letter", "b.first-step", "b.routes"])
    #expect(session.plan?.shufflesChoices == false, "shuffle_choices: false keeps the content's order")
  }

  @Test func aRetakeDrawsQuestionsTheLearnerHasNotSeenWhereTheBankAllows() throws {
    let course = ShellBehaviourTests.builtIn
    let blueprint = try #require(course.exam(withID: "certification"))
    let store = InMemoryStore()
    let learner = try store.createLearner(named: "张三", displayName: nil, at: Self.t0)
    let clock = Clock()
    let sitting = ExamSitting(course: course, store: store, now: { clock.now })
    let certifier = Certifier(course: course, store: store, now: { clock.now })
    let organisation = OrganisationKey.generate()
    var drawn: [[String]] = []
    for seed: UInt64 in [11, 11] {  // the same seed: only the earlier attempt makes the difference
      guard
        case .success(let (session, run)) = try sitting.start(
          learner: learner, blueprint: blueprint, seed: seed, organisation: organisation)
      else {
        Issue.record("the draw failed")
        return
      }
      drawn.append(session.plan?.queue ?? [])
      _ = try store.submitAttempt(run.attempt.id, at: clock.now, key: run.key)
      _ = try certifier.sealReady(by: organisation)
      clock.now = clock.now.addingTimeInterval(25 * 3_600)  // past the first cooldown
    }
    #expect(drawn[0].count == 31 && Set(drawn[0]).count == 31, "never the same question twice in an attempt")
    // Each rule repeats only what its pool cannot avoid.
    var unavoidable = 0
    for rule in blueprint.draw {
      let pool = course.questions.filter(rule.admits).count
      unavoidable += max(0, 2 * rule.count - pool)
    }
    #expect(Set(drawn[0]).intersection(drawn[1]).count == unavoidable)
  }

  // MARK: What the learner sees

  @Test func theLearnerSeesNothingBeforeGradingThenTheResultAndTheCertificatesExpiry() throws {
    let rig = try Self.rig()
    defer { rig.remove() }
    try Self.take(rig, ["T", "B", "电话催收和函件催收。"])  // the single choice wrong
    let before = try rig.shell(["history", "mistakes", "exam", "exam results", "quit"])
    #expect(before.contains { $0.contains("成绩尚未公布") })
    #expect(!before.contains { $0.contains("✗ ") }, "no explanation before grading")
    #expect(before.contains { $0.contains("认证") && $0.contains("已交卷 · 等待评分") })
    #expect(!before.contains { $0.contains("b.first-step") }, "no mistake shown before grading")
    #expect(before.contains { $0.contains("「基础认证」已交卷，等待管理员评分") }, "the dashboard says so")
    #expect(before.contains { $0.contains("开考 · 已交卷，等待评分") })
    let pending = try #require(try rig.certifier.queue().first)
    try rig.store.gradeManually(
      ManualGrade(
        answerID: pending.answer.id, attemptID: pending.attempt.id, marks: 1, maximumMarks: 1, comment: "",
        grader: "m", gradedAt: rig.clock.now), by: rig.organisation)
    let certificate = try #require(try rig.certifier.sealReady(by: rig.organisation).first?.certificate)
    let after = try rig.shell(["history", "mistakes", "exam", "exam results cert", "quit"])
    #expect(after.contains { $0.contains("基础认证：得分 67%，通过（及格线 60%）") })
    #expect(after.contains { $0.hasPrefix("✗ ") }, "the wrong single choice is explained")
    #expect(after.contains { $0.contains("人工评分：1/1 分") })
    #expect(after.contains { $0.contains("得分 67% · 通过") })
    #expect(after.contains { $0.contains("b.first-step") }, "the wrong answer reaches the notebook once sealed")
    #expect(after.contains { $0.contains("67%，通过 · 证书有效至") })
    #expect(!after.contains { $0.contains("到期") }, "no warning with most of a year left")
    #expect(try ExpiringCertificate.within(30 * 86_400, store: rig.store, now: rig.clock.now).isEmpty)

    rig.clock.now = certificate.expiresAt.addingTimeInterval(-10 * 86_400)
    let lastMonth = try rig.shell(["quit"])
    #expect(lastMonth.contains { $0.contains("「基础认证」证书还有 10 天到期") })
    let expiring = try ExpiringCertificate.within(30 * 86_400, store: rig.store, now: rig.clock.now)
    #expect(expiring.map(\.learner) == ["张三"] && expiring.first?.daysLeft == 10)
    rig.clock.now = certificate.expiresAt.addingTimeInterval(86_400)
    #expect(try rig.shell(["quit"]).contains { $0.contains("「基础认证」证书已于") && $0.contains("过期") })
    #expect(try ExpiringCertificate.within(30 * 86_400, store: rig.store, now: rig.clock.now).isEmpty)
  }

  // MARK: The manager's report

  @Test func theReportSaysWhoIsCertifiedWhoIsBehindAndFiltersAsAsked() throws {
    let rig = try Self.rig()
    defer { rig.remove() }
    try Self.take(rig)
    let pending = try #require(try rig.certifier.queue().first)
    try rig.store.gradeManually(
      ManualGrade(
        answerID: pending.answer.id, attemptID: pending.attempt.id, marks: 1, maximumMarks: 1, comment: "",
        grader: "m", gradedAt: rig.clock.now), by: rig.organisation)
    _ = try rig.certifier.sealReady(by: rig.organisation)
    let other = try rig.store.createLearner(named: "李四", displayName: nil, at: Self.t0)
    try StatsTests.session(
      rig.store as! InMemoryStore, other, at: -86_400 * 10, [("b.first-step", 0), ("e.letter", 1)])
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    func build(_ filter: TrainingReport.Filter) throws -> TrainingReport {
      try TrainingReport.build(
        store: rig.store, course: rig.course, filter: filter, now: rig.clock.now, calendar: calendar)
    }
    let all = try build(TrainingReport.Filter())
    #expect(all.rows.map(\.learner) == ["张三", "李四"] || all.rows.map(\.learner) == ["李四", "张三"])
    let zhang = try #require(all.rows.first { $0.learner == "张三" })
    #expect(zhang.certificate == .valid && zhang.examAttempts == 1 && zhang.bestExamScore == 1 && zhang.passed == true)
    let li = try #require(all.rows.first { $0.learner == "李四" })
    #expect(li.certificate == .none && li.firstAttemptAccuracy == 0.5 && li.practised == 2)
    #expect(try build(TrainingReport.Filter(notCertified: true)).rows.map(\.learner) == ["李四"])
    #expect(try build(TrainingReport.Filter(since: Self.t0.addingTimeInterval(-86_400))).rows.map(\.learner) == ["张三"])
    let extra = try build(TrainingReport.Filter(lesson: "extra"))
    #expect(extra.lessons.map(\.id) == ["extra"] && extra.rows.allSatisfy { $0.questionsTotal == 1 })
    let csv = all.csv()
    #expect(csv.hasPrefix("\u{FEFF}learner,name,sections_read") && csv.contains("mastery_basics,mastery_extra"))
    #expect(csv.components(separatedBy: "\r\n").count == 4)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(all.json().utf8)) as? [String: Any])
    #expect((json["learners"] as? [[String: Any]])?.count == 2)
    let learner = try #require(try rig.store.learner(named: "张三"))
    let detail = try LearnerDetail.build(store: rig.store, course: rig.course, learner: learner, row: zhang)
    #expect(detail.attempts.count == 1 && detail.attempts[0].byLesson.map(\.lesson) == ["basics", "extra"])
    let lines = detail.lines(report: all, context: rig.context)
    #expect(lines.contains { $0.contains("张三") && $0.contains("学习记录") })
    #expect(lines.contains { $0.contains("basics 100%") })
    // The printable page: self-contained, four charts, each with a text alternative and its table.
    let page = all.html(language: .zh, courseTitle: "示例课程")
    #expect(
      page.hasPrefix("<!DOCTYPE html>") && page.contains("<html lang=\"zh-CN\">") && page.contains("@page { size: A4"))
    for id in ["scores", "mastery", "activity", "certificates"] {
      guard let start = page.range(of: "<figure id=\"\(id)\">"),
        let end = page.range(of: "</figure>", range: start.upperBound..<page.endIndex)
      else {
        Issue.record("no figure \(id)")
        continue
      }
      let figure = page[start.upperBound..<end.lowerBound]
      #expect(figure.contains("role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""), "\(id)")
      #expect(figure.contains("<title id=\"\(id)-title\">") && figure.contains("<desc id=\"\(id)-desc\">"), "\(id)")
      #expect(
        figure.contains("<p class=\"alt\"") && figure.contains("<table>"), "\(id): a text alternative and a table")
    }
    #expect(!page.contains("src=") && !page.contains("<link") && !page.contains("@import") && !page.contains("<script"))
    #expect(page.contains("<td>张三</td>") && page.contains("<td>李四</td>"))
    // A certificate in its last month is reported as expiring.
    rig.clock.now = rig.clock.now.addingTimeInterval(350 * 86_400)
    #expect(try build(TrainingReport.Filter()).rows.first { $0.learner == "张三" }?.certificate == .expiring)
  }

  // MARK: Tampering with the database file

  enum Tampering: String, CaseIterable, CustomTestStringConvertible {
    case score, answer, timestamp, manualGrade, attemptResult, certificateField, certificateOtherKey
    case auditRow, lastAuditEntriesDeleted, insertedAnswer, deletedEvent
    case itemsShortened, proctoringRemoved, submissionTimeMoved, submissionNulledAndLastAnswerDeleted
    case attemptDeleted, certificateDeleted, manualGradeInserted
    var testDescription: String { rawValue }
  }

  /// A certified attempt in a SQLite file, then closed.
  static func certifiedFile() throws -> (Rig, path: String, certificate: StoredCertificate) {
    let rig = try rig(sqlite: true)
    try take(rig)
    let pending = try #require(try rig.certifier.queue().first)
    try rig.store.gradeManually(
      ManualGrade(
        answerID: pending.answer.id, attemptID: pending.attempt.id, marks: 1, maximumMarks: 1, comment: "好",
        grader: "m", gradedAt: rig.clock.now), by: rig.organisation)
    let certificate = try #require(try rig.certifier.sealReady(by: rig.organisation).first?.certificate)
    let untouched = try rig.store.verifyIntegrity(organisation: rig.organisation.publicKey)
    #expect(untouched.isIntact, "\(untouched.problems) \(untouched.audit)")
    return (rig, rig.folder.appendingPathComponent("progress.sqlite").path, certificate)
  }

  @Test(arguments: Tampering.allCases)
  func tamperingWithTheFileIsDetected(_ tampering: Tampering) throws {
    let (rig, path, certificate) = try Self.certifiedFile()
    defer { rig.remove() }
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      switch tampering {
      case .score:
        try db.execute(sql: "UPDATE answer SET fraction = 0, outcome = 'incorrect' WHERE question_id = 'b.first-step'")
      case .answer:
        try db.execute(sql: "UPDATE answer SET raw = 'F', parsed = 'F' WHERE question_id = 'e.letter'")
      case .timestamp:
        try db.execute(
          sql: "UPDATE answer SET answered_at = datetime(answered_at, '-5 minutes') WHERE question_id = 'b.first-step'")
      case .manualGrade:
        try db.execute(sql: "UPDATE manual_grade SET marks = 0.5")
      case .attemptResult:
        try db.execute(sql: "UPDATE exam_attempt SET score = 0.99")
      case .certificateField:
        try db.execute(sql: "UPDATE certificate SET expires_at = '2099-12-31 00:00:00.000'")
      case .certificateOtherKey:
        let stranger = OrganisationKey.generate()
        var forged = try #require(CertificateVerifier().verify(jwt: certificate.jwt, at: Self.t0).certificate)
          .certificate
        forged.expiresAt = forged.expiresAt.addingTimeInterval(86_400 * 3_650)
        try db.execute(sql: "UPDATE certificate SET jwt = ?", arguments: [forged.vcJWT(signedBy: stranger)])
      case .auditRow:
        try db.execute(
          sql: "UPDATE audit_entry SET payload = replace(payload, '\"passed\":true', '\"passed\":false')"
            + " WHERE kind = 'attempt.final'")
      case .lastAuditEntriesDeleted:
        try db.execute(
          sql: "DELETE FROM audit_entry WHERE sequence > (SELECT MAX(sequence) - 2 FROM audit_entry)")
      case .insertedAnswer:
        try db.execute(
          sql: """
            INSERT INTO answer(learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, raw,
                               shown, parsed, response, fraction, outcome, duration_ms, answered_at, needs_review, counts)
            SELECT learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, 'T', shown,
                   parsed, response, 1, 'correct', duration_ms, answered_at, 0, 1
            FROM answer WHERE question_id = 'e.letter'
            """)
      case .deletedEvent:
        try db.execute(sql: "DELETE FROM attempt_event WHERE sequence = 2")
      case .itemsShortened:
        try db.execute(sql: #"UPDATE exam_attempt SET queue = '["e.letter"]'"#)
      case .proctoringRemoved:
        try db.execute(sql: "UPDATE exam_attempt SET proctored = 0")
      case .submissionTimeMoved:
        try db.execute(sql: "UPDATE exam_attempt SET submitted_at = '2000-01-01 00:00:00.000'")
      case .submissionNulledAndLastAnswerDeleted:
        try db.execute(sql: "UPDATE exam_attempt SET submission = NULL")
        try db.execute(sql: "DELETE FROM manual_grade")
        try db.execute(sql: "DELETE FROM attempt_event WHERE sequence = 3")
      case .attemptDeleted:
        for table in ["certificate", "manual_grade", "attempt_event", "attempt_grant", "exam_attempt"] {
          try db.execute(sql: "DELETE FROM \(table)")
        }
      case .certificateDeleted:
        try db.execute(sql: "DELETE FROM certificate")
      case .manualGradeInserted:
        try db.execute(
          sql: """
            INSERT INTO manual_grade(answer_id, attempt_id, marks, maximum_marks, comment, grader, graded_at)
            SELECT e.answer_id, e.attempt_id, 0, 1, '', 'm', '2026-01-01 00:00:00.000'
            FROM attempt_event e JOIN answer a ON a.id = e.answer_id WHERE a.question_id = 'b.first-step'
            """)
        try db.execute(sql: "UPDATE answer SET fraction = 0, outcome = 'incorrect' WHERE question_id = 'b.first-step'")
      }
    }
    try queue.close()
    let report = try rig.store.verifyIntegrity(organisation: rig.organisation.publicKey)
    #expect(!report.isIntact, "\(tampering) was not detected")
  }

  @Test func restoringAnOlderCopyIsFoundOnceALaterCheckpointIsKnown() throws {
    let rig = try Self.rig(sqlite: true)
    defer { rig.remove() }
    try Self.take(rig)
    let path = rig.folder.appendingPathComponent("progress.sqlite").path
    let older = rig.folder.appendingPathComponent("older.sqlite").path
    try rig.store.backup(to: older)
    let pending = try #require(try rig.certifier.queue().first)
    try rig.store.gradeManually(
      ManualGrade(
        answerID: pending.answer.id, attemptID: pending.attempt.id, marks: 1, maximumMarks: 1, comment: "",
        grader: "m", gradedAt: rig.clock.now), by: rig.organisation)
    let certificate = try #require(try rig.certifier.sealReady(by: rig.organisation).first?.certificate)
    let exported = try rig.store.checkpoint(at: rig.clock.now, by: rig.organisation)
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    try FileManager.default.removeItem(atPath: path)
    try FileManager.default.copyItem(atPath: older, toPath: path)
    let store = try SQLiteStore.open(at: path)
    // Alone, the older copy is a consistent history: that cannot be told offline.
    #expect(try store.verifyIntegrity(organisation: rig.organisation.publicKey).isIntact)
    // With the exported checkpoint, or the checkpoint inside the certificate, it is caught.
    let withCheckpoint = try store.verifyIntegrity(organisation: rig.organisation.publicKey, outside: [exported])
    guard case .broken(let failure) = withCheckpoint.audit, case .truncated = failure.problem else {
      Issue.record("rollback not detected: \(withCheckpoint.audit)")
      return
    }
    let fromCertificate = try #require(CertificateVerifier().verify(jwt: certificate.jwt, at: Self.t0).certificate)
    #expect(
      !(try store.verifyIntegrity(
        organisation: rig.organisation.publicKey, outside: [fromCertificate.certificate.checkpoint]
      ).isIntact))
  }
}
