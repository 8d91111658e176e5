import Foundation
import GRDB
import QuizCore
import QuizTrust

/// The embedded store: one SQLite file (GRDB), the default on a single machine.
///
/// WAL mode with `synchronous = FULL`, so a committed answer survives a crash or a power
/// cut; a busy timeout, so a second terminal waits instead of failing; write transactions
/// are IMMEDIATE (GRDB's default), so two writers never deadlock. One answer is one
/// transaction and one sync to disk.
///
/// Opening never writes to a file it refuses: an existing file is first examined through a
/// read-only connection, and only a healthy database of this or an older schema is opened
/// for writing. The first start (creating the file, switching to WAL, migrating) runs under
/// an exclusive lock on the data folder, so simultaneous first starts queue instead of racing.
public final class SQLiteStore: ProgressStore {
  /// The database file.
  public let path: String
  let database: DatabasePool
  /// The file's identity when it was opened, to notice it being deleted or replaced.
  private let identity: FileIdentity?

  public var location: String { path }

  private init(path: String, database: DatabasePool) {
    self.path = path
    self.database = database
    identity = FileIdentity(path: path)
  }

  /// Opens (creating if needed) the database at `path` and brings its schema up to date.
  ///
  /// Faults are mapped to `StoreError` with a message to act on; a file that is refused is
  /// not written (byte for byte), and nothing is ever deleted or rewritten to recover.
  public static func open(at path: String) throws(StoreError) -> SQLiteStore {
    let folder = (path as NSString).deletingLastPathComponent
    let lock = FolderLock(folder: folder.isEmpty ? "." : folder)
    defer { lock.release() }
    if FileManager.default.fileExists(atPath: path) {
      try examine(path)
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(30)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    do {
      let database = try DatabasePool(path: path, configuration: configuration)
      try Schema.migrator.migrate(database)
      return SQLiteStore(path: path, database: database)
    } catch let error as StoreError {
      throw error
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// Files up to this size get SQLite's `quick_check` (every page read) before they are
  /// opened for writing; larger ones only have their schema read, to keep start-up fast.
  static let fullCheckLimit = 8 << 20

  /// Looks at an existing file without writing to it: refuses one that is not a database,
  /// is damaged (the whole file for files up to `fullCheckLimit`, the schema beyond), or was
  /// written by a newer version.
  static func examine(_ path: String) throws(StoreError) {
    if let problem = headerProblem(path) { throw .corrupt(path: path, detail: problem) }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size == 0 { return }
    do {
      let queue = try readOnlyQueue(path)
      defer { try? queue.close() }
      try queue.read { db in
        _ = try Row.fetchAll(db, sql: "SELECT type, name FROM sqlite_master")
        if try Schema.migrator.hasBeenSuperseded(db) { throw StoreError.newerVersion(path: path) }
        if size <= fullCheckLimit {
          let result = try String.fetchAll(db, sql: "PRAGMA quick_check(1)")
          if result != ["ok"] { throw StoreError.corrupt(path: path, detail: result.first ?? "quick_check failed") }
        }
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw storeError(error, path: path)
    }
  }

  /// A connection that cannot write to the file.
  static func readOnlyQueue(_ path: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(30)
    return try DatabaseQueue(path: path, configuration: configuration)
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
    if let error = error as? StoreError { return error }
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
      throw .replaced(path: path)
    }
    do {
      return try database.write(updates)
    } catch {
      throw Self.inUse(Self.storeError(error, path: path))
    }
  }

  /// Damage found while working is not damage found before: answers saved earlier in this
  /// run are in the file, so the message must not say it was left unchanged.
  static func inUse(_ error: StoreError) -> StoreError {
    if case .corrupt(let path, let detail) = error { return .damagedInUse(path: path, detail: detail) }
    return error
  }

  /// Runs a read, mapping faults.
  func read<T>(_ value: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try database.read(value)
    } catch {
      throw Self.inUse(Self.storeError(error, path: path))
    }
  }

  // MARK: Learners

  public func learners() throws(StoreError) -> [Learner] {
    try read { db in try Row.fetchAll(db, sql: "SELECT * FROM learner ORDER BY name").map(Self.learner) }
  }

  public func learner(named name: String) throws(StoreError) -> Learner? {
    try read { db in try Self.learner(named: name, db) }
  }

  static func learner(named name: String, _ db: Database) throws -> Learner? {
    try Row.fetchOne(db, sql: "SELECT * FROM learner WHERE name = ?", arguments: [name]).map(learner)
  }

  static func learner(_ row: Row) -> Learner {
    Learner(id: row["id"], name: row["name"], displayName: row["display_name"], createdAt: row["created_at"])
  }

  public func createLearner(named name: String, displayName: String?, at date: Date) throws(StoreError) -> Learner {
    guard case .success(let valid) = Learner.validName(name), valid == name else {
      throw .invalid(
        detail: "a learner's name must be 1–\(Learner.maximumNameLength) characters without control characters")
    }
    return try write { db in
      if let existing = try Self.learner(named: name, db) { return existing }
      try db.execute(
        sql: "INSERT INTO learner(name, display_name, created_at) VALUES (?, ?, ?)",
        arguments: [name, displayName ?? name, date])
      let learner = Learner(id: db.lastInsertedRowID, name: name, displayName: displayName ?? name, createdAt: date)
      try Self.appendAudit(
        db, at: date, kind: AuditKind.learnerCreated, payload: Ledger.learnerCreated(learner), signer: nil)
      return learner
    }
  }

  public func lastLearner() throws(StoreError) -> Learner? {
    try read { db in
      guard let name = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'last_learner'") else {
        return nil
      }
      return try Self.learner(named: name, db)
    }
  }

  public func setLastLearner(_ learner: Learner) throws(StoreError) {
    try write { db in
      try db.execute(
        sql:
          "INSERT INTO setting(key, value) VALUES ('last_learner', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        arguments: [learner.name])
    }
  }

  // MARK: Sessions

  public func start(_ session: NewSession) throws(StoreError) -> SessionRecord {
    try write { db in
      SessionRecord(
        id: try Self.insertSession(session, db), learnerID: session.learnerID, kind: session.kind, scope: session.scope,
        courseID: session.courseID, contentVersion: session.contentVersion, startedAt: session.startedAt,
        endedAt: nil, status: .active, plan: session.plan, reschedules: session.reschedules)
    }
  }

  static func insertSession(_ session: NewSession, _ db: Database) throws -> Int64 {
    try db.execute(
      sql: """
        INSERT INTO session(learner_id, kind, scope, course_id, content_version, started_at, status, plan, reschedules)
        VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)
        """,
      arguments: [
        session.learnerID, session.kind.rawValue, session.scope, session.courseID, session.contentVersion,
        session.startedAt, session.plan.encoded(), session.reschedules,
      ])
    return db.lastInsertedRowID
  }

  public func savePlan(_ plan: SessionPlan, session: Int64) throws(StoreError) {
    try write { db in
      try db.execute(sql: "UPDATE session SET plan = ? WHERE id = ?", arguments: [plan.encoded(), session])
    }
  }

  public func end(session: Int64, status: SessionStatus, at date: Date) throws(StoreError) {
    try write { db in
      try db.execute(
        sql: "UPDATE session SET status = ?, ended_at = ? WHERE id = ?", arguments: [status.rawValue, date, session])
    }
  }

  public func interruptedSession(learner: Int64) throws(StoreError) -> SessionRecord? {
    try read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM session WHERE learner_id = ? AND status = 'active' ORDER BY id DESC LIMIT 1",
        arguments: [learner]
      ).map(Self.session)
    }
  }

  static func session(_ row: Row) -> SessionRecord {
    SessionRecord(
      id: row["id"], learnerID: row["learner_id"], kind: SessionKind(rawValue: row["kind"]) ?? .practice,
      scope: row["scope"], courseID: row["course_id"], contentVersion: row["content_version"],
      startedAt: row["started_at"], endedAt: row["ended_at"],
      status: SessionStatus(rawValue: row["status"]) ?? .abandoned, plan: SessionPlan.decoded(row["plan"]),
      reschedules: row["reschedules"])
  }

  public func sessions(learner: Int64) throws(StoreError) -> [SessionRecord] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM session WHERE learner_id = ? ORDER BY id", arguments: [learner])
        .map(Self.session)
    }
  }

  public func history(learner: Int64, limit: Int) throws(StoreError) -> [SessionSummary] {
    try read { db in
      let sessions = try Row.fetchAll(
        db, sql: "SELECT * FROM session WHERE learner_id = ? ORDER BY id DESC LIMIT ?", arguments: [learner, limit]
      ).map(Self.session)
      return try sessions.map { session in
        let answers = try Row.fetchAll(
          db, sql: "SELECT \(Self.answerColumns) FROM answer WHERE session_id = ? ORDER BY id", arguments: [session.id]
        ).map(Self.answer)
        return SessionSummary(session: session, answers: answers)
      }
    }
  }

  // MARK: Answers

  public func record(_ answer: NewAnswer, review: CardReview?, plan: SessionPlan?) throws(StoreError)
    -> RecordedAnswer
  {
    try write { db in
      // The answer that counts for scores: the first in its session, or in an exam the latest.
      var counts = true
      if let session = answer.sessionID {
        let kind = try String.fetchOne(db, sql: "SELECT kind FROM session WHERE id = ?", arguments: [session])
        if kind == SessionKind.exam.rawValue {
          try db.execute(
            sql: "UPDATE answer SET counts = 0 WHERE session_id = ? AND question_id = ?",
            arguments: [session, answer.questionID])
        } else {
          counts = try !Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM answer WHERE session_id = ? AND question_id = ?)",
            arguments: [session, answer.questionID])!
        }
      }
      let saved = try Self.insertAnswer(answer, counts: counts, db)
      var before: CardRecord?
      var after: CardRecord?
      if let review {
        before = try Self.card(learner: answer.learnerID, question: answer.questionID, db)
        let next = CardRecord.reviewed(
          before, learner: answer.learnerID, question: answer.questionID, lesson: answer.lessonID, review: review)
        try Self.save(next, db)
        // As stored (dates keep milliseconds), so that it compares equal to a later read.
        after = try Self.card(learner: answer.learnerID, question: answer.questionID, db)
      }
      if let plan, let session = answer.sessionID {
        try db.execute(sql: "UPDATE session SET plan = ? WHERE id = ?", arguments: [plan.encoded(), session])
      }
      return RecordedAnswer(answer: saved, cardBefore: before, cardAfter: after)
    }
  }

  static func insertAnswer(_ answer: NewAnswer, counts: Bool, _ db: Database) throws -> AnswerRecord {
    try db.execute(
      sql: """
        INSERT INTO answer(learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, raw,
                           shown, parsed, response, fraction, outcome, duration_ms, answered_at, needs_review, counts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        answer.learnerID, answer.sessionID, answer.questionID, answer.questionHash, answer.lessonID,
        answer.questionType, Self.encodeTags(answer.tags), answer.typed, answer.shown, answer.canonical,
        answer.response?.encoded() ?? "null", answer.fraction, answer.outcome.rawValue, answer.durationMS,
        answer.answeredAt, answer.needsReview, counts,
      ])
    return AnswerRecord(id: db.lastInsertedRowID, answer)
  }

  public func recordSittings(_ sittings: [PaperSitting], creating create: Set<String>, at date: Date)
    throws(StoreError) -> Int
  {
    for name in create {
      guard case .success(let valid) = Learner.validName(name), valid == name else {
        throw .invalid(
          detail: "a learner's name must be 1–\(Learner.maximumNameLength) characters without control characters")
      }
    }
    return try write { db in
      var ids: [String: Int64] = [:]
      for name in Set(sittings.map(\.learner)).sorted() {
        if let existing = try Self.learner(named: name, db) {
          ids[name] = existing.id
        } else if create.contains(name) {
          try db.execute(
            sql: "INSERT INTO learner(name, display_name, created_at) VALUES (?, ?, ?)", arguments: [name, name, date])
          let learner = Learner(id: db.lastInsertedRowID, name: name, displayName: name, createdAt: date)
          try Self.appendAudit(
            db, at: date, kind: AuditKind.learnerCreated, payload: Ledger.learnerCreated(learner), signer: nil)
          ids[name] = learner.id
        } else {
          throw StoreError.invalid(detail: "no learner \(name)")
        }
      }
      for sitting in sittings {
        guard let learner = ids[sitting.learner] else { continue }
        var session = sitting.session
        session.learnerID = learner
        let id = try Self.insertSession(session, db)
        var counted: Set<String> = []
        for var answer in sitting.answers {
          answer.learnerID = learner
          answer.sessionID = id
          _ = try Self.insertAnswer(answer, counts: counted.insert(answer.questionID).inserted, db)
        }
        try db.execute(
          sql: "UPDATE session SET status = 'finished', ended_at = ? WHERE id = ?", arguments: [session.startedAt, id])
      }
      return sittings.count
    }
  }

  public func recordSkip(
    learner: Int64, session: Int64, question: String, lesson: String, review: CardReview?, plan: SessionPlan
  ) throws(StoreError) {
    try write { db in
      if let review {
        let before = try Self.card(learner: learner, question: question, db)
        try Self.save(
          CardRecord.reviewed(before, learner: learner, question: question, lesson: lesson, review: review), db)
      }
      try db.execute(sql: "UPDATE session SET plan = ? WHERE id = ?", arguments: [plan.encoded(), session])
    }
  }

  public func replaceCard(_ expected: CardRecord, with replacement: CardRecord) throws(StoreError) -> Bool {
    try write { db in
      guard try Self.card(learner: expected.learnerID, question: expected.questionID, db) == expected else {
        return false
      }
      try Self.save(replacement, db)
      return true
    }
  }

  public func answers(session: Int64) throws(StoreError) -> [AnswerRecord] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT \(Self.answerColumns) FROM answer WHERE session_id = ? ORDER BY id", arguments: [session]
      )
      .map(Self.answer)
    }
  }

  public func answers(learner: Int64) throws(StoreError) -> [AnswerRecord] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT \(Self.answerColumns) FROM answer WHERE learner_id = ? ORDER BY id", arguments: [learner]
      )
      .map(Self.answer)
    }
  }

  /// The columns `answer(_:)` reads, in the order it reads them (by position: looking a column
  /// up by name costs more than the rest of the decoding in a large report).
  static let answerColumns = """
    id, learner_id, session_id, question_id, question_hash, lesson_id, question_type, tags, raw, shown, parsed, \
    response, fraction, outcome, duration_ms, answered_at, needs_review
    """

  /// An answer from a row of `answerColumns`.
  static func answer(_ row: Row) -> AnswerRecord {
    let shown: String = row[9]
    let response = Response.decoded(row[11] as String)
    let parsed: String = row[10]
    var answer = AnswerRecord(
      id: row[0],
      NewAnswer(
        learnerID: row[1], sessionID: row[2], questionID: row[3], questionHash: row[4], lessonID: row[5],
        questionType: row[6], tags: decodeTags(row[7]), typed: row[8], shown: shown,
        // Rows written before the letters shown were kept (`shown` empty) stored the content-order
        // letters in `parsed`; their canonical form is rebuilt from the stored response.
        canonical: shown.isEmpty ? response.map(ResponseFormatter.canonical) ?? parsed : parsed, response: response,
        fraction: row[12], durationMS: row[14], answeredAt: row[15], needsReview: row[16]))
    answer.fraction = row[12]
    let outcome: String = row[13]
    answer.outcome = Outcome(rawValue: outcome) ?? Outcome(fraction: answer.fraction)
    return answer
  }

  package static func encodeTags(_ tags: [String]) -> String {
    (try? String(decoding: JSONEncoder().encode(tags), as: UTF8.self)) ?? "[]"
  }

  /// Tags as stored (a JSON array of strings). Most have no escapes and are split directly;
  /// anything else goes through the JSON decoder.
  package static func decodeTags(_ text: String) -> [String] {
    if text == "[]" { return [] }
    if text.hasPrefix("[\""), text.hasSuffix("\"]"), !text.contains("\\") {
      let inner = text.dropFirst(2).dropLast(2)
      let parts = inner.components(separatedBy: "\",\"")
      if parts.allSatisfy({ !$0.contains("\"") }) { return parts }
    }
    return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }

  // MARK: Cards

  public func card(learner: Int64, question: String) throws(StoreError) -> CardRecord? {
    try read { db in try Self.card(learner: learner, question: question, db) }
  }

  static func card(learner: Int64, question: String, _ db: Database) throws -> CardRecord? {
    try Row.fetchOne(
      db, sql: "SELECT * FROM card WHERE learner_id = ? AND question_id = ?", arguments: [learner, question]
    ).map(card)
  }

  public func cards(learner: Int64) throws(StoreError) -> [CardRecord] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM card WHERE learner_id = ? ORDER BY question_id", arguments: [learner])
        .map(Self.card)
    }
  }

  static func card(_ row: Row) -> CardRecord {
    CardRecord(
      learnerID: row["learner_id"], questionID: row["question_id"], lessonID: row["lesson_id"],
      card: Card(
        state: CardState(rawValue: row["state"]) ?? .learning, step: row["step"], stability: row["stability"],
        difficulty: row["difficulty"], due: row["due"], lastReview: row["last_review"]),
      reviews: row["reviews"], lapses: row["lapses"])
  }

  static func save(_ record: CardRecord, _ db: Database) throws {
    let card = record.card
    try db.execute(
      sql: """
        INSERT INTO card(learner_id, question_id, lesson_id, state, step, stability, difficulty, due, last_review,
                         reviews, lapses)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(learner_id, question_id) DO UPDATE SET
          lesson_id = excluded.lesson_id, state = excluded.state, step = excluded.step,
          stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,
          last_review = excluded.last_review, reviews = excluded.reviews, lapses = excluded.lapses
        """,
      arguments: [
        record.learnerID, record.questionID, record.lessonID, card.state.rawValue, card.step, card.stability,
        card.difficulty, card.due, card.lastReview, record.reviews, record.lapses,
      ])
  }

  // MARK: Reading

  public func markRead(learner: Int64, lesson: String, section: String, at date: Date) throws(StoreError) {
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO lesson_read(learner_id, lesson_id, section, first_read_at, last_read_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(learner_id, lesson_id, section) DO UPDATE SET last_read_at = excluded.last_read_at
          """, arguments: [learner, lesson, section, date, date])
    }
  }

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

/// An exclusive `flock` on a folder, held while a database is created and migrated, so that
/// processes starting at the same moment take turns. Where the folder cannot be opened (it
/// does not exist yet, or cannot be read), there is nothing to lock and opening goes on.
struct FolderLock {
  private let descriptor: Int32

  init(folder: String) {
    descriptor = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if descriptor >= 0 {
      while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }
  }

  func release() {
    guard descriptor >= 0 else { return }
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
