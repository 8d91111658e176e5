import Foundation
import GRDB
import Testing

/// Faults around the program: a read-only data folder, the database deleted while running,
/// a full disk, content that changes between two runs. Each gets a clear message and exit
/// status, and nothing already saved is lost.
@Suite(.serialized) struct FaultTests {
  func answers(_ data: URL) throws -> Int {
    let queue = try DatabaseQueue(path: data.appendingPathComponent("progress.sqlite").path)
    defer { try? queue.close() }
    return try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM answer") ?? -1 }
  }

  func practice(_ data: URL, answers: String, course: String = CLI.course, count: Int = 2) throws -> CLI.Result {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("rt-answers-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(answers.utf8).write(to: file)
    return try CLI.run(
      [
        "practice", "basics", "--count", String(count), "--seed", "3", "--answers", file.path, "--learner", "张三",
        "--content", course,
      ],
      dataDir: data)
  }

  static func chattr(_ flag: String, _ path: String) {
    let process = try? Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: [flag, path])
    process?.waitUntilExit()
  }

  @Test(.enabled(if: canMakeImmutable()))
  func aReadOnlyDataFolderIsAnIOErrorAndKeepsWhatWasSaved() throws {
    let data = try CLI.temporaryFolder()
    defer {
      Self.chattr("-i", data.path)
      try? FileManager.default.removeItem(at: data)
    }
    #expect(try practice(data, answers: "a\n").status == 0)
    let saved = try answers(data)
    Self.chattr("+i", data.path)
    let result = try practice(data, answers: "a\n3 1 2 4\n")
    #expect(result.status == 74, "\(result.stderr)")
    #expect(result.stderr.contains("只读"), "\(result.stderr)")
    Self.chattr("-i", data.path)
    #expect(try answers(data) == saved)
  }

  @Test func theDatabaseDeletedWhileRunningIsNoticedBeforeTheNextAnswer() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["--content", CLI.course, "--learner", "张三"]
    process.environment = [
      "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8", "RECOVERY_TRAINER_HOME": data.path,
    ]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    try? input.fileHandleForWriting.write(contentsOf: Data("y\npractice basics --count 2 --seed 3\na\n".utf8))
    // Wait for the first answer to be saved, then delete the database under the program.
    let database = data.appendingPathComponent("progress.sqlite")
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline, (try? answers(data)) ?? 0 < 1 { Thread.sleep(forTimeInterval: 0.05) }
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
    try? input.fileHandleForWriting.write(contentsOf: Data("3 1 2 4\nquit\n".utf8))
    try input.fileHandleForWriting.close()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    _ = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 74)
    #expect(stderr.contains("已被删除或替换"), "\(stderr)")
  }

  @Test func aFullDiskIsReportedAndEarlierAnswersSurvive() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    #expect(try practice(data, answers: "a\n").status == 0)
    let saved = try answers(data)
    // A file-size limit of 1 KB (ulimit -f) stands in for a full disk: the next write fails.
    let file = data.appendingPathComponent("more.txt")
    try Data(String(repeating: "a\n3 1 2 4\n", count: 5).utf8).write(to: file)
    let command = """
      ulimit -f 1; exec '\(CLI.executable.path)' practice basics --count 5 --seed 4 \
      --answers '\(file.path)' --learner 张三 --content '\(CLI.course)'
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", command]
    process.environment = [
      "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8", "RECOVERY_TRAINER_HOME": data.path,
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 74, "\(stderr)")
    #expect(stderr.contains("recovery-trainer:"), "\(stderr)")
    #expect(try answers(data) >= saved)
    let queue = try DatabaseQueue(path: data.appendingPathComponent("progress.sqlite").path)
    defer { try? queue.close() }
    #expect(try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
  }

  @Test func answersKeepTheHashOfWhatWasGradedWhenContentChanges() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let course = data.appendingPathComponent("course")
    try FileManager.default.copyItem(atPath: CLI.course, toPath: course.path)
    #expect(try practice(data, answers: "a\n", course: course.path, count: 1).status == 0)
    // The instructor rewrites the explanation of the question that was answered.
    let bank = course.appendingPathComponent("questions/basics.yaml")
    let text = try String(contentsOf: bank, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "先核实身份，避免泄露债务信息。", with: "先核实身份，再谈债务。").utf8).write(to: bank)
    #expect(try practice(data, answers: "a\n", course: course.path, count: 1).status == 0)
    let queue = try DatabaseQueue(path: data.appendingPathComponent("progress.sqlite").path)
    defer { try? queue.close() }
    let hashes = try queue.read {
      try String.fetchAll($0, sql: "SELECT question_hash FROM answer WHERE question_id = 'b.first-step' ORDER BY id")
    }
    #expect(hashes.count == 2)
    #expect(hashes[0] != hashes[1], "each answer keeps the hash of the question as it was graded")
  }

  @Test func aSessionResumedAfterItsQuestionsWereRemovedSkipsThem() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let course = data.appendingPathComponent("course")
    try FileManager.default.copyItem(atPath: CLI.course, toPath: course.path)
    #expect(try practice(data, answers: "a\n", course: course.path, count: 3).status == 0)  // interrupted after 1 of 3
    // The ordering question (next in the queue) is removed from the bank.
    let bank = course.appendingPathComponent("questions/basics.yaml")
    let text = try String(contentsOf: bank, encoding: .utf8)
    guard let start = text.range(of: "- id: b.phone-steps"), let end = text.range(of: "- id: b.routes") else {
      Issue.record("fixture changed")
      return
    }
    try Data((String(text[..<start.lowerBound]) + String(text[end.lowerBound...])).utf8).write(to: bank)
    let result = try CLI.run(["--content", course.path], input: "y\nAB\nquit\n", dataDir: data)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.contains("把电话催收的步骤按顺序排好"))
    #expect(result.stdout.contains("催收函应当写明哪些内容"))
  }
}

/// Whether this machine lets the tests mark a folder immutable (root on ext4).
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
