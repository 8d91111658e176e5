import Foundation
import GRDB
import Testing

@testable import QuizStore

/// A database made by the first migration, with data in it, upgrades to the current
/// schema and keeps every row.
@Suite struct MigrationTests {
  @Test func upgradingFromTheFirstMigrationKeepsEverything() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let migrator = Schema.migrator
    let first = try #require(migrator.migrations.first)
    let queue = try DatabaseQueue(path: file.path)
    try migrator.migrate(queue, upTo: first)
    try queue.write { db in
      try db.execute(
        sql: "INSERT INTO learner(name, display_name, created_at) VALUES ('zhang', '张三', '2026-01-01 08:00:00.000')")
      try db.execute(
        sql: """
          INSERT INTO session(learner_id, kind, scope, course_id, content_version, started_at, status, plan)
          VALUES (1, 'practice', 'l1', 'c', '1.0', '2026-01-01 08:00:00.000', 'active', '{}')
          """)
      try db.execute(
        sql: """
          INSERT INTO answer(learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, raw,
                             parsed, response, fraction, outcome, duration_ms, answered_at)
          VALUES (1, NULL, 'q1', 'h', 'l1', 'single', '["合规"]', 'a', 'A', '{}', 1, 'correct', 900, '2026-01-01 08:01:00.000')
          """)
      // A first and a second attempt at one question in the session: only the first counts.
      for (fraction, outcome) in [(0.0, "incorrect"), (1.0, "correct")] {
        try db.execute(
          sql: """
            INSERT INTO answer(learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, raw,
                               parsed, response, fraction, outcome, duration_ms, answered_at)
            VALUES (1, 1, 'q2', 'h', 'l1', 'single', '[]', 'b', 'B', '{}', ?, ?, 900, '2026-01-01 08:02:00.000')
            """, arguments: [fraction, outcome])
      }
    }
    try queue.close()

    let store = try file.open()
    let check = try store.check()
    #expect(check.isOK)
    #expect(check.schemaVersion == migrator.migrations.last)
    #expect(check.learners == 1 && check.answers == 3)
    #expect(try store.summary().first?.mean == 0.5, "q1 (outside a session) and q2's first attempt count")
    #expect(try store.learner(named: "zhang")?.displayName == "张三")
    let old = try #require(try store.answers(learner: 1).first)
    #expect(old.questionID == "q1" && old.shown == "" && old.canonical == "A" && old.typed == "a")
    #expect(try store.read { try migrator.hasCompletedMigrations($0) })
    // Columns added by later migrations get their defaults on old rows.
    #expect(try store.interruptedSession(learner: 1)?.reschedules == true)
    #expect(try store.cards(learner: 1).isEmpty)
  }
}
