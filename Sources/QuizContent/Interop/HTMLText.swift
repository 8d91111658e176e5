import Foundation

/// The HTML that Moodle stores question text in, turned into the Markdown subset the course
/// format uses, and back.
///
/// Paragraphs, line breaks, bold, emphasis, code, lists, headings and links are kept; other
/// tags are dropped with their text kept; entities are decoded. Embedded files (`<img>`) are
/// not brought in: the reader reports them.
public enum HTMLText {
  /// Markdown for `html`; `droppedFiles` counts the images and links to files stored in Moodle
  /// that are left out.
  public static func markdown(_ html: String) -> (text: String, droppedFiles: Int) {
    var output = ""
    var files = 0
    var lists: [(ordered: Bool, count: Int)] = []
    var link: String?
    var index = html.startIndex
    var inPre = false

    func newParagraph() {
      while output.hasSuffix(" ") { output.removeLast() }
      if output.isEmpty { return }
      if output.hasSuffix("\n\n") { return }
      output += output.hasSuffix("\n") ? "\n" : "\n\n"
    }
    func newLine() {
      while output.hasSuffix(" ") { output.removeLast() }
      if !output.isEmpty && !output.hasSuffix("\n") { output += "\n" }
    }

    while index < html.endIndex {
      let character = html[index]
      if html[index...].hasPrefix("<!--") {
        // A comment, which may hold `>`, up to its end.
        index = html[index...].range(of: "-->")?.upperBound ?? html.endIndex
        continue
      }
      if character == "<", let close = html[index...].firstIndex(of: ">") {
        let inside = html[html.index(after: index)..<close]
        index = html.index(after: close)
        let isClosing = inside.hasPrefix("/")
        let name = inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        switch name {
        case "p", "div", "blockquote", "table":
          newParagraph()
        case "br":
          output += inPre ? "\n" : "  \n"
        case "tr":
          if isClosing { newLine() }
        case "td", "th":
          if !isClosing && !output.hasSuffix("\n") && !output.isEmpty { output += " " }
        case "strong", "b":
          output += "**"
        case "em", "i":
          output += "*"
        case "code", "tt":
          if !inPre { output += "`" }
        case "pre":
          newParagraph()
          inPre = !isClosing
        case "h1", "h2", "h3", "h4", "h5", "h6":
          newParagraph()
          if !isClosing, let level = Int(name.dropFirst()) {
            output += String(repeating: "#", count: min(level, 4)) + " "
          }
        case "ul", "ol":
          if isClosing {
            _ = lists.popLast()
            newParagraph()
          } else {
            newParagraph()
            lists.append((name == "ol", 0))
          }
        case "li":
          if !isClosing {
            newLine()
            let depth = max(lists.count - 1, 0)
            let indent = String(repeating: "  ", count: depth)
            if var last = lists.popLast() {
              last.count += 1
              output += indent + (last.ordered ? "\(last.count). " : "- ")
              lists.append(last)
            } else {
              output += "- "
            }
          }
        case "a":
          if isClosing {
            if let target = link { output += "](\(target))" }
            link = nil
          } else if let href = attribute("href", in: inside) {
            if href.hasPrefix("@@PLUGINFILE@@") {
              // A file stored in Moodle, which does not come along: the text stays, the link goes.
              files += 1
            } else {
              link = href
              output += "["
            }
          }
        case "img":
          files += 1
          if let alt = attribute("alt", in: inside), !alt.isEmpty { output += alt }
        default:
          break
        }
        continue
      }
      if character == "&", let (decoded, end) = entity(in: html, at: index) {
        output += decoded == "\u{A0}" ? " " : decoded
        index = end
        continue
      }
      if !inPre && character.isWhitespace {
        if !output.isEmpty && !output.hasSuffix(" ") && !output.hasSuffix("\n") { output += " " }
      } else {
        output.append(character)
      }
      index = html.index(after: index)
    }
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
      var line = line
      while line.hasPrefix(" ") && !line.hasPrefix("  ") { line = line.dropFirst() }
      return line
    }
    var text = lines.joined(separator: "\n")
    while text.hasSuffix("\n") || text.hasSuffix(" ") { text.removeLast() }
    while text.hasPrefix("\n") || text.hasPrefix(" ") { text.removeFirst() }
    // `**` opened and closed around nothing, left by an empty `<b></b>`.
    text = text.replacingOccurrences(of: "****", with: "")
    return (text, files)
  }

  /// Whether `text` holds HTML markup, so that it should be read as HTML.
  public static func looksLikeHTML(_ text: String) -> Bool {
    text.range(
      of: #"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);"#, options: .regularExpression)
      != nil
  }

  /// Text escaped for HTML: `&`, `<`, `>` and `"`.
  public static func escaped(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      default: output.append(character)
      }
    }
    return output
  }

  private static func attribute(_ name: String, in tag: Substring) -> String? {
    let pattern = name + #"\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))"#
    guard let range = tag.range(of: pattern, options: [.regularExpression, .caseInsensitive]) else { return nil }
    var value = String(tag[range].drop { $0 != "=" }.dropFirst()).trimmingCharacters(in: .whitespaces)
    if value.hasPrefix("\"") || value.hasPrefix("'") { value = String(value.dropFirst().dropLast()) }
    return decodeEntities(value)
  }

  /// The text with its character references decoded.
  public static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var output = ""
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == "&", let (decoded, end) = entity(in: text, at: index) {
        output += decoded
        index = end
      } else {
        output.append(text[index])
        index = text.index(after: index)
      }
    }
    return output
  }

  private static let named: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "–",
    "mdash": "—", "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "times": "×",
    "divide": "÷", "yen": "¥", "middot": "·", "copy": "©", "deg": "°", "plusmn": "±", "le": "≤", "ge": "≥",
  ]

  private static func entity(in text: String, at start: String.Index) -> (String, String.Index)? {
    guard let semicolon = text[start...].prefix(12).firstIndex(of: ";") else { return nil }
    let body = text[text.index(after: start)..<semicolon]
    let end = text.index(after: semicolon)
    if body.hasPrefix("#x") || body.hasPrefix("#X") {
      guard let value = UInt32(body.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
      return (String(Character(scalar)), end)
    }
    if body.hasPrefix("#") {
      guard let value = UInt32(body.dropFirst()), let scalar = Unicode.Scalar(value) else { return nil }
      return (String(Character(scalar)), end)
    }
    return named[String(body)].map { ($0, end) }
  }
}
