/// The shell's prompt, with colour wrapped in readline's non-printing markers so line
/// editing measures it right.
enum Prompt {
  static func make(text: String, style: Style, interactive: Bool) -> String {
    guard interactive else { return "" }
    let arrow = " › "
    guard style.enabled else { return text + arrow }
    return "\u{01}\u{1B}[1;36m\u{02}\(text)\u{01}\u{1B}[0m\u{02}\(arrow)"
  }
}
