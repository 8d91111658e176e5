import QuizCore

/// The block structure of a lesson's Markdown: the subset lessons are written in.
///
/// Headings, paragraphs, `-`/`*`/`1.` lists, `>` quotes, pipe tables, fenced code and
/// `---` rules. Anything else is kept as paragraph text, so nothing an author writes is
/// lost. Parsing never fails.
public struct MarkdownDocument: Sendable, Hashable {
  /// The blocks in order.
  public var blocks: [MarkdownBlock]

  /// Parses Markdown text; `firstLine` is the file line of the text's first line.
  public init(parsing text: String, firstLine: Int = 1) {
    var parser = BlockParser(
      lines: text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
      }, firstLine: firstLine)
    blocks = parser.parse()
  }

  /// The headings, as sections.
  public var headings: [(level: Int, text: String, line: Int)] {
    blocks.compactMap {
      if case .heading(let level, let text, let line) = $0 { (level, text, line) } else { nil }
    }
  }
}

/// One block of a Markdown document.
public enum MarkdownBlock: Sendable, Hashable {
  /// `#`… `######` heading, with the file line it is on.
  case heading(level: Int, text: String, line: Int)
  /// Running text; soft line breaks already joined.
  case paragraph(String)
  /// A list; `start` is the first number of an ordered list.
  case list(ordered: Bool, start: Int, items: [String])
  /// A `>` quotation, as paragraphs.
  case quote([String])
  /// A pipe table: the header cells and the rows.
  case table(header: [String], rows: [[String]])
  /// A fenced code block, lines as written.
  case code([String])
  /// A `---` horizontal rule.
  case rule
}

private struct BlockParser {
  let lines: [String]
  let firstLine: Int
  var index = 0

  init(lines: [String], firstLine: Int) {
    self.lines = lines
    self.firstLine = firstLine
  }

  mutating func parse() -> [MarkdownBlock] {
    var blocks: [MarkdownBlock] = []
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty {
        index += 1
      } else if let heading = Self.heading(trimmed) {
        blocks.append(.heading(level: heading.level, text: heading.text, line: firstLine + index))
        index += 1
      } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        blocks.append(.code(fenced(marker: String(trimmed.prefix(3)))))
      } else if Self.isRule(trimmed) {
        blocks.append(.rule)
        index += 1
      } else if trimmed.hasPrefix(">") {
        blocks.append(.quote(quote()))
      } else if trimmed.hasPrefix("|"), index + 1 < lines.count, Self.isTableDivider(lines[index + 1]) {
        blocks.append(table())
      } else if Self.listMarker(trimmed) != nil {
        blocks.append(list())
      } else {
        blocks.append(.paragraph(paragraph()))
      }
    }
    return blocks
  }

  static func heading(_ line: String) -> (level: Int, text: String)? {
    let hashes = line.prefix { $0 == "#" }.count
    guard (1...6).contains(hashes) else { return nil }
    let rest = line.dropFirst(hashes)
    guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
    var text = rest.trimmingSpaces()
    while text.hasSuffix("#") { text = String(text.dropLast()) }
    return (hashes, text.trimmingSpaces())
  }

  static func isRule(_ line: String) -> Bool {
    let compact = line.filter { $0 != " " }
    guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
    return compact.allSatisfy { $0 == first }
  }

  static func isTableDivider(_ line: String) -> Bool {
    let trimmed = line.trimmingSpaces()
    return trimmed.contains("-") && trimmed.allSatisfy { "|-: \t".contains($0) } && trimmed.contains("|")
  }

  /// The marker of a list item and the text after it.
  static func listMarker(_ line: String) -> (ordered: Bool, number: Int, text: String)? {
    if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
      return (false, 0, line.dropFirst(2).trimmingSpaces())
    }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 9 else { return nil }
    let rest = line.dropFirst(digits.count)
    guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
    return (true, Int(digits) ?? 1, rest.dropFirst(2).trimmingSpaces())
  }

  static func startsBlock(_ trimmed: String) -> Bool {
    heading(trimmed) != nil || trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") || trimmed.hasPrefix(">")
      || listMarker(trimmed) != nil || trimmed.hasPrefix("|") || isRule(trimmed)
  }

  mutating func paragraph() -> String {
    var parts: [String] = []
    while index < lines.count {
      let trimmed = lines[index].trimmingSpaces()
      if trimmed.isEmpty || (!parts.isEmpty && Self.startsBlock(trimmed)) { break }
      parts.append(trimmed)
      index += 1
    }
    return Self.joinSoftBreaks(parts)
  }

  /// Joins lines of one paragraph: no space between Chinese text, one space between words.
  static func joinSoftBreaks(_ parts: [String]) -> String {
    var result = ""
    for part in parts {
      if let last = result.last, let first = part.first, !(last.isWide || first.isWide) {
        result += " "
      }
      result += part
    }
    return result
  }

  mutating func fenced(marker: String) -> [String] {
    var body: [String] = []
    index += 1
    while index < lines.count {
      if lines[index].trimmingSpaces().hasPrefix(marker) {
        index += 1
        break
      }
      body.append(lines[index])
      index += 1
    }
    return body
  }

  mutating func quote() -> [String] {
    var inner: [String] = []
    while index < lines.count {
      let trimmed = lines[index].trimmingSpaces()
      guard trimmed.hasPrefix(">") else { break }
      inner.append(trimmed.dropFirst().trimmingSpaces())
      index += 1
    }
    var paragraphs: [String] = []
    var current: [String] = []
    for line in inner {
      if line.isEmpty {
        if !current.isEmpty { paragraphs.append(Self.joinSoftBreaks(current)) }
        current = []
      } else {
        current.append(line)
      }
    }
    if !current.isEmpty { paragraphs.append(Self.joinSoftBreaks(current)) }
    return paragraphs
  }

  static func cells(_ line: String) -> [String] {
    var trimmed = line.trimmingSpaces()
    if trimmed.hasPrefix("|") { trimmed.removeFirst() }
    if trimmed.hasSuffix("|") { trimmed.removeLast() }
    return trimmed.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
  }

  mutating func table() -> MarkdownBlock {
    let header = Self.cells(lines[index])
    index += 2
    var rows: [[String]] = []
    while index < lines.count {
      let trimmed = lines[index].trimmingSpaces()
      guard trimmed.hasPrefix("|") else { break }
      var row = Self.cells(trimmed)
      if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
      rows.append(Array(row.prefix(max(header.count, 1))))
      index += 1
    }
    return .table(header: header, rows: rows)
  }

  mutating func list() -> MarkdownBlock {
    guard let first = Self.listMarker(lines[index].trimmingSpaces()) else { return .paragraph(paragraph()) }
    var items: [String] = []
    var current: [String] = []
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty {
        // A blank line ends the list unless another item of the same kind follows.
        if index + 1 < lines.count, let next = Self.listMarker(lines[index + 1].trimmingSpaces()),
          next.ordered == first.ordered
        {
          index += 1
          continue
        }
        break
      }
      if let marker = Self.listMarker(trimmed), marker.ordered == first.ordered {
        if !current.isEmpty { items.append(Self.joinSoftBreaks(current)) }
        current = [marker.text]
      } else if line.first == " " || line.first == "\t" || !Self.startsBlock(trimmed) {
        // Continuation lines and nested items stay with the current item.
        current.append(Self.listMarker(trimmed).map { "· " + $0.text } ?? trimmed)
      } else {
        break
      }
      index += 1
    }
    if !current.isEmpty { items.append(Self.joinSoftBreaks(current)) }
    return .list(ordered: first.ordered, start: first.number, items: items)
  }
}
