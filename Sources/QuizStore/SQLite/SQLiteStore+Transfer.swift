import Foundation
import GRDB

extension SQLiteStore {
  /// Every row of every moved table, in the order written, inside one read transaction (a
  /// consistent snapshot even while others write).
  package func transferRows() throws(StoreError) -> [(TransferTables.Table, [[TransferTables.Value]])] {
    try read { db in
      try TransferTables.tables.map { table in
        let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table.name) ORDER BY \(table.order)")
        return (
          table,
          rows.map { row in
            table.columns.enumerated().map { index, column in Self.value(row, index, column.kind) }
          }
        )
      }
    }
  }

  /// The value in a row's column `index`, read as `kind`.
  static func value(_ row: Row, _ index: Int, _ kind: TransferTables.Kind) -> TransferTables.Value {
    if row.hasNull(atIndex: index) { return .null }
    switch kind {
    case .integer: return .integer(row[index])
    case .real: return .real(row[index])
    case .text: return .text(row[index])
    case .boolean: return .boolean(row[index])
    case .time: return .time(row[index])
    }
  }
}
