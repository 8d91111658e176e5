import Foundation
import GRDB
import Testing

/// Nothing answered is lost: not when the process is killed at a random moment, and not
/// when two processes write to one database at once.
@Suite(.serialized) struct ReliabilityTests {
  /// A course of `count` single-choice questions in a temporary folder.
  static func generatedCourse(count: Int, in folder: URL) throws -> String {
    let course = folder.appendingPathComponent("course")
    try FileManager.default.createDirectory(
      at: course.appendingPathComponent("lessons"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: course.appendingPathComponent("questions"), withIntermediateDirectories: true)
    try Data("id: load\ntitle: 压力测试\nversion: 1.0.0\nlessons: [only]\n".utf8)
      .write(to: course.appendingPathComponent("course.yaml"))
    try Data("---\nid: only\ntitle: 唯一一课\nobjectives: [练习]\nminutes: 1\n---\n\n## 要点\n\n正文。\n".utf8)
      .write(to: course.appendingPathComponent("lessons/only.md"))
    var yaml = ""
    for index in 0..<count {
      yaml += """
        - id: q.\(index)
          lesson: only
          type: single
          source: only#要点
          prompt: 第 \(index) 题：首次电话联系时应当先做什么？
          choices:
            - {text: 核实身份, correct: true}
            - {text: 威胁起诉}
          explanation: 先核实身份。

        """
    }
    try Data(yaml.utf8).write(to: course.appendingPathComponent("questions/only.yaml"))
    return course.path
  }

  static let verdicts = ["✓ 正确", "✗ 错误", "◐ 部分正确"]

  static func verdictCount(_ text: String) -> Int {
    text.split(separator: "\n").filter { line in verdicts.contains { line.hasPrefix($0) } }.count
  }

  static func database(_ folder: URL) throws -> DatabaseQueue {
    try DatabaseQueue(path: folder.appendingPathComponent("progress.sqlite").path)
  }

  /// Runs `practice` on a generated course with its answers on standard input; kills it with
  /// SIGKILL after `killAfter` seconds when given.
  static func practice(
    course: String, data: URL, learner: String, count: Int, seed: Int, killAfter: TimeInterval? = nil
  ) throws -> (output: String, status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = [
      "practice", "all", "--count", String(count), "--seed", String(seed), "--answers", "-", "--learner", learner,
      "--content", course, "--data-dir", data.path,
    ]
    process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8", "HOME": data.path]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    let collected = Collected()
    output.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
    try process.run()
    try? input.fileHandleForWriting.write(contentsOf: Data(String(repeating: "a\n", count: count * 2).utf8))
    try input.fileHandleForWriting.close()
    if let killAfter {
      Thread.sleep(forTimeInterval: killAfter)
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    output.fileHandleForReading.readabilityHandler = nil
    collected.append(output.fileHandleForReading.readDataToEndOfFile())
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (collected.text, process.terminationStatus, stderr)
  }

  final class Runs: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [String: (String, Int32, String)] = [:]
    func set(_ name: String, _ run: (String, Int32, String)) {
      lock.lock()
      runs[name] = run
      lock.unlock()
    }
    var all: [String: (String, Int32, String)] {
      lock.lock()
      defer { lock.unlock() }
      return runs
    }
  }

  final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) {
      lock.lock()
      data.append(more)
      lock.unlock()
    }
    var text: String {
      lock.lock()
      defer { lock.unlock() }
      return String(decoding: data, as: UTF8.self)
    }
  }

  @Test func everyAnswerWhoseFeedbackWasShownSurvivesSIGKILL() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let course = try Self.generatedCourse(count: 200, in: folder)
    let data = folder.appendingPathComponent("data")
    let rounds = Int(ProcessInfo.processInfo.environment["RT_CRASH_ROUNDS"] ?? "") ?? 8
    var generator = SystemRandomNumberGenerator()
    var killedMidway = 0
    for round in 0..<rounds {
      let delay = Double.random(in: 0.05...0.6, using: &generator)
      let run = try Self.practice(
        course: course, data: data, learner: "crash", count: 200, seed: round, killAfter: delay)
      let shown = Self.verdictCount(run.output)
      // Killed before it created anything (a busy machine can take longer than the delay to
      // start): nothing was shown, so nothing can have been lost.
      guard FileManager.default.fileExists(atPath: data.appendingPathComponent("progress.sqlite").path) else {
        #expect(shown == 0, "round \(round): \(shown) answers shown without a database")
        continue
      }
      let queue = try Self.database(data)
      let (saved, integrity): (Int, [String]) = try queue.read { db in
        // Killed while the new file's schema was being created (one transaction): no tables,
        // nothing saved, and nothing can have been shown.
        guard try db.tableExists("session") else { return (0, try String.fetchAll(db, sql: "PRAGMA integrity_check")) }
        let session = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM session") ?? -1
        return (
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer WHERE session_id = ?", arguments: [session]) ?? 0,
          try String.fetchAll(db, sql: "PRAGMA integrity_check")
        )
      }
      try queue.close()
      #expect(saved >= shown, "round \(round): \(shown) answers shown, \(saved) saved")
      #expect(integrity == ["ok"])
      if run.status != 0 && shown > 0 { killedMidway += 1 }
    }
    #expect(killedMidway > 0, "at least one run was killed while answering")
    // The database still opens normally and offers the interrupted session.
    let after = try CLI.run(["--content", course, "--learner", "crash"], input: "n\nquit\n", dataDir: data)
    #expect(after.status == 0)
  }

  @Test func twoProcessesWritingAtOnceLoseNothing() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let count = Int(ProcessInfo.processInfo.environment["RT_CONCURRENT_ANSWERS"] ?? "") ?? 400
    let course = try Self.generatedCourse(count: count, in: folder)
    let data = folder.appendingPathComponent("data")
    // Create the database first, so both start on an existing schema.
    _ = try CLI.run(["--content", course, "--learner", "setup"], input: "quit\n", dataDir: data)
    let runs = Runs()
    DispatchQueue.concurrentPerform(iterations: 2) { index in
      let name = "writer-\(index)"
      let run = try? Self.practice(course: course, data: data, learner: name, count: count, seed: index)
      runs.set(name, run.map { ($0.output, $0.status, $0.stderr) } ?? ("", -1, "did not run"))
    }
    let outputs = runs.all
    let queue = try Self.database(data)
    defer { try? queue.close() }
    for (name, (output, status, stderr)) in outputs {
      #expect(status == 0, "\(name): \(stderr)")
      #expect(!stderr.contains("locked"), "\(name): \(stderr)")
      let shown = Self.verdictCount(output)
      let saved = try queue.read { db in
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM answer JOIN learner ON learner.id = answer.learner_id WHERE learner.name = ?",
          arguments: [name]) ?? 0
      }
      #expect(shown >= count, "\(name) answered every question")
      #expect(saved == shown, "\(name): \(shown) shown, \(saved) saved")
    }
  }
}
