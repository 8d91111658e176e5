import Foundation
import QuizTrust

/// What this database keeps of another database whose results bundles it imported: that
/// PC's audit log, checkpoints and attempt grants as of the last import (so that its attempts
/// and certificates verify here against their own log), the ids its rows were given here, and
/// which attempts and certificates came from it.
public struct ImportedSource: Codable, Sendable, Hashable {
  public var source: String
  public var name: String
  public var importedAt: Date
  /// When the latest bundle imported was exported.
  public var exportedAt: Date
  public var log: [AuditEntry]
  public var checkpoints: [Signed<AuditCheckpoint>]
  public var grants: [Signed<AttemptGrant>]
  /// The PC's learner, session and answer ids (as text) and the ids they have here.
  public var learners: [String: Int64]
  public var sessions: [String: Int64]
  public var answers: [String: Int64]
  public var attempts: [String]
  public var certificates: [String]

  public init(source: String, name: String, importedAt: Date) {
    self.source = source
    self.name = name
    self.importedAt = importedAt
    exportedAt = .distantPast
    log = []
    checkpoints = []
    grants = []
    learners = [:]
    sessions = [:]
    answers = [:]
    attempts = []
    certificates = []
  }

  /// `sha256:` of the id maps (sorted), which each `results.imported` entry pins: a map
  /// changed afterwards would otherwise move an imported row to another learner unseen.
  public var idsDigest: String {
    let maps: [(String, [String: Int64])] = [("answers", answers), ("learners", learners), ("sessions", sessions)]
    let text = maps.map { name, map in
      name + ":" + map.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }.joined(separator: ";")
    return Digest.sha256(text)
  }

  /// The record as stored (JSON, sorted keys).
  package func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }

  package static func decoded(_ text: String) throws(StoreError) -> ImportedSource {
    do {
      return try JSONDecoder().decode(ImportedSource.self, from: Data(text.utf8))
    } catch {
      throw .invalid(detail: "the record of imported results is unreadable (\(error))")
    }
  }
}

/// What one import added or changed.
public struct ImportSummary: Sendable, Hashable {
  public var source: String
  public var name: String
  /// Learners created here, by name; the others were matched by name.
  public var learnersCreated: [String] = []
  public var learnersMatched = 0
  public var sessions = 0
  public var sessionsUpdated = 0
  public var answers = 0
  public var attempts = 0
  public var certificates = 0
  public var revocations = 0
  /// New entries of the PC's audit log.
  public var entries = 0
  /// Attempts the PC still has open (not in the bundle).
  public var notFinal: [String] = []

  /// Whether the bundle brought nothing new (it, or a later one, was imported before).
  public var isUnchanged: Bool {
    learnersCreated.isEmpty && sessions == 0 && sessionsUpdated == 0 && answers == 0 && attempts == 0
      && certificates == 0 && revocations == 0 && entries == 0
  }
}

/// A store that takes results bundles in (`admin import-results`).
public protocol ResultImporting: ProgressStore {
  /// Imports a bundle read by `ResultBundle.read`, in one transaction: rows new to this
  /// database are added with ids of its own, rows imported before are left as they are (a
  /// session that has ended since, a certificate revoked since, are brought up to date), and
  /// an entry signed by `organisation` records what came in. Importing the same bundle again
  /// changes nothing.
  func importResults(_ bundle: ResultBundle, at date: Date, by organisation: OrganisationKey)
    throws(StoreError) -> ImportSummary
}

/// The few things an import does inside a store's transaction; `ResultImport` does the rest
/// the same way for every store.
package protocol ResultImportTransaction {
  /// The id this database gives its own bundles, if it ever exported one.
  func ownSource() throws(StoreError) -> String?
  func importedSource(_ source: String) throws(StoreError) -> ImportedSource?
  /// Writes the record of a source (replacing the one before).
  func save(_ source: ImportedSource, isNew: Bool) throws(StoreError)
  func learnerID(named name: String) throws(StoreError) -> Int64?
  /// Inserts a row; with `assigning`, its identity column is left to the database and the
  /// value it gave is returned.
  func insert(_ table: TransferTables.Table, _ row: [TransferTables.Value], assigning: Bool) throws(StoreError)
    -> Int64?
  /// The row of `table` whose `column` is `value`, if there is one.
  func row(_ table: TransferTables.Table, where column: String, is value: TransferTables.Value) throws(StoreError)
    -> [TransferTables.Value]?
  /// Sets columns of the row whose `column` is `value`.
  func update(
    _ table: TransferTables.Table, set: [(String, TransferTables.Value)], where column: String,
    is value: TransferTables.Value) throws(StoreError)
  func appendAudit(at date: Date, kind: String, payload: [String: CanonicalJSON], signer: (any Signer)?)
    throws(StoreError)
}

/// How a results bundle is imported, the same for every store.
package enum ResultImport {
  /// The tables a bundle carries, in the order their references need.
  package static let tableNames = [
    "learner", "session", "answer", "exam_attempt", "attempt_grant", "attempt_event", "manual_grade", "certificate",
  ]

  package static func table(_ name: String) -> TransferTables.Table {
    TransferTables.tables.first { $0.name == name }!
  }

  /// A bundle's rows as values, table by table, checked against the columns this version has.
  package static func rows(of contents: ResultBundleContents) throws(StoreError) -> [String: [[TransferTables.Value]]] {
    var result: [String: [[TransferTables.Value]]] = [:]
    for written in contents.tables {
      guard tableNames.contains(written.name), result[written.name] == nil else {
        throw .bundle(.malformed(detail: "it has a table \(written.name) a bundle does not carry"))
      }
      let table = table(written.name)
      guard written.columns == table.columns.map(\.name) else {
        throw .bundle(
          .malformed(
            detail: "its table \(written.name) has the columns \(written.columns.joined(separator: ", ")), "
              + "not the ones this version keeps"))
      }
      var rows: [[TransferTables.Value]] = []
      for (number, cells) in written.rows.enumerated() {
        guard cells.count == table.columns.count else {
          throw .bundle(.malformed(detail: "row \(number + 1) of \(written.name) has \(cells.count) values"))
        }
        var row: [TransferTables.Value] = []
        for (cell, column) in zip(cells, table.columns) {
          guard let value = cell.value(column.kind) else {
            throw .bundle(
              .malformed(detail: "row \(number + 1) of \(written.name): \(column.name) is not a \(column.kind)"))
          }
          row.append(value)
        }
        rows.append(row)
      }
      result[written.name] = rows
    }
    return result
  }

  /// Imports `bundle` through `transaction` (see `ResultImporting.importResults`).
  package static func apply(
    _ bundle: ResultBundle, at date: Date, by organisation: OrganisationKey,
    into transaction: some ResultImportTransaction
  ) throws(StoreError) -> ImportSummary {
    let contents = bundle.contents
    guard try transaction.ownSource() != contents.source else { throw .bundle(.ownResults) }
    let tables = try rows(of: contents)
    let previous = try transaction.importedSource(contents.source)
    var record = previous ?? ImportedSource(source: contents.source, name: contents.name, importedAt: date)
    var summary = ImportSummary(source: contents.source, name: contents.name, notFinal: contents.notFinal)

    // The PC's log must verify, and continue the one imported from it before.
    let verdict = AuditVerifier(
      organisation: organisation.publicKey, policy: AuditKind.policy, attemptCertificates: contents.grants
    ).verify(contents.log, checkpoints: contents.checkpoints)
    if let failure = verdict.failure { throw .bundle(.brokenLog(detail: failure.description)) }
    if let previous {
      guard zip(previous.log, contents.log).allSatisfy({ $0.hash == $1.hash }) else {
        throw .bundle(.diverges(name: previous.name))
      }
      // Less of the log than came in before: an older bundle of the same PC (everything in it
      // came with the later one), unless it was exported later, when the PC's database went
      // back (restored from a backup) and what it signed since is lost there. The log, not the
      // PC's clock, orders bundles otherwise.
      if contents.log.count < previous.log.count {
        guard contents.exportedAt <= previous.exportedAt else { throw .bundle(.diverges(name: previous.name)) }
        return summary
      }
    }
    summary.entries = contents.log.count - (previous?.log.count ?? 0)

    func column(_ table: String, _ name: String) -> Int {
      Self.table(table).columns.firstIndex { $0.name == name }!
    }
    func mapped(_ value: TransferTables.Value, _ map: [String: Int64], _ what: String) throws(StoreError)
      -> TransferTables.Value
    {
      guard case .integer(let local) = value else {
        if value == .null { return .null }
        throw .bundle(.malformed(detail: "a \(what) id is not a number"))
      }
      guard let here = map[String(local)] else {
        throw .bundle(.malformed(detail: "it refers to \(what) \(local), which it does not carry"))
      }
      return .integer(here)
    }
    func local(_ row: [TransferTables.Value], _ table: String, _ name: String) throws(StoreError) -> String {
      switch row[column(table, name)] {
      case .integer(let number): return String(number)
      case .text(let text): return text
      default: throw .bundle(.malformed(detail: "a row of \(table) has no \(name)"))
      }
    }

    // Learners: matched by name, else created.
    for row in tables["learner"] ?? [] {
      let id = try local(row, "learner", "id")
      guard record.learners[id] == nil else { continue }
      guard case .text(let name) = row[column("learner", "name")] else {
        throw .bundle(.malformed(detail: "learner \(id) has no name"))
      }
      if let here = try transaction.learnerID(named: name) {
        record.learners[id] = here
        summary.learnersMatched += 1
        continue
      }
      guard let here = try transaction.insert(table("learner"), row, assigning: true) else {
        throw .invalid(detail: "learner \(name) was not given an id")
      }
      try transaction.appendAudit(
        at: date, kind: AuditKind.learnerCreated, payload: ["learner": .integer(here), "name": .string(name)],
        signer: nil)
      record.learners[id] = here
      summary.learnersCreated.append(name)
    }

    // Sessions: new ones added; those imported before brought up to date (ended since).
    let sessionTable = table("session")
    for var row in tables["session"] ?? [] {
      let id = try local(row, "session", "id")
      row[column("session", "learner_id")] = try mapped(
        row[column("session", "learner_id")], record.learners, "learner")
      if let here = record.sessions[id] {
        let status = column("session", "status")
        let ended = column("session", "ended_at")
        let plan = column("session", "plan")
        guard let current = try transaction.row(sessionTable, where: "id", is: .integer(here)) else { continue }
        // Only forward: a session still open here takes what the PC has since (its end, its
        // plan); one that ended here never opens again from an older bundle.
        guard current[status] == .text("active") else { continue }
        // To the precision the stores keep (times to the millisecond).
        if !RecordComparison.same(
          [current[status], current[ended], current[plan]], [row[status], row[ended], row[plan]])
        {
          try transaction.update(
            sessionTable, set: [("status", row[status]), ("ended_at", row[ended]), ("plan", row[plan])],
            where: "id", is: .integer(here))
          summary.sessionsUpdated += 1
        }
        continue
      }
      guard let here = try transaction.insert(sessionTable, row, assigning: true) else {
        throw .invalid(detail: "a session was not given an id")
      }
      record.sessions[id] = here
      summary.sessions += 1
    }

    // Answers never change once written: each is added once.
    for var row in tables["answer"] ?? [] {
      let id = try local(row, "answer", "id")
      guard record.answers[id] == nil else { continue }
      row[column("answer", "learner_id")] = try mapped(row[column("answer", "learner_id")], record.learners, "learner")
      row[column("answer", "session_id")] = try mapped(row[column("answer", "session_id")], record.sessions, "session")
      guard let here = try transaction.insert(table("answer"), row, assigning: true) else {
        throw .invalid(detail: "an answer was not given an id")
      }
      record.answers[id] = here
      summary.answers += 1
    }

    // Attempts (final ones only) with their grants, events and grades, each added once.
    let attemptTable = table("exam_attempt")
    var newAttempts: [String] = []
    for var row in tables["exam_attempt"] ?? [] {
      let id = try local(row, "exam_attempt", "id")
      guard !record.attempts.contains(id) else { continue }
      guard row[column("exam_attempt", "status")] == .text("final") else {
        throw .bundle(.malformed(detail: "attempt \(id) is not final"))
      }
      if try transaction.row(attemptTable, where: "id", is: .text(id)) != nil {
        throw .bundle(.conflict(detail: "attempt \(id) is here already and did not come from \(contents.name)"))
      }
      row[column("exam_attempt", "learner_id")] = try mapped(
        row[column("exam_attempt", "learner_id")], record.learners, "learner")
      row[column("exam_attempt", "session_id")] = try mapped(
        row[column("exam_attempt", "session_id")], record.sessions, "session")
      _ = try transaction.insert(attemptTable, row, assigning: false)
      newAttempts.append(id)
    }
    let added = Set(newAttempts)
    for name in ["attempt_grant", "attempt_event", "manual_grade"] {
      for var row in tables[name] ?? [] {
        guard added.contains(try local(row, name, "attempt_id")) else { continue }
        if name != "attempt_grant" {
          row[column(name, "answer_id")] = try mapped(row[column(name, "answer_id")], record.answers, "answer")
        }
        _ = try transaction.insert(table(name), row, assigning: false)
      }
    }
    record.attempts += newAttempts
    summary.attempts = newAttempts.count

    // Certificates: each added once; a revocation made on the PC since is brought here.
    let certificateTable = table("certificate")
    var newCertificates: [String] = []
    var revoked: [String] = []
    for var row in tables["certificate"] ?? [] {
      let id = try local(row, "certificate", "id")
      let revocation = column("certificate", "revocation")
      if record.certificates.contains(id) {
        if row[revocation] != .null,
          try transaction.row(certificateTable, where: "id", is: .text(id))?[revocation] == .null
        {
          try transaction.update(certificateTable, set: [("revocation", row[revocation])], where: "id", is: .text(id))
          revoked.append(id)
        }
        continue
      }
      guard record.attempts.contains(try local(row, "certificate", "attempt_id")) else {
        throw .bundle(.malformed(detail: "certificate \(id) is for an attempt the bundle does not carry"))
      }
      if try transaction.row(certificateTable, where: "id", is: .text(id)) != nil {
        throw .bundle(.conflict(detail: "certificate \(id) is here already and did not come from \(contents.name)"))
      }
      row[column("certificate", "learner_id")] = try mapped(
        row[column("certificate", "learner_id")], record.learners, "learner")
      _ = try transaction.insert(certificateTable, row, assigning: false)
      newCertificates.append(id)
    }
    record.certificates += newCertificates
    summary.certificates = newCertificates.count
    summary.revocations = revoked.count

    guard previous == nil || !summary.isUnchanged else { return summary }
    record.name = contents.name
    record.importedAt = date
    record.exportedAt = contents.exportedAt
    record.log = contents.log
    record.checkpoints = contents.checkpoints
    record.grants = contents.grants
    try transaction.save(record, isNew: previous == nil)
    try transaction.appendAudit(
      at: date, kind: AuditKind.resultsImported,
      payload: Ledger.importedPayload(
        source: record.source, name: record.name, bundle: bundle.digest, log: record.log, attempts: newAttempts,
        certificates: newCertificates, revoked: revoked, answers: summary.answers, ids: record.idsDigest),
      signer: organisation)
    return summary
  }
}
