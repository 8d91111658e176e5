import Foundation
import QuizTrust

/// Which rows of a database go into its results bundle: every answer and session, except the
/// sessions of attempts that are not final yet (they go in a later bundle, once graded); the
/// final attempts with their grants, events and grades; every certificate; the learners these
/// name; and the whole audit log. Review schedules and reading progress stay on the PC.
package enum ResultExport {
  package static func contents(
    rows: [(TransferTables.Table, [[TransferTables.Value]])], source: String, name: String, at date: Date
  ) throws(StoreError) -> ResultBundleContents {
    var byName: [String: (table: TransferTables.Table, rows: [[TransferTables.Value]])] = [:]
    for (table, tableRows) in rows { byName[table.name] = (table, tableRows) }
    func rowsOf(_ name: String) -> [[TransferTables.Value]] { byName[name]?.rows ?? [] }
    func index(_ table: String, _ column: String) -> Int {
      ResultImport.table(table).columns.firstIndex { $0.name == column }!
    }
    func text(_ value: TransferTables.Value) -> String? {
      if case .text(let text) = value { return text }
      return nil
    }

    let attempts = rowsOf("exam_attempt")
    let final = Set(
      attempts.filter { $0[index("exam_attempt", "status")] == .text("final") }.compactMap {
        text($0[index("exam_attempt", "id")])
      })
    let open = attempts.filter { !final.contains(text($0[index("exam_attempt", "id")]) ?? "") }
    let heldSessions = Set(open.map { $0[index("exam_attempt", "session_id")] })
    let sessions = rowsOf("session").filter { !heldSessions.contains($0[index("session", "id")]) }
    let answers = rowsOf("answer").filter { !heldSessions.contains($0[index("answer", "session_id")]) }
    let ofFinal: (String) -> [[TransferTables.Value]] = { table in
      rowsOf(table).filter { final.contains(text($0[index(table, "attempt_id")]) ?? "") }
    }
    let finalAttempts = attempts.filter { final.contains(text($0[index("exam_attempt", "id")]) ?? "") }
    let certificates = rowsOf("certificate")
    var named = Set<TransferTables.Value>()
    for (table, tableRows) in [
      ("session", sessions), ("answer", answers), ("exam_attempt", finalAttempts), ("certificate", certificates),
    ] {
      for row in tableRows { named.insert(row[index(table, "learner_id")]) }
    }
    let learners = rowsOf("learner").filter { named.contains($0[index("learner", "id")]) }

    let carried: [(String, [[TransferTables.Value]])] = [
      ("learner", learners), ("session", sessions), ("answer", answers),
      ("exam_attempt", finalAttempts),
      ("attempt_grant", ofFinal("attempt_grant")), ("attempt_event", ofFinal("attempt_event")),
      ("manual_grade", ofFinal("manual_grade")), ("certificate", certificates),
    ]
    let tables = carried.map { name, tableRows in
      ResultBundleContents.Table(
        name: name, columns: ResultImport.table(name).columns.map(\.name),
        rows: tableRows.map { $0.map(ResultBundleContents.Cell.init) })
    }

    let log = rowsOf("audit_entry").map { row -> AuditEntry in
      func value(_ column: String) -> TransferTables.Value { row[index("audit_entry", column)] }
      func integer(_ column: String) -> Int {
        if case .integer(let number) = value(column) { return Int(number) }
        return 0
      }
      var time = Date.distantPast
      if case .time(let date) = value("time") { time = date }
      return AuditEntry(
        sequence: integer("sequence"), time: time, kind: text(value("kind")) ?? "",
        payload: text(value("payload")) ?? "", previousHash: text(value("previous_hash")) ?? "",
        hash: text(value("hash")) ?? "",
        signature: text(value("signature")).flatMap {
          try? JSONDecoder().decode(AuditEntry.EntrySignature.self, from: Data($0.utf8))
        })
    }
    let checkpoints = rowsOf("audit_checkpoint").compactMap { row -> Signed<AuditCheckpoint>? in
      Ledger.decode(text(row[index("audit_checkpoint", "signed")]))
    }
    let grants = rowsOf("attempt_grant").compactMap { row -> Signed<AttemptGrant>? in
      Ledger.decode(text(row[index("attempt_grant", "grant")]))
    }
    return ResultBundleContents(
      source: source, name: name, exportedAt: date, tables: tables, log: log, checkpoints: checkpoints,
      grants: grants, notFinal: open.compactMap { text($0[index("exam_attempt", "id")]) }.sorted())
  }
}
