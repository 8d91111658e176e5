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
      log.error(.yamlUnparsable(detail: "\(error)"), at: location(line: 1, column: 1))
    }
    return nil
  }

  private mutating func report(_ error: YamlError, in source: String) {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      log.error(
        .yamlSyntax(problem: problem, context: context?.text, contextLine: (context?.mark.line ?? 0) + lineOffset),
        at: location(mark))
    case .reader(let problem, let offset, _, let yaml):
      let (line, column) = SourceText.lineAndColumn(atEndOf: String(yaml.prefix(offset ?? 0)))
      log.error(.yamlUnreadable(problem: problem), at: location(line: line, column: column))
    case .duplicatedKeysInMapping(let duplicates, let context):
      log.error(.duplicateKeys(duplicates), at: location(context.mark))
    default:
      log.error(.yamlUnparsable(detail: "\(error)"), at: location(line: 1, column: 1))
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
      log.error(.anchorsNotAllowed, at: location(node))
      return nil
    }
    return node
  }

  /// The pairs of a mapping, or `nil` after an error naming what was expected.
  mutating func mapping(_ node: Node, as what: ContentProblem.Part) -> Node.Mapping? {
    guard let node = plain(node) else { return nil }
    if case .mapping(let mapping) = node { return mapping }
    log.error(.notAMapping(what, found: describe(node)), at: location(node))
    return nil
  }

  /// The items of a list, or `nil` after an error naming what was expected.
  mutating func sequence(_ node: Node, as what: ContentProblem.Part) -> [Node]? {
    guard let node = plain(node) else { return nil }
    if case .sequence(let sequence) = node { return Array(sequence) }
    log.error(.notAList(what, found: describe(node)), at: location(node))
    return nil
  }

  /// A scalar as text; numbers and booleans are taken as written.
  mutating func text(_ node: Node, field: String, allowEmpty: Bool = false) -> String? {
    guard let node = plain(node) else { return nil }
    guard case .scalar(let scalar) = node else {
      log.error(.notText(field: field, found: describe(node)), at: location(node))
      return nil
    }
    let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    // Block scalars (`|`) end with a line break that is not part of the text.
    let value = isNull ? "" : Self.droppingTrailingSpace(scalar.string)
    if !allowEmpty && value.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
      log.error(.emptyField(field), at: location(node))
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
    log.error(.notANumber(field: field, found: describe(node)), at: location(node))
    return nil
  }

  /// A whole number within `range`.
  mutating func integer(_ node: Node, field: String, in range: ClosedRange<Int>) -> Int? {
    guard let node = plain(node) else { return nil }
    var value: Double?
    if case .scalar(let scalar) = node, scalar.style == .plain { value = Self.parseNumber(scalar.string) }
    guard let value, value.rounded() == value, let whole = Int(exactly: value), range.contains(whole) else {
      log.error(.notAWholeNumber(field: field, range: range, found: describe(node)), at: location(node))
      return nil
    }
    return whole
  }

  /// One of an enumeration's names, written at `node`; an unknown one is reported with the
  /// closest name, or all of them.
  mutating func value<E: RawRepresentable & CaseIterable>(_ node: Node, field: String, as type: E.Type) -> E?
  where E.RawValue == String {
    guard let text = text(node, field: field) else { return nil }
    return named(text, field: field, as: type, at: location(node))
  }

  /// One of an enumeration's names, given as text written at `location`.
  mutating func named<E: RawRepresentable & CaseIterable>(
    _ text: String, field: String, as type: E.Type, at location: SourceLocation
  ) -> E? where E.RawValue == String {
    if let value = E(rawValue: text) { return value }
    let names = E.allCases.map(\.rawValue)
    let hint = Suggestion.closest(to: text, among: names).map(ContentProblem.Hint.didYouMean) ?? .oneOf(names)
    log.error(.unknownValue(field: field, value: text, hint: hint), at: location)
    return nil
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
    log.error(.notABoolean(field: field, found: describe(node)), at: location(node))
    return nil
  }

  /// A list of texts; a single text is accepted as a list of one.
  mutating func texts(_ node: Node, field: String) -> [String]? {
    guard let node = plain(node) else { return nil }
    if case .scalar = node { return text(node, field: field).map { [$0] } }
    guard let items = sequence(node, as: .field(field)) else { return nil }
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
  ///   - elsewhere: for unknown names, the question types they would belong to (none when empty).
  mutating func fields(
    of mapping: Node.Mapping, in what: ContentProblem.Part, allowed: [String], required: [String],
    at mappingNode: Node, elsewhere: (String) -> [QuestionType] = { _ in [] }
  ) -> [String: Node] {
    var result: [String: Node] = [:]
    for (keyNode, value) in mapping {
      guard case .scalar(let key) = keyNode else {
        log.error(.keyNotAName(what, found: describe(keyNode)), at: location(keyNode))
        continue
      }
      let name = key.string
      let homes = allowed.contains(name) ? [] : elsewhere(name)
      if allowed.contains(name) {
        result[name] = value
      } else if !homes.isEmpty {
        log.error(.unknownField(name, in: what, hint: .belongsTo(homes)), at: location(keyNode))
      } else if let suggestion = Suggestion.closest(to: name, among: allowed) {
        log.error(.unknownField(name, in: what, hint: .didYouMean(suggestion)), at: location(keyNode))
      } else {
        log.error(.unknownField(name, in: what, hint: .allowed(allowed)), at: location(keyNode))
      }
    }
    for name in required where result[name] == nil {
      log.error(.missingField(name, in: what), at: location(mappingNode))
    }
    return result
  }

  private func describe(_ node: Node) -> ContentProblem.Found {
    switch node {
    case .mapping: .mapping
    case .sequence: .list
    case .alias: .alias
    case .scalar(let scalar): scalar.string.isEmpty ? .nothing : .scalar(String(scalar.string.prefix(40)))
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
