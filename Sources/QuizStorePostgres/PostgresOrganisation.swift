#if PostgreSQL
  import Foundation
  import QuizStore

  /// The roles of an organisation database and the rules the server enforces for them.
  ///
  /// - `rt_manager`: reads everything; grades, seals, issues and revokes (no role deletes).
  /// - `rt_learner`: each learner logs in as their own database role, a member of
  ///   `rt_learner` linked to their learner row in `organisation_member`. Row-level security
  ///   shows them their own rows only; they add answers, sessions, review cards and reading,
  ///   start their own attempts and submit them (the only change to an attempt they may make:
  ///   running to submitted), and add to the audit log without reading it. They cannot update
  ///   or delete an answer, touch an attempt after submitting it, or write a grade or a
  ///   certificate.
  ///
  /// `initialise` is idempotent: run it again after `migrate` so that new tables get their rules.
  public enum PostgresOrganisation {
    static let script = """
      DO $$ BEGIN
        CREATE ROLE rt_manager NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;
      DO $$ BEGIN
        CREATE ROLE rt_learner NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;
      CREATE TABLE IF NOT EXISTS organisation_member (
        role TEXT PRIMARY KEY,
        learner_id BIGINT UNIQUE REFERENCES learner ON DELETE RESTRICT
      );
      CREATE OR REPLACE FUNCTION current_learner() RETURNS BIGINT
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT learner_id FROM organisation_member WHERE role = session_user
      $$;
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA public TO rt_manager, rt_learner;
      GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO rt_manager;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO rt_manager, rt_learner;
      GRANT SELECT ON schema_migration, learner TO rt_learner;
      GRANT SELECT, INSERT, UPDATE ON session, card, lesson_read, setting TO rt_learner;
      GRANT SELECT, INSERT ON answer, exam_attempt, attempt_grant, attempt_event TO rt_learner;
      GRANT UPDATE (status, submitted_at, submission) ON exam_attempt TO rt_learner;
      GRANT INSERT ON audit_entry, audit_checkpoint TO rt_learner;
      GRANT SELECT ON manual_grade, certificate TO rt_learner;
      GRANT EXECUTE ON FUNCTION current_learner(), audit_head() TO rt_manager, rt_learner
      """

    /// The tables whose rows belong to one learner, by their `learner_id`.
    static let ownedTables = ["session", "answer", "card", "lesson_read", "exam_attempt", "certificate"]
    /// The tables whose rows belong to one learner through their attempt.
    static let attemptTables = ["attempt_grant", "attempt_event", "manual_grade"]

    /// The row-level security rules, each dropped and created again.
    static var policies: [String] {
      var sql: [String] = []
      func policy(_ name: String, on table: String, _ rest: String) {
        sql.append("DROP POLICY IF EXISTS \(name) ON \(table)")
        sql.append("CREATE POLICY \(name) ON \(table) \(rest)")
      }
      let all =
        ["learner", "setting", "audit_entry", "audit_checkpoint", "imported_source"] + ownedTables + attemptTables
      for table in all {
        sql.append("ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY")
        policy("manager", on: table, "TO rt_manager USING (true) WITH CHECK (true)")
      }
      policy("own", on: "learner", "FOR SELECT TO rt_learner USING (id = current_learner())")
      policy("own", on: "setting", "TO rt_learner USING (key = 'last_learner@' || session_user)")
      for table in ["session", "card", "lesson_read"] {
        policy("own", on: table, "TO rt_learner USING (learner_id = current_learner())")
      }
      policy("own", on: "answer", "FOR SELECT TO rt_learner USING (learner_id = current_learner())")
      policy("own_insert", on: "answer", "FOR INSERT TO rt_learner WITH CHECK (learner_id = current_learner())")
      policy("own", on: "certificate", "FOR SELECT TO rt_learner USING (learner_id = current_learner())")
      policy("own", on: "exam_attempt", "FOR SELECT TO rt_learner USING (learner_id = current_learner())")
      policy(
        "own_insert", on: "exam_attempt",
        "FOR INSERT TO rt_learner WITH CHECK (learner_id = current_learner() AND status = 'running')")
      policy(
        "own_submit", on: "exam_attempt",
        """
        FOR UPDATE TO rt_learner USING (learner_id = current_learner() AND status = 'running')
        WITH CHECK (learner_id = current_learner() AND status = 'submitted')
        """)
      let mine = "attempt_id IN (SELECT id FROM exam_attempt WHERE learner_id = current_learner())"
      for table in ["attempt_grant", "attempt_event"] {
        policy("own", on: table, "FOR SELECT TO rt_learner USING (\(mine))")
        policy("own_insert", on: table, "FOR INSERT TO rt_learner WITH CHECK (\(mine))")
      }
      policy("own", on: "manual_grade", "FOR SELECT TO rt_learner USING (\(mine))")
      for table in ["audit_entry", "audit_checkpoint"] {
        policy("append", on: table, "FOR INSERT TO rt_learner WITH CHECK (true)")
      }
      return sql
    }

    /// Creates the roles, the member table and every rule, in one transaction; run by the
    /// database's owner after `migrate`.
    public static func initialise(_ store: PostgresStore) throws(StoreError) {
      try store.client.transaction { () throws(StoreError) in
        for statement in PostgresSchema.statements(script) + policies { try store.client.query(statement) }
      }
    }

    /// Makes an existing login role a learner's: it sees and writes that learner's rows only.
    public static func addLearner(role: String, learner: Int64, on store: PostgresStore) throws(StoreError) {
      try store.client.transaction { () throws(StoreError) in
        try requireRole(role, on: store)
        try store.client.query(
          """
          INSERT INTO organisation_member(role, learner_id) VALUES ($1, $2)
          ON CONFLICT (role) DO UPDATE SET learner_id = excluded.learner_id
          """, [.text(role), .integer(learner)])
        try store.client.query("GRANT rt_learner TO \(PostgresAdministration.identifier(role))")
      }
    }

    /// Makes an existing login role a manager's.
    public static func addManager(role: String, on store: PostgresStore) throws(StoreError) {
      try requireRole(role, on: store)
      try store.client.query("GRANT rt_manager TO \(PostgresAdministration.identifier(role))")
    }

    /// Whether `initialise` has been run on this database.
    public static func isInitialised(_ store: PostgresStore) throws(StoreError) -> Bool {
      try store.client.query("SELECT to_regclass('public.organisation_member') IS NOT NULL AS present").first?
        .boolean("present") ?? false
    }

    /// Whether the server has a login role of that name.
    public static func roleExists(_ role: String, on store: PostgresStore) throws(StoreError) -> Bool {
      try !store.client.query("SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin", [.text(role)]).isEmpty
    }

    /// A role named on a command line must exist: a typo fails instead of creating something.
    static func requireRole(_ role: String, on store: PostgresStore) throws(StoreError) {
      if try !roleExists(role, on: store) {
        throw .invalid(detail: "there is no login role \(role) on the server; create it first (CREATE ROLE … LOGIN)")
      }
    }
  }
#endif
