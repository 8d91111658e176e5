import Foundation
import GRDB
import Testing

/// Hostile typing through the real executable: invalid UTF-8, NUL bytes, a 1 MB line,
/// terminal escape sequences, and input ending at every prompt. No crash, nothing escapes
/// to the terminal, and the database stays whole.
@Suite(.serialized) struct BadInputTests {
  func runBytes(_ arguments: [String], input: Data, dataDir: URL) throws -> CLI.Result {
    try CLI.run(arguments, bytes: input, dataDir: dataDir)
  }

  func integrity(_ data: URL) throws -> [String] {
    let queue = try DatabaseQueue(path: data.appendingPathComponent("progress.sqlite").path)
    defer { try? queue.close() }
    return try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
  }

  @Test func invalidUTF8NulAndControlBytesAreAskedAgainNotCrashed() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    var input = Data("张三\npractice basics --count 1 --seed 3 --type single\n".utf8)
    input.append(contentsOf: [0xFF, 0xFE, 0x41, 0x0A])  // invalid UTF-8, then "A"
    input.append(contentsOf: [0x00, 0x00, 0x0A])  // NUL bytes
    input.append(Data("\u{1B}[2J\u{1B}]0;pwned\u{07}\n".utf8))  // escape sequences
    input.append(Data("a\nquit\n".utf8))
    let result = try runBytes(["--content", CLI.course], input: input, dataDir: data)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.contains("\u{1B}"), "no escape sequence reaches the terminal")
    #expect(result.stdout.contains("✓ 正确"))
    #expect(try integrity(data) == ["ok"])
  }

  @Test func aOneMegabyteLineIsRefusedPolitely() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    var input = Data("张三\npractice basics --count 1 --seed 3 --type open\n".utf8)
    input.append(Data(String(repeating: "催", count: 350_000).utf8))  // about 1 MB
    input.append(Data("\n电话和催收函\nquit\n".utf8))
    let result = try runBytes(["--content", CLI.course], input: input, dataDir: data)
    #expect(result.status == 0)
    #expect(result.stdout.contains("答案太长"))
    #expect(result.stdout.contains("✓ 正确"))
    #expect(try integrity(data) == ["ok"])
  }

  @Test func escapeSequencesInAnAnswerAreStoredButShownInert() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("answers.txt")
    try Data("电话\u{1B}[31m红色 催收函\n".utf8).write(to: file)
    let result = try CLI.run(
      [
        "practice", "basics", "--count", "1", "--type", "open", "--answers", file.path, "--learner", "x", "--content",
        CLI.course,
      ],
      dataDir: data)
    #expect(result.status == 0)
    #expect(!result.stdout.contains("\u{1B}"))
    #expect(result.stdout.contains("␛[31m"))
  }

  @Test func endOfInputAtEveryPromptEndsCleanly() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let lines = [
      "张三", "practice basics --count 3 --seed 3", "?", "E", "a", "3 1 2 4", "review --seed 1", "b", "progress", "quit",
    ]
    for cut in 0...lines.count {
      let input = lines.prefix(cut).map { $0 + "\n" }.joined()
      let result = try CLI.run(["--content", CLI.course], input: input, dataDir: data)
      #expect(result.status == 0, "input cut after \(cut) lines: \(result.stderr)")
      #expect(result.stderr.isEmpty, "input cut after \(cut) lines: \(result.stderr)")
      if cut > 0 { #expect(try integrity(data) == ["ok"]) }
    }
  }

  /// A program that exits without reading its input (here `--version`) while 8 MB are still
  /// being written to it: the writer gets EPIPE, which must not trap the test run.
  @Test func inputNobodyReadsDoesNotTrapTheWriter() throws {
    let result = try CLI.run(["--version"], bytes: Data(repeating: 0x61, count: 8 << 20))
    #expect(result.status == 0)
    #expect(result.stdout.contains("0.1.0"))
  }
}
