import ArgumentParser
import Foundation

/// Everything the CLI learns from its surroundings: the environment, whether output is a
/// terminal, its width. Kept in one place so tests can pass a fixed one.
public struct Terminal: Sendable {
  /// The environment variables.
  public var environment: [String: String]
  /// Whether standard output is a terminal.
  public var isTTY: Bool
  /// The width to wrap text at, in columns.
  public var width: Int
  /// Whether to use colour and bold (a TTY, no `NO_COLOR`, `TERM` not `dumb`).
  public var usesColor: Bool
  /// The number of lines, for paging.
  public var height: Int = 24

  /// Creates a terminal description by hand (tests).
  public init(environment: [String: String], isTTY: Bool, width: Int, usesColor: Bool) {
    self.environment = environment
    self.isTTY = isTTY
    self.width = width
    self.usesColor = usesColor
  }

  /// The terminal this process runs in.
  public static func current() -> Terminal {
    let environment = ProcessInfo.processInfo.environment
    let isTTY = isatty(STDOUT_FILENO) == 1
    var width = 80
    var height = 24
    if let lines = environment["LINES"].flatMap(Int.init), lines > 0 { height = lines }
    if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
      width = columns
    } else if isTTY {
      var size = winsize()
      if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
        width = Int(size.ws_col)
        if size.ws_row > 2 { height = Int(size.ws_row) }
      }
    }
    let dumb = environment["TERM"] == "dumb"
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    var terminal = Terminal(
      environment: environment, isTTY: isTTY, width: max(20, min(width, 200)),
      usesColor: isTTY && !dumb && !noColor)
    terminal.height = max(5, height)
    return terminal
  }
}

/// Writes to standard output and standard error without buffering surprises.
public enum Console {
  /// Where lines go instead of standard output, for in-process tests of whole shells (a
  /// task-local value, so tests running in parallel do not mix their output).
  final class Capture: @unchecked Sendable {
    var lines: [String] = []
  }

  @TaskLocal static var capture: Capture?

  /// Writes text and a line break to standard output.
  public static func line(_ text: String = "") {
    if let capture {
      capture.lines.append(text)
      return
    }
    write(text + "\n", to: STDOUT_FILENO)
  }

  /// Writes text as it is, with no line break added, to standard output.
  public static func raw(_ text: String) {
    if let capture {
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if lines.last == "" { lines.removeLast() }
      capture.lines.append(contentsOf: lines)
      return
    }
    write(text, to: STDOUT_FILENO)
  }

  /// Reads a whole input file (`-` for standard input) as UTF-8, invalid bytes replaced;
  /// exits with status 66 when it cannot be read.
  public static func readInput(_ path: String) throws -> String {
    let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
    guard let handle, let data = try? handle.readToEnd() ?? Data() else {
      error("recovery-trainer: " + Interface.text("file.cannot-read", path))
      throw ExitCode(66)
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// Writes a line to standard error.
  public static func error(_ text: String) {
    if let capture {
      capture.lines.append("[stderr] " + text)
      return
    }
    write(text + "\n", to: STDERR_FILENO)
  }

  private static func write(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return  // A closed pipe: nothing more can be shown.
      }
      bytes = bytes.dropFirst(written)
    }
  }
}
