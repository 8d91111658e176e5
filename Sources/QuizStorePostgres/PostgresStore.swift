#if PostgreSQL
  import Foundation
  import PostgresNIO
  import QuizCore
  import QuizStore
  import QuizTrust

  /// The organisation database: the store port on PostgreSQL.
  ///
  /// Every write is one transaction (READ COMMITTED, retried on a deadlock). Where two clients
  /// could change the same thing, the write first locks the attempt's row (`FOR UPDATE`) and
  /// changes a state only from the state it read (`WHERE status = 'running'`), so that two
  /// managers at once never overwrite each other; unique keys stop a second grade or
  /// certificate; the audit log's appenders take turns under an advisory lock. A statement
  /// confirmed by the server is durable (`fsync` and synchronous commit, the server's
  /// defaults). Dates are kept to the millisecond, as in the SQLite store.
  ///
  public final class PostgresStore: ProgressStore {
    let client: PostgresClient

    public var location: String { client.location.description }

    init(client: PostgresClient) {
      self.client = client
    }

    /// Connects to `location` with the password from the password file, and brings the
    /// schema up to date under an advisory lock (clients starting together take turns).
    public static func open(
      _ location: PostgresLocation, passwordFile: PasswordFile = PasswordFile(path: PasswordFile.path())
    ) throws(StoreError) -> PostgresStore {
      let client = try PostgresClient(location, password: passwordFile.password(for: location))
      let store = PostgresStore(client: client)
      try store.migrate()
      return store
    }

    /// The lock key of migrations: any constant shared by every client.
    static let migrationLock: Int64 = 0x5254_4D49_4752_4154

    func migrate() throws(StoreError) {
      try client.transaction { () throws(StoreError) in
        try client.query("SELECT pg_advisory_xact_lock($1)", [.integer(Self.migrationLock)])
        // A learner's role may open an up-to-date database: no DDL unless something is missing.
        let present =
          try client.query("SELECT to_regclass('public.schema_migration') IS NOT NULL AS present").first?.boolean(
            "present") ?? false
        if !present {
          try client.query("CREATE TABLE schema_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)")
        }
        let applied = Set(try client.query("SELECT name FROM schema_migration").map { $0.text("name") })
        let known = Set(PostgresSchema.migrations.map(\.name))
        if !applied.subtracting(known).isEmpty { throw StoreError.newerVersion(path: location) }
        for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
          // One statement at a time: the extended protocol takes one per query.
          for statement in PostgresSchema.statements(migration.sql) { try client.query(statement) }
          try client.query(
            "INSERT INTO schema_migration(name, applied_at) VALUES ($1, $2)", [.text(migration.name), .time(Date())])
        }
      }
    }

    // MARK: Learners

    static let learnerColumns = "id, name, display_name, created_at"

    static func learner(_ row: PostgresRandomAccessRow) -> Learner {
      Learner(
        id: row.integer("id"), name: row.text("name"), displayName: row.text("display_name"),
        createdAt: row.time("created_at"))
    }

    public func learners() throws(StoreError) -> [Learner] {
      try client.query("SELECT \(Self.learnerColumns) FROM learner ORDER BY name COLLATE \"C\"").map(Self.learner)
    }

    public func learner(named name: String) throws(StoreError) -> Learner? {
      try client.query("SELECT \(Self.learnerColumns) FROM learner WHERE name = $1", [.text(name)]).first.map(
        Self.learner)
    }

    public func createLearner(named name: String, displayName: String?, at date: Date) throws(StoreError) -> Learner {
      guard case .success(let valid) = Learner.validName(name), valid == name else {
        throw .invalid(
          detail: "a learner's name must be 1–\(Learner.maximumNameLength) characters without control characters")
      }
      return try client.write { () throws(StoreError) -> Learner in
        if let existing = try learner(named: name) { return existing }
        return try insertLearner(name, displayName: displayName ?? name, at: date)
      }
    }

    private func insertLearner(_ name: String, displayName: String, at date: Date) throws(StoreError) -> Learner {
      let rows = try client.query(
        "INSERT INTO learner(name, display_name, created_at) VALUES ($1, $2, $3) RETURNING \(Self.learnerColumns)",
        [.text(name), .text(displayName), .time(date)])
      guard let row = rows.first else { throw .invalid(detail: "no learner was created") }
      let learner = Self.learner(row)
      try appendAudit(at: date, kind: AuditKind.learnerCreated, payload: Ledger.learnerCreated(learner))
      return learner
    }

    /// One organisation database serves many people: the last learner is remembered per
    /// database user.
    var lastLearnerKey: String { "last_learner@" + client.location.user }

    public func lastLearner() throws(StoreError) -> Learner? {
      guard
        let name = try client.query("SELECT value FROM setting WHERE key = $1", [.text(lastLearnerKey)]).first?.text(
          "value")
      else { return nil }
      return try learner(named: name)
    }

    public func setLastLearner(_ learner: Learner) throws(StoreError) {
      try client.write { () throws(StoreError) in
        try client.query(
          """
          INSERT INTO setting(key, value) VALUES ($1, $2)
          ON CONFLICT (key) DO UPDATE SET value = excluded.value
          """, [.text(lastLearnerKey), .text(learner.name)])
      }
    }

    // MARK: Sessions

    static let sessionColumns =
      "id, learner_id, kind, scope, course_id, content_version, started_at, ended_at, status, plan, reschedules"

    static func session(_ row: PostgresRandomAccessRow) -> SessionRecord {
      SessionRecord(
        id: row.integer("id"), learnerID: row.integer("learner_id"),
        kind: SessionKind(rawValue: row.text("kind")) ?? .practice, scope: row.text("scope"),
        courseID: row.text("course_id"), contentVersion: row.text("content_version"),
        startedAt: row.time("started_at"), endedAt: row.optionalTime("ended_at"),
        status: SessionStatus(rawValue: row.text("status")) ?? .abandoned,
        plan: SessionPlan.decoded(row.text("plan")), reschedules: row.boolean("reschedules"))
    }

    public func start(_ session: NewSession) throws(StoreError) -> SessionRecord {
      try client.write { () throws(StoreError) -> SessionRecord in
        SessionRecord(
          id: try insertSession(session), learnerID: session.learnerID, kind: session.kind, scope: session.scope,
          courseID: session.courseID, contentVersion: session.contentVersion,
          startedAt: PostgresClient.milliseconds(session.startedAt), endedAt: nil, status: .active, plan: session.plan,
          reschedules: session.reschedules)
      }
    }

    private func insertSession(_ session: NewSession) throws(StoreError) -> Int64 {
      let rows = try client.query(
        """
        INSERT INTO session(learner_id, kind, scope, course_id, content_version, started_at, status, plan, reschedules)
        VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8) RETURNING id
        """,
        [
          .integer(session.learnerID), .text(session.kind.rawValue), .text(session.scope), .text(session.courseID),
          .text(session.contentVersion), .time(session.startedAt), .text(session.plan.encoded()),
          .boolean(session.reschedules),
        ])
      return rows.first?.integer("id") ?? 0
    }

    public func savePlan(_ plan: SessionPlan, session: Int64) throws(StoreError) {
      try client.write { () throws(StoreError) in
        try client.query("UPDATE session SET plan = $1 WHERE id = $2", [.text(plan.encoded()), .integer(session)])
      }
    }

    public func end(session: Int64, status: SessionStatus, at date: Date) throws(StoreError) {
      try client.write { () throws(StoreError) in
        try client.query(
          "UPDATE session SET status = $1, ended_at = $2 WHERE id = $3",
          [.text(status.rawValue), .time(date), .integer(session)])
      }
    }

    public func interruptedSession(learner: Int64) throws(StoreError) -> SessionRecord? {
      try client.query(
        """
        SELECT \(Self.sessionColumns) FROM session WHERE learner_id = $1 AND status = 'active'
        ORDER BY id DESC LIMIT 1
        """, [.integer(learner)]
      ).first.map(Self.session)
    }

    public func abandonInterrupted(learner: Int64, at date: Date) throws(StoreError) -> Int {
      try client.write { () throws(StoreError) -> Int in
        try client.query(
          """
          UPDATE session SET status = 'abandoned', ended_at = $1
          WHERE learner_id = $2 AND status = 'active'
            AND id NOT IN (SELECT session_id FROM exam_attempt WHERE status = 'running')
          RETURNING id
          """, [.time(date), .integer(learner)]
        ).count
      }
    }

    public func sessions(learner: Int64) throws(StoreError) -> [SessionRecord] {
      try client.query(
        "SELECT \(Self.sessionColumns) FROM session WHERE learner_id = $1 ORDER BY id", [.integer(learner)]
      ).map(Self.session)
    }

    public func history(learner: Int64, limit: Int) throws(StoreError) -> [SessionSummary] {
      let sessions = try client.query(
        "SELECT \(Self.sessionColumns) FROM session WHERE learner_id = $1 ORDER BY id DESC LIMIT $2",
        [.integer(learner), .integer(Int64(limit))]
      ).map(Self.session)
      var summaries: [SessionSummary] = []
      for session in sessions {
        summaries.append(SessionSummary(session: session, answers: try answers(session: session.id)))
      }
      return summaries
    }

    // MARK: Answers

    static let answerColumns = """
      id, learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, raw, shown, parsed, \
      response, fraction, outcome, duration_ms, answered_at, needs_review
      """

    static func answer(_ row: PostgresRandomAccessRow) -> AnswerRecord {
      let shown = row.text("shown")
      let response = Response.decoded(row.text("response"))
      let parsed = row.text("parsed")
      var answer = AnswerRecord(
        id: row.integer("id"),
        NewAnswer(
          learnerID: row.integer("learner_id"), sessionID: row.optionalInteger("session_id"),
          questionID: row.text("question_id"), questionHash: row.text("question_hash"),
          lessonID: row.text("lesson_id"), questionType: row.text("question_type"),
          tags: SQLiteStore.decodeTags(row.text("tags")), typed: row.text("raw"), shown: shown,
          canonical: shown.isEmpty ? response.map(ResponseFormatter.canonical) ?? parsed : parsed,
          response: response, fraction: row.real("fraction"), durationMS: row.int("duration_ms"),
          answeredAt: row.time("answered_at"), needsReview: row.boolean("needs_review")))
      answer.fraction = row.real("fraction")
      answer.outcome = Outcome(rawValue: row.text("outcome")) ?? Outcome(fraction: answer.fraction)
      return answer
    }

    public func record(_ answer: NewAnswer, review: CardReview?, plan: SessionPlan?) throws(StoreError)
      -> RecordedAnswer
    {
      try client.write { () throws(StoreError) -> RecordedAnswer in
        // Which answers count for scores is kept by the server (the `answer_counts` trigger).
        let saved = try insertAnswer(answer)
        var before: CardRecord?
        var after: CardRecord?
        if let review {
          before = try card(learner: answer.learnerID, question: answer.questionID)
          let next = CardRecord.reviewed(
            before, learner: answer.learnerID, question: answer.questionID, lesson: answer.lessonID, review: review)
          try save(next)
          after = try card(learner: answer.learnerID, question: answer.questionID)
        }
        if let plan, let session = answer.sessionID {
          try client.query("UPDATE session SET plan = $1 WHERE id = $2", [.text(plan.encoded()), .integer(session)])
        }
        return RecordedAnswer(answer: saved, cardBefore: before, cardAfter: after)
      }
    }

    private func insertAnswer(_ answer: NewAnswer) throws(StoreError) -> AnswerRecord {
      let rows = try client.query(
        """
        INSERT INTO answer(learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, raw,
                           shown, parsed, response, fraction, outcome, duration_ms, answered_at, needs_review)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
        RETURNING \(Self.answerColumns)
        """,
        [
          .integer(answer.learnerID), .integer(answer.sessionID), .text(answer.questionID), .text(answer.questionHash),
          .text(answer.lessonID), .text(answer.questionType), .text(SQLiteStore.encodeTags(answer.tags)),
          .text(answer.typed), .text(answer.shown), .text(answer.canonical),
          .text(answer.response?.encoded() ?? "null"), .real(answer.fraction), .text(answer.outcome.rawValue),
          .integer(Int64(answer.durationMS)), .time(answer.answeredAt), .boolean(answer.needsReview),
        ])
      guard let row = rows.first else { throw .invalid(detail: "the answer was not saved") }
      return Self.answer(row)
    }

    public func recordSittings(_ sittings: [PaperSitting], creating create: Set<String>, at date: Date)
      throws(StoreError) -> Int
    {
      for name in create {
        guard case .success(let valid) = Learner.validName(name), valid == name else {
          throw .invalid(
            detail: "a learner's name must be 1–\(Learner.maximumNameLength) characters without control characters")
        }
      }
      return try client.write { () throws(StoreError) -> Int in
        var ids: [String: Int64] = [:]
        for name in Set(sittings.map(\.learner)).sorted() {
          if let existing = try learner(named: name) {
            ids[name] = existing.id
          } else if create.contains(name) {
            ids[name] = try insertLearner(name, displayName: name, at: date).id
          } else {
            throw StoreError.invalid(detail: "no learner \(name)")
          }
        }
        for sitting in sittings {
          guard let learner = ids[sitting.learner] else { continue }
          var session = sitting.session
          session.learnerID = learner
          let id = try insertSession(session)
          for var answer in sitting.answers {
            answer.learnerID = learner
            answer.sessionID = id
            _ = try insertAnswer(answer)
          }
          try client.query(
            "UPDATE session SET status = 'finished', ended_at = $1 WHERE id = $2",
            [.time(session.startedAt), .integer(id)])
        }
        return sittings.count
      }
    }

    public func recordSkip(
      learner: Int64, session: Int64, question: String, lesson: String, review: CardReview?, plan: SessionPlan
    ) throws(StoreError) {
      try client.write { () throws(StoreError) in
        if let review {
          let before = try card(learner: learner, question: question)
          try save(CardRecord.reviewed(before, learner: learner, question: question, lesson: lesson, review: review))
        }
        try client.query("UPDATE session SET plan = $1 WHERE id = $2", [.text(plan.encoded()), .integer(session)])
      }
    }

    public func replaceCard(_ expected: CardRecord, with replacement: CardRecord) throws(StoreError) -> Bool {
      try client.write { () throws(StoreError) -> Bool in
        guard try card(learner: expected.learnerID, question: expected.questionID) == expected else { return false }
        try save(replacement)
        return true
      }
    }

    public func answers(session: Int64) throws(StoreError) -> [AnswerRecord] {
      try client.query(
        "SELECT \(Self.answerColumns) FROM answer WHERE session_id = $1 ORDER BY id", [.integer(session)]
      ).map(Self.answer)
    }

    public func answers(learner: Int64) throws(StoreError) -> [AnswerRecord] {
      try client.query(
        "SELECT \(Self.answerColumns) FROM answer WHERE learner_id = $1 ORDER BY id", [.integer(learner)]
      ).map(Self.answer)
    }

    // MARK: Cards

    static let cardColumns =
      "learner_id, question_id, lesson_id, state, step, stability, difficulty, due, last_review, reviews, lapses"

    static func card(_ row: PostgresRandomAccessRow) -> CardRecord {
      CardRecord(
        learnerID: row.integer("learner_id"), questionID: row.text("question_id"), lessonID: row.text("lesson_id"),
        card: Card(
          state: CardState(rawValue: row.text("state")) ?? .learning, step: row.optionalInteger("step").map(Int.init),
          stability: row.optionalReal("stability"), difficulty: row.optionalReal("difficulty"), due: row.time("due"),
          lastReview: row.optionalTime("last_review")),
        reviews: row.int("reviews"), lapses: row.int("lapses"))
    }

    public func card(learner: Int64, question: String) throws(StoreError) -> CardRecord? {
      try client.query(
        "SELECT \(Self.cardColumns) FROM card WHERE learner_id = $1 AND question_id = $2",
        [.integer(learner), .text(question)]
      ).first.map(Self.card)
    }

    public func cards(learner: Int64) throws(StoreError) -> [CardRecord] {
      try client.query(
        "SELECT \(Self.cardColumns) FROM card WHERE learner_id = $1 ORDER BY question_id COLLATE \"C\"",
        [.integer(learner)]
      ).map(Self.card)
    }

    private func save(_ record: CardRecord) throws(StoreError) {
      let card = record.card
      try client.query(
        """
        INSERT INTO card(learner_id, question_id, lesson_id, state, step, stability, difficulty, due, last_review,
                         reviews, lapses)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (learner_id, question_id) DO UPDATE SET
          lesson_id = excluded.lesson_id, state = excluded.state, step = excluded.step,
          stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,
          last_review = excluded.last_review, reviews = excluded.reviews, lapses = excluded.lapses
        """,
        [
          .integer(record.learnerID), .text(record.questionID), .text(record.lessonID), .text(card.state.rawValue),
          .integer(card.step.map(Int64.init)), .real(card.stability), .real(card.difficulty), .time(card.due),
          .time(card.lastReview), .integer(Int64(record.reviews)), .integer(Int64(record.lapses)),
        ])
    }

    public func dueCounts(learner: Int64, now: Date, endOfDay: Date) throws(StoreError) -> DueCounts {
      let week = now.addingTimeInterval(7 * 86_400)
      let row = try client.query(
        """
        SELECT COUNT(*) FILTER (WHERE due <= $1) AS now, COUNT(*) FILTER (WHERE due <= $2) AS today,
               COUNT(*) FILTER (WHERE due <= $3) AS week
        FROM card WHERE learner_id = $4
        """, [.time(now), .time(endOfDay), .time(week), .integer(learner)]
      ).first
      return DueCounts(now: row?.int("now") ?? 0, today: row?.int("today") ?? 0, week: row?.int("week") ?? 0)
    }

    public func reviewsDone(learner: Int64, since start: Date) throws(StoreError) -> (all: Int, new: Int) {
      let row = try client.query(
        """
        SELECT COUNT(*) AS all_answers,
               COUNT(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM answer b WHERE b.learner_id = a.learner_id
                                 AND b.question_id = a.question_id AND b.id < a.id)) AS first_answers
        FROM answer a JOIN session s ON s.id = a.session_id
        WHERE a.learner_id = $1 AND s.kind = 'review' AND a.answered_at >= $2
        """, [.integer(learner), .time(start)]
      ).first
      return (row?.int("all_answers") ?? 0, row?.int("first_answers") ?? 0)
    }

    // MARK: Reading

    public func markRead(learner: Int64, lesson: String, section: String, at date: Date) throws(StoreError) {
      try client.write { () throws(StoreError) in
        try client.query(
          """
          INSERT INTO lesson_read(learner_id, lesson_id, section, first_read_at, last_read_at)
          VALUES ($1, $2, $3, $4, $4)
          ON CONFLICT (learner_id, lesson_id, section) DO UPDATE SET last_read_at = excluded.last_read_at
          """, [.integer(learner), .text(lesson), .text(section), .time(date)])
      }
    }

    public func readLessons(learner: Int64) throws(StoreError) -> [String: Date] {
      let rows = try client.query(
        "SELECT lesson_id, MAX(last_read_at) AS at FROM lesson_read WHERE learner_id = $1 GROUP BY lesson_id",
        [.integer(learner)])
      return Dictionary(uniqueKeysWithValues: rows.map { ($0.text("lesson_id"), $0.time("at")) })
    }

    public func readSections(learner: Int64) throws(StoreError) -> [String: Set<String>] {
      var sections: [String: Set<String>] = [:]
      for row in try client.query(
        "SELECT lesson_id, section FROM lesson_read WHERE learner_id = $1 AND section <> ''", [.integer(learner)])
      {
        sections[row.text("lesson_id"), default: []].insert(row.text("section"))
      }
      return sections
    }

    // MARK: Progress

    /// Answers progress views may use: not part of an attempt still waiting to be sealed.
    static func visible(_ alias: String) -> String {
      "(\(alias).session_id IS NULL OR \(alias).session_id NOT IN (SELECT session_id FROM exam_attempt WHERE status <> 'final'))"
    }

    public func lessonMastery(learner: Int64) throws(StoreError) -> [LessonMastery] {
      try client.query(
        """
        WITH per_question AS (
          SELECT question_id, MAX(fraction) AS best, MAX(id) AS last_id
          FROM answer WHERE learner_id = $1 AND NOT needs_review AND \(Self.visible("answer")) GROUP BY question_id
        )
        SELECT a.lesson_id, COUNT(*) AS answered, SUM(a.fraction) AS latest, SUM(p.best) AS best
        FROM per_question p JOIN answer a ON a.id = p.last_id
        GROUP BY a.lesson_id ORDER BY a.lesson_id COLLATE "C"
        """, [.integer(learner)]
      ).map {
        LessonMastery(
          lessonID: $0.text("lesson_id"), answered: $0.int("answered"), latestSum: $0.real("latest"),
          bestSum: $0.real("best"))
      }
    }

    public func accuracyByType(learner: Int64) throws(StoreError) -> [Accuracy] {
      try accuracy(learner: learner, keySQL: "question_type", from: "answer")
    }

    public func accuracyByTag(learner: Int64) throws(StoreError) -> [Accuracy] {
      try accuracy(
        learner: learner, keySQL: "tag.value",
        from: "answer, jsonb_array_elements_text(answer.tags::jsonb) AS tag(value)")
    }

    private func accuracy(learner: Int64, keySQL: String, from: String) throws(StoreError) -> [Accuracy] {
      try client.query(
        """
        WITH graded AS (
          SELECT \(keySQL) AS key, fraction,
                 ROW_NUMBER() OVER (PARTITION BY \(keySQL) ORDER BY answer.id DESC) AS recency,
                 COUNT(*) OVER (PARTITION BY \(keySQL)) AS total
          FROM \(from) WHERE answer.learner_id = $1 AND answer.counts AND NOT answer.needs_review
            AND \(Self.visible("answer"))
        )
        SELECT key, COUNT(*) AS answers, AVG(fraction) AS mean,
               AVG(CASE WHEN recency <= total / 2 THEN fraction END) AS recent
        FROM graded GROUP BY key ORDER BY key COLLATE "C"
        """, [.integer(learner)]
      ).map { row in
        let answers = row.int("answers")
        return Accuracy(
          key: row.text("key"), answers: answers, mean: row.real("mean"),
          recentMean: answers >= 4 ? row.optionalReal("recent") : nil)
      }
    }

    public func mistakes(learner: Int64) throws(StoreError) -> [Mistake] {
      try client.query(
        """
        WITH last_wrong AS (
          SELECT question_id, MAX(id) AS id FROM answer
          WHERE learner_id = $1 AND outcome <> 'correct' AND NOT needs_review AND \(Self.visible("answer"))
          GROUP BY question_id
        ),
        attempts AS (
          SELECT question_id, COUNT(*) AS n FROM answer WHERE learner_id = $1 AND \(Self.visible("answer"))
          GROUP BY question_id
        )
        SELECT lw.question_id, a.lesson_id, a.fraction, a.answered_at, t.n AS attempts
        FROM last_wrong lw
        JOIN answer a ON a.id = lw.id
        JOIN attempts t ON t.question_id = lw.question_id
        WHERE NOT EXISTS (
          SELECT 1 FROM answer c
          WHERE c.learner_id = a.learner_id AND c.question_id = a.question_id AND c.outcome = 'correct'
            AND \(Self.visible("c"))
            AND c.id > a.id AND (a.session_id IS NULL OR c.session_id IS NULL OR c.session_id <> a.session_id)
        )
        ORDER BY a.id DESC
        """, [.integer(learner)]
      ).map {
        Mistake(
          questionID: $0.text("question_id"), lessonID: $0.text("lesson_id"), fraction: $0.real("fraction"),
          answeredAt: $0.time("answered_at"), attempts: $0.int("attempts"))
      }
    }

    public func studyDays(learner: Int64, calendar: Calendar) throws(StoreError) -> Set<Date> {
      let rows = try client.query(
        """
        SELECT answered_at AS at FROM answer WHERE learner_id = $1
        UNION ALL SELECT last_read_at FROM lesson_read WHERE learner_id = $1
        """, [.integer(learner)])
      return Set(rows.map { calendar.startOfDay(for: $0.time("at")) })
    }

    public func summary() throws(StoreError) -> [LearnerSummary] {
      try client.query(
        """
        SELECT l.id, l.name, COUNT(a.id) AS answers, COUNT(DISTINCT a.question_id) AS questions,
               COALESCE(AVG(CASE WHEN a.counts AND NOT a.needs_review AND \(Self.visible("a")) THEN a.fraction END), 0)
                 AS mean,
               MAX(a.answered_at) AS last
        FROM learner l LEFT JOIN answer a ON a.learner_id = l.id
        GROUP BY l.id, l.name ORDER BY l.name COLLATE "C"
        """
      ).map {
        LearnerSummary(
          learnerID: $0.integer("id"), name: $0.text("name"), answers: $0.int("answers"),
          questions: $0.int("questions"), mean: $0.real("mean"), lastAnsweredAt: $0.optionalTime("last"))
      }
    }

    // MARK: Audit log

    static func auditEntry(_ row: PostgresRandomAccessRow) -> AuditEntry {
      AuditEntry(
        sequence: row.int("sequence"), time: row.time("time"), kind: row.text("kind"),
        payload: row.text("payload"), previousHash: row.text("previous_hash"), hash: row.text("hash"),
        signature: row.optionalText("signature").flatMap {
          try? JSONDecoder().decode(AuditEntry.EntrySignature.self, from: Data($0.utf8))
        })
    }

    static let auditColumns = "sequence, time, kind, payload, previous_hash, hash, signature"

    /// Appends an entry after the current head, inside the caller's transaction; the head row
    /// is locked so that two clients append one after the other.
    @discardableResult
    func appendAudit(
      at date: Date, kind: String, payload: [String: CanonicalJSON], signer: (any Signer)? = nil
    ) throws(StoreError) -> AuditEntry {
      try client.query("SELECT pg_advisory_xact_lock($1)", [.integer(Self.migrationLock + 1)])
      let head = try auditHead()
      let entry = try Ledger.entry(
        after: head, at: PostgresClient.milliseconds(date), kind: kind, payload: payload, signer: signer)
      let signature = entry.signature.map { signature in
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(signature)) ?? Data(), as: UTF8.self)
      }
      try client.query(
        """
        INSERT INTO audit_entry(sequence, time, kind, payload, previous_hash, hash, signature)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """,
        [
          .integer(Int64(entry.sequence)), .time(entry.time), .text(entry.kind), .text(entry.payload),
          .text(entry.previousHash), .text(entry.hash), .text(signature),
        ])
      return entry
    }

    /// The log's last entry, as far as chaining and checkpoints need it (its sequence and hash),
    /// from `audit_head()`: a learner's role may add to the log without reading it.
    func auditHead() throws(StoreError) -> AuditEntry? {
      try client.query("SELECT sequence, hash FROM audit_head()").first.map {
        AuditEntry(
          sequence: $0.int("sequence"), time: Date(timeIntervalSince1970: 0), kind: "", payload: "", previousHash: "",
          hash: $0.text("hash"), signature: nil)
      }
    }

    public func auditLog() throws(StoreError) -> [AuditEntry] {
      try client.query("SELECT \(Self.auditColumns) FROM audit_entry ORDER BY sequence").map(Self.auditEntry)
    }

    public func checkpoints() throws(StoreError) -> [Signed<AuditCheckpoint>] {
      try client.query("SELECT signed FROM audit_checkpoint ORDER BY id").compactMap {
        try? Signed<AuditCheckpoint>(jsonText: Data($0.text("signed").utf8))
      }
    }

    public func checkpoint(at date: Date, by organisation: OrganisationKey) throws(StoreError)
      -> Signed<AuditCheckpoint>
    {
      try client.write { () throws(StoreError) -> Signed<AuditCheckpoint> in
        try storeCheckpoint(at: date, by: organisation)
      }
    }

    // MARK: Certification

    /// Signs a checkpoint of the current head and stores it, inside the caller's transaction.
    @discardableResult
    func storeCheckpoint(at date: Date, by organisation: OrganisationKey) throws(StoreError)
      -> Signed<AuditCheckpoint>
    {
      let head = try auditHead()
      let checkpoint = AuditCheckpoint(head: head, time: date).signed(by: organisation)
      try client.query("INSERT INTO audit_checkpoint(signed) VALUES ($1)", [.text(checkpoint.jsonText())])
      return checkpoint
    }

    /// Locks an attempt's row until the end of the transaction: the writes that change an
    /// attempt, or depend on its state, take turns.
    func lockAttempt(_ id: String) throws(StoreError) {
      try client.query("SELECT id FROM exam_attempt WHERE id = $1 FOR UPDATE", [.text(id)])
    }

    public func startAttempt(_ session: NewSession, attempt new: NewAttempt, unlockedBy organisation: OrganisationKey?)
      throws(StoreError) -> ExamAttempt
    {
      guard new.proctored == (new.grant != nil), !new.proctored || organisation != nil else {
        throw .invalid(detail: "a proctored attempt needs its key grant and the organisation key")
      }
      return try client.write { () throws(StoreError) -> ExamAttempt in
        let sessionID = try insertSession(session)
        try client.query(
          """
          INSERT INTO exam_attempt(id, learner_id, session_id, exam_id, exam_title, content_hash, pass_mark, proctored,
                                   started_at, deadline, queue, status)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'running')
          """,
          [
            .text(new.id), .integer(session.learnerID), .integer(sessionID), .text(new.examID), .text(new.examTitle),
            .text(new.contentHash), .real(new.passMark), .boolean(new.proctored), .time(session.startedAt),
            .time(new.deadline), .text(SQLiteStore.encodeTags(new.queue)),
          ])
        if let grant = new.grant {
          try client.query(
            "INSERT INTO attempt_grant(attempt_id, position, \"grant\") VALUES ($1, 1, $2)",
            [.text(new.id), .text(grant.jsonText())])
        }
        guard let attempt = try attempt(id: new.id) else {
          throw StoreError.invalid(detail: "the attempt was not saved")
        }
        try appendAudit(
          at: session.startedAt, kind: new.proctored ? AuditKind.examUnlocked : AuditKind.examStarted,
          payload: Ledger.attemptStarted(attempt, grant: new.grant), signer: organisation)
        if let organisation { try storeCheckpoint(at: session.startedAt, by: organisation) }
        return attempt
      }
    }

    public func unlock(attempt id: String, grant: Signed<AttemptGrant>, at date: Date, by organisation: OrganisationKey)
      throws(StoreError)
    {
      try client.write { () throws(StoreError) in
        try lockAttempt(id)
        guard let attempt = try attempt(id: id), attempt.status == .running, attempt.proctored else {
          throw StoreError.invalid(detail: "attempt \(id) is not a running proctored attempt")
        }
        try client.query(
          "INSERT INTO attempt_grant(attempt_id, position, \"grant\") VALUES ($1, $2, $3)",
          [.text(id), .integer(Int64(attempt.grants.count + 1)), .text(grant.jsonText())])
        try appendAudit(
          at: date, kind: AuditKind.examResumed, payload: Ledger.unlocked(attempt: id, grant: grant),
          signer: organisation)
        try storeCheckpoint(at: date, by: organisation)
      }
    }

    public func record(_ answer: NewAnswer, plan: SessionPlan, attempt context: AttemptAnswer) throws(StoreError)
      -> RecordedAnswer
    {
      try client.write { () throws(StoreError) -> RecordedAnswer in
        try lockAttempt(context.attemptID)
        guard let attempt = try attempt(id: context.attemptID), attempt.status == .running,
          attempt.sessionID == answer.sessionID
        else {
          throw StoreError.invalid(detail: "attempt \(context.attemptID) is not running in this session")
        }
        let recorded = try insertAnswer(answer)
        let last = try client.query(
          "SELECT MAX(sequence) AS last FROM attempt_event WHERE attempt_id = $1", [.text(attempt.id)]
        ).first?.optionalInteger("last")
        let sequence = Int(last ?? 0) + 1
        let event = Ledger.event(for: answer, sequence: sequence, attempt: context)
        let signed = context.key.map { $0.sign(event) }
        try client.query(
          "INSERT INTO attempt_event(attempt_id, sequence, answer_id, event, signed) VALUES ($1, $2, $3, $4, $5)",
          [
            .text(attempt.id), .integer(Int64(sequence)), .integer(recorded.id), .text(Ledger.eventJSON(event)),
            .text(signed?.jsonText()),
          ])
        try appendAudit(
          at: answer.answeredAt, kind: context.key == nil ? AuditKind.examAnswerUnproctored : AuditKind.examAnswer,
          payload: Ledger.answered(event, answerID: recorded.id), signer: context.key)
        try client.query(
          "UPDATE session SET plan = $1 WHERE id = $2", [.text(plan.encoded()), .integer(attempt.sessionID)])
        return RecordedAnswer(answer: recorded, cardBefore: nil, cardAfter: nil)
      }
    }

    public func submitAttempt(_ id: String, at date: Date, key: AttemptKey?) throws(StoreError) -> ExamAttempt {
      try client.write { () throws(StoreError) -> ExamAttempt in
        try lockAttempt(id)
        guard let attempt = try attempt(id: id), attempt.status == .running else {
          throw StoreError.invalid(detail: "attempt \(id) is not running")
        }
        let events = try attemptEvents(id)
        let signedEvents = events.compactMap(\.signed)
        let submission = key != nil && signedEvents.count == events.count ? key?.submit(signedEvents, at: date) : nil
        try client.query(
          "UPDATE exam_attempt SET status = 'submitted', submitted_at = $1, submission = $2 WHERE id = $3 AND status = 'running'",
          [.time(date), .text(submission?.jsonText()), .text(id)])
        try client.query(
          "UPDATE session SET status = 'finished', ended_at = $1 WHERE id = $2",
          [.time(date), .integer(attempt.sessionID)])
        try appendAudit(
          at: date, kind: submission == nil ? AuditKind.examClosed : AuditKind.examSubmitted,
          payload: Ledger.submitted(
            attempt: id, at: date, events: events.count, digest: submission.map { $0.statement.eventsDigest }),
          signer: submission == nil ? nil : key)
        guard let submitted = try self.attempt(id: id) else { throw StoreError.invalid(detail: "no attempt \(id)") }
        return submitted
      }
    }

    public func attempts(learner: Int64?) throws(StoreError) -> [ExamAttempt] {
      let rows =
        if let learner {
          try client.query(
            "SELECT id FROM exam_attempt WHERE learner_id = $1 ORDER BY started_at, ordinal", [.integer(learner)])
        } else {
          try client.query("SELECT id FROM exam_attempt ORDER BY started_at, ordinal")
        }
      var attempts: [ExamAttempt] = []
      for row in rows { if let attempt = try attempt(id: row.text("id")) { attempts.append(attempt) } }
      return attempts
    }

    public func attempt(id: String) throws(StoreError) -> ExamAttempt? {
      guard
        let row = try client.query(
          """
          SELECT a.id, a.learner_id, a.session_id, a.exam_id, a.exam_title, a.content_hash, a.pass_mark, a.proctored,
                 a.started_at, a.deadline, a.queue, a.status, a.submitted_at, a.submission, a.score, a.passed,
                 a.finalized_at, s.course_id, s.content_version
          FROM exam_attempt a JOIN session s ON s.id = a.session_id WHERE a.id = $1
          """, [.text(id)]
        ).first
      else { return nil }
      let grants = try client.query(
        "SELECT \"grant\" FROM attempt_grant WHERE attempt_id = $1 ORDER BY position", [.text(id)]
      ).compactMap { Ledger.decode($0.text("grant")) as Signed<AttemptGrant>? }
      return ExamAttempt(
        id: row.text("id"), learnerID: row.integer("learner_id"), sessionID: row.integer("session_id"),
        examID: row.text("exam_id"), examTitle: row.text("exam_title"), courseID: row.text("course_id"),
        contentVersion: row.text("content_version"), contentHash: row.text("content_hash"),
        passMark: row.real("pass_mark"), proctored: row.boolean("proctored"), startedAt: row.time("started_at"),
        deadline: row.time("deadline"), queue: SQLiteStore.decodeTags(row.text("queue")),
        status: AttemptStatus(rawValue: row.text("status")) ?? .submitted,
        submittedAt: row.optionalTime("submitted_at"),
        submission: Ledger.decode(row.optionalText("submission")), grants: grants, score: row.optionalReal("score"),
        passed: row.optionalBoolean("passed"), finalizedAt: row.optionalTime("finalized_at"))
    }

    public func attempt(session: Int64) throws(StoreError) -> ExamAttempt? {
      guard let id = try client.query("SELECT id FROM exam_attempt WHERE session_id = $1", [.integer(session)]).first
      else { return nil }
      return try attempt(id: id.text("id"))
    }

    public func attemptEvents(_ id: String) throws(StoreError) -> [AttemptEventRecord] {
      try client.query(
        "SELECT answer_id, event, signed FROM attempt_event WHERE attempt_id = $1 ORDER BY ordinal", [.text(id)]
      ).compactMap { row in
        guard let event = Ledger.decodeEvent(row.text("event")) else { return nil }
        return AttemptEventRecord(
          event: event, signed: Ledger.decode(row.optionalText("signed")), answerID: row.integer("answer_id"))
      }
    }

    public func gradeManually(_ grade: ManualGrade, by organisation: OrganisationKey) throws(StoreError) {
      guard grade.marks >= 0, grade.marks <= grade.maximumMarks + Credit.tolerance, grade.maximumMarks > 0 else {
        throw .invalid(detail: "marks must be from 0 to \(grade.maximumMarks)")
      }
      try client.write { () throws(StoreError) in
        try lockAttempt(grade.attemptID)
        guard let attempt = try attempt(id: grade.attemptID), attempt.status == .submitted else {
          throw StoreError.invalid(detail: "attempt \(grade.attemptID) is not waiting for grading")
        }
        // Only an answer signed as waiting for a person (no marks in its event), and only once.
        let event = try client.query(
          "SELECT event FROM attempt_event WHERE answer_id = $1 AND attempt_id = $2",
          [.integer(grade.answerID), .text(grade.attemptID)]
        ).first.flatMap { Ledger.decodeEvent($0.text("event")) }
        let graded = try !client.query(
          "SELECT 1 FROM manual_grade WHERE answer_id = $1", [.integer(grade.answerID)]
        ).isEmpty
        guard let event, event.marks == nil, !graded else {
          throw StoreError.invalid(
            detail: "answer \(grade.answerID) of attempt \(grade.attemptID) is not waiting for a person")
        }
        try client.query(
          """
          INSERT INTO manual_grade(answer_id, attempt_id, marks, maximum_marks, comment, grader, graded_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          """,
          [
            .integer(grade.answerID), .text(grade.attemptID), .real(grade.marks), .real(grade.maximumMarks),
            .text(grade.comment), .text(grade.grader), .time(grade.gradedAt),
          ])
        let fraction = grade.fraction
        try client.query(
          "UPDATE answer SET fraction = $1, outcome = $2, needs_review = FALSE WHERE id = $3",
          [.real(fraction), .text(Outcome(fraction: fraction).rawValue), .integer(grade.answerID)])
        try appendAudit(
          at: grade.gradedAt, kind: AuditKind.manualGrade, payload: Ledger.manualGradePayload(grade),
          signer: organisation)
        try storeCheckpoint(at: grade.gradedAt, by: organisation)
      }
    }

    public func manualGrades(attempt: String) throws(StoreError) -> [ManualGrade] {
      try client.query(
        """
        SELECT answer_id, attempt_id, marks, maximum_marks, comment, grader, graded_at FROM manual_grade
        WHERE attempt_id = $1 ORDER BY graded_at, answer_id
        """, [.text(attempt)]
      ).map { row in
        ManualGrade(
          answerID: row.integer("answer_id"), attemptID: row.text("attempt_id"), marks: row.real("marks"),
          maximumMarks: row.real("maximum_marks"), comment: row.text("comment"), grader: row.text("grader"),
          gradedAt: row.time("graded_at"))
      }
    }

    public func finalize(
      attempt id: String, score: Double, passed: Bool, answersDigest: String, at date: Date,
      by organisation: OrganisationKey
    ) throws(StoreError) -> ExamAttempt {
      try client.write { () throws(StoreError) -> ExamAttempt in
        try lockAttempt(id)
        guard let attempt = try attempt(id: id), attempt.status == .submitted else {
          throw StoreError.invalid(detail: "attempt \(id) is not submitted")
        }
        let waitingIDs = Set(
          try client.query(
            "SELECT id FROM answer WHERE session_id = $1 AND needs_review", [.integer(attempt.sessionID)]
          ).map { $0.integer("id") })
        let waiting = Ledger.latestByItem(try attemptEvents(id)).filter { waitingIDs.contains($0.answerID) }.count
        guard waiting == 0 else { throw StoreError.invalid(detail: "attempt \(id) has \(waiting) answers to grade") }
        try client.query(
          "UPDATE exam_attempt SET status = 'final', score = $1, passed = $2, finalized_at = $3 WHERE id = $4 AND status = 'submitted'",
          [.real(score), .boolean(passed), .time(date), .text(id)])
        try appendAudit(
          at: date, kind: AuditKind.attemptFinal,
          payload: Ledger.finalPayload(attempt: id, score: score, passed: passed, answersDigest: answersDigest),
          signer: organisation)
        try storeCheckpoint(at: date, by: organisation)
        guard let final = try self.attempt(id: id) else { throw StoreError.invalid(detail: "no attempt \(id)") }
        return final
      }
    }

    public func issue(
      at date: Date, by organisation: OrganisationKey,
      _ make: (Signed<AuditCheckpoint>) throws(StoreError) -> StoredCertificate
    ) throws(StoreError) -> StoredCertificate {
      try client.write { () throws(StoreError) -> StoredCertificate in
        let checkpoint = try storeCheckpoint(at: date, by: organisation)
        let certificate = try make(checkpoint)
        try lockAttempt(certificate.attemptID)
        guard let attempt = try attempt(id: certificate.attemptID), attempt.status == .final, attempt.passed == true
        else {
          throw StoreError.invalid(detail: "attempt \(certificate.attemptID) is not a final pass")
        }
        if try !client.query("SELECT 1 FROM certificate WHERE attempt_id = $1", [.text(certificate.attemptID)]).isEmpty
        {
          throw StoreError.invalid(detail: "attempt \(certificate.attemptID) already has a certificate")
        }
        try client.query(
          """
          INSERT INTO certificate(id, learner_id, attempt_id, exam_id, issued_at, expires_at, jwt)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          """,
          [
            .text(certificate.id), .integer(certificate.learnerID), .text(certificate.attemptID),
            .text(certificate.examID), .time(certificate.issuedAt), .time(certificate.expiresAt),
            .text(certificate.jwt),
          ])
        try appendAudit(
          at: date, kind: AuditKind.certificateIssued, payload: Ledger.issuedPayload(certificate),
          signer: organisation)
        try storeCheckpoint(at: date, by: organisation)
        return certificate
      }
    }

    static let certificateColumns = "id, learner_id, attempt_id, exam_id, issued_at, expires_at, jwt, revocation"

    static func certificate(_ row: PostgresRandomAccessRow) -> StoredCertificate {
      StoredCertificate(
        id: row.text("id"), learnerID: row.integer("learner_id"), attemptID: row.text("attempt_id"),
        examID: row.text("exam_id"), issuedAt: row.time("issued_at"), expiresAt: row.time("expires_at"),
        jwt: row.text("jwt"), revocation: Ledger.decode(row.optionalText("revocation")))
    }

    public func certificates() throws(StoreError) -> [StoredCertificate] {
      try client.query("SELECT \(Self.certificateColumns) FROM certificate ORDER BY issued_at, ordinal").map(
        Self.certificate)
    }

    public func revoke(certificate id: String, reason: String, at date: Date, by organisation: OrganisationKey)
      throws(StoreError) -> StoredCertificate
    {
      try client.write { () throws(StoreError) -> StoredCertificate in
        guard
          var certificate = try client.query(
            "SELECT \(Self.certificateColumns) FROM certificate WHERE id = $1 FOR UPDATE", [.text(id)]
          ).first.map(Self.certificate)
        else { throw StoreError.invalid(detail: "no certificate \(id)") }
        guard certificate.revocation == nil else {
          throw StoreError.invalid(detail: "certificate \(id) is already revoked")
        }
        let revocation = RevocationList([.init(certificateID: id, reason: reason, revokedAt: date)]).signed(
          by: organisation)
        try client.query(
          "UPDATE certificate SET revocation = $1 WHERE id = $2", [.text(revocation.jsonText()), .text(id)])
        try appendAudit(
          at: date, kind: AuditKind.certificateRevoked, payload: Ledger.revokedPayload(id: id, revocation: revocation),
          signer: organisation)
        try storeCheckpoint(at: date, by: organisation)
        certificate.revocation = revocation
        return certificate
      }
    }

    // MARK: Maintenance

    public func backup(to destination: String) throws(StoreError) {
      throw .backupFailed(path: destination, detail: "back up the organisation database with pg_dump")
    }

    public func check() throws(StoreError) -> StoreCheck {
      let applied = Set(try client.query("SELECT name FROM schema_migration").map { $0.text("name") })
      let version = PostgresSchema.migrations.last { applied.contains($0.name) }?.name ?? "none"
      let counts = try client.query(
        """
        SELECT (SELECT COUNT(*) FROM learner) AS learners, (SELECT COUNT(*) FROM session) AS sessions,
               (SELECT COUNT(*) FROM answer) AS answers
        """
      ).first
      // The server keeps its own pages; what is checked here is the audit log's hash chain.
      var integrity: [String] = []
      var previous = AuditEntry.genesisHash
      for (index, entry) in try auditLog().enumerated() {
        if entry.sequence != index + 1 { integrity.append("audit entry \(index + 1) has sequence \(entry.sequence)") }
        if entry.previousHash != previous {
          integrity.append("audit entry \(entry.sequence) does not follow the one before")
        }
        if entry.computedHash != entry.hash { integrity.append("audit entry \(entry.sequence) was changed") }
        previous = entry.hash
      }
      return StoreCheck(
        integrity: integrity.isEmpty ? ["ok"] : integrity, schemaVersion: version,
        learners: counts?.int("learners") ?? 0,
        sessions: counts?.int("sessions") ?? 0, answers: counts?.int("answers") ?? 0)
    }
  }
#endif
