import Foundation
import GRDB

/// What `admin check` found in a database file, looked at read-only.
public struct StoreDiagnosis: Sendable, Hashable {
  /// The file.
  public var path: String
  /// Whether the file exists.
  public var exists: Bool
  /// What is wrong, in words; empty when nothing is.
  public var problems: [String]
  /// The schema version, when it could be read.
  public var schemaVersion: String?
  /// Row counts, when they could be read.
  public var learners: Int?
  public var sessions: Int?
  public var answers: Int?

  /// Whether the file is a healthy database this version can use.
  public var isHealthy: Bool { exists && problems.isEmpty }

  /// What to do about the problems, without touching the file: shell commands (paths quoted)
  /// that copy the file with its WAL first, read the copy with a read-only `sqlite3`, check
  /// what came out with `program`, and only if that check passes put the recovered file in
  /// place, the old WAL and shared-memory files moved away with the damaged file.
  public func recovery(program: String = "recovery-trainer") -> [String] {
    guard !isHealthy, exists else { return [] }
    let folder = (path as NSString).deletingLastPathComponent
    let saved = (folder as NSString).appendingPathComponent("damaged")
    let copy = (saved as NSString).appendingPathComponent("progress.sqlite")
    let recovered = (folder as NSString).appendingPathComponent("recovered.sqlite")
    let q = Self.quoted
    return [
      "mkdir -p \(q(saved)) && cp -p \(q(path)) \(q(saved))/ && { cp -p \(q(path + "-wal")) \(q(path + "-shm")) \(q(saved))/ 2>/dev/null; true; }",
      // `.dump` writes every row it can still read and ends with ROLLBACK at the first
      // damaged page; keeping what came before is the point, so the ROLLBACK becomes COMMIT.
      "sqlite3 -readonly \(q(copy)) .dump | sed 's/^ROLLBACK; -- due to errors$/COMMIT;/' | sqlite3 \(q(recovered))",
      "\(q(program)) admin check --file \(q(recovered)) && mv \(q(path)) \(q(saved))/progress.sqlite.original && rm -f \(q(path + "-wal")) \(q(path + "-shm")) && mv \(q(recovered)) \(q(path))",
    ]
  }

  /// A path as a shell word.
  static func quoted(_ path: String) -> String {
    "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}

extension SQLiteStore {
  /// Examines the file at `path` through a read-only connection and never writes to it,
  /// whatever state it is in: the header, SQLite's integrity check, the schema version and
  /// the row counts, each as far as it can be read.
  public static func diagnose(at path: String) -> StoreDiagnosis {
    var diagnosis = StoreDiagnosis(path: path, exists: FileManager.default.fileExists(atPath: path), problems: [])
    guard diagnosis.exists else { return diagnosis }
    if let problem = headerProblem(path) {
      diagnosis.problems.append(problem)
      return diagnosis
    }
    let queue: DatabaseQueue
    do {
      queue = try readOnlyQueue(path)
    } catch {
      diagnosis.problems.append("SQLite cannot open it: \(message(error))")
      return diagnosis
    }
    defer { try? queue.close() }
    do {
      let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check(20)") }
      if integrity != ["ok"] { diagnosis.problems += integrity.map { "integrity: \($0)" } }
    } catch {
      diagnosis.problems.append("the integrity check could not run: \(message(error))")
    }
    do {
      try queue.read { db in
        let applied = try Schema.migrator.appliedMigrations(db)
        diagnosis.schemaVersion = applied.last ?? "none"
        if try Schema.migrator.hasBeenSuperseded(db) {
          diagnosis.problems.append("it was written by a newer version of recovery-trainer")
        }
      }
    } catch {
      diagnosis.problems.append("the schema version cannot be read: \(message(error))")
    }
    if diagnosis.schemaVersion == nil || diagnosis.schemaVersion == "none" {
      diagnosis.problems.append("it holds no recovery-trainer tables")
    }
    for (table, keyPath) in [
      ("learner", \StoreDiagnosis.learners), ("session", \.sessions), ("answer", \.answers),
    ] as [(String, WritableKeyPath<StoreDiagnosis, Int?>)] {
      diagnosis[keyPath: keyPath] = try? queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") }
    }
    return diagnosis
  }

  private static func message(_ error: any Error) -> String {
    (error as? DatabaseError)?.message ?? "\(error)"
  }
}
