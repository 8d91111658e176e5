import GRDB

/// The database schema, as migrations. A shipped migration is never edited: changes are
/// new migrations appended here.
enum Schema {
  /// The name of the newest migration (what `check` reports as the schema version).
  static var latestVersion: String { migrator.migrations.last ?? "none" }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: learners, sessions, answers, reading") { db in
      try db.create(table: "learner") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("name", .text).notNull().unique(onConflict: .abort)
        t.column("display_name", .text).notNull()
        t.column("created_at", .datetime).notNull()
      }
      try db.create(table: "setting") { t in
        t.primaryKey("key", .text)
        t.column("value", .text).notNull()
      }
      try db.create(table: "session") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("learner_id", .integer).notNull().indexed().references("learner", onDelete: .cascade)
        t.column("kind", .text).notNull().check { ["practice", "review", "exam"].contains($0) }
        t.column("scope", .text).notNull()
        t.column("course_id", .text).notNull()
        t.column("content_version", .text).notNull()
        t.column("started_at", .datetime).notNull()
        t.column("ended_at", .datetime)
        t.column("status", .text).notNull().check { ["active", "finished", "abandoned"].contains($0) }
        t.column("plan", .text).notNull()
      }
      try db.create(table: "answer") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("learner_id", .integer).notNull().indexed().references("learner", onDelete: .cascade)
        t.column("session_id", .integer).indexed().references("session", onDelete: .setNull)
        t.column("question_id", .text).notNull()
        t.column("question_hash", .text).notNull()
        t.column("lesson_id", .text).notNull()
        t.column("question_type", .text).notNull()
        t.column("tags", .text).notNull()
        t.column("raw", .text).notNull()
        t.column("parsed", .text).notNull()
        t.column("response", .text).notNull()
        t.column("fraction", .double).notNull()
        t.column("outcome", .text).notNull()
        t.column("duration_ms", .integer).notNull()
        t.column("answered_at", .datetime).notNull()
      }
      try db.create(index: "answer_by_learner_question", on: "answer", columns: ["learner_id", "question_id"])
      try db.create(table: "lesson_read") { t in
        t.column("learner_id", .integer).notNull().indexed().references("learner", onDelete: .cascade)
        t.column("lesson_id", .text).notNull()
        t.column("section", .text).notNull()
        t.column("first_read_at", .datetime).notNull()
        t.column("last_read_at", .datetime).notNull()
        t.primaryKey(["learner_id", "lesson_id", "section"])
      }
    }
    migrator.registerMigration("v2: review cards") { db in
      try db.create(table: "card") { t in
        t.column("learner_id", .integer).notNull().references("learner", onDelete: .cascade)
        t.column("question_id", .text).notNull()
        t.column("lesson_id", .text).notNull()
        t.column("state", .text).notNull().check { ["learning", "review", "relearning"].contains($0) }
        t.column("step", .integer)
        t.column("stability", .double)
        t.column("difficulty", .double)
        t.column("due", .datetime).notNull()
        t.column("last_review", .datetime)
        t.column("reviews", .integer).notNull().defaults(to: 0)
        t.column("lapses", .integer).notNull().defaults(to: 0)
        t.primaryKey(["learner_id", "question_id"])
      }
      try db.create(index: "card_by_due", on: "card", columns: ["learner_id", "due"])
      try db.alter(table: "session") { t in
        t.add(column: "reschedules", .boolean).notNull().defaults(to: true)
      }
    }
    migrator.registerMigration("v3: answers keep the letters shown") { db in
      try db.alter(table: "answer") { t in
        t.add(column: "shown", .text).notNull().defaults(to: "")
      }
    }
    migrator.registerMigration("v4: answers a person must review, answers that count") { db in
      try db.alter(table: "answer") { t in
        t.add(column: "needs_review", .boolean).notNull().defaults(to: false)
        // Whether the answer is the one that counts for scores: the first to a question in
        // its session (the latest in an exam); each answer outside a session. Kept as each
        // answer is written, so that every mean is a plain scan.
        t.add(column: "counts", .boolean).notNull().defaults(to: true)
      }
      try db.execute(
        sql: """
          UPDATE answer SET counts = (id IN (
            SELECT CASE WHEN s.kind = 'exam' THEN MAX(a.id) ELSE MIN(a.id) END
            FROM answer a LEFT JOIN session s ON s.id = a.session_id
            GROUP BY a.learner_id, COALESCE(a.session_id, -a.id), a.question_id))
          """)
      try db.create(index: "answer_by_session_question", on: "answer", columns: ["session_id", "question_id"])
    }
    migrator.registerMigration("v5: certification attempts, audit log, certificates") { db in
      try db.create(table: "exam_attempt") { t in
        t.primaryKey("id", .text)
        t.column("learner_id", .integer).notNull().indexed().references("learner", onDelete: .restrict)
        t.column("session_id", .integer).notNull().unique().references("session", onDelete: .restrict)
        t.column("exam_id", .text).notNull()
        t.column("exam_title", .text).notNull()
        t.column("content_hash", .text).notNull()
        t.column("pass_mark", .double).notNull()
        t.column("proctored", .boolean).notNull()
        t.column("started_at", .datetime).notNull()
        t.column("deadline", .datetime).notNull()
        t.column("queue", .text).notNull()
        t.column("status", .text).notNull().check { ["running", "submitted", "final"].contains($0) }
        t.column("submitted_at", .datetime)
        t.column("submission", .text)
        t.column("score", .double)
        t.column("passed", .boolean)
        t.column("finalized_at", .datetime)
      }
      try db.create(table: "attempt_grant") { t in
        t.column("attempt_id", .text).notNull().references("exam_attempt", onDelete: .restrict)
        t.column("position", .integer).notNull()
        t.column("grant", .text).notNull()
        t.primaryKey(["attempt_id", "position"])
      }
      try db.create(table: "attempt_event") { t in
        t.column("attempt_id", .text).notNull().references("exam_attempt", onDelete: .restrict)
        t.column("sequence", .integer).notNull()
        t.column("answer_id", .integer).notNull().unique().references("answer", onDelete: .restrict)
        t.column("event", .text).notNull()
        t.column("signed", .text)
        t.primaryKey(["attempt_id", "sequence"])
      }
      try db.create(table: "manual_grade") { t in
        t.primaryKey("answer_id", .integer).references("answer", onDelete: .restrict)
        t.column("attempt_id", .text).notNull().indexed().references("exam_attempt", onDelete: .restrict)
        t.column("marks", .double).notNull()
        t.column("maximum_marks", .double).notNull()
        t.column("comment", .text).notNull()
        t.column("grader", .text).notNull()
        t.column("graded_at", .datetime).notNull()
      }
      try db.create(table: "audit_entry") { t in
        t.primaryKey("sequence", .integer)
        t.column("time", .datetime).notNull()
        t.column("kind", .text).notNull()
        t.column("payload", .text).notNull()
        t.column("previous_hash", .text).notNull()
        t.column("hash", .text).notNull()
        t.column("signature", .text)
      }
      try db.create(table: "audit_checkpoint") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("signed", .text).notNull()
      }
      try db.create(table: "certificate") { t in
        t.primaryKey("id", .text)
        t.column("learner_id", .integer).notNull().indexed().references("learner", onDelete: .restrict)
        t.column("attempt_id", .text).notNull().unique().references("exam_attempt", onDelete: .restrict)
        t.column("exam_id", .text).notNull()
        t.column("issued_at", .datetime).notNull()
        t.column("expires_at", .datetime).notNull()
        t.column("jwt", .text).notNull()
        t.column("revocation", .text)
      }
    }
    migrator.registerMigration("v6: results imported from other databases") { db in
      try db.create(table: "imported_source") { t in
        t.primaryKey("source", .text)
        t.column("name", .text).notNull()
        t.column("imported_at", .datetime).notNull()
        t.column("record", .text).notNull()
      }
    }
    return migrator
  }
}
