#if PostgreSQL
  import Foundation
  import QuizCore
  import QuizStore
  import QuizTrust
  import Testing

  @testable import QuizStorePostgres

  /// `admin migrate-to`: a whole SQLite database moved up to the organisation database reads
  /// back the same through the store port and still verifies against its signatures.
  @Suite(.enabled(if: PostgresTestServer.location != nil)) struct PostgresMigrationTests {
    static let organisation = CertificationContractTests.organisation

    /// A database with practice, review cards, reading, paper sittings and a certification
    /// from attempt to revoked certificate.
    static func filledSQLite() throws -> (TemporaryStore, SQLiteStore) {
      let file = try TemporaryStore()
      let store = try file.open()
      let zhang = try store.createLearner(named: "张三", displayName: "张 三", at: t0)
      let li = try store.createLearner(named: "李四", displayName: nil, at: t0)
      let session = try store.start(
        NewSession(
          learnerID: zhang.id, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1", startedAt: t0,
          plan: SessionPlan(queue: ["q1", "q2"], seed: 4)))
      let review = CardReview(rating: .good, scheduler: try Scheduler(), at: t0)
      _ = try store.record(answer(zhang.id, "q1", fraction: 1, session: session.id), review: review, plan: nil)
      _ = try store.record(answer(zhang.id, "q1", fraction: 0, session: session.id), review: nil, plan: nil)
      try store.record(answer(li.id, "q2", tags: ["合规", "法律"], fraction: 0.5))
      try store.markRead(learner: li.id, lesson: "l1", section: "电话催收", at: t0)
      try store.end(session: session.id, status: .finished, at: t0.addingTimeInterval(30))
      let attempt = try CertificationContractTests.submittedAttempt(
        store, learner: li.id, questions: ["q1", "q2"], fractions: [1, 0.5], waiting: ["q2"])
      let waiting = try #require(try store.answers(session: attempt.sessionID).last)
      try store.gradeManually(
        ManualGrade(
          answerID: waiting.id, attemptID: attempt.id, marks: 1, maximumMarks: 1, comment: "好", grader: "王经理",
          gradedAt: t0.addingTimeInterval(100)), by: Self.organisation)
      let digest = GradedAnswer.digest(
        of: Ledger.gradedAnswers(
          events: try store.attemptEvents(attempt.id), answers: try store.answers(session: attempt.sessionID)))
      _ = try store.finalize(
        attempt: attempt.id, score: 1, passed: true, answersDigest: digest, at: t0.addingTimeInterval(200),
        by: Self.organisation)
      let stored = try store.issue(at: t0.addingTimeInterval(300), by: Self.organisation) { checkpoint in
        let certificate = Certificate(
          id: Certificate.newID(), learnerID: String(li.id), learnerName: "李四", examID: "cert", examTitle: "认证",
          courseID: "c", courseVersion: "1", contentHash: "sha256:c", score: 1, passMark: 0.6, examDate: t0,
          issuedAt: t0.addingTimeInterval(300), expiresAt: t0.addingTimeInterval(86_400), attemptID: attempt.id,
          answersDigest: digest, checkpoint: checkpoint)
        return StoredCertificate(
          id: certificate.id, learnerID: li.id, attemptID: attempt.id, examID: "cert", issuedAt: certificate.issuedAt,
          expiresAt: certificate.expiresAt, jwt: certificate.vcJWT(signedBy: Self.organisation), revocation: nil)
      }
      _ = try store.revoke(certificate: stored.id, reason: "复核", at: t0.addingTimeInterval(400), by: Self.organisation)
      _ = try store.checkpoint(at: t0.addingTimeInterval(500), by: Self.organisation)
      return (file, store)
    }

    @Test func aWholeDatabaseMovesUpAndStillVerifies() throws {
      let (file, source) = try Self.filledSQLite()
      defer { file.remove() }
      let before = try Data(contentsOf: URL(fileURLWithPath: file.path))
      let database = try PostgresTestDatabase()
      let target = try database.open()
      let counts = try target.load(from: source)
      #expect(counts["learner"] == 2 && counts["exam_attempt"] == 1 && counts["certificate"] == 1)
      let reopened = try database.open()
      #expect(try reopened.differences(from: source) == nil)
      let report = try reopened.verifyIntegrity(organisation: Self.organisation.publicKey)
      #expect(report.isIntact, "\(report.problems) \(report.audit)")
      #expect(report.attempts == 1 && report.certificates == 1)
      // New rows continue after the copied ones.
      let wang = try reopened.createLearner(named: "王五", displayName: nil, at: t0)
      #expect(wang.id == 3)
      #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == before, "the local file is not changed")
    }

    @Test func checkFindsAChangedOrMissingAuditEntry() throws {
      let database = try PostgresTestDatabase()
      let store = try database.open()
      for name in ["甲", "乙", "丙"] { _ = try store.createLearner(named: name, displayName: nil, at: t0) }
      #expect(try store.check().isOK)
      try store.client.query("UPDATE audit_entry SET payload = replace(payload, '乙', '丁') WHERE sequence = 2")
      #expect(try store.check().integrity == ["audit entry 2 was changed"])
      try store.client.query("DELETE FROM audit_entry WHERE sequence = 2")
      #expect(try !store.check().isOK)
    }

    @Test func aDatabaseThatHoldsRecordsIsNotOverwritten() throws {
      let (file, source) = try Self.filledSQLite()
      defer { file.remove() }
      let database = try PostgresTestDatabase()
      let target = try database.open()
      _ = try target.createLearner(named: "已有", displayName: nil, at: t0)
      #expect(throws: StoreError.destinationExists(path: target.location)) { try target.load(from: source) }
      #expect(try target.learners().map(\.name) == ["已有"])
    }
  }
#endif
