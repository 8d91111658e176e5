#if PostgreSQL
  import Foundation
  import QuizStore

  extension PostgresStore {
    /// Copies every row of a progress database into this one, which must hold nothing yet:
    /// the same ids, the same audit log and signatures, so that everything verifies as
    /// before. Then reads everything back through the store port from both and compares; any
    /// difference rolls the whole copy back. One transaction: all or nothing.
    public func load(from source: SQLiteStore) throws(StoreError) -> [String: Int] {
      let tables = try source.transferRows()
      return try client.write { () throws(StoreError) -> [String: Int] in
        let present =
          try client.query(
            """
            SELECT (SELECT COUNT(*) FROM learner) + (SELECT COUNT(*) FROM answer) + (SELECT COUNT(*) FROM audit_entry)
              AS n
            """
          ).first?.int("n") ?? 0
        guard present == 0 else { throw StoreError.destinationExists(path: location) }
        var counts: [String: Int] = [:]
        for (table, rows) in tables {
          let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
          let placeholders = table.columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
          let sql = "INSERT INTO \(table.name) (\(columns)) VALUES (\(placeholders))"
          for row in rows {
            try client.query(
              sql,
              zip(table.columns, row).map { column, value in PostgresStore.parameter(value, column.kind) })
          }
          if let identity = table.identity {
            try client.query(
              """
              SELECT setval(pg_get_serial_sequence('\(table.name)', '\(identity)'), COALESCE(MAX(\(identity)), 1),
                            MAX(\(identity)) IS NOT NULL) FROM \(table.name)
              """)
          }
          counts[table.name] = rows.count
        }
        if let difference = try differences(from: source) {
          throw StoreError.invalid(detail: "the copy differs from the original (\(difference)); nothing was copied")
        }
        return counts
      }
    }

    /// The first thing the store port reads differently here and in `source`, if any.
    func differences(from source: SQLiteStore) throws(StoreError) -> String? {
      let learners = try source.learners()
      if !RecordComparison.same(try self.learners(), learners) { return "learners" }
      for learner in learners {
        if !RecordComparison.same(try answers(learner: learner.id), try source.answers(learner: learner.id)) {
          return "answers of \(learner.name)"
        }
        if !RecordComparison.same(try sessions(learner: learner.id), try source.sessions(learner: learner.id)) {
          return "sessions of \(learner.name)"
        }
        if !RecordComparison.same(try cards(learner: learner.id), try source.cards(learner: learner.id)) {
          return "cards of \(learner.name)"
        }
        if !RecordComparison.same(try readSections(learner: learner.id), try source.readSections(learner: learner.id)) {
          return "reading of \(learner.name)"
        }
        if !RecordComparison.same(try mistakes(learner: learner.id), try source.mistakes(learner: learner.id)) {
          return "mistakes of \(learner.name)"
        }
      }
      let attempts = try source.attempts(learner: nil)
      if !RecordComparison.same(try self.attempts(learner: nil), attempts) { return "attempts" }
      for attempt in attempts {
        if !RecordComparison.same(try attemptEvents(attempt.id), try source.attemptEvents(attempt.id)) {
          return "events of \(attempt.id)"
        }
        if !RecordComparison.same(try manualGrades(attempt: attempt.id), try source.manualGrades(attempt: attempt.id)) {
          return "grades of \(attempt.id)"
        }
      }
      if !RecordComparison.same(try certificates(), try source.certificates()) { return "certificates" }
      if !RecordComparison.same(try auditLog(), try source.auditLog()) { return "audit log" }
      if !RecordComparison.same(try checkpoints(), try source.checkpoints()) { return "checkpoints" }
      if try importedSources() != source.importedSources() { return "imported results" }
      if !RecordComparison.same(try summary(), try source.summary()) { return "summary" }
      return nil
    }
  }
#endif
