import Foundation
import QuizStore

/// Temporary database files for store tests (real files, not in-memory databases).
struct TemporaryStore {
  let folder: URL
  var path: String { folder.appendingPathComponent("progress.sqlite").path }

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("rt-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func open() throws -> ProgressStore { try ProgressStore.open(at: path) }

  func remove() {
    _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["-i", folder.path]).waitUntilExit()
    try? FileManager.default.removeItem(at: folder)
  }
}

let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // a fixed clock for exact tests

func answer(
  _ learner: Int64, _ question: String, lesson: String = "l1", type: String = "single", tags: [String] = ["合规"],
  fraction: Double, session: Int64? = nil, at date: Date = t0
) -> AnswerRecord {
  AnswerRecord(
    learnerID: learner, sessionID: session, questionID: question, questionHash: "h-\(question)", lessonID: lesson,
    questionType: type, tags: tags, raw: "A", parsed: "A", response: #"{"choices":{"_0":[0]}}"#, fraction: fraction,
    outcome: fraction >= 1 ? "correct" : fraction > 0 ? "partial" : "incorrect", durationMS: 1200, answeredAt: date)
}
