import Foundation
import Testing

/// Runs scripts/didkit-interop: SpruceID's didkit (PyPI) verifies a VC-JWT this package issued
/// and rejects it once one payload byte changes. It installs didkit from PyPI, so it runs only
/// when asked for.
@Suite struct DidkitInteropTests {
  static let enabled = ProcessInfo.processInfo.environment["RT_DIDKIT"] == "1"

  @Test(.enabled(if: enabled, "set RT_DIDKIT=1 to run the didkit interop script (it installs didkit from PyPI)"))
  func didkitVerifiesOurCertificateAndRejectsAChangedByte() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("trust-sample")
    try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build trust-sample first (swift build)")
    let process = Process()
    process.executableURL = root.appendingPathComponent("scripts/didkit-interop")
    process.environment = ProcessInfo.processInfo.environment.merging(["TRUST_SAMPLE": binary.path]) { _, new in new }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
  }
}
