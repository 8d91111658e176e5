import Foundation
import GRDB

/// Per-lesson mastery: over the questions answered, the latest and the best fraction.
public struct LessonMastery: Sendable, Hashable {
  public var lessonID: String
  /// Distinct questions answered at least once.
  public var answered: Int
  /// Sum over those questions of the latest fraction.
  public var latestSum: Double
  /// Sum over those questions of the best fraction.
  public var bestSum: Double

  /// Mastery over a lesson of `total` questions: the latest fractions, unanswered counting 0.
  /// (Questions since removed from the course can make the sum exceed the total; it is capped.)
  public func latest(of total: Int) -> Double { total > 0 ? min(1, latestSum / Double(total)) : 0 }
  /// The same with the best fraction of each question.
  public func best(of total: Int) -> Double { total > 0 ? min(1, bestSum / Double(total)) : 0 }
}

/// Accuracy over a group of answers (a type, a tag, a session).
public struct Accuracy: Sendable, Hashable {
  public var key: String
  public var answers: Int
  /// Mean fraction.
  public var mean: Double
  /// Mean fraction of the most recent half (for a trend), when there are at least 4 answers.
  public var recentMean: Double?
}

/// A question whose latest answer was not fully correct (错题本).
public struct Mistake: Sendable, Hashable {
  public var questionID: String
  public var lessonID: String
  public var fraction: Double
  public var answeredAt: Date
  /// How many times the question has been answered.
  public var attempts: Int
}

/// One session in a learner's history.
public struct SessionSummary: Sendable, Hashable {
  public var session: StudySession
  public var answers: Int
  public var mean: Double
}

/// One learner in a manager's summary.
public struct LearnerSummary: Sendable, Hashable {
  public var learnerID: Int64
  public var name: String
  public var answers: Int
  public var questions: Int
  public var mean: Double
  public var lastAnsweredAt: Date?
}

/// What `admin check` reports.
public struct StoreCheck: Sendable, Hashable {
  public var integrity: [String]
  public var schemaVersion: String
  public var learners: Int
  public var sessions: Int
  public var answers: Int
  public var isOK: Bool { integrity == ["ok"] }
}

extension ProgressStore {
  /// Mastery of every lesson the learner has answered questions in.
  public func lessonMastery(learner: Int64) throws(StoreError) -> [LessonMastery] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          WITH per_question AS (
            SELECT lesson_id, question_id, MAX(fraction) AS best, MAX(id) AS last_id
            FROM answer WHERE learner_id = ? GROUP BY question_id
          )
          SELECT p.lesson_id, COUNT(*) AS answered, SUM(a.fraction) AS latest, SUM(p.best) AS best
          FROM per_question p JOIN answer a ON a.id = p.last_id
          GROUP BY p.lesson_id
          """, arguments: [learner])
      return rows.map {
        LessonMastery(lessonID: $0["lesson_id"], answered: $0["answered"], latestSum: $0["latest"], bestSum: $0["best"])
      }
    }
  }

  /// Accuracy by question type, with the trend of the recent half.
  public func accuracyByType(learner: Int64) throws(StoreError) -> [Accuracy] {
    try accuracy(learner: learner, keySQL: "question_type", from: "answer")
  }

  /// Accuracy by tag (an answer counts once for each of its question's tags).
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
            FROM \(from) WHERE answer.learner_id = ?
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

  /// The wrong-answer notebook: questions whose latest answer was not fully correct, most recent first.
  public func mistakes(learner: Int64) throws(StoreError) -> [Mistake] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          WITH per_question AS (
            SELECT question_id, MAX(id) AS last_id, COUNT(*) AS attempts
            FROM answer WHERE learner_id = ? GROUP BY question_id
          )
          SELECT a.question_id, a.lesson_id, a.fraction, a.answered_at, p.attempts
          FROM per_question p JOIN answer a ON a.id = p.last_id
          WHERE a.fraction < 0.999999
          ORDER BY a.id DESC
          """, arguments: [learner])
      return rows.map {
        Mistake(
          questionID: $0["question_id"], lessonID: $0["lesson_id"], fraction: $0["fraction"],
          answeredAt: $0["answered_at"], attempts: $0["attempts"])
      }
    }
  }

  /// The learner's sessions, newest first, with their answer counts and mean scores.
  public func history(learner: Int64, limit: Int = 20) throws(StoreError) -> [SessionSummary] {
    try read { db in
      let sessions = try StudySession.filter(Column("learner_id") == learner).order(Column("id").desc).limit(limit)
        .fetchAll(db)
      return try sessions.map { session in
        let row = try Row.fetchOne(
          db, sql: "SELECT COUNT(*) AS n, COALESCE(AVG(fraction), 0) AS mean FROM answer WHERE session_id = ?",
          arguments: [session.id])
        return SessionSummary(session: session, answers: row?["n"] ?? 0, mean: row?["mean"] ?? 0)
      }
    }
  }

  /// Days studied in a row (answering or reading), counting back from today, or from
  /// yesterday when nothing has been studied yet today.
  public func streak(learner: Int64, now: Date, calendar: Calendar) throws(StoreError) -> Int {
    let dates: [Date] = try read { db in
      try Date.fetchAll(
        db,
        sql: """
          SELECT answered_at FROM answer WHERE learner_id = ?
          UNION ALL SELECT last_read_at FROM lesson_read WHERE learner_id = ?
          """, arguments: [learner, learner])
    }
    let days = Set(dates.map { calendar.startOfDay(for: $0) })
    var day = calendar.startOfDay(for: now)
    if !days.contains(day) { day = calendar.date(byAdding: .day, value: -1, to: day)! }
    var count = 0
    while days.contains(day) {
      count += 1
      day = calendar.date(byAdding: .day, value: -1, to: day)!
    }
    return count
  }

  /// One line per learner: answers, distinct questions, mean score, last activity.
  public func summary() throws(StoreError) -> [LearnerSummary] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT l.id, l.name, COUNT(a.id) AS answers, COUNT(DISTINCT a.question_id) AS questions,
                 COALESCE(AVG(a.fraction), 0) AS mean, MAX(a.answered_at) AS last
          FROM learner l LEFT JOIN answer a ON a.learner_id = l.id
          GROUP BY l.id ORDER BY l.name
          """)
      return rows.map {
        LearnerSummary(
          learnerID: $0["id"], name: $0["name"], answers: $0["answers"], questions: $0["questions"], mean: $0["mean"],
          lastAnsweredAt: $0["last"])
      }
    }
  }

  // MARK: Maintenance

  /// Copies the whole database, consistently, to a new file (SQLite online backup).
  public func backup(to destination: String) throws(StoreError) {
    if FileManager.default.fileExists(atPath: destination) {
      throw .io(path: destination, detail: "the file already exists; choose a new name")
    }
    do {
      let target = try DatabaseQueue(path: destination)
      try database.backup(to: target)
      try target.close()
    } catch {
      throw Self.storeError(error, path: destination)
    }
  }

  /// Integrity check, schema version and row counts.
  public func check() throws(StoreError) -> StoreCheck {
    try read { db in
      StoreCheck(
        integrity: try String.fetchAll(db, sql: "PRAGMA integrity_check"),
        schemaVersion: try Schema.migrator.appliedMigrations(db).last ?? "none",
        learners: try Learner.fetchCount(db),
        sessions: try StudySession.fetchCount(db),
        answers: try AnswerRecord.fetchCount(db))
    }
  }
}
