import Foundation
import GRDB
import Testing

/// The data-safety defects found in use, each reproduced through the real executable.
@Suite(.serialized) struct DefectRegressionTests {
  func database(_ data: URL) -> String { data.appendingPathComponent("progress.sqlite").path }

  func query<T: DatabaseValueConvertible>(_ data: URL, _ sql: String) throws -> T? {
    let queue = try DatabaseQueue(path: database(data))
    defer { try? queue.close() }
    return try queue.read { try T.fetchOne($0, sql: sql) }
  }

  func answersFile(_ text: String) throws -> URL {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("rt-answers-\(UUID().uuidString).txt")
    try Data(text.utf8).write(to: file)
    return file
  }

  func practice(_ data: URL, _ file: URL, learner: String = "张三", extra: [String] = []) throws -> CLI.Result {
    try CLI.run(
      [
        "practice", "basics", "--count", "3", "--seed", "3", "--answers", file.path, "--learner", learner, "--content",
        CLI.course,
      ]
        + extra, dataDir: data)
  }

  /// Two `practice --answers` processes started together on a new data folder, twenty times.
  @Test func simultaneousFirstStartsAllSucceed() throws {
    let file = try answersFile("a\nskip\nquit\n")
    defer { try? FileManager.default.removeItem(at: file) }
    final class Failures: @unchecked Sendable {
      let lock = NSLock()
      var list: [String] = []
      func add(_ text: String) {
        lock.lock()
        list.append(text)
        lock.unlock()
      }
    }
    let failures = Failures()
    for round in 0..<20 {
      let data = try CLI.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: data) }
      let group = DispatchGroup()
      for name in ["张三", "李四"] {
        group.enter()
        DispatchQueue.global().async {
          defer { group.leave() }
          let result = try? practice(data, file, learner: name)
          if result?.status != 0 { failures.add("round \(round) \(name): \(result?.stderr ?? "did not run")") }
        }
      }
      group.wait()
      #expect(try query(data, "SELECT COUNT(*) FROM learner") == 2)
    }
    #expect(failures.list.isEmpty, "\(failures.list)")
  }

  /// A damaged database: every command that refuses it leaves it byte-identical, and
  /// `admin check` diagnoses exactly that file, says how to recover, and changes nothing.
  @Test(arguments: ["not a database", "damaged page"])
  func aDamagedDatabaseIsNeverWritten(_ damage: String) throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let file = try answersFile("a\n3 1 2 4\nquit\n")
    defer { try? FileManager.default.removeItem(at: file) }
    #expect(try practice(data, file).status == 0)
    let path = database(data)
    if damage == "not a database" {
      try Data(repeating: 0x41, count: 9000).write(to: URL(fileURLWithPath: path))
    } else {
      let queue = try DatabaseQueue(path: path)
      try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
      // The page that holds the answers (a header that is fine, a table that is not).
      let root = try #require(
        try queue.read { try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'answer'") })
      let pageSize = try #require(try queue.read { try Int.fetchOne($0, sql: "PRAGMA page_size") })
      try queue.close()
      let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
      try handle.seek(toOffset: UInt64((root - 1) * pageSize + 8))
      try handle.write(contentsOf: Data(repeating: 0xEE, count: 3000))
      try handle.close()
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let commands: [([String], String?)] = [
      (["--content", CLI.course], "quit\n"),
      (["practice", "basics", "--answers", file.path, "--learner", "张三", "--content", CLI.course], nil),
      (["progress", "--learner", "张三", "--content", CLI.course], nil),
      (["progress", "--format", "csv"], nil),
      (["report"], nil),
      (["admin", "backup", data.appendingPathComponent("copy.sqlite").path], nil),
    ]
    for (arguments, input) in commands {
      let result = try CLI.run(arguments, input: input, dataDir: data)
      #expect(result.status == 65, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains("admin check"), "\(arguments)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(arguments) changed the file")
    }
    let check = try CLI.run(["admin", "check"], dataDir: data)
    #expect(check.status == 1)
    #expect(check.stdout.contains("sqlite3 -readonly"), "\(check.stdout)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  /// The steps `admin check` prints recover what can be read: run as printed, they leave a
  /// healthy database in place with most of the answers, and the damaged file kept aside.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
  func theRecoveryStepsWorkAsPrinted() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let course = try ReliabilityTests.generatedCourse(count: 400, in: data.appendingPathComponent("course"))
    _ = try CLI.run(
      ["practice", "all", "--count", "400", "--seed", "1", "--answers", "-", "--learner", "张三", "--content", course],
      input: String(repeating: "a\n", count: 400), dataDir: data)
    let path = database(data)
    let queue = try DatabaseQueue(path: path)
    let before: Int = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM answer") } ?? 0
    try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    let pages: Int = try queue.read { try Int.fetchOne($0, sql: "PRAGMA page_count") } ?? 0
    try queue.close()
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    try handle.seek(toOffset: UInt64(pages / 2 * 4096))
    try handle.write(contentsOf: Data(repeating: 0xEE, count: 4096))
    try handle.close()
    let check = try CLI.run(["admin", "check"], dataDir: data)
    #expect(check.status == 1)
    let steps = check.stdout.split(separator: "\n").filter {
      $0.hasPrefix("  mkdir") || $0.hasPrefix("  sqlite3") || $0.hasPrefix("  '")
    }
    #expect(steps.count == 3)
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = ["-c", steps.map { String($0.dropFirst(2)) }.joined(separator: "\n")]
    shell.standardOutput = FileHandle.nullDevice
    shell.standardError = FileHandle.nullDevice
    try shell.run()
    shell.waitUntilExit()
    #expect(shell.terminationStatus == 0)
    let after = try CLI.run(["admin", "check"], dataDir: data)
    #expect(after.status == 0, "\(after.stdout)")
    let recovered = try DatabaseQueue(path: path)
    let count: Int = try recovered.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM answer") } ?? 0
    try recovered.close()
    #expect(count > before / 2 && count <= before, "\(count) of \(before) answers recovered")
    #expect(
      FileManager.default.fileExists(atPath: data.appendingPathComponent("damaged/progress.sqlite.original").path))
  }

  @Test func checkOnAFolderWithoutADatabaseSaysSo() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let missing = data.appendingPathComponent("typo")
    let result = try CLI.run(["admin", "check", "--data-dir", missing.path])
    #expect(result.status == 66)
    #expect(!FileManager.default.fileExists(atPath: missing.path), "checking creates nothing")
  }

  /// An installed binary started by name from `PATH` (and through a symbolic link) finds the
  /// content installed beside it; a copy of the binary with another identity does not reuse
  /// the first one's course cache.
  @Test func anInstalledBinaryFindsItsContentAndHasItsOwnCache() throws {
    let prefix = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: prefix) }
    let manager = FileManager.default
    try manager.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
    try manager.createDirectory(
      at: prefix.appendingPathComponent("share/recovery-trainer"), withIntermediateDirectories: true)
    let binary = prefix.appendingPathComponent("bin/recovery-trainer")
    try manager.copyItem(at: CLI.executable, to: binary)
    try manager.copyItem(
      atPath: CLI.course, toPath: prefix.appendingPathComponent("share/recovery-trainer/content").path)
    let links = prefix.appendingPathComponent("links")
    try manager.createDirectory(at: links, withIntermediateDirectories: true)
    try manager.createSymbolicLink(at: links.appendingPathComponent("rt"), withDestinationURL: binary)
    let cache = prefix.appendingPathComponent("cache")
    func shell(_ command: String) throws -> (String, Int32) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", command]
      process.currentDirectoryURL = URL(fileURLWithPath: "/")
      process.environment = [
        "PATH": "\(prefix.path)/bin:\(links.path):/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8",
        "HOME": prefix.path, "XDG_CACHE_HOME": cache.path,
      ]
      let output = Pipe()
      process.standardOutput = output
      process.standardError = output
      try process.run()
      let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return (text, process.terminationStatus)
    }
    for command in ["recovery-trainer lessons", "rt lessons"] {
      let (text, status) = try shell(command)
      #expect(status == 0, "\(command): \(text)")
      #expect(text.contains("基础知识"), "\(command): \(text)")
    }
    let cacheFolder = cache.appendingPathComponent("recovery-trainer").path
    let first = try manager.contentsOfDirectory(atPath: cacheFolder)
    #expect(first.count == 1)
    // A new build of the same version: same name, same content, another file.
    try manager.removeItem(at: binary)
    try manager.copyItem(at: CLI.executable, to: binary)
    #expect(try shell("recovery-trainer lessons").1 == 0)
    #expect(try manager.contentsOfDirectory(atPath: cacheFolder).count == 2, "the new build made its own cache")
  }

  /// `quit` at "go on with your last session?" leaves the program and keeps the session paused.
  @Test func quitAtTheResumePromptDoesNotResume() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let file = try answersFile("a\n")
    defer { try? FileManager.default.removeItem(at: file) }
    #expect(try practice(data, file).status == 0)
    let result = try CLI.run(["--content", CLI.course], input: "quit\n", dataDir: data)
    #expect(result.status == 0)
    #expect(!result.stdout.contains("继续练习："), "not resumed")
    #expect(result.stdout.contains("保留为暂停状态"))
    #expect(try query(data, "SELECT COUNT(*) FROM session WHERE status = 'active'") == 1)
    #expect(try query(data, "SELECT COUNT(*) FROM answer") == 1)
    let maybe = try CLI.run(["--content", CLI.course], input: "perhaps\nn\nquit\n", dataDir: data)
    #expect(maybe.stdout.contains("请回答 y（继续）或 n（放弃）"), "anything else is asked again")
    #expect(try query(data, "SELECT COUNT(*) FROM session WHERE status = 'abandoned'") == 1)
  }

  /// One rule for a learner's name, however it is given.
  @Test func learnerNamesLongerThanFortyCharactersAreRefusedEverywhere() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let long = String(repeating: "长", count: 41)
    let shell = try CLI.run(
      ["--content", CLI.course], input: "张三\nlearner \(long)\nlearner \(String(long.dropLast()))\ny\nquit\n",
      dataDir: data
    )
    #expect(shell.stdout.contains("姓名太长了（最多 40 个字）"))
    let option = try CLI.run(["progress", "--learner", long, "--content", CLI.course], dataDir: data)
    #expect(option.status == 64 && option.stderr.contains("40"))
    let names: [String] = try {
      let queue = try DatabaseQueue(path: database(data))
      defer { try? queue.close() }
      return try queue.read { try String.fetchAll($0, sql: "SELECT name FROM learner ORDER BY name") }
    }()
    #expect(names == ["张三", String(long.dropLast())].sorted())
  }

  /// Exports show the letter the learner saw and the choice it stands for in the file.
  @Test func exportsCarryTheLetterShownAndTheChoiceInTheFile() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    // The first question of this seed is a choice question; `b` is its second letter on screen.
    let file = try answersFile("b\nquit\n")
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try practice(data, file)
    #expect(run.status == 0)
    let csv = try CLI.run(["progress", "--format", "csv", "--learner", "张三"], dataDir: data)
    let lines = csv.stdout.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let field = { (name: String) in header.firstIndex(of: name).map { row[$0] } }
    #expect(field("typed") == "b" && field("shown") == "B")
    let shownText = run.stdout.split(separator: "\n").first { $0.hasPrefix("  B. ") }.map { String($0.dropFirst(5)) }
    let choice = try #require(field("choice").flatMap(Int.init))
    let bank = try String(contentsOfFile: CLI.course + "/questions/basics.yaml", encoding: .utf8)
    let question = try #require(field("question"))
    let block = try #require(bank.components(separatedBy: "- id: ").first { $0.hasPrefix(question) })
    let texts = block.split(separator: "\n").filter { $0.contains("- text:") }.map {
      $0.replacingOccurrences(of: "- text:", with: "").trimmingCharacters(in: .whitespaces)
    }
    #expect(texts.indices.contains(choice - 1) && texts[choice - 1] == shownText, "choice \(choice) is what B showed")
    let json = try CLI.run(["progress", "--format", "json", "--learner", "张三"], dataDir: data)
    #expect(json.stdout.contains("\"shown\": \"B\"") && json.stdout.contains("\"choice\": \"\(choice)\""))
  }
}
