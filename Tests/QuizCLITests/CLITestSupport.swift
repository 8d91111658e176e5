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
      if let input { inputPipe.fileHandleForWriting.write(input) }
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
    let expected = (try? String(contentsOf: file, encoding: .utf8)) ?? "<missing golden file \(name).txt>"
    #expect(
      actual == expected, "transcript \(name) differs; run RECORD_GOLDEN=1 swift test to re-record",
      sourceLocation: sourceLocation)
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
