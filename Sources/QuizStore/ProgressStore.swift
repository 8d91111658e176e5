import Foundation
import GRDB

/// The progress database: learners, sessions, answers and reading, in one SQLite file.
///
/// WAL mode with `synchronous = FULL`, so a committed answer survives a crash or a power
/// cut; a busy timeout, so a second terminal waits instead of failing; write transactions
/// are IMMEDIATE (GRDB's default), so two writers never deadlock. Every method commits
/// before it returns.
public final class ProgressStore: Sendable {
  /// The database file.
  public let path: String
  let database: DatabasePool
  /// The file's identity when it was opened, to notice it being deleted or replaced.
  private let identity: FileIdentity?

  private init(path: String, database: DatabasePool) {
    self.path = path
    self.database = database
    identity = FileIdentity(path: path)
  }

  /// Opens (creating if needed) the database at `path` and brings its schema up to date.
  ///
  /// Faults are mapped to `StoreError` with a message to act on; the file is never
  /// deleted or rewritten to recover from them.
  public static func open(at path: String) throws(StoreError) -> ProgressStore {
    let existed = FileManager.default.fileExists(atPath: path)
    if existed, let problem = Self.headerProblem(path) { throw .corrupt(path: path, detail: problem) }
    var configuration = Configuration()
    configuration.busyMode = .timeout(30)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    do {
      let database = try DatabasePool(path: path, configuration: configuration)
      let migrator = Schema.migrator
      if try database.read(migrator.hasBeenSuperseded) { throw StoreError.newerVersion(path: path) }
      try migrator.migrate(database)
      return ProgressStore(path: path, database: database)
    } catch let error as StoreError {
      throw error
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// A file that exists but does not start like an SQLite database is refused before SQLite
  /// touches it (SQLite would otherwise treat an empty or foreign file in surprising ways).
  static func headerProblem(_ path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 16)) ?? Data()
    if header.isEmpty { return nil }  // An empty file is a new database.
    return header == Data("SQLite format 3\0".utf8) ? nil : "the file does not start with the SQLite header"
  }

  /// Maps SQLite and GRDB errors to store errors.
  static func storeError(_ error: any Error, path: String) -> StoreError {
    guard let error = error as? DatabaseError else { return .io(path: path, detail: "\(error)") }
    switch error.resultCode {
    case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path, detail: error.message ?? "\(error.resultCode)")
    case .SQLITE_READONLY: return .readOnly(path: path)
    case .SQLITE_FULL: return .diskFull(path: path)
    case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
      let folder = (path as NSString).deletingLastPathComponent
      if FileManager.default.fileExists(atPath: folder) && !FileManager.default.isWritableFile(atPath: folder) {
        return .readOnly(path: path)
      }
      return .io(path: path, detail: error.message ?? "cannot open the file")
    default:
      if error.extendedResultCode.primaryResultCode == .SQLITE_IOERR {
        return .io(path: path, detail: error.message ?? "disk I/O error")
      }
      return .io(path: path, detail: error.message ?? "\(error.resultCode)")
    }
  }

  /// Runs a write transaction, mapping faults.
  ///
  /// Before writing, checks that the file on disk is still the one that was opened: SQLite
  /// would otherwise go on writing into a deleted file, and those answers would vanish.
  func write<T>(_ updates: (Database) throws -> T) throws(StoreError) -> T {
    if let identity, FileIdentity(path: path) != identity {
      throw .io(
        path: path,
        detail:
          "the database file was deleted or replaced while the program was running, so nothing more was written to it; start the program again"
      )
    }
    do {
      return try database.write(updates)
    } catch let error as StoreError {
      throw error
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// Runs a read, mapping faults.
  func read<T>(_ value: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try database.read(value)
    } catch let error as StoreError {
      throw error
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  // MARK: Learners

  /// All learners, by name.
  public func learners() throws(StoreError) -> [Learner] {
    try read { db in try Learner.order(Column("name")).fetchAll(db) }
  }

  /// The learner with this name, if any.
  public func learner(named name: String) throws(StoreError) -> Learner? {
    try read { db in try Learner.filter(Column("name") == name).fetchOne(db) }
  }

  /// The learner with this name, created when new.
  public func learner(named name: String, displayName: String? = nil, now: Date) throws(StoreError) -> Learner {
    try write { db in
      if let existing = try Learner.filter(Column("name") == name).fetchOne(db) { return existing }
      var learner = Learner(name: name, displayName: displayName ?? name, createdAt: now)
      try learner.insert(db)
      return learner
    }
  }

  /// The learner used last on this machine.
  public func lastLearner() throws(StoreError) -> Learner? {
    try read { db in
      guard let name = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'last_learner'") else {
        return nil
      }
      return try Learner.filter(Column("name") == name).fetchOne(db)
    }
  }

  /// Remembers the learner for the next start.
  public func setLastLearner(_ learner: Learner) throws(StoreError) {
    try write { db in
      try db.execute(
        sql:
          "INSERT INTO setting(key, value) VALUES ('last_learner', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        arguments: [learner.name])
    }
  }

  // MARK: Sessions

  /// Starts a session.
  public func start(_ session: StudySession) throws(StoreError) -> StudySession {
    try write { db in
      var session = session
      try session.insert(db)
      return session
    }
  }

  /// Saves a session's plan (after it changes, e.g. a question queued again).
  public func updatePlan(session id: Int64, plan: String) throws(StoreError) {
    try write { db in
      try db.execute(sql: "UPDATE session SET plan = ? WHERE id = ?", arguments: [plan, id])
    }
  }

  /// Ends a session as finished or abandoned.
  public func end(session id: Int64, status: SessionStatus, at date: Date) throws(StoreError) {
    try write { db in
      try db.execute(
        sql: "UPDATE session SET status = ?, ended_at = ? WHERE id = ?", arguments: [status.rawValue, date, id])
    }
  }

  /// The learner's latest interrupted session, if any.
  public func interruptedSession(learner: Int64) throws(StoreError) -> StudySession? {
    try read { db in
      try StudySession.filter(Column("learner_id") == learner && Column("status") == "active")
        .order(Column("id").desc).fetchOne(db)
    }
  }

  // MARK: Answers

  /// Records an answer; it is committed (and synced to disk) when this returns, so feedback
  /// can be shown.
  @discardableResult
  public func record(_ answer: AnswerRecord) throws(StoreError) -> AnswerRecord {
    try write { db in
      var answer = answer
      try answer.insert(db)
      return answer
    }
  }

  /// The answers of a session, in order.
  public func answers(session id: Int64) throws(StoreError) -> [AnswerRecord] {
    try read { db in try AnswerRecord.filter(Column("session_id") == id).order(Column("id")).fetchAll(db) }
  }

  /// Every answer of a learner, oldest first.
  public func answers(learner: Int64) throws(StoreError) -> [AnswerRecord] {
    try read { db in try AnswerRecord.filter(Column("learner_id") == learner).order(Column("id")).fetchAll(db) }
  }

  // MARK: Reading

  /// Notes that a learner read a lesson (`section` empty) or one of its sections.
  public func markRead(learner: Int64, lesson: String, section: String = "", at date: Date) throws(StoreError) {
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO lesson_read(learner_id, lesson_id, section, first_read_at, last_read_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(learner_id, lesson_id, section) DO UPDATE SET last_read_at = excluded.last_read_at
          """, arguments: [learner, lesson, section, date, date])
    }
  }

  /// The lessons a learner has read (whole or in part), with when they last read them.
  public func readLessons(learner: Int64) throws(StoreError) -> [String: Date] {
    try read { db in
      let rows = try Row.fetchAll(
        db, sql: "SELECT lesson_id, MAX(last_read_at) AS at FROM lesson_read WHERE learner_id = ? GROUP BY lesson_id",
        arguments: [learner])
      return Dictionary(uniqueKeysWithValues: rows.map { ($0["lesson_id"] as String, $0["at"] as Date) })
    }
  }
}

/// A file's device and inode numbers.
struct FileIdentity: Equatable, Sendable {
  var device: UInt64
  var inode: UInt64

  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }
}
