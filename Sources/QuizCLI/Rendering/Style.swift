/// Terminal styling that is switched off as a whole in plain mode.
///
/// Colour is a help, never the only signal: every styled word also reads well plain.
public struct Style: Sendable {
  /// Whether escape sequences are written.
  public var enabled: Bool

  /// Creates a style switch.
  public init(enabled: Bool) {
    self.enabled = enabled
  }

  func wrap(_ text: String, _ code: String) -> String {
    enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// Bold text.
  public func bold(_ text: String) -> String { wrap(text, "1") }
  /// Dimmed text for secondary information.
  public func dim(_ text: String) -> String { wrap(text, "2") }
  /// Italic text, for emphasis.
  public func italic(_ text: String) -> String { wrap(text, "3") }
  /// Green, for correct answers.
  public func green(_ text: String) -> String { wrap(text, "32") }
  /// Red, for wrong answers and errors.
  public func red(_ text: String) -> String { wrap(text, "31") }
  /// Yellow, for partial credit and warnings.
  public func yellow(_ text: String) -> String { wrap(text, "33") }
  /// Cyan, for headings and commands.
  public func cyan(_ text: String) -> String { wrap(text, "36") }
  /// Bold cyan, for top headings.
  public func heading(_ text: String) -> String { wrap(text, "1;36") }
}
