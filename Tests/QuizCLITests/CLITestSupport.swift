import Foundation
import Testing

/// Runs the real `recovery-trainer` executable and compares whole transcripts with golden files.
enum CLI {
  /// The built executable, next to the test bundle.
  static let executable: URL = {
    let products = Bundle.module.bundleURL.deletingLastPathComponent()
    return products.appendingPathComponent("recovery-trainer")
  }()

  /// The golden files in the source tree (written there when `RECORD_GOLDEN=1`).
  static let goldenSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  /// The fixture course.
  static let course = goldenSource.appendingPathComponent("course").path

  struct Result {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  /// Runs the executable with a plain, fixed environment.
  static func run(
    _ arguments: [String], input: String? = nil, environment extra: [String: String] = [:], dataDir: URL? = nil
  ) throws -> Result {
    try run(arguments, bytes: input.map { Data($0.utf8) }, environment: extra, dataDir: dataDir)
  }

  /// Runs the executable with raw bytes on standard input (any bytes, any size: they are
  /// written from another thread while the output is read, so large inputs cannot deadlock).
  static func run(
    _ arguments: [String], bytes input: Data?, environment extra: [String: String] = [:], dataDir: URL? = nil
  ) throws -> Result {
    // A child that exits before reading all its input must not kill the test run with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var environment = [
      "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "72", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(),
    ]
    if let dataDir { environment["RECOVERY_TRAINER_HOME"] = dataDir.path }
    environment.merge(extra) { $1 }
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    let inputPipe = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = inputPipe
    try process.run()
    let writer = Thread {
      if let input { try? inputPipe.fileHandleForWriting.write(contentsOf: input) }
      try? inputPipe.fileHandleForWriting.close()
    }
    writer.start()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
      status: process.terminationStatus)
  }

  /// A transcript: the command, what it printed, and its exit status.
  static func transcript(_ arguments: [String], input: String? = nil, result: Result) -> String {
    var text = "$ recovery-trainer " + arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") + "\n"
    if let input { text += "<<< " + input.replacingOccurrences(of: "\n", with: "⏎") + "\n" }
    text += result.stdout
    if !result.stderr.isEmpty { text += "[stderr]\n" + result.stderr }
    text += "[exit \(result.status)]\n"
    return text
  }

  /// Compares a transcript with `Golden/<name>.txt`; with `RECORD_GOLDEN=1`, writes it instead.
  static func expectGolden(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let file = goldenSource.appendingPathComponent("\(name).txt")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try Data(actual.utf8).write(to: file)
      return
    }
    // Read as bytes: decoding as a text file would drop a byte-order mark the output has.
    let expected =
      (try? Data(contentsOf: file)).map { String(decoding: $0, as: UTF8.self) } ?? "<missing golden file \(name).txt>"
    if actual != expected {
      let message =
        "transcript \(name) differs (- golden, + actual); RECORD_GOLDEN=1 swift test re-records it:\n"
        + diff(expected, actual)
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
  }

  /// The lines that differ, with two lines of context, as `-` (expected) and `+` (actual).
  static func diff(_ expected: String, _ actual: String) -> String {
    let old = expected.components(separatedBy: "\n")
    let new = actual.components(separatedBy: "\n")
    // Longest common subsequence table (transcripts are a few hundred lines).
    var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var lines: [(Character, String)] = []
    var (i, j) = (0, 0)
    while i < old.count || j < new.count {
      if i < old.count && j < new.count && old[i] == new[j] {
        lines.append((" ", old[i]))
        i += 1
        j += 1
      } else if j < new.count && (i == old.count || table[i][j + 1] >= table[i + 1][j]) {
        lines.append(("+", new[j]))
        j += 1
      } else {
        lines.append(("-", old[i]))
        i += 1
      }
    }
    let changed = lines.indices.filter { lines[$0].0 != " " }
    var shown: [String] = []
    var last = -1
    for index in changed {
      // Two changed lines close together: the second's context may already be shown (empty range).
      for context in stride(from: max(index - 2, last + 1), through: min(index + 2, lines.count - 1), by: 1) {
        if context > last + 1 && last >= 0 { shown.append("  …") }
        shown.append("\(lines[context].0) \(lines[context].1)")
        last = context
      }
    }
    return shown.prefix(80).joined(separator: "\n")
  }

  /// Replaces what changes from run to run (the data folder, durations, dates) with fixed marks.
  static func stable(_ text: String, dataDir: URL? = nil) -> String {
    var text = text
    if let dataDir { text = text.replacingOccurrences(of: dataDir.path, with: "DATA") }
    text = text.replacingOccurrences(of: #"用时 \d+ 分 \d+ 秒"#, with: "用时 M 分 S 秒", options: .regularExpression)
    text = text.replacingOccurrences(
      of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, with: "YYYY-MM-DD hh:mm", options: .regularExpression)
    return text
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rt-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
