#if PostgreSQL
  import Foundation
  import QuizCore
  import QuizStore
  import QuizTrust
  import Testing

  @testable import QuizStorePostgres

  /// Several clients on one organisation database: two managers grading at once do not
  /// overwrite each other, and a client that dies in the middle of a write leaves nothing of it.
  @Suite(.enabled(if: PostgresTestServer.location != nil)) struct PostgresConcurrencyTests {
    static let organisation = CertificationContractTests.organisation

    final class Failures: @unchecked Sendable {
      private let lock = NSLock()
      private(set) var errors: [StoreError] = []
      private(set) var successes = 0
      func record(_ result: Result<Void, StoreError>) {
        lock.lock()
        defer { lock.unlock() }
        switch result {
        case .success: successes += 1
        case .failure(let error): errors.append(error)
        }
      }
    }

    @Test func twoManagersGradingAtOnceDoNotOverwriteEachOther() throws {
      let database = try PostgresTestDatabase()
      let store = try database.open()
      let learner = try store.createLearner(named: "张三", displayName: nil, at: t0).id
      let questions = (1...12).map { "q\($0)" }
      let attempt = try CertificationContractTests.submittedAttempt(
        store, learner: learner, questions: questions, fractions: Array(repeating: 0, count: 12),
        waiting: Set(questions))
      let answers = try store.answers(session: attempt.sessionID)
      let managers = [try database.open(), try database.open()]
      let outcomes = Failures()
      // Each manager grades every answer: each answer is graded exactly once, by whoever
      // got there first, and the other is told it is no longer waiting.
      DispatchQueue.concurrentPerform(iterations: 2) { index in
        for answer in answers {
          let grade = ManualGrade(
            answerID: answer.id, attemptID: attempt.id, marks: index == 0 ? 1 : 0.5, maximumMarks: 1,
            comment: "manager \(index)", grader: "m\(index)", gradedAt: t0.addingTimeInterval(100))
          do {
            try managers[index].gradeManually(grade, by: Self.organisation)
            outcomes.record(.success(()))
          } catch {
            outcomes.record(.failure(error as? StoreError ?? .invalid(detail: "\(error)")))
          }
        }
      }
      let grades = try store.manualGrades(attempt: attempt.id)
      #expect(grades.count == answers.count, "every answer graded once")
      #expect(Set(grades.map(\.answerID)) == Set(answers.map(\.id)))
      #expect(outcomes.successes == answers.count)
      #expect(outcomes.errors.allSatisfy { if case .invalid = $0 { true } else { false } }, "\(outcomes.errors)")
      // Each answer holds the grade its log entry signed, and the log verifies.
      let byAnswer = Dictionary(uniqueKeysWithValues: grades.map { ($0.answerID, $0.fraction) })
      for answer in try store.answers(session: attempt.sessionID) {
        #expect(answer.fraction == byAnswer[answer.id])
      }
      let report = try store.verifyIntegrity(organisation: Self.organisation.publicKey)
      #expect(report.isIntact, "\(report.problems) \(report.audit)")
      let log = try store.auditLog()
      #expect(log.map(\.sequence) == Array(1...log.count), "one chain, no gaps, no forks")
    }

    @Test func aClientThatDiesMidWriteLeavesNothingOfIt() throws {
      let database = try PostgresTestDatabase()
      let store = try database.open()
      let learner = try store.createLearner(named: "李四", displayName: nil, at: t0).id
      try store.record(answer(learner, "kept", fraction: 1))
      // Another client starts a write and dies before committing it.
      let dying = try database.open()
      try dying.client.query("BEGIN")
      try dying.client.query(
        """
        INSERT INTO answer(learner_id, question_id, question_hash, lesson_id, question_type, tags, raw, parsed,
                           response, fraction, outcome, duration_ms, answered_at)
        VALUES ($1, 'lost', 'h', 'l1', 'single', '[]', 'a', '1', 'null', 1, 'correct', 1, now())
        """, [.integer(learner)])
      // … and half an attempt: its session and the attempt row, without its grant or log entry.
      let session =
        try dying.client.query(
          """
          INSERT INTO session(learner_id, kind, scope, course_id, content_version, started_at, status, plan)
          VALUES ($1, 'exam', 'exam:cert', 'c', '1', now(), 'active', '{}') RETURNING id
          """, [.integer(learner)]
        ).first?.integer("id") ?? 0
      try dying.client.query(
        """
        INSERT INTO exam_attempt(id, learner_id, session_id, exam_id, exam_title, content_hash, pass_mark, proctored,
                                 started_at, deadline, queue, status)
        VALUES ('half', $1, $2, 'cert', '认证', 'h', 0.8, true, now(), now(), '[]', 'running')
        """, [.integer(learner), .integer(session)])
      let pid = try dying.client.query("SELECT pg_backend_pid() AS pid").first?.integer("pid") ?? 0
      try store.client.query("SELECT pg_terminate_backend($1::int)", [.integer(pid)])
      // The server has ended that client: wait until its backend is gone, then try to commit.
      for _ in 0..<100 {
        if try store.client.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1::int", [.integer(pid)]).isEmpty {
          break
        }
        usleep(50_000)
      }
      #expect(throws: StoreError.self) { try dying.client.query("COMMIT") }
      #expect(try store.answers(learner: learner).map(\.questionID) == ["kept"])
      #expect(try store.check().answers == 1)
      #expect(try store.attempts(learner: nil).isEmpty, "no half-written attempt")
      #expect(try store.sessions(learner: learner).isEmpty)
    }

    @Test func clientsStartingTogetherOnANewDatabaseTakeTurnsMigrating() throws {
      let database = try PostgresTestDatabase()
      let outcomes = Failures()
      let location = database.location
      DispatchQueue.concurrentPerform(iterations: 8) { _ in
        do {
          _ = try PostgresStore.open(location)
          outcomes.record(.success(()))
        } catch {
          outcomes.record(.failure(error as? StoreError ?? .invalid(detail: "\(error)")))
        }
      }
      #expect(outcomes.successes == 8, "\(outcomes.errors)")
      let store = try database.open()
      #expect(
        try store.client.query("SELECT name FROM schema_migration ORDER BY name").map { $0.text("name") }
          == PostgresSchema.migrations.map(\.name).sorted())
    }
  }
#endif
