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
nonisolated(unsafe) private var readingThread: pthread_t?

/// Reads lines from the terminal with GNU readline (history, completion, CJK editing), or
/// plain lines when standard input is not a terminal, so scripted sessions stay clean.
public final class LineReader {
  /// Whether readline is in use (standard input and output are terminals).
  public let isInteractive: Bool
  private var historyFile: String?

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
    rl_getc_function = readKeyByte
    readingThread = pthread_self()
    // Without SA_RESTART, Ctrl-C interrupts the blocking read inside readline, so
    // `readKeyByte` can end the line at once instead of at the next key press.
    var action = sigaction()
    action.__sigaction_handler.sa_handler = onInterrupt
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    // A parent may have started us with SIGINT blocked; Ctrl-C must reach the handler.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
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

  /// Switches to another history (each learner has their own, so Up never shows another
  /// person's answers): saves nothing more to the old file, forgets its lines, loads the new.
  public func useHistory(file: String?) {
    historyFile = file
    guard isInteractive else { return }
    clear_history()
    if let file { read_history(file) }
  }

  /// Reads one line, showing `prompt` when interactive; a line is kept in the history unless
  /// `remember` is false (answers to exam questions are never kept).
  ///
  /// Escape sequences in the prompt must be wrapped in `\u{01}`…`\u{02}` so readline
  /// measures it right; `Prompt` in the CLI does that.
  public func read(prompt: String) -> LineInput {
    read(prompt: prompt, remember: true)
  }

  /// `read(prompt:)`, choosing whether the line goes into the history.
  public func read(prompt: String, remember: Bool) -> LineInput {
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
    if remember && !line.trimmingCharacters(in: .whitespaces).isEmpty {
      add_history(raw)
      if let historyFile { append_history(1, historyFile) }
    }
    return .line(line)
  }

  /// Waits for one key press without echo (for "more" prompts); `nil` when not interactive
  /// or at end of input. Ctrl-C counts as `q`. A key not in `consuming` is handed on to the
  /// next `read`, so a learner who starts typing the next command loses nothing.
  public func readKey(prompt: String, consuming: Set<Character>) -> Character? {
    guard isInteractive else { return nil }
    Self.writeOut(prompt)
    var original = termios()
    guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
    var raw = original
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
    withUnsafeMutablePointer(to: &raw.c_cc) { pointer in
      pointer.withMemoryRebound(to: cc_t.self, capacity: Int(NCCS)) { cc in
        cc[Int(VMIN)] = 1
        cc[Int(VTIME)] = 0
      }
    }
    tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    defer {
      tcsetattr(STDIN_FILENO, TCSANOW, &original)
      Self.writeOut("\r\u{1B}[K")
    }
    var byte: UInt8 = 0
    guard Foundation.read(STDIN_FILENO, &byte, 1) == 1 else { return nil }
    if byte == 3 || byte == 4 { return "q" }
    let key = Character(UnicodeScalar(byte))
    if !consuming.contains(key) && byte >= 0x21 && byte != 0x7F {
      rl_stuff_char(Int32(byte))
    }
    return key
  }

  /// Writes to standard output without trapping when it is closed (`FileHandle.write(_:)`
  /// traps on EPIPE).
  static func writeOut(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return }
      bytes = bytes.dropFirst(written)
    }
  }

  /// Reads a line from the terminal without showing it (a passphrase): never through readline,
  /// so it reaches no history. `nil` when standard input is not a terminal or at its end.
  public static func readSecret(prompt: String) -> String? {
    guard isatty(STDIN_FILENO) == 1 else { return nil }
    writeOut(prompt)
    var original = termios()
    guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
    var quiet = original
    quiet.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
    defer {
      tcsetattr(STDIN_FILENO, TCSANOW, &original)
      writeOut("\n")
    }
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while Foundation.read(STDIN_FILENO, &byte, 1) == 1 {
      if byte == 10 || byte == 13 { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
    }
    return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
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
  // Only async-signal-safe work here: set the flag and show ^C. `readKeyByte` sees the
  // interrupted read and ends the line; `read` then reports `.interrupted`.
  // The kernel may deliver the signal to any thread (database and dispatch threads
  // included); only the thread blocked in read() can be woken by it, so pass it on.
  if let reader = readingThread, pthread_equal(pthread_self(), reader) == 0 {
    pthread_kill(reader, SIGINT)
    return
  }
  interruptedFlag = 1
  write(STDOUT_FILENO, "^C", 2)
}

/// Readline's input function: one byte from the terminal; on Ctrl-C, a line end, so that
/// readline returns and the cancelled line is discarded.
private func readKeyByte(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
  var byte: UInt8 = 0
  while true {
    if interruptedFlag != 0 { return 10 }
    let count = read(STDIN_FILENO, &byte, 1)
    if count == 1 { return Int32(byte) }
    if count == 0 { return EOF }
    if errno == EINTR { continue }
    return EOF
  }
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
