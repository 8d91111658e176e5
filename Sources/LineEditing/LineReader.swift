@preconcurrency import CReadline
import Foundation

/// What one call to `LineReader.read(prompt:)` produced.
public enum LineInput: Sendable, Equatable {
  /// A line, without its line break.
  case line(String)
  /// Ctrl-C while reading: the line was cancelled, the program goes on.
  case interrupted
  /// Ctrl-D on an empty line, or the end of piped input.
  case end
}

/// Completion candidates for the word being typed.
///
/// Called with the whole line so far and the word under the cursor; returns the full
/// words that could replace it.
public typealias Completer = @Sendable (_ line: String, _ word: String) -> [String]

// C callbacks cannot capture context, so the state they read lives here, in the only file
// that touches readline's globals. The REPL is single-threaded (readline is not re-entrant).
nonisolated(unsafe) private var activeCompleter: Completer?
nonisolated(unsafe) private var completionCandidates: [String] = []
nonisolated(unsafe) private var interruptedFlag: Int32 = 0

/// Reads lines from the terminal with GNU readline (history, completion, CJK editing), or
/// plain lines when standard input is not a terminal, so scripted sessions stay clean.
public final class LineReader {
  /// Whether readline is in use (standard input and output are terminals).
  public let isInteractive: Bool
  private let historyFile: String?

  /// Sets up reading.
  ///
  /// - Parameters:
  ///   - historyFile: where history is kept across runs; `nil` for none.
  ///   - completer: completion candidates for Tab, when interactive.
  ///   - forcePlain: read plain lines even on a terminal.
  public init(historyFile: String?, completer: Completer? = nil, forcePlain: Bool = false) {
    isInteractive = !forcePlain && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    self.historyFile = historyFile
    guard isInteractive else { return }
    Self.ensureUTF8Locale()
    rl_readline_name = UnsafePointer(strdup("recovery-trainer"))
    activeCompleter = completer
    rl_attempted_completion_function = attemptCompletion
    rl_catch_signals = 0
    using_history()
    stifle_history(1000)
    if let historyFile { read_history(historyFile) }
    signal(SIGINT, onInterrupt)
  }

  /// Makes sure multibyte (Chinese) input is decoded as characters, not Meta keys, even
  /// when `LANG` is unset: falls back to `C.UTF-8`.
  public static func ensureUTF8Locale() {
    setlocale(LC_ALL, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
    if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
      setlocale(LC_CTYPE, "C.UTF-8")
    }
  }

  /// Reads one line, showing `prompt` when interactive.
  ///
  /// Escape sequences in the prompt must be wrapped in `\u{01}`…`\u{02}` so readline
  /// measures it right; `Prompt` in the CLI does that.
  public func read(prompt: String) -> LineInput {
    guard isInteractive else { return Self.readPlain() }
    interruptedFlag = 0
    guard let raw = readline(prompt) else {
      return interruptedFlag != 0 ? .interrupted : .end
    }
    defer { free(raw) }
    if interruptedFlag != 0 {
      interruptedFlag = 0
      return .interrupted
    }
    let line = String(decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)), as: UTF8.self)
    if !line.trimmingCharacters(in: .whitespaces).isEmpty {
      add_history(raw)
      if let historyFile { append_history(1, historyFile) }
    }
    return .line(line)
  }

  /// Saves the history (trimmed to the last 1,000 lines).
  public func close() {
    guard isInteractive, let historyFile else { return }
    write_history(historyFile)
    history_truncate_file(historyFile, 1000)
  }

  /// Reads a line from standard input without readline; invalid UTF-8 is replaced, not fatal.
  static func readPlain() -> LineInput {
    var bytes: [UInt8] = []
    while true {
      let c = getchar()
      if c == EOF {
        return bytes.isEmpty ? .end : .line(decode(bytes))
      }
      if c == 10 { return .line(decode(bytes)) }
      bytes.append(UInt8(truncatingIfNeeded: c))
    }
  }

  private static func decode(_ bytes: [UInt8]) -> String {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasSuffix("\r") { text.removeLast() }
    return text
  }
}

private func onInterrupt(_ signal: Int32) {
  interruptedFlag = 1
  // Abandon the current line and return from readline() with what we have; the flag
  // tells `read` it was a Ctrl-C, not a line.
  rl_replace_line("", 0)
  rl_done = 1
  write(STDOUT_FILENO, "^C\n", 3)
}

private func attemptCompletion(
  _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  rl_attempted_completion_over = 1
  guard let completer = activeCompleter, let text else { return nil }
  let word = String(cString: text)
  let line = rl_line_buffer.map { String(cString: $0) } ?? ""
  let prefix = String(line.utf8.prefix(Int(start))) ?? ""
  completionCandidates = completer(prefix, word)
  return rl_completion_matches(text, generateCandidate)
}

private func generateCandidate(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
  let index = Int(state)
  guard index < completionCandidates.count else { return nil }
  return strdup(completionCandidates[index])
}
