import Foundation
import QuizCore

/// Reads Moodle's GIFT format with Moodle's semantics (`question/format/gift/format.php`).
///
/// Questions are separated by blank lines. `//` lines are comments, where `[id:…]` and
/// `[tag:…]` are read; `$CATEGORY:` sets the category, which becomes a tag. A question is
/// `::title::`, text, and one answer set in braces; text after the braces makes it a
/// missing-word question (`_____` marks the gap). What differs from Moodle: a malformed
/// weight, a stray `->` or a second answer set is an error with its line and column rather
/// than text taken literally, and a description (no braces) is skipped with a warning.
public struct GIFTReader {
  /// The path shown in diagnostics.
  public let file: String
  /// The lesson the questions go to.
  public let lesson: String
  /// Ids already used in the course.
  public let taken: Set<String>
  /// The course's defaults, which validation applies.
  public let defaults: CourseDefaults

  /// Creates a reader.
  public init(file: String, lesson: String, taken: Set<String> = [], defaults: CourseDefaults = .init()) {
    self.file = file
    self.lesson = lesson
    self.taken = taken
    self.defaults = defaults
  }

  /// The questions of a GIFT text.
  public func read(_ source: String) -> ImportedBank {
    var assembler = ImportAssembler(lesson: lesson, taken: taken, defaults: defaults)
    var category: String?
    for block in Self.blocks(of: source) {
      var parser = QuestionParser(block: block, file: file, category: category)
      switch parser.parse() {
      case .category(let name): category = name
      case .question(let draft):
        assembler.log.append(contentsOf: parser.log.diagnostics)
        assembler.add(draft)
      case .skipped: assembler.log.append(contentsOf: parser.log.diagnostics)
      }
    }
    return assembler.bank
  }

  // MARK: Blocks and characters

  /// One character of the source, after escapes are read, with where it was written.
  struct Unit {
    var character: Character
    /// Written with a backslash (`\~`, `\{`…): never a control character.
    var escaped: Bool
    var line: Int
    var column: Int
  }

  /// The lines of one question: text lines and the comments written among them.
  struct Block {
    var units: [Unit]
    var comments: [String]
    var line: Int
  }

  /// Splits the source at blank lines; `//` lines become the block's comments.
  static func blocks(of source: String) -> [Block] {
    var blocks: [Block] = []
    var lines: [(text: Substring, number: Int, indent: Int)] = []
    var comments: [String] = []
    func flush() {
      if !lines.isEmpty { blocks.append(Block(units: units(of: lines), comments: comments, line: lines[0].number)) }
      lines = []
      comments = []
    }
    var number = 0
    for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      var line = raw
      if line.hasSuffix("\r") { line = line.dropLast() }
      if number == 1 && line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) {
        flush()
      } else if trimmed.hasPrefix("//") {
        comments.append(String(trimmed).trimmingCharacters(in: .whitespaces))
      } else {
        // Every line is trimmed, as Moodle does: indentation is layout, not text.
        let indent = line.count - trimmed.count
        var text = trimmed
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        lines.append((text, number, indent))
      }
    }
    flush()
    return blocks
  }

  /// The characters of the lines joined by line breaks, with escapes read.
  private static func units(of lines: [(text: Substring, number: Int, indent: Int)]) -> [Unit] {
    var units: [Unit] = []
    let escapable: Set<Character> = ["~", "=", "#", "{", "}", ":", "\\"]
    for (index, line) in lines.enumerated() {
      if index > 0 {
        let previous = lines[index - 1]
        units.append(
          Unit(
            character: "\n", escaped: false, line: previous.number, column: previous.indent + previous.text.count + 1))
      }
      var column = line.indent
      var characters = line.text.makeIterator()
      var pending = characters.next()
      while let character = pending {
        column += 1
        pending = characters.next()
        if character == "\\", let next = pending, escapable.contains(next) || next == "n" {
          units.append(Unit(character: next == "n" ? "\n" : next, escaped: true, line: line.number, column: column))
          column += 1
          pending = characters.next()
        } else {
          units.append(Unit(character: character, escaped: false, line: line.number, column: column))
        }
      }
    }
    return units
  }

  // MARK: One question

  enum Parsed {
    case category(String)
    case question(ImportDraft)
    case skipped
  }

  /// The text formats GIFT names in brackets.
  enum TextFormat: String {
    case moodle, html, plain, markdown
  }

  struct QuestionParser {
    let block: Block
    let file: String
    let category: String?
    var log = DiagnosticLog()

    init(block: Block, file: String, category: String?) {
      self.block = block
      self.file = file
      self.category = category
    }

    typealias Span = ArraySlice<Unit>

    func location(_ unit: Unit) -> SourceLocation { SourceLocation(file: file, line: unit.line, column: unit.column) }

    func location(of span: Span) -> SourceLocation {
      span.first.map(location) ?? SourceLocation(file: file, line: block.line, column: 1)
    }

    static func text(_ span: Span) -> String { String(span.map(\.character)) }

    static func trimmed(_ span: Span) -> Span {
      var span = span
      while let first = span.first, !first.escaped, first.character.isWhitespace { span = span.dropFirst() }
      while let last = span.last, !last.escaped, last.character.isWhitespace { span = span.dropLast() }
      return span
    }

    /// The index of the first unescaped `character` in `span`.
    static func find(_ character: Character, in span: Span) -> Int? {
      span.indices.first { span[$0].character == character && !span[$0].escaped }
    }

    /// The index of the first unescaped `a` followed by `b`.
    static func find(_ a: Character, _ b: Character, in span: Span, from start: Int? = nil) -> Int? {
      var index = start ?? span.startIndex
      while index + 1 < span.endIndex {
        if span[index].character == a && !span[index].escaped && span[index + 1].character == b
          && !span[index + 1].escaped
        {
          return index
        }
        index += 1
      }
      return nil
    }

    /// `span` cut at every unescaped `separator`; the empty piece before a leading separator dropped.
    static func split(_ span: Span, at separator: Character) -> [Span] {
      var pieces: [Span] = []
      var start = span.startIndex
      for index in span.indices where span[index].character == separator && !span[index].escaped {
        pieces.append(span[start..<index])
        start = index + 1
      }
      pieces.append(span[start..<span.endIndex])
      if let first = pieces.first, trimmed(first).isEmpty { pieces.removeFirst() }
      return pieces
    }

    mutating func parse() -> Parsed {
      var span = Self.trimmed(block.units[...])
      if Self.text(span.prefix(10)) == "$CATEGORY:" {
        let name = Self.text(Self.trimmed(span.dropFirst(10)))
        return .category(name)
      }
      let start = location(of: span)
      var title: String?
      if Self.find(":", ":", in: span) == span.startIndex {
        let afterOpening = span.startIndex + 2
        guard let close = Self.find(":", ":", in: span, from: afterOpening) else {
          log.error(.interop(.unclosedTitle), at: location(span[span.startIndex]))
          return .skipped
        }
        title = Self.text(Self.trimmed(span[afterOpening..<close]))
        span = Self.trimmed(span[(close + 2)...])
      }
      let open = Self.find("{", in: span)
      let close = Self.find("}", in: span)
      let name = title ?? ""

      guard let open else {
        if let close {
          log.error(.interop(.unexpectedClosingBrace), at: location(span[close]))
        } else {
          log.warning(.interop(.descriptionSkipped(name.isEmpty ? Self.excerpt(Self.text(span)) : name)), at: start)
        }
        return .skipped
      }
      guard let close, close > open else {
        if let close {
          log.error(.interop(.unexpectedClosingBrace), at: location(span[close]))
        } else {
          log.error(.interop(.unclosedBrace), at: location(span[open]))
        }
        return .skipped
      }
      if Self.find("{", in: span[(open + 1)..<close]) != nil {
        // `{ … { … }`: the first set was never closed.
        log.error(.interop(.unclosedBrace), at: location(span[open]))
        return .skipped
      }
      let after = span[(close + 1)...]
      if let another = Self.find("{", in: after) {
        log.error(.interop(.secondAnswerSet), at: location(span[another]))
        return .skipped
      }
      if let stray = Self.find("}", in: after) {
        log.error(.interop(.unexpectedClosingBrace), at: location(span[stray]))
        return .skipped
      }

      // The question text, with `_____` where the answers were when text follows them.
      var promptUnits = Array(span[span.startIndex..<open])
      let trailing = Self.trimmed(after)
      if !trailing.isEmpty {
        let gap = Unit(character: "_", escaped: true, line: span[open].line, column: span[open].column)
        promptUnits += Array(repeating: gap, count: 5) + Array(after)
      }
      let (format, prompt) = Self.formatted(Self.trimmed(promptUnits[...]), default: .moodle)

      var answers = Self.trimmed(span[(open + 1)..<close])
      var generalFeedback = ""
      if let separator = Self.lastFeedbackSeparator(in: answers) {
        generalFeedback = Self.formatted(Self.trimmed(answers[(separator + 4)...]), default: format).text
        answers = Self.trimmed(answers[answers.startIndex..<separator])
      }

      var tags = Self.tags(in: block.comments)
      if let category, let leaf = Self.categoryTag(category), !tags.contains(leaf) { tags.append(leaf) }
      let base = Question(
        id: "", lesson: "", prompt: prompt, explanation: generalFeedback, tags: tags, kind: .single(choices: []))
      var draft = ImportDraft(
        question: base, idNumber: Self.idNumber(in: block.comments), title: title, location: start)

      guard let kind = self.kind(of: answers, format: format, braces: span[open], name: name, at: start) else {
        return .skipped
      }
      draft.question.kind = kind
      return .question(draft)
    }

    /// The type of the answer set and its content, by Moodle's order of checks.
    private mutating func kind(
      of answers: Span, format: TextFormat, braces: Unit, name: String, at start: SourceLocation
    )
      -> QuestionKind?
    {
      if answers.isEmpty {
        // An essay: an open question that a person grades.
        return .open(Rubric(points: [], modelAnswer: ""))
      }
      if let first = answers.first, first.character == "#", !first.escaped {
        return numeric(answers.dropFirst(), format: format, braces: braces)
      }
      let hasTilde = Self.find("~", in: answers) != nil
      let hasEquals = Self.find("=", in: answers) != nil
      let hasArrow = Self.find("-", ">", in: answers) != nil
      if hasTilde {
        if let arrow = Self.find("-", ">", in: answers) {
          log.error(.interop(.strayArrow), at: location(answers[arrow]))
          return nil
        }
        return choices(answers, format: format, single: hasEquals, braces: braces)
      }
      if hasEquals && hasArrow { return matching(answers, format: format, braces: braces) }
      if hasArrow, let arrow = Self.find("-", ">", in: answers) {
        log.error(.interop(.strayArrow), at: location(answers[arrow]))
        return nil
      }
      // True/false or short answer.
      let beforeFeedback = Self.find("#", in: answers).map { answers[answers.startIndex..<$0] } ?? answers
      let word = Self.text(Self.trimmed(beforeFeedback))
      if ["T", "TRUE", "F", "FALSE"].contains(word) { return trueFalse(answers, format: format) }
      if ["t", "true", "f", "false", "True", "False"].contains(word) {
        log.warning(.interop(.lowercaseTrueFalse(word)), at: location(answers[answers.startIndex]))
      }
      return short(answers, format: format, braces: braces)
    }

    private mutating func choices(_ answers: Span, format: TextFormat, single: Bool, braces: Unit) -> QuestionKind? {
      // Every `=` starts an answer, as every `~` does; text before the first is a wrong answer.
      var pieces: [(marker: Character, span: Span)] = []
      var start = answers.startIndex
      var marker: Character = "~"
      for index in answers.indices where !answers[index].escaped && "~=".contains(answers[index].character) {
        pieces.append((marker, answers[start..<index]))
        start = index + 1
        marker = answers[index].character
      }
      pieces.append((marker, answers[start..<answers.endIndex]))
      if let first = pieces.first, Self.trimmed(first.span).isEmpty { pieces.removeFirst() }
      guard pieces.count >= 2 else {
        log.error(.interop(.tooFewAnswers(needed: 2)), at: location(braces))
        return nil
      }
      var choices: [Choice] = []
      for (marker, piece) in pieces {
        var body = Self.trimmed(piece)
        var fraction: Double = marker == "=" ? 1 : 0
        var explicit = false
        if marker == "~", let weight = weight(of: &body) {
          fraction = weight
          explicit = true
        } else if marker == "=", let first = body.first, first.character == "%", !first.escaped,
          Self.text(body).range(of: #"^%-?[0-9]+(\.[0-9]+)?%"#, options: .regularExpression) != nil
        {
          // Moodle gives an `=` answer full marks and keeps `%50%` as its text: surely not meant.
          log.error(.interop(.weightOnRightAnswer), at: location(first))
          return nil
        }
        if log.hasErrors { return nil }
        let (text, feedback) = Self.answerAndFeedback(body, format: format)
        if text.isEmpty {
          log.error(.interop(.emptyAnswer), at: location(piece.first ?? braces))
          return nil
        }
        // Written out as a `fraction` when `correct: true` would not say it.
        let written = single ? fraction != 0 && fraction != 1 : explicit || fraction != 0
        choices.append(Choice(text: text, fraction: fraction, hasExplicitFraction: written, feedback: feedback))
      }
      if single { return .single(choices: choices) }
      return .multiple(choices: choices, scoring: .fractions)
    }

    private mutating func trueFalse(_ answers: Span, format: TextFormat) -> QuestionKind? {
      let parts = Self.splitFeedback(answers, limit: 3)
      let word = Self.text(Self.trimmed(parts[0]))
      let wrong = parts.count > 1 ? Self.formatted(Self.trimmed(parts[1]), default: format).text : ""
      let right = parts.count > 2 ? Self.formatted(Self.trimmed(parts[2]), default: format).text : ""
      let answer = word == "T" || word == "TRUE"
      // The first feedback is for the wrong answer, the second for the right one.
      let (onTrue, onFalse) = answer ? (right, wrong) : (wrong, right)
      return .trueFalse(
        TrueFalse(
          answer: answer, feedbackTrue: onTrue.isEmpty ? nil : onTrue, feedbackFalse: onFalse.isEmpty ? nil : onFalse))
    }

    private mutating func short(_ answers: Span, format: TextFormat, braces: Unit) -> QuestionKind? {
      let pieces = Self.split(answers, at: "=")
      guard !pieces.isEmpty else {
        log.error(.interop(.tooFewAnswers(needed: 1)), at: location(braces))
        return nil
      }
      var accepted: [AcceptedText] = []
      for piece in pieces {
        var body = Self.trimmed(piece)
        let fraction = weight(of: &body) ?? 1
        if log.hasErrors { return nil }
        let (text, feedback) = Self.answerAndFeedback(body, format: format)
        if text.isEmpty {
          log.error(.interop(.emptyAnswer), at: location(piece.first ?? braces))
          return nil
        }
        accepted.append(AcceptedText(text: text, fraction: fraction, feedback: feedback))
      }
      return .short(ShortAnswer(answers: accepted))
    }

    private mutating func matching(_ answers: Span, format: TextFormat, braces: Unit) -> QuestionKind? {
      let pieces = Self.split(answers, at: "=")
      var pairs: [MatchingPair] = []
      var distractors: [String] = []
      for piece in pieces {
        let body = Self.trimmed(piece)
        guard let arrow = Self.find("-", ">", in: body) else {
          log.error(.interop(.matchingNeedsArrow), at: location(body.first ?? braces))
          return nil
        }
        let left = Self.formatted(Self.trimmed(body[body.startIndex..<arrow]), default: format).text
        let rightSpan = Self.trimmed(body[(arrow + 2)...])
        if let another = Self.find("-", ">", in: rightSpan) {
          log.error(.interop(.strayArrow), at: location(rightSpan[another]))
          return nil
        }
        let right = Self.text(rightSpan)
        if right.isEmpty {
          log.error(.interop(.emptyAnswer), at: location(body[arrow]))
          return nil
        }
        if left.isEmpty {
          distractors.append(right)
        } else {
          pairs.append(MatchingPair(prompt: left, answer: right))
        }
      }
      guard pairs.count >= 2 else {
        log.error(.interop(.tooFewAnswers(needed: 2)), at: location(braces))
        return nil
      }
      return .matching(Matching(pairs: pairs, distractors: distractors))
    }

    private mutating func numeric(_ answers: Span, format: TextFormat, braces: Unit) -> QuestionKind? {
      var body = Self.trimmed(answers)
      // Everything from the first `~` is feedback for any other answer (Moodle's `*` answer).
      var otherwise: String?
      if let tilde = Self.find("~", in: body) {
        let rest = Self.trimmed(body[(tilde + 1)...])
        otherwise = Self.answerAndFeedback(rest, format: format).feedback ?? ""
        body = Self.trimmed(body[body.startIndex..<tilde])
      }
      let pieces = Self.split(body, at: "=")
      guard !pieces.isEmpty else {
        log.error(.interop(.noNumericAnswer), at: location(braces))
        return nil
      }
      var accepted: [AcceptedNumber] = []
      for piece in pieces {
        var body = Self.trimmed(piece)
        let fraction = weight(of: &body) ?? 1
        if log.hasErrors { return nil }
        let (written, feedback) = Self.answerAndFeedback(body, format: format)
        let place = location(body.first ?? braces)
        guard let (value, tolerance) = Self.number(written) else {
          log.error(.interop(.badNumber(written)), at: place)
          return nil
        }
        accepted.append(
          AcceptedNumber(value: value, tolerance: .absolute(tolerance), fraction: fraction, feedback: feedback))
      }
      if let otherwise {
        log.warning(.interop(.catchAllDropped(otherwise)), at: location(braces))
      }
      return .numeric(NumericAnswer(answers: accepted))
    }

    /// `3`, `3:0.5` (value and margin) or `1..5` (the range's middle and half its width).
    static func number(_ text: String) -> (Double, Double)? {
      func parse(_ part: Substring) -> Double? {
        let trimmed = part.trimmingCharacters(in: .whitespaces)
        return YAMLReader.parseNumber(trimmed)
      }
      if let range = text.range(of: ".."), range.lowerBound > text.startIndex {
        guard let low = parse(text[..<range.lowerBound]), let high = parse(text[range.upperBound...]), low <= high
        else { return nil }
        let middle = (low + high) / 2
        return (middle, high - middle)
      }
      if let colon = text.firstIndex(of: ":"), colon > text.startIndex {
        guard let value = parse(text[..<colon]), let margin = parse(text[text.index(after: colon)...]), margin >= 0
        else { return nil }
        return (value, margin)
      }
      return parse(text[...]).map { ($0, 0) }
    }

    /// Reads and removes a leading `%weight%`; an error when it is not a percentage in −100…100.
    private mutating func weight(of body: inout Span) -> Double? {
      guard let first = body.first, first.character == "%", !first.escaped else { return nil }
      let rest = body.dropFirst()
      guard let end = Self.find("%", in: rest) else {
        log.error(.interop(.badWeight(Self.text(body.prefix(12)))), at: location(first))
        return nil
      }
      let written = Self.text(rest[rest.startIndex..<end])
      guard written.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil,
        let percent = Double(written), (-100...100).contains(percent)
      else {
        log.error(.interop(.badWeight("%" + written + "%")), at: location(first))
        return nil
      }
      body = Self.trimmed(rest[(end + 1)...])
      return MoodleGrades.fraction(percent: percent)
    }

    /// The answer before the first `#` and the feedback after it, each in its format.
    static func answerAndFeedback(_ body: Span, format: TextFormat) -> (text: String, feedback: String?) {
      guard let hash = find("#", in: body) else { return (formatted(trimmed(body), default: format).text, nil) }
      let answer = trimmed(body[body.startIndex..<hash])
      let feedback = formatted(trimmed(body[(hash + 1)...]), default: format).text
      return (formatted(answer, default: format).text, feedback.isEmpty ? nil : feedback)
    }

    /// `span` cut at unescaped `#`, into at most `limit` pieces.
    static func splitFeedback(_ span: Span, limit: Int) -> [Span] {
      var pieces: [Span] = []
      var start = span.startIndex
      for index in span.indices where span[index].character == "#" && !span[index].escaped && pieces.count < limit - 1 {
        pieces.append(span[start..<index])
        start = index + 1
      }
      pieces.append(span[start..<span.endIndex])
      return pieces
    }

    /// The last unescaped `####`.
    static func lastFeedbackSeparator(in span: Span) -> Int? {
      var index = span.endIndex - 4
      while index >= span.startIndex {
        if span[index..<(index + 4)].allSatisfy({ $0.character == "#" && !$0.escaped }) { return index }
        index -= 1
      }
      return nil
    }

    /// The text of a span in the course's Markdown, reading a leading `[html]`, `[moodle]`,
    /// `[plain]` or `[markdown]`.
    static func formatted(_ span: Span, default format: TextFormat) -> (format: TextFormat, text: String) {
      var format = format
      var body = span
      if body.first?.character == "[", let end = find("]", in: body),
        let named = TextFormat(rawValue: text(body[(body.startIndex + 1)..<end]))
      {
        format = named
        body = trimmed(body[(end + 1)...])
      }
      let raw = text(body)
      switch format {
      case .html: return (format, HTMLText.markdown(raw).text)
      case .moodle where HTMLText.looksLikeHTML(raw): return (format, HTMLText.markdown(raw).text)
      case .moodle, .plain, .markdown: return (format, raw)
      }
    }

    /// The first `[id:…]` of the comments (`\]` is a `]`).
    static func idNumber(in comments: [String]) -> String? {
      tokens("id", in: comments).first
    }

    /// Every `[tag:…]` of the comments, in order.
    static func tags(in comments: [String]) -> [String] {
      var seen = Set<String>()
      return tokens("tag", in: comments).filter { seen.insert($0).inserted }
    }

    private static func tokens(_ name: String, in comments: [String]) -> [String] {
      var found: [String] = []
      let marker = "[\(name):"
      for comment in comments {
        var rest = comment[...]
        while let start = rest.range(of: marker) {
          var value = ""
          var index = start.upperBound
          var closed = false
          while index < rest.endIndex {
            let character = rest[index]
            if character == "\\", rest.index(after: index) < rest.endIndex, rest[rest.index(after: index)] == "]" {
              value.append("]")
              index = rest.index(index, offsetBy: 2)
              continue
            }
            if character == "]" {
              closed = true
              break
            }
            value.append(character)
            index = rest.index(after: index)
          }
          guard closed else { break }
          let trimmed = value.trimmingCharacters(in: .whitespaces)
          if !trimmed.isEmpty { found.append(trimmed) }
          rest = rest[rest.index(after: index)...]
        }
      }
      return found
    }

    /// The tag a category gives: its last part (`$course$/top/催收/电话` → `电话`); none for
    /// Moodle's own top and default categories.
    static func categoryTag(_ path: String) -> String? {
      let parts = path.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      guard let last = parts.last else { return nil }
      if last.hasPrefix("$") || last == "top" || last.hasPrefix("Default for") { return nil }
      return last
    }

    static func excerpt(_ text: String) -> String {
      let line = text.split(separator: "\n").first.map(String.init) ?? text
      return line.count > 30 ? String(line.prefix(30)) + "…" : line
    }
  }
}
