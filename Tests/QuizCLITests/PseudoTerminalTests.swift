import Foundation
import GRDB
import Testing

/// The real readline shell under a pseudo-terminal (`script`): Tab completion, Chinese typed
/// with no locale set, Ctrl-C in the middle of a question, Ctrl-D to leave; then the database.
@Suite struct PseudoTerminalTests {
  /// A child process on a pseudo-terminal, with its output collected as it comes.
  final class Terminal: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    private let lock = NSLock()
    private var buffer = Data()

    init(command: String, environment: [String: String]) throws {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
      process.arguments = ["-qec", command, "/dev/null"]
      process.environment = environment
      process.standardInput = input
      process.standardOutput = output
      process.standardError = output
      output.fileHandleForReading.readabilityHandler = { [weak self] handle in
        let data = handle.availableData
        guard let self, !data.isEmpty else { return }
        self.lock.lock()
        self.buffer.append(data)
        self.lock.unlock()
      }
      try process.run()
    }

    var text: String {
      lock.lock()
      defer { lock.unlock() }
      return String(decoding: buffer, as: UTF8.self)
    }

    func send(_ keys: String) {
      try? input.fileHandleForWriting.write(contentsOf: Data(keys.utf8))
    }

    /// Waits until `needle` has been printed `times` times; false after the timeout.
    func wait(for needle: String, times: Int = 1, timeout: TimeInterval = 20) -> Bool {
      let deadline = Date().addingTimeInterval(timeout)
      while Date() < deadline {
        if text.components(separatedBy: needle).count - 1 >= times { return true }
        Thread.sleep(forTimeInterval: 0.05)
      }
      return false
    }

    func close() {
      output.fileHandleForReading.readabilityHandler = nil
      if process.isRunning { process.terminate() }
    }
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func tabCompletionChineseInputCtrlCAndCtrlD() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    // `exec`, so the program is script's direct child and its exit status is script's.
    let command = "exec \(CLI.executable.path) --content '\(CLI.course)' --data-dir '\(data.path)'"
    // No LANG or LC_ALL: the program must fall back to a UTF-8 locale by itself.
    let terminal = try Terminal(
      command: command, environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm", "NO_COLOR": "1", "HOME": data.path])
    defer { terminal.close() }

    #expect(terminal.wait(for: "请输入你的姓名"), "\(terminal.text)")
    terminal.send("张三\r")
    #expect(terminal.wait(for: "建议下一步"))
    terminal.send("pra\t")
    #expect(terminal.wait(for: "practice "), "Tab completes the command")
    terminal.send("bas\t")
    #expect(terminal.wait(for: "practice basics"), "Tab completes the lesson id")
    terminal.send("--type open\r")
    #expect(terminal.wait(for: "简述两种催收途径"))
    terminal.send("电话催收和催收函\r")
    #expect(terminal.wait(for: "✓ 正确"), "a Chinese answer typed at the terminal is graded")
    #expect(terminal.wait(for: "按 e 标记"))
    terminal.send("e")
    #expect(terminal.wait(for: "已标记为太简单"), "a correct answer can be marked easy with one key")
    #expect(terminal.wait(for: "张三 › ", times: 2))
    terminal.send("practice basics --count 2 --seed 3\r")
    #expect(terminal.wait(for: "[1/2]"))
    terminal.send("半截")
    Thread.sleep(forTimeInterval: 0.3)
    terminal.send("\u{03}")
    #expect(terminal.wait(for: "练习已暂停"), "Ctrl-C leaves the question, not the program")
    Thread.sleep(forTimeInterval: 0.5)
    terminal.send("\u{04}")
    #expect(terminal.wait(for: "再见"), "Ctrl-D leaves cleanly")
    let deadline = Date().addingTimeInterval(20)
    while terminal.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    #expect(!terminal.process.isRunning, "\(terminal.text)")
    #expect(terminal.process.isRunning || terminal.process.terminationStatus == 0)

    let queue = try DatabaseQueue(path: data.appendingPathComponent("progress.sqlite").path)
    defer { try? queue.close() }
    let answers = try queue.read { try String.fetchAll($0, sql: "SELECT raw FROM answer") }
    #expect(answers == ["电话催收和催收函"])
    let paused = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM session WHERE status = 'active'") }
    #expect(paused == 1, "the interrupted session can be resumed")
    let card = try queue.read {
      try Row.fetchOne($0, sql: "SELECT state, reviews FROM card WHERE question_id = 'b.routes'")
    }
    #expect(card?["state"] as String? == "review", "marked easy: straight to review")
    #expect(card?["reviews"] as Int? == 1, "the easy rating replaces the good one, it is not a second review")
    #expect(
      FileManager.default.fileExists(atPath: data.appendingPathComponent("history-1").path),
      "history is kept per learner")
  }
}
