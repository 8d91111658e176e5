import Foundation
import QuizCore
import QuizTrust
import Testing

@testable import QuizStore

/// The certification part of the store port, on every implementation: an attempt from start
/// to certificate and revocation leaves a log and rows that verify; its answers stay out of the
/// learner's progress until the attempt is sealed; the writes refuse what their state forbids.
@Suite struct CertificationContractTests {
  static let organisation = try! OrganisationKey(seed: Data(repeating: 7, count: 32))

  /// A proctored attempt over `questions` with one answer each (`fractions`), submitted.
  static func submittedAttempt(
    _ store: any ProgressStore, learner: Int64, questions: [String], fractions: [Double], waiting: Set<String> = []
  ) throws -> ExamAttempt {
    let id = UUID().uuidString.lowercased()
    let deadline = t0.addingTimeInterval(600)
    let key = AttemptKey(
      attemptID: id, learner: String(learner), examID: "cert", notBefore: t0, notAfter: deadline,
      certifiedBy: organisation)
    let attempt = try store.startAttempt(
      NewSession(
        learnerID: learner, kind: .exam, scope: "exam:cert", courseID: "c", contentVersion: "1", startedAt: t0,
        plan: SessionPlan(queue: questions, seed: 1, deadline: deadline), reschedules: false),
      attempt: NewAttempt(
        id: id, examID: "cert", examTitle: "认证", contentHash: "sha256:c", passMark: 0.6, proctored: true,
        deadline: deadline, queue: questions, grant: key.certificate),
      unlockedBy: organisation)
    for (index, question) in questions.enumerated() {
      var new = answer(
        learner, question, fraction: fractions[index], session: attempt.sessionID,
        at: t0.addingTimeInterval(Double(index + 1)))
      new.needsReview = waiting.contains(question)
      _ = try store.record(
        new, plan: SessionPlan(queue: questions, seed: 1, deadline: deadline),
        attempt: AttemptAnswer(attemptID: id, item: index + 1, maximumMarks: 1, key: key))
    }
    return try store.submitAttempt(id, at: t0.addingTimeInterval(60), key: key)
  }

  @Test(arguments: StoreKind.allCases)
  func anAttemptToACertificateAndItsRevocationVerify(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let attempt = try Self.submittedAttempt(
      store, learner: learner, questions: ["q1", "q2"], fractions: [1, 0.5], waiting: ["q2"])
    #expect(attempt.status == .submitted && attempt.submission?.statement.eventCount == 2)
    #expect(throws: StoreError.self, "waiting answers block sealing") {
      try store.finalize(
        attempt: attempt.id, score: 1, passed: true, answersDigest: "x", at: t0, by: Self.organisation)
    }
    let events = try store.attemptEvents(attempt.id)
    #expect(events.map(\.event.marks) == [1, nil], "a waiting answer is signed without marks")
    let signed = try #require(try store.answers(session: attempt.sessionID).first)
    #expect(throws: StoreError.self, "an answer signed with its marks is not graded by hand") {
      try store.gradeManually(
        ManualGrade(
          answerID: signed.id, attemptID: attempt.id, marks: 0, maximumMarks: 1, comment: "", grader: "m",
          gradedAt: t0), by: Self.organisation)
    }
    let waiting = try #require(try store.answers(session: attempt.sessionID).last)
    try store.gradeManually(
      ManualGrade(
        answerID: waiting.id, attemptID: attempt.id, marks: 1, maximumMarks: 1, comment: "", grader: "m",
        gradedAt: t0.addingTimeInterval(100)), by: Self.organisation)
    #expect(throws: StoreError.self, "graded once") {
      try store.gradeManually(
        ManualGrade(
          answerID: waiting.id, attemptID: attempt.id, marks: 0, maximumMarks: 1, comment: "", grader: "m",
          gradedAt: t0), by: Self.organisation)
    }
    #expect(try store.answers(session: attempt.sessionID).last?.fraction == 1)
    let digest = GradedAnswer.digest(
      of: Ledger.gradedAnswers(events: events, answers: try store.answers(session: attempt.sessionID)))
    let final = try store.finalize(
      attempt: attempt.id, score: 1, passed: true, answersDigest: digest, at: t0.addingTimeInterval(200),
      by: Self.organisation)
    #expect(final.status == .final && final.passed == true)
    let stored = try store.issue(at: t0.addingTimeInterval(300), by: Self.organisation) { checkpoint in
      let certificate = Certificate(
        id: Certificate.newID(), learnerID: String(learner), learnerName: "zhang", examID: "cert", examTitle: "认证",
        courseID: "c", courseVersion: "1", contentHash: "sha256:c", score: 1, passMark: 0.6, examDate: t0,
        issuedAt: t0.addingTimeInterval(300), expiresAt: t0.addingTimeInterval(86_400), attemptID: attempt.id,
        answersDigest: digest, checkpoint: checkpoint)
      return StoredCertificate(
        id: certificate.id, learnerID: learner, attemptID: attempt.id, examID: "cert",
        issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt,
        jwt: certificate.vcJWT(signedBy: Self.organisation), revocation: nil)
    }
    let revoked = try store.revoke(
      certificate: stored.id, reason: "作弊", at: t0.addingTimeInterval(400), by: Self.organisation)
    #expect(revoked.revoked?.reason == "作弊")
    #expect(throws: StoreError.self, "revoked once") {
      try store.revoke(certificate: stored.id, reason: "x", at: t0, by: Self.organisation)
    }
    let reopened = try subject.reopened()
    #expect(try reopened.certificates().map(\.id) == [stored.id])
    let report = try reopened.verifyIntegrity(organisation: Self.organisation.publicKey)
    #expect(report.isIntact, "\(report.problems) \(report.audit)")
    #expect(
      try reopened.auditLog().map(\.kind) == [
        AuditKind.learnerCreated, AuditKind.examUnlocked, AuditKind.examAnswer, AuditKind.examAnswer,
        AuditKind.examSubmitted, AuditKind.manualGrade, AuditKind.attemptFinal, AuditKind.certificateIssued,
        AuditKind.certificateRevoked,
      ])
  }

  @Test(arguments: StoreKind.allCases)
  func anAttemptsAnswersStayOutOfProgressUntilItIsSealed(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let attempt = try Self.submittedAttempt(store, learner: learner, questions: ["q1", "q2"], fractions: [1, 0])
    #expect(try store.lessonMastery(learner: learner).isEmpty)
    #expect(try store.accuracyByType(learner: learner).isEmpty)
    #expect(try store.mistakes(learner: learner).isEmpty, "a wrong exam answer is not shown before grading")
    #expect(try store.summary().first?.mean == 0)
    _ = try store.finalize(
      attempt: attempt.id, score: 0.5, passed: false, answersDigest: "d", at: t0.addingTimeInterval(100),
      by: Self.organisation)
    #expect(try store.lessonMastery(learner: learner).first?.answered == 2)
    #expect(try store.mistakes(learner: learner).map(\.questionID) == ["q2"])
    #expect(try store.summary().first?.mean == 0.5)
  }

  @Test(arguments: StoreKind.allCases)
  func answersAreRecordedOnlyInARunningAttempt(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let learner = try store.learnerID("zhang")
    let attempt = try Self.submittedAttempt(store, learner: learner, questions: ["q1"], fractions: [1])
    #expect(throws: StoreError.self) {
      try store.record(
        answer(learner, "q1", fraction: 0, session: attempt.sessionID), plan: SessionPlan(queue: ["q1"], seed: 1),
        attempt: AttemptAnswer(attemptID: attempt.id, item: 1, maximumMarks: 1, key: nil))
    }
    #expect(throws: StoreError.self) { try store.submitAttempt(attempt.id, at: t0, key: nil) }
    #expect(try store.answers(session: attempt.sessionID).count == 1)
    #expect(try store.attemptEvents(attempt.id).count == 1)
  }

  @Test(arguments: StoreKind.allCases)
  func paperSittingsAreRecordedAllOrNothing(_ kind: StoreKind) throws {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    _ = try store.learnerID("zhang")
    func sitting(_ name: String) -> PaperSitting {
      PaperSitting(
        learner: name,
        session: NewSession(
          learnerID: 0, kind: .exam, scope: "paper:cert", courseID: "paper", contentVersion: "", startedAt: t0,
          plan: SessionPlan(queue: ["q1", "q2"], seed: 0), reschedules: false),
        answers: [answer(0, "q1", fraction: 1), answer(0, "q2", fraction: 0)])
    }
    #expect(throws: StoreError.self, "an unknown learner: nothing is written") {
      try store.recordSittings([sitting("zhang"), sitting("li")], creating: [], at: t0)
    }
    #expect(try store.learners().map(\.name) == ["zhang"])
    #expect(try store.answers(learner: try #require(try store.learner(named: "zhang")).id).isEmpty)
    #expect(try store.recordSittings([sitting("zhang"), sitting("li")], creating: ["li"], at: t0) == 2)
    let li = try #require(try subject.reopened().learner(named: "li"))
    let sessions = try store.sessions(learner: li.id)
    #expect(sessions.count == 1 && sessions[0].status == .finished && sessions[0].scope == "paper:cert")
    #expect(try store.answers(session: sessions[0].id).map(\.fraction) == [1, 0])
  }
}
