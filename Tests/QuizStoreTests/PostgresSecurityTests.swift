#if PostgreSQL
  import Foundation
  import QuizCore
  import QuizStore
  import QuizTrust
  import Testing

  @testable import QuizStorePostgres

  /// The organisation database's roles, tested by trying: a learner's database user sees and
  /// writes only that learner's rows, cannot change or delete answers, attempts or
  /// certificates, and cannot read the audit log; a manager can do what managers do.
  @Suite(.enabled(if: PostgresTestServer.location != nil)) struct PostgresSecurityTests {
    /// An organisation database with two learners, each with an answer, and a login role for
    /// `zhang`, a member of `rt_learner`.
    final class Organisation {
      let database: PostgresTestDatabase
      let owner: PostgresStore
      let zhang: Learner
      let li: Learner
      let role: String
      let password = "pw-" + UUID().uuidString
      let managerRole: String

      init() throws {
        database = try PostgresTestDatabase()
        owner = try database.open()
        try PostgresOrganisation.initialise(owner)
        zhang = try owner.createLearner(named: "张三", displayName: nil, at: t0)
        li = try owner.createLearner(named: "李四", displayName: nil, at: t0)
        try owner.record(answer(zhang.id, "q1", fraction: 1))
        try owner.record(answer(li.id, "q2", fraction: 0))
        let suffix = UUID().uuidString.prefix(8).lowercased()
        role = "rt_t_learner_\(suffix)"
        managerRole = "rt_t_manager_\(suffix)"
        for name in [role, managerRole] {
          try owner.client.query("CREATE ROLE \(name) LOGIN PASSWORD '\(password)'")
        }
        try PostgresOrganisation.addLearner(role: role, learner: zhang.id, on: owner)
        try PostgresOrganisation.addManager(role: managerRole, on: owner)
      }

      /// The database as `user` sees it, with the password from a password file.
      func open(as user: String) throws -> PostgresStore {
        let location = database.location
        let file = PasswordFile(text: "*:*:*:\(user):\(password)\n")
        return try PostgresStore.open(
          PostgresLocation(host: location.host, port: location.port, database: location.database, user: user),
          passwordFile: file)
      }

      deinit {
        database.close()
        for name in [role, managerRole] { try? database.dropRole(name) }
      }
    }

    static func refused(_ body: () throws -> Void) -> StoreError? {
      do {
        try body()
        return nil
      } catch let error as StoreError {
        return error
      } catch {
        return .invalid(detail: "\(error)")
      }
    }

    @Test func aLearnerSeesOnlyTheirOwnRows() throws {
      let organisation = try Organisation()
      let zhang = try organisation.open(as: organisation.role)
      #expect(try zhang.learners().map(\.name) == ["张三"])
      #expect(try zhang.answers(learner: organisation.li.id).isEmpty, "another learner's answers are invisible")
      #expect(try zhang.answers(learner: organisation.zhang.id).map(\.questionID) == ["q1"])
      #expect(try zhang.summary().map(\.name) == ["张三"])
      #expect(try zhang.mistakes(learner: organisation.li.id).isEmpty)
      // Reading through the back door is no better.
      #expect(try zhang.client.query("SELECT id FROM answer").count == 1)
      #expect(try zhang.client.query("SELECT id FROM learner WHERE name = '李四'").isEmpty)
    }

    @Test func aLearnerWritesTheirOwnAnswersAndNothingElse() throws {
      let organisation = try Organisation()
      let zhang = try organisation.open(as: organisation.role)
      let session = try zhang.start(
        NewSession(
          learnerID: organisation.zhang.id, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1",
          startedAt: t0, plan: SessionPlan(queue: ["q3"], seed: 1)))
      let saved = try zhang.record(answer(organisation.zhang.id, "q3", fraction: 0.5, session: session.id))
      #expect(saved.answer.fraction == 0.5)
      try zhang.setLastLearner(organisation.zhang)
      #expect(try zhang.lastLearner() == organisation.zhang)
      // An answer in another learner's name is refused by the server.
      let forged = Self.refused { try zhang.record(answer(organisation.li.id, "q9", fraction: 1)) }
      guard case .notPermitted = forged else {
        Issue.record("expected a refusal, got \(String(describing: forged))")
        return
      }
      #expect(try organisation.owner.answers(learner: organisation.li.id).map(\.questionID) == ["q2"])
    }

    @Test(arguments: [
      "UPDATE answer SET fraction = 1",
      "DELETE FROM answer",
      "UPDATE exam_attempt SET score = 1, passed = true",
      "DELETE FROM exam_attempt",
      "UPDATE certificate SET expires_at = now() + interval '10 years'",
      "DELETE FROM certificate",
      "INSERT INTO manual_grade(answer_id, attempt_id, marks, maximum_marks, comment, grader, graded_at) VALUES (1, 'a', 1, 1, '', '', now())",
      "INSERT INTO learner(name, display_name, created_at) VALUES ('王五', '王五', now())",
      "SELECT * FROM audit_entry",
      "SELECT * FROM organisation_member",
      "SELECT * FROM imported_source",
      "INSERT INTO imported_source(source, name, imported_at, record) VALUES ('s', 'n', now(), '{}')",
      "DELETE FROM audit_entry",
      "CREATE TABLE mine (x int)",
    ])
    func aLearnerCannotChangeWhatIsNotTheirsToChange(statement: String) throws {
      let organisation = try Organisation()
      let zhang = try organisation.open(as: organisation.role)
      let error = Self.refused { try zhang.client.query(statement) }
      guard case .notPermitted = error else {
        Issue.record("\(statement): expected permission denied, got \(String(describing: error))")
        return
      }
      #expect(try organisation.owner.answers(learner: organisation.zhang.id).first?.fraction == 1)
    }

    @Test func aManagerReadsEverythingAndGradesButDeletesNothing() throws {
      let organisation = try Organisation()
      let manager = try organisation.open(as: organisation.managerRole)
      #expect(try manager.learners().map(\.name).sorted() == ["张三", "李四"])
      #expect(try manager.summary().count == 2)
      #expect(!(try manager.auditLog().isEmpty))
      guard case .notPermitted = Self.refused({ try manager.client.query("DELETE FROM answer") }) else {
        Issue.record("a manager deleted answers")
        return
      }
    }

    @Test func initialisingTwiceChangesNothing() throws {
      let organisation = try Organisation()
      try PostgresOrganisation.initialise(organisation.owner)
      let zhang = try organisation.open(as: organisation.role)
      #expect(try zhang.learners().map(\.name) == ["张三"])
    }

    @Test func aMistypedRoleIsRefused() throws {
      let organisation = try Organisation()
      let error = Self.refused {
        try PostgresOrganisation.addLearner(role: "no_such_role_x", learner: organisation.li.id, on: organisation.owner)
      }
      #expect(
        error
          == .invalid(
            detail: "there is no login role no_such_role_x on the server; create it first (CREATE ROLE … LOGIN)"))
    }
  }
#endif
