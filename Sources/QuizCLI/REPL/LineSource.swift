import LineEditing

/// Where typed lines come from: the terminal (readline or a pipe), or a file of answers.
protocol LineSource: AnyObject {
  /// Whether a person is typing at a terminal (prompts are shown).
  var isInteractive: Bool { get }
  /// Whether typed lines should be printed after the prompt (a file of answers).
  var echoes: Bool { get }
  /// Reads one line.
  func read(prompt: String) -> LineInput
  /// Reads one line, kept in the history only if `remember`.
  func read(prompt: String, remember: Bool) -> LineInput
  /// Switches to another history file (one per learner).
  func useHistory(file: String?)
  /// Waits for one key press (interactive only); keys not in `consuming` go to the next line.
  func readKey(prompt: String, consuming: Set<Character>) -> Character?
}

extension LineReader: LineSource {
  var echoes: Bool { false }
}

/// Lines from a file of answers, echoed so the transcript reads like a session.
final class ScriptedLines: LineSource {
  private var lines: [String]
  let isInteractive = false
  let echoes = true

  init(_ text: String) {
    lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(
      String.init)
    if lines.last == "" { lines.removeLast() }
  }

  func readKey(prompt: String, consuming: Set<Character>) -> Character? { nil }

  func read(prompt: String, remember: Bool) -> LineInput { read(prompt: prompt) }

  func useHistory(file: String?) {}

  func read(prompt: String) -> LineInput {
    guard !lines.isEmpty else { return .end }
    return .line(lines.removeFirst())
  }
}
