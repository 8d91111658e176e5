/// Line readers for commands that never prompt.
public enum LineReaderFactory {
  /// A reader that reads plain lines and never touches readline.
  public static func plain() -> LineReader {
    LineReader(historyFile: nil, completer: nil, forcePlain: true)
  }
}
