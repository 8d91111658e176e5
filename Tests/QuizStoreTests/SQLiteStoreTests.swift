import Foundation
import GRDB
import QuizCore
import Testing

@testable import QuizStore

/// What only the SQLite implementation has: a file that can be damaged, a first start that
/// can race, faults mapped from SQLite.
@Suite struct SQLiteStoreTests {
  /// A database with some answers, checkpointed so everything is in the main file.
  func filledStore() throws -> TemporaryStore {
    let file = try TemporaryStore()
    let store = try file.open()
    let learner = try store.learnerID("zhang")
    for index in 0..<300 { try store.record(answer(learner, "q\(index)", fraction: 1)) }
    try store.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    return file
  }

  func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  @Test func aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    try garbage.write(to: URL(fileURLWithPath: file.path))
    #expect {
      try file.open()
    } throws: { error in
      guard let error = error as? StoreError, case .corrupt = error else { return false }
      return error.exitStatus == 65 && error.description.contains("admin check")
    }
    #expect(try bytes(file.path) == garbage)
    let diagnosis = SQLiteStore.diagnose(at: file.path)
    #expect(!diagnosis.isHealthy && !diagnosis.recovery().isEmpty)
    #expect(try bytes(file.path) == garbage)
  }

  /// Damage in the middle of the file (a page overwritten), the end cut off, and the page
  /// that holds the schema overwritten: each is refused at open, diagnosed, and the file is
  /// byte for byte what it was, however many times it is opened.
  @Test(arguments: ["middle page", "truncated", "schema page"])
  func aDamagedDatabaseIsRefusedDiagnosedAndNeverWritten(_ damage: String) throws {
    let file = try filledStore()
    defer { file.remove() }
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file.path))
    switch damage {
    case "middle page":
      try handle.seek(toOffset: 4096 * 3)
      try handle.write(contentsOf: Data(repeating: 0xFF, count: 4096))
    case "truncated":
      let size = try handle.seekToEnd()
      try handle.truncate(atOffset: size / 2)
    default:
      try handle.seek(toOffset: 100)
      try handle.write(contentsOf: Data(repeating: 0x5A, count: 3000))
    }
    try handle.close()
    let damaged = try bytes(file.path)
    for _ in 0..<3 {
      #expect(throws: StoreError.self) { try file.open() }
      #expect(try bytes(file.path) == damaged)
    }
    let diagnosis = SQLiteStore.diagnose(at: file.path)
    #expect(diagnosis.exists && !diagnosis.isHealthy)
    #expect(!diagnosis.problems.isEmpty)
    #expect(try bytes(file.path) == damaged, "diagnosing does not write either")
  }

  @Test func aHealthyDatabaseDiagnosesHealthyWithItsCounts() throws {
    let file = try filledStore()
    defer { file.remove() }
    let diagnosis = SQLiteStore.diagnose(at: file.path)
    #expect(diagnosis.isHealthy && diagnosis.answers == 300 && diagnosis.learners == 1)
    #expect(diagnosis.schemaVersion == Schema.latestVersion && diagnosis.recovery().isEmpty)
    #expect(!SQLiteStore.diagnose(at: file.folder.appendingPathComponent("none.sqlite").path).exists)
  }

  @Test func aDatabaseFromANewerVersionIsRefusedUnchanged() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    _ = try file.open()
    let queue = try DatabaseQueue(path: file.path)
    try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v999: from the future')") }
    try queue.close()
    let before = try bytes(file.path)
    #expect(throws: StoreError.newerVersion(path: file.path)) { try file.open() }
    #expect(try bytes(file.path) == before)
    #expect(SQLiteStore.diagnose(at: file.path).problems.contains { $0.contains("newer version") })
  }

  @Test(.enabled(if: canMakeImmutable()))
  func aReadOnlyFolderGivesAClearIOError() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let chattr = try Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["+i", file.folder.path])
    chattr.waitUntilExit()
    #expect {
      try file.open()
    } throws: { error in
      guard let error = error as? StoreError else { return false }
      return error.exitStatus == 74
    }
  }

  @Test func sqliteErrorsMapToExitStatuses() {
    let full = SQLiteStore.storeError(DatabaseError(resultCode: .SQLITE_FULL), path: "p")
    #expect(full == .diskFull(path: "p") && full.exitStatus == 74)
    #expect(SQLiteStore.storeError(DatabaseError(resultCode: .SQLITE_READONLY), path: "p") == .readOnly(path: "p"))
    if case .corrupt = SQLiteStore.storeError(DatabaseError(resultCode: .SQLITE_CORRUPT), path: "p") {
    } else {
      Issue.record("corrupt not mapped")
    }
  }

  @Test func backupIsAConsistentCopy() throws {
    let file = try filledStore()
    defer { file.remove() }
    let store = try file.open()
    let copyPath = file.folder.appendingPathComponent("backup.sqlite").path
    try store.backup(to: copyPath)
    let check = try SQLiteStore.open(at: copyPath).check()
    #expect(check.isOK && check.answers == 300 && check.learners == 1)
    #expect(throws: StoreError.self) { try store.backup(to: copyPath) }
  }

  @Test func aFailedBackupLeavesNothingAndNamesTheBackupNotTheDatabase() throws {
    let file = try filledStore()
    defer { file.remove() }
    let store = try file.open()
    let target = file.folder.appendingPathComponent("no/such/folder/backup.sqlite").path
    #expect {
      try store.backup(to: target)
    } throws: { error in
      guard let error = error as? StoreError, case .backupFailed(let path, _) = error else { return false }
      return path == target && !error.message(.en).contains("progress database \(target)")
    }
    #expect(!FileManager.default.fileExists(atPath: target))
    let folder = try FileManager.default.contentsOfDirectory(atPath: file.folder.path)
    #expect(!folder.contains { $0.contains(".partial-") }, "no half-written file left")
  }

  @Test func theRecoveryStepsKeepTheWALAndQuotePaths() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rt store \(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("progress.sqlite").path
    try Data(repeating: 0x41, count: 100).write(to: URL(fileURLWithPath: path))
    let steps = SQLiteStore.diagnose(at: path).recovery(program: "/opt/rt/bin/recovery-trainer")
    #expect(steps.first?.contains("'\(path)-wal'") == true, "the WAL is copied with the file")
    #expect(steps.contains { $0.contains("sqlite3 -readonly") }, "the damaged file is read read-only")
    #expect(steps.last?.hasPrefix("'/opt/rt/bin/recovery-trainer' admin check --file") == true)
    #expect(steps.last?.contains("&& mv") == true, "the recovered file goes in place only if it checks out")
    #expect(steps.last?.contains("rm -f '\(path)-wal'") == true, "no old WAL is left to replay onto it")
  }

  /// Twenty connections opening a new file at once (the first start of twenty terminals):
  /// all succeed, and the schema is made once.
  @Test func simultaneousFirstOpensAllSucceed() async throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let path = file.path
    let failures = await withTaskGroup(of: String?.self) { group in
      for _ in 0..<20 {
        group.addTask {
          do {
            let store = try SQLiteStore.open(at: path)
            _ = try store.createLearner(named: "zhang", displayName: nil, at: t0)
            return nil
          } catch {
            return "\(error)"
          }
        }
      }
      var failures: [String] = []
      for await failure in group { if let failure { failures.append(failure) } }
      return failures
    }
    #expect(failures.isEmpty)
    #expect(try file.open().learners().count == 1)
  }

  /// Two connections reviewing the same card at once (two terminals of one learner): every
  /// review counts, because the card is read inside the write that updates it.
  @Test func concurrentReviewsOfOneCardAreNotLost() async throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let learner = try file.open().learnerID("zhang")
    let path = file.path
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<2 {
        group.addTask {
          guard let store = try? SQLiteStore.open(at: path) else { return }
          for index in 0..<50 {
            let at = t0.addingTimeInterval(Double(index))
            _ = try? store.record(
              answer(learner, "q1", fraction: 1, at: at),
              review: CardReview(rating: .good, scheduler: .standard, at: at),
              plan: nil)
          }
        }
      }
    }
    let store = try file.open()
    #expect(try store.answers(learner: learner).count == 100)
    #expect(try store.card(learner: learner, question: "q1")?.reviews == 100)
  }
}

/// Whether this machine lets the tests mark a folder immutable (root on ext4); elsewhere the
/// read-only test is skipped.
func canMakeImmutable() -> Bool {
  let probe = FileManager.default.temporaryDirectory.appendingPathComponent("rt-probe-\(UUID().uuidString)")
  guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil,
    let set = try? Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["+i", probe.path])
  else { return false }
  set.waitUntilExit()
  let worked =
    set.terminationStatus == 0
    && !FileManager.default.createFile(atPath: probe.appendingPathComponent("x").path, contents: nil)
  _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["-i", probe.path]).waitUntilExit()
  try? FileManager.default.removeItem(at: probe)
  return worked
}
