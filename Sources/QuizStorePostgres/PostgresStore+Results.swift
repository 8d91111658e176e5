#if PostgreSQL
  import Foundation
  import PostgresNIO
  import QuizStore
  import QuizTrust

  extension PostgresStore: ResultImporting {
    public func importResults(_ bundle: ResultBundle, at date: Date, by organisation: OrganisationKey)
      throws(StoreError) -> ImportSummary
    {
      try client.write { () throws(StoreError) -> ImportSummary in
        // One import at a time: two managers importing the same bundle at once must not both
        // find its rows new.
        try client.query("SELECT pg_advisory_xact_lock($1)", [.integer(Self.migrationLock + 2)])
        return try ResultImport.apply(bundle, at: date, by: organisation, into: Transaction(store: self))
      }
    }

    public func importedSources() throws(StoreError) -> [ImportedSource] {
      var sources: [ImportedSource] = []
      for row in try client.query("SELECT record FROM imported_source ORDER BY source") {
        sources.append(try ImportedSource.decoded(row.text("record")))
      }
      return sources
    }

    /// A value of a moved row as a statement's parameter.
    static func parameter(_ value: TransferTables.Value, _ kind: TransferTables.Kind) -> SQLValue {
      switch (value, kind) {
      case (.integer(let number), _): .integer(number)
      case (.real(let number), _): .real(number)
      case (.text(let text), _): .text(text)
      case (.boolean(let flag), _): .boolean(flag)
      case (.time(let date), _): .time(date)
      case (.null, .integer): .integer(nil)
      case (.null, .real): .real(nil)
      case (.null, .text): .text(nil)
      case (.null, .boolean): .boolean(nil)
      case (.null, .time): .time(nil)
      }
    }

    /// An import's writes, inside the store's transaction.
    private struct Transaction: ResultImportTransaction {
      let store: PostgresStore
      var client: PostgresClient { store.client }

      func ownSource() throws(StoreError) -> String? {
        try client.query("SELECT value FROM setting WHERE key = 'results_source'").first?.optionalText("value")
      }

      func importedSource(_ source: String) throws(StoreError) -> ImportedSource? {
        guard let row = try client.query("SELECT record FROM imported_source WHERE source = $1", [.text(source)]).first
        else { return nil }
        return try ImportedSource.decoded(row.text("record"))
      }

      func save(_ source: ImportedSource, isNew: Bool) throws(StoreError) {
        try client.query(
          isNew
            ? "INSERT INTO imported_source(name, imported_at, record, source) VALUES ($1, $2, $3, $4)"
            : "UPDATE imported_source SET name = $1, imported_at = $2, record = $3 WHERE source = $4",
          [.text(source.name), .time(source.importedAt), .text(source.encoded()), .text(source.source)])
      }

      func learnerID(named name: String) throws(StoreError) -> Int64? {
        try client.query("SELECT id FROM learner WHERE name = $1", [.text(name)]).first?.integer("id")
      }

      func insert(_ table: TransferTables.Table, _ row: [TransferTables.Value], assigning: Bool) throws(StoreError)
        -> Int64?
      {
        let kept = zip(table.columns, row).filter { !assigning || $0.0.name != table.identity }
        let columns = kept.map { "\"\($0.0.name)\"" }.joined(separator: ", ")
        let marks = kept.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        let returning = assigning ? " RETURNING \(table.identity ?? "id") AS id" : ""
        let rows = try client.query(
          "INSERT INTO \(table.name) (\(columns)) VALUES (\(marks))\(returning)",
          kept.map { PostgresStore.parameter($0.1, $0.0.kind) })
        return assigning ? rows.first?.integer("id") : nil
      }

      func row(_ table: TransferTables.Table, where column: String, is value: TransferTables.Value)
        throws(StoreError) -> [TransferTables.Value]?
      {
        let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let kind = table.columns.first { $0.name == column }?.kind ?? .text
        guard
          let row = try client.query(
            "SELECT \(columns) FROM \(table.name) WHERE \"\(column)\" = $1", [PostgresStore.parameter(value, kind)]
          ).first
        else { return nil }
        return table.columns.map { column -> TransferTables.Value in
          let value: TransferTables.Value? =
            switch column.kind {
            case .integer: row.optionalInteger(column.name).map(TransferTables.Value.integer)
            case .real: row.optionalReal(column.name).map(TransferTables.Value.real)
            case .text: row.optionalText(column.name).map(TransferTables.Value.text)
            case .boolean: row.optionalBoolean(column.name).map(TransferTables.Value.boolean)
            case .time: row.optionalTime(column.name).map(TransferTables.Value.time)
            }
          return value ?? .null
        }
      }

      func update(
        _ table: TransferTables.Table, set: [(String, TransferTables.Value)], where column: String,
        is value: TransferTables.Value
      ) throws(StoreError) {
        func kind(_ name: String) -> TransferTables.Kind { table.columns.first { $0.name == name }?.kind ?? .text }
        let assignments = set.enumerated().map { "\"\($0.element.0)\" = $\($0.offset + 1)" }.joined(separator: ", ")
        try client.query(
          "UPDATE \(table.name) SET \(assignments) WHERE \"\(column)\" = $\(set.count + 1)",
          set.map { PostgresStore.parameter($0.1, kind($0.0)) } + [PostgresStore.parameter(value, kind(column))])
      }

      func appendAudit(at date: Date, kind: String, payload: [String: CanonicalJSON], signer: (any Signer)?)
        throws(StoreError)
      {
        try store.appendAudit(at: date, kind: kind, payload: payload, signer: signer)
      }
    }
  }
#endif
