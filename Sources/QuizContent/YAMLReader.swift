import Foundation
import QuizCore
import Yams

/// Reads YAML nodes of one file and reports problems at their line and column.
///
/// Every accessor returns `nil` after logging an error, so the caller can go on and find
/// the next problem instead of stopping at the first.
struct YAMLReader {
  /// The path shown in diagnostics.
  let file: String
  /// Added to every line number: the front matter of a lesson starts on line 2.
  let lineOffset: Int
  var log = DiagnosticLog()
  /// Kept alive while nodes are read: Yams holds anchors weakly, and only a living parser
  /// keeps them, which is how aliased nodes are recognised and refused.
  private var parser: Parser?

  init(file: String, lineOffset: Int = 0) {
    self.file = file
    self.lineOffset = lineOffset
  }

  // MARK: Parsing

  /// Parses YAML text into a node tree; `nil` for an empty document or after a logged error.
  mutating func parse(_ source: String) -> Node? {
    do {
      // The basic resolver types every scalar as a string: values are typed here, with
      // located errors, and Yams skips its regular-expression tag resolution (most of the load time).
      let parser = try Parser(yaml: source, resolver: .basic)
      self.parser = parser
      return try parser.singleRoot()
    } catch let error as YamlError {
      report(error, in: source)
    } catch {
      log.error("cannot parse YAML: \(error)", at: location(line: 1, column: 1))
    }
    return nil
  }

  private mutating func report(_ error: YamlError, in source: String) {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = context.map { " (\($0.text) at line \($0.mark.line + lineOffset))" } ?? ""
      log.error("YAML syntax error: \(problem)\(detail)", at: location(mark))
    case .reader(let problem, let offset, _, let yaml):
      let (line, column) = SourceText.lineAndColumn(atEndOf: String(yaml.prefix(offset ?? 0)))
      log.error("YAML cannot read the text: \(problem)", at: location(line: line, column: column))
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
      log.error("duplicate key \(keys) in the same mapping", at: location(context.mark))
    default:
      log.error("cannot parse YAML: \(error)", at: location(line: 1, column: 1))
    }
  }

  // MARK: Locations

  func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line + lineOffset, column: column)
  }

  func location(_ mark: Mark?) -> SourceLocation {
    guard let mark else { return location(line: 1, column: 1) }
    return location(line: mark.line, column: mark.column)
  }

  func location(_ node: Node) -> SourceLocation { location(node.mark) }

  // MARK: Shapes

  /// Refuses anchors and aliases: course files never need them, and they are how
  /// "billion laughs" documents blow up.
  private mutating func plain(_ node: Node) -> Node? {
    let anchor: Anchor? =
      switch node {
      case .scalar(let scalar): scalar.anchor
      case .mapping(let mapping): mapping.anchor
      case .sequence(let sequence): sequence.anchor
      case .alias: nil
      }
    if anchor != nil || { if case .alias = node { true } else { false } }() {
      log.error(
        "YAML anchors and aliases (&name, *name) are not allowed in course files; write the value out",
        at: location(node))
      return nil
    }
    return node
  }

  /// The pairs of a mapping, or `nil` after an error naming what was expected.
  mutating func mapping(_ node: Node, as what: String) -> Node.Mapping? {
    guard let node = plain(node) else { return nil }
    if case .mapping(let mapping) = node { return mapping }
    log.error("\(what) must be a mapping (key: value lines), found \(describe(node))", at: location(node))
    return nil
  }

  /// The items of a list, or `nil` after an error naming what was expected.
  mutating func sequence(_ node: Node, as what: String) -> [Node]? {
    guard let node = plain(node) else { return nil }
    if case .sequence(let sequence) = node { return Array(sequence) }
    log.error("\(what) must be a list, found \(describe(node))", at: location(node))
    return nil
  }

  /// A scalar as text; numbers and booleans are taken as written.
  mutating func text(_ node: Node, field: String, allowEmpty: Bool = false) -> String? {
    guard let node = plain(node) else { return nil }
    guard case .scalar(let scalar) = node else {
      log.error("`\(field)` must be text, found \(describe(node))", at: location(node))
      return nil
    }
    let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    // Block scalars (`|`) end with a line break that is not part of the text.
    let value = isNull ? "" : Self.droppingTrailingSpace(scalar.string)
    if !allowEmpty && value.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
      log.error("`\(field)` is empty", at: location(node))
      return nil
    }
    return value
  }

  /// A number written as a plain YAML number.
  mutating func number(_ node: Node, field: String) -> Double? {
    guard let node = plain(node) else { return nil }
    if case .scalar(let scalar) = node, scalar.style == .plain, let value = Self.parseNumber(scalar.string) {
      return value
    }
    log.error("`\(field)` must be a number such as 30 or 0.5, found \(describe(node))", at: location(node))
    return nil
  }

  /// A whole number within `range`.
  mutating func integer(_ node: Node, field: String, in range: ClosedRange<Int>) -> Int? {
    guard let node = plain(node) else { return nil }
    var value: Double?
    if case .scalar(let scalar) = node, scalar.style == .plain { value = Self.parseNumber(scalar.string) }
    guard let value, value.rounded() == value, let whole = Int(exactly: value), range.contains(whole) else {
      log.error(
        "`\(field)` must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(describe(node))",
        at: location(node))
      return nil
    }
    return whole
  }

  /// `true` or `false`.
  mutating func boolean(_ node: Node, field: String) -> Bool? {
    guard let node = plain(node) else { return nil }
    if case .scalar(let scalar) = node, scalar.style == .plain {
      switch scalar.string.lowercased() {
      case "true": return true
      case "false": return false
      default: break
      }
    }
    log.error("`\(field)` must be true or false, found \(describe(node))", at: location(node))
    return nil
  }

  /// A list of texts; a single text is accepted as a list of one.
  mutating func texts(_ node: Node, field: String) -> [String]? {
    guard let node = plain(node) else { return nil }
    if case .scalar = node { return text(node, field: field).map { [$0] } }
    guard let items = sequence(node, as: "`\(field)`") else { return nil }
    var result: [String] = []
    for item in items {
      if let value = text(item, field: field) { result.append(value) }
    }
    return result.count == items.count ? result : nil
  }

  /// The fields of a mapping by name, after checking for unknown and missing ones.
  ///
  /// - Parameters:
  ///   - allowed: every field name the mapping may have.
  ///   - required: names that must be present.
  ///   - elsewhere: for unknown names, where they would belong ("truefalse questions").
  mutating func fields(
    of mapping: Node.Mapping, in what: String, allowed: [String], required: [String],
    at mappingNode: Node, elsewhere: (String) -> String? = { _ in nil }
  ) -> [String: Node] {
    var result: [String: Node] = [:]
    for (keyNode, value) in mapping {
      guard case .scalar(let key) = keyNode else {
        log.error("keys of \(what) must be plain names, found \(describe(keyNode))", at: location(keyNode))
        continue
      }
      let name = key.string
      if allowed.contains(name) {
        result[name] = value
      } else if let home = elsewhere(name) {
        log.error("unknown field `\(name)` in \(what) (`\(name)` belongs to \(home))", at: location(keyNode))
      } else if let suggestion = Suggestion.closest(to: name, among: allowed) {
        log.error("unknown field `\(name)` in \(what); did you mean `\(suggestion)`?", at: location(keyNode))
      } else {
        let list = allowed.map { "`\($0)`" }.joined(separator: ", ")
        log.error("unknown field `\(name)` in \(what); allowed fields are \(list)", at: location(keyNode))
      }
    }
    for name in required where result[name] == nil {
      log.error("\(what) is missing the required field `\(name)`", at: location(mappingNode))
    }
    return result
  }

  private func describe(_ node: Node) -> String {
    switch node {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    case .scalar(let scalar):
      scalar.string.isEmpty ? "nothing" : "`\(scalar.string.prefix(40))`"
    }
  }

  /// The text without trailing spaces and line breaks (leading indentation is kept).
  static func droppingTrailingSpace(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let last = scalars.last, last == " " || last == "\n" || last == "\r" || last == "\t" else { return text }
    guard let end = scalars.lastIndex(where: { !($0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t") }) else {
      return ""
    }
    return String(scalars[...end])
  }

  /// Parses a plain YAML number (`30`, `-0.5`, `1e3`); no thousands separators.
  static func parseNumber(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
      let value = Double(trimmed), value.isFinite
    else { return nil }
    return value
  }
}
