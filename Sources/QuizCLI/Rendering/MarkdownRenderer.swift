import QuizContent
import QuizCore

/// Renders lesson Markdown for the terminal: headings, lists, emphasis, quotes and tables,
/// wrapped at the terminal width by display width.
struct MarkdownRenderer {
  var width: Int
  var style: Style

  /// The rendered lines of a document.
  func render(_ document: MarkdownDocument) -> [String] {
    var output: [String] = []
    for block in document.blocks {
      if !output.isEmpty { output.append("") }
      output += render(block)
    }
    return output
  }

  func render(_ block: MarkdownBlock) -> [String] {
    switch block {
    case .heading(let level, let text, _):
      let plain = Self.stripInline(text)
      // Plain output (no colour: a pipe, NO_COLOR, a screen reader) carries no decorative marks.
      guard style.enabled else { return [plain] }
      switch level {
      case 1: return [style.heading(plain)]
      case 2: return [style.heading("■ " + plain)]
      default: return [style.bold("▸ " + plain)]
      }
    case .paragraph(let text):
      return wrapped(text, indent: "")
    case .list(let ordered, let start, let items):
      var lines: [String] = []
      for (offset, item) in items.enumerated() {
        let marker = ordered ? "\(start + offset). " : "• "
        let body = wrapped(item, indent: String(repeating: " ", count: marker.displayWidth + 2), first: "  " + marker)
        lines += body
      }
      return lines
    case .quote(let paragraphs):
      let bar = style.enabled ? "  │ " : "    "
      return paragraphs.flatMap { wrapped($0, indent: bar, first: bar) }
    case .code(let lines):
      return lines.map { "    " + style.cyan(Self.inert($0)) }
    case .rule:
      return style.enabled ? [style.dim(String(repeating: "─", count: min(width, 40)))] : []
    case .table(let header, let rows):
      return TableRenderer(width: width, style: style).render(
        header: header.map(Self.stripInline), rows: rows.map { $0.map(Self.stripInline) })
    }
  }

  /// Wraps inline Markdown into styled lines; `first` prefixes the first line, `indent` the rest.
  func wrapped(_ text: String, indent: String, first: String? = nil) -> [String] {
    let lead = first ?? indent
    let lines = TextWrapper.wrap(
      runs: Self.inlineRuns(text), width: width - TextWrapper.visibleWidth(indent),
      firstLineWidth: width - TextWrapper.visibleWidth(lead))
    return lines.enumerated().map { index, runs in
      (index == 0 ? lead : indent) + runs.map(apply).joined()
    }
  }

  private func apply(_ run: StyledRun) -> String {
    switch run.kind {
    case .plain: run.text
    case .bold: style.bold(run.text)
    case .italic: style.italic(run.text)
    case .code: style.cyan(run.text)
    }
  }

  /// Splits `**bold**`, `*emphasis*`, `_emphasis_` and `` `code` `` into runs; markers
  /// without a partner are kept as text.
  static func inlineRuns(_ text: String) -> [StyledRun] {
    let characters = Array(inert(text))
    var runs: [StyledRun] = []
    var buffer = ""
    var index = 0
    func flush() {
      if !buffer.isEmpty { runs.append(StyledRun(text: buffer, kind: .plain)) }
      buffer = ""
    }
    func closing(_ marker: [Character], from start: Int) -> Int? {
      var i = start
      while i + marker.count <= characters.count {
        if Array(characters[i..<i + marker.count]) == marker, i > start { return i }
        i += 1
      }
      return nil
    }
    while index < characters.count {
      let c = characters[index]
      if c == "`", let end = closing(["`"], from: index + 1) {
        flush()
        runs.append(StyledRun(text: String(characters[index + 1..<end]), kind: .code))
        index = end + 1
      } else if c == "*", index + 1 < characters.count, characters[index + 1] == "*",
        let end = closing(["*", "*"], from: index + 2)
      {
        flush()
        runs.append(StyledRun(text: String(characters[index + 2..<end]), kind: .bold))
        index = end + 2
      } else if c == "*" || c == "_", index + 1 < characters.count, characters[index + 1] != " ",
        let end = closing([c], from: index + 1),
        c == "*"
          || !(characters[index + 1].isASCII && characters[index + 1].isLetter && index > 0
            && characters[index - 1].isLetter)
      {
        flush()
        runs.append(StyledRun(text: String(characters[index + 1..<end]), kind: .italic))
        index = end + 1
      } else {
        buffer.append(c)
        index += 1
      }
    }
    flush()
    return runs
  }

  /// Inline text without its Markdown markers.
  static func stripInline(_ text: String) -> String {
    inlineRuns(text).map(\.text).joined()
  }

  /// Makes terminal control characters visible and harmless (`ESC` becomes `␛`), so text
  /// from content files or learners can never drive the terminal.
  static func inert(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
      return text
    }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x09: result.append(" ")
      case 0x0A: result.append(scalar)
      case 0x00..<0x20: result.append(Unicode.Scalar(0x2400 + scalar.value)!)
      case 0x7F: result.append("␡")
      case 0x80...0x9F: result.append("�")
      default: result.append(scalar)
      }
    }
    return String(result)
  }
}
