import Foundation
import GRDB

extension ProgressStore {
  /// Fills the database with synthetic learners and answers in large transactions, for
  /// benchmarks of the reports (not used by the program itself).
  public func bulkLoadForBenchmarks(
    learners: Int, answersEach: Int, start: Date = Date(timeIntervalSince1970: 1_767_225_600)
  )
    throws(StoreError)
  {
    let types = ["single", "multiple", "truefalse", "numeric", "open"]
    try write { db in
      let insert = try db.makeStatement(
        sql: """
          INSERT INTO answer(learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, raw,
                             parsed, response, fraction, outcome, duration_ms, answered_at)
          VALUES (?, NULL, ?, 'h', ?, ?, '["合规","实务"]', 'A', 'A', '{}', ?, ?, 1500, ?)
          """)
      for learner in 1...max(learners, 1) {
        try db.execute(
          sql: "INSERT INTO learner(name, display_name, created_at) VALUES (?, ?, ?)",
          arguments: ["learner-\(learner)", "学员\(learner)", start])
        let id = db.lastInsertedRowID
        for index in 0..<answersEach {
          let fraction = Double((learner * 31 + index * 17) % 5) / 4
          let outcome = fraction >= 1 ? "correct" : fraction > 0 ? "partial" : "incorrect"
          try insert.execute(arguments: [
            id, "q\(index % 250)", "lesson-\(index % 8)", types[index % types.count], fraction, outcome,
            start.addingTimeInterval(Double(index) * 60),
          ])
        }
      }
    }
  }
}
