import Foundation
import QuizCore
import QuizStore
import QuizStorePostgres
import Testing

/// Temporary database files for store tests (real files, not in-memory databases).
struct TemporaryStore {
  let folder: URL
  var path: String { folder.appendingPathComponent("progress.sqlite").path }

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("rt-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func open() throws -> SQLiteStore { try SQLiteStore.open(at: path) }

  func remove() {
    _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["-i", folder.path]).waitUntilExit()
    try? FileManager.default.removeItem(at: folder)
  }
}

/// The implementations of the store port that the contract suite runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
  case sqlite, memory, postgres

  var testDescription: String { rawValue }

  /// Every store this build can test: PostgreSQL when the build has it (the `PostgreSQL`
  /// trait) and `make test` has started a server for it.
  static var allCases: [StoreKind] {
    PostgresTestServer.location == nil ? [.sqlite, .memory] : [.sqlite, .memory, .postgres]
  }
}

/// The server `make test` starts (`scripts/pg-cluster`), named by
/// `RECOVERY_TRAINER_TEST_POSTGRES` (an administrator's URL; the password comes from PGPASSFILE).
enum PostgresTestServer {
  static let location: PostgresLocation? = {
    guard PostgresSupport.isAvailable,
      let url = ProcessInfo.processInfo.environment["RECOVERY_TRAINER_TEST_POSTGRES"], !url.isEmpty
    else { return nil }
    return try? PostgresLocation(url: url)
  }()
}

/// A store under test, with a way to open it again (a new connection to the same data).
final class StoreUnderTest {
  let store: any ProgressStore
  private let file: TemporaryStore?
  private let database: PostgresTestDatabase?

  init(_ kind: StoreKind) throws {
    switch kind {
    case .sqlite:
      let file = try TemporaryStore()
      self.file = file
      database = nil
      store = try file.open()
    case .memory:
      file = nil
      database = nil
      store = InMemoryStore()
    case .postgres:
      file = nil
      let database = try PostgresTestDatabase()
      self.database = database
      store = try database.open()
    }
  }

  /// The same data through a fresh connection (the same object in memory).
  func reopened() throws -> any ProgressStore {
    if let database { return try database.open() }
    guard let file else { return store }
    return try file.open()
  }

  deinit { file?.remove() }
}

let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // a fixed clock for exact tests

func answer(
  _ learner: Int64, _ question: String, lesson: String = "l1", type: String = "single", tags: [String] = ["合规"],
  fraction: Double, session: Int64? = nil, at date: Date = t0
) -> NewAnswer {
  NewAnswer(
    learnerID: learner, sessionID: session, questionID: question, questionHash: "h-\(question)", lessonID: lesson,
    questionType: type, tags: tags, typed: "a", shown: "A", canonical: "2", response: .choices([1]),
    fraction: fraction, durationMS: 1200, answeredAt: date)
}

extension ProgressStore {
  /// Records an answer with no review and no plan.
  @discardableResult
  func record(_ answer: NewAnswer) throws -> AnswerRecord {
    try record(answer, review: nil, plan: nil).answer
  }

  func learnerID(_ name: String) throws -> Int64 {
    try createLearner(named: name, displayName: nil, at: t0).id
  }
}
