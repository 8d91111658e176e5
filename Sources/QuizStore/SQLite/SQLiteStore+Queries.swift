import Foundation
import GRDB
import QuizCore

extension SQLiteStore {
  /// The condition that an answer (`alias`) may be used by progress views: it is not part of a
  /// certification attempt that is still waiting to be sealed (kept out of scores, mastery and
  /// the notebook until a manager has graded it).
  static func visible(_ alias: String) -> String {
    "(\(alias).session_id IS NULL OR \(alias).session_id NOT IN (SELECT session_id FROM exam_attempt WHERE status <> 'final'))"
  }

  public func lessonMastery(learner: Int64) throws(StoreError) -> [LessonMastery] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          WITH per_question AS (
            SELECT question_id, MAX(fraction) AS best, MAX(id) AS last_id
            FROM answer WHERE learner_id = ? AND needs_review = 0 AND \(Self.visible("answer")) GROUP BY question_id
          )
          SELECT a.lesson_id, COUNT(*) AS answered, SUM(a.fraction) AS latest, SUM(p.best) AS best
          FROM per_question p JOIN answer a ON a.id = p.last_id
          GROUP BY a.lesson_id ORDER BY a.lesson_id
          """, arguments: [learner])
      return rows.map {
        LessonMastery(lessonID: $0["lesson_id"], answered: $0["answered"], latestSum: $0["latest"], bestSum: $0["best"])
      }
    }
  }

  public func accuracyByType(learner: Int64) throws(StoreError) -> [Accuracy] {
    try accuracy(learner: learner, keySQL: "question_type", from: "answer")
  }

  public func accuracyByTag(learner: Int64) throws(StoreError) -> [Accuracy] {
    try accuracy(learner: learner, keySQL: "tag.value", from: "answer, json_each(answer.tags) AS tag")
  }

  private func accuracy(learner: Int64, keySQL: String, from: String) throws(StoreError) -> [Accuracy] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          WITH graded AS (
            SELECT \(keySQL) AS key, fraction,
                   ROW_NUMBER() OVER (PARTITION BY \(keySQL) ORDER BY answer.id DESC) AS recency,
                   COUNT(*) OVER (PARTITION BY \(keySQL)) AS total
            FROM \(from) WHERE answer.learner_id = ? AND answer.counts AND NOT answer.needs_review
              AND \(Self.visible("answer"))
          )
          SELECT key, COUNT(*) AS answers, AVG(fraction) AS mean,
                 AVG(CASE WHEN recency <= total / 2 THEN fraction END) AS recent
          FROM graded GROUP BY key ORDER BY key
          """, arguments: [learner])
      return rows.map { row in
        let answers: Int = row["answers"]
        return Accuracy(
          key: row["key"], answers: answers, mean: row["mean"], recentMean: answers >= 4 ? row["recent"] : nil)
      }
    }
  }

  public func mistakes(learner: Int64) throws(StoreError) -> [Mistake] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          WITH last_wrong AS (
            SELECT question_id, MAX(id) AS id FROM answer
            WHERE learner_id = ? AND outcome <> 'correct' AND needs_review = 0 AND \(Self.visible("answer"))
            GROUP BY question_id
          ),
          attempts AS (
            SELECT question_id, COUNT(*) AS n FROM answer WHERE learner_id = ? AND \(Self.visible("answer"))
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
          """, arguments: [learner, learner])
      return rows.map {
        Mistake(
          questionID: $0["question_id"], lessonID: $0["lesson_id"], fraction: $0["fraction"],
          answeredAt: $0["answered_at"], attempts: $0["attempts"])
      }
    }
  }

  public func readSections(learner: Int64) throws(StoreError) -> [String: Set<String>] {
    try read { db in
      var sections: [String: Set<String>] = [:]
      for row in try Row.fetchAll(
        db, sql: "SELECT lesson_id, section FROM lesson_read WHERE learner_id = ? AND section <> ''",
        arguments: [learner])
      {
        sections[row["lesson_id"], default: []].insert(row["section"])
      }
      return sections
    }
  }

  public func abandonInterrupted(learner: Int64, at date: Date) throws(StoreError) -> Int {
    try write { db in
      try db.execute(
        sql: """
          UPDATE session SET status = 'abandoned', ended_at = ?
          WHERE learner_id = ? AND status = 'active'
            AND id NOT IN (SELECT session_id FROM exam_attempt WHERE status = 'running')
          """,
        arguments: [date, learner])
      return db.changesCount
    }
  }

  public func studyDays(learner: Int64, calendar: Calendar) throws(StoreError) -> Set<Date> {
    let dates: [Date] = try read { db in
      try Date.fetchAll(
        db,
        sql: """
          SELECT answered_at FROM answer WHERE learner_id = ?
          UNION ALL SELECT last_read_at FROM lesson_read WHERE learner_id = ?
          """, arguments: [learner, learner])
    }
    return Set(dates.map { calendar.startOfDay(for: $0) })
  }

  public func summary() throws(StoreError) -> [LearnerSummary] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT l.id, l.name, COUNT(a.id) AS answers, COUNT(DISTINCT a.question_id) AS questions,
                 COALESCE(AVG(CASE WHEN a.counts AND NOT a.needs_review AND \(Self.visible("a")) THEN a.fraction END), 0)
                   AS mean,
                 MAX(a.answered_at) AS last
          FROM learner l LEFT JOIN answer a ON a.learner_id = l.id
          GROUP BY l.id, l.name ORDER BY l.name
          """)
      return rows.map {
        LearnerSummary(
          learnerID: $0["id"], name: $0["name"], answers: $0["answers"], questions: $0["questions"], mean: $0["mean"],
          lastAnsweredAt: $0["last"])
      }
    }
  }

  public func dueCounts(learner: Int64, now: Date, endOfDay: Date) throws(StoreError) -> DueCounts {
    try read { db in
      let week = now.addingTimeInterval(7 * 86_400)
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT COALESCE(SUM(due <= ?), 0) AS now, COALESCE(SUM(due <= ?), 0) AS today,
                 COALESCE(SUM(due <= ?), 0) AS week
          FROM card WHERE learner_id = ?
          """, arguments: [now, endOfDay, week, learner])
      return DueCounts(now: row?["now"] ?? 0, today: row?["today"] ?? 0, week: row?["week"] ?? 0)
    }
  }

  public func reviewsDone(learner: Int64, since start: Date) throws(StoreError) -> (all: Int, new: Int) {
    try read { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) AS all_answers,
                 COALESCE(SUM(NOT EXISTS (SELECT 1 FROM answer b WHERE b.learner_id = a.learner_id
                                 AND b.question_id = a.question_id AND b.id < a.id)), 0) AS first_answers
          FROM answer a JOIN session s ON s.id = a.session_id
          WHERE a.learner_id = ? AND s.kind = 'review' AND a.answered_at >= ?
          """, arguments: [learner, start])
      return (row?["all_answers"] ?? 0, row?["first_answers"] ?? 0)
    }
  }

  // MARK: Maintenance

  public func backup(to destination: String) throws(StoreError) {
    if FileManager.default.fileExists(atPath: destination) { throw .destinationExists(path: destination) }
    // Written under a temporary name and renamed when complete: a failed backup leaves nothing.
    let temporary = destination + ".partial-\(getpid())"
    do {
      let target = try DatabaseQueue(path: temporary)
      try database.backup(to: target)
      try target.close()
      guard rename(temporary, destination) == 0 else {
        throw StoreError.backupFailed(path: destination, detail: String(cString: strerror(errno)))
      }
    } catch {
      for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
      if let error = error as? StoreError { throw error }
      let detail = (error as? DatabaseError)?.message ?? "\(error)"
      throw .backupFailed(path: destination, detail: detail)
    }
  }

  public func check() throws(StoreError) -> StoreCheck {
    try read { db in
      StoreCheck(
        integrity: try String.fetchAll(db, sql: "PRAGMA integrity_check"),
        schemaVersion: try Schema.migrator.appliedMigrations(db).last ?? "none",
        learners: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM learner") ?? 0,
        sessions: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session") ?? 0,
        answers: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer") ?? 0)
    }
  }

  /// Fills the database with synthetic learners and answers in large transactions, for
  /// benchmarks of the reports (not used by the program itself). With `questions` (id, lesson,
  /// type) the answers are to those questions, and with `sessionSize` they come in finished
  /// practice sessions of that many answers (so that item analysis has attempts).
  public func bulkLoadForBenchmarks(
    learners: Int, answersEach: Int, questions: [(id: String, lesson: String, type: String)] = [],
    sessionSize: Int = 0, start: Date = Date(timeIntervalSince1970: 1_767_225_600)
  ) throws(StoreError) {
    let types = ["single", "multiple", "truefalse", "numeric", "open"]
    let bank =
      questions.isEmpty
      ? (0..<250).map { (id: "q\($0)", lesson: "lesson-\($0 % 8)", type: types[$0 % types.count]) } : questions
    try write { db in
      let insert = try db.makeStatement(
        sql: """
          INSERT INTO answer(learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, raw,
                             parsed, response, fraction, outcome, duration_ms, answered_at)
          VALUES (?, ?, ?, 'h', ?, ?, '["合规","实务"]', 'A', 'A', '{}', ?, ?, 1500, ?)
          """)
      for learner in 1...max(learners, 1) {
        try db.execute(
          sql: "INSERT INTO learner(name, display_name, created_at) VALUES (?, ?, ?)",
          arguments: ["learner-\(learner)", "学员\(learner)", start])
        let id = db.lastInsertedRowID
        var session: Int64?
        for index in 0..<answersEach {
          let answeredAt = start.addingTimeInterval(Double(index) * 60)
          if sessionSize > 0 && index % sessionSize == 0 {
            let queue = (index..<min(index + sessionSize, answersEach)).map { bank[$0 % bank.count].id }
            try db.execute(
              sql: """
                INSERT INTO session(learner_id, kind, scope, course_id, content_version, started_at, ended_at, status, plan)
                VALUES (?, 'practice', 'all', 'bench', '1', ?, ?, 'finished', ?)
                """,
              arguments: [
                id, answeredAt, answeredAt.addingTimeInterval(Double(sessionSize) * 60),
                SessionPlan(queue: queue, seed: 1).encoded(),
              ])
            session = db.lastInsertedRowID
          }
          let question = bank[index % bank.count]
          let fraction = Double((learner * 31 + index * 17) % 5) / 4
          try insert.execute(arguments: [
            id, session, question.id, question.lesson, question.type, fraction, Outcome(fraction: fraction).rawValue,
            answeredAt,
          ])
        }
      }
    }
  }
}
