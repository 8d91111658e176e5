import Foundation
import GRDB
import QuizTrust

extension SQLiteStore: ResultImporting {
  /// This database's results, ready to be sealed into a bundle (`ResultBundle.write`): read in
  /// one transaction, so they are consistent even while someone studies. The first export
  /// gives the database a random id of its own (`results_source`), kept for later bundles.
  public func exportResults(name: String, at date: Date) throws(StoreError) -> ResultBundleContents {
    let imported = try importedSources().count
    guard imported == 0 else { throw .bundle(.holdsImported(sources: imported)) }
    let source = try write { db -> String in
      if let source = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'results_source'") {
        return source
      }
      let source = UUID().uuidString.lowercased()
      try db.execute(sql: "INSERT INTO setting(key, value) VALUES ('results_source', ?)", arguments: [source])
      return source
    }
    return try ResultExport.contents(rows: try transferRows(), source: source, name: name, at: date)
  }

  public func importResults(_ bundle: ResultBundle, at date: Date, by organisation: OrganisationKey)
    throws(StoreError) -> ImportSummary
  {
    try write { db in try ResultImport.apply(bundle, at: date, by: organisation, into: Transaction(db: db)) }
  }

  public func importedSources() throws(StoreError) -> [ImportedSource] {
    let records = try read { db in try String.fetchAll(db, sql: "SELECT record FROM imported_source ORDER BY source") }
    var sources: [ImportedSource] = []
    for record in records { sources.append(try ImportedSource.decoded(record)) }
    return sources
  }

  /// An import's writes, inside the store's write transaction.
  private struct Transaction: ResultImportTransaction {
    let db: Database

    func run<T>(_ body: () throws -> T) throws(StoreError) -> T {
      do { return try body() } catch let error as StoreError { throw error } catch {
        throw SQLiteStore.storeError(error, path: "")
      }
    }

    func ownSource() throws(StoreError) -> String? {
      try run { try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'results_source'") }
    }

    func importedSource(_ source: String) throws(StoreError) -> ImportedSource? {
      let record = try run {
        try String.fetchOne(db, sql: "SELECT record FROM imported_source WHERE source = ?", arguments: [source])
      }
      guard let record else { return nil }
      return try ImportedSource.decoded(record)
    }

    func save(_ source: ImportedSource, isNew: Bool) throws(StoreError) {
      try run {
        try db.execute(
          sql: isNew
            ? "INSERT INTO imported_source(name, imported_at, record, source) VALUES (?, ?, ?, ?)"
            : "UPDATE imported_source SET name = ?, imported_at = ?, record = ? WHERE source = ?",
          arguments: [source.name, source.importedAt, source.encoded(), source.source])
      }
    }

    func learnerID(named name: String) throws(StoreError) -> Int64? {
      try run { try Int64.fetchOne(db, sql: "SELECT id FROM learner WHERE name = ?", arguments: [name]) }
    }

    func insert(_ table: TransferTables.Table, _ row: [TransferTables.Value], assigning: Bool) throws(StoreError)
      -> Int64?
    {
      let kept = zip(table.columns, row).filter { !assigning || $0.0.name != table.identity }
      let columns = kept.map { "\"\($0.0.name)\"" }.joined(separator: ", ")
      let marks = Array(repeating: "?", count: kept.count).joined(separator: ", ")
      return try run { () -> Int64? in
        try db.execute(
          sql: "INSERT INTO \(table.name) (\(columns)) VALUES (\(marks))",
          arguments: StatementArguments(kept.map { Self.databaseValue($0.1) }))
        return assigning ? db.lastInsertedRowID : nil
      }
    }

    func row(_ table: TransferTables.Table, where column: String, is value: TransferTables.Value) throws(StoreError)
      -> [TransferTables.Value]?
    {
      let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
      return try run { () -> [TransferTables.Value]? in
        guard
          let row = try Row.fetchOne(
            db, sql: "SELECT \(columns) FROM \(table.name) WHERE \"\(column)\" = ?",
            arguments: [Self.databaseValue(value)])
        else { return nil }
        return table.columns.enumerated().map { index, column in SQLiteStore.value(row, index, column.kind) }
      }
    }

    func update(
      _ table: TransferTables.Table, set: [(String, TransferTables.Value)], where column: String,
      is value: TransferTables.Value
    ) throws(StoreError) {
      let assignments = set.map { "\"\($0.0)\" = ?" }.joined(separator: ", ")
      try run {
        try db.execute(
          sql: "UPDATE \(table.name) SET \(assignments) WHERE \"\(column)\" = ?",
          arguments: StatementArguments(set.map { Self.databaseValue($0.1) } + [Self.databaseValue(value)]))
      }
    }

    func appendAudit(at date: Date, kind: String, payload: [String: CanonicalJSON], signer: (any Signer)?)
      throws(StoreError)
    {
      _ = try run { try SQLiteStore.appendAudit(db, at: date, kind: kind, payload: payload, signer: signer) }
    }

    static func databaseValue(_ value: TransferTables.Value) -> DatabaseValue {
      switch value {
      case .null: .null
      case .integer(let number): number.databaseValue
      case .real(let number): number.databaseValue
      case .text(let text): text.databaseValue
      case .boolean(let flag): flag.databaseValue
      case .time(let date): date.databaseValue
      }
    }
  }
}
