import Foundation
import QuizCore
import Yams

/// A course's synonym table, `concepts.yaml`: named lists of words that rubrics refer to as
/// `$name`, so one fix to a concept reaches every rubric that uses it.
///
/// ```yaml
/// 诉讼时效: [时效, 时效期间]
/// 保证人: [担保人, 保人]
/// ```
///
/// The name itself always counts as one of the concept's words.
public struct ConceptTable: Sendable, Hashable {
  /// Words by concept name; each list starts with the name.
  public var words: [String: [String]]

  /// Creates a table; each list gets the name in front when it is not already there.
  public init(_ words: [String: [String]] = [:]) {
    self.words = words.reduce(into: [:]) { table, entry in
      table[entry.key] = entry.value.first == entry.key ? entry.value : [entry.key] + entry.value
    }
  }

  /// Reads `concepts.yaml`; problems go to `log`. A missing file is an empty table.
  static func read(path: String, log: inout DiagnosticLog) -> ConceptTable {
    SourceText.readIfPresent(path, log: &log).map { parse($0, log: &log) } ?? ConceptTable()
  }

  static func parse(_ source: SourceText, log: inout DiagnosticLog) -> ConceptTable {
    var reader = YAMLReader(file: source.path)
    defer { log.append(contentsOf: reader.log.diagnostics) }
    guard let root = reader.parse(source.text), let mapping = reader.mapping(root, as: .conceptsFile) else {
      return ConceptTable()
    }
    var words: [String: [String]] = [:]
    for (keyNode, value) in mapping {
      guard let name = reader.text(keyNode, field: "concept name") else { continue }
      let at = reader.location(keyNode)
      if name.hasPrefix("$") || name.hasPrefix("~") || name.hasPrefix("+") {
        reader.log.error(.conceptNamePrefix(name), at: at)
        continue
      }
      guard let list = reader.texts(value, field: name) else { continue }
      if let nested = list.first(where: { $0.hasPrefix("$") }) {
        reader.log.error(.nestedConcept(name, refersTo: nested), at: reader.location(value))
        continue
      }
      for word in list where TextNormalizer.normalize(word).isEmpty {
        reader.log.error(.blankConceptWord(name), at: reader.location(value))
      }
      for word in [name] + list {
        if let problem = RubricLint.wordProblem(word) {
          reader.log.warning(.weakConceptWord(name, problem), at: reader.location(value))
        }
      }
      words[name] = list
    }
    return ConceptTable(words)
  }

  /// Expands `$name` (also `~$name`, `+$name`) into the concept's words with the same prefix;
  /// other keywords are returned as they are. `nil` for an unknown concept.
  func expand(_ keyword: String) -> [String]? {
    var prefix = ""
    var body = Substring(keyword)
    if let first = body.first, first == "~" || first == "+" {
      prefix = String(first)
      body = body.dropFirst()
    }
    guard body.hasPrefix("$") else { return [keyword] }
    guard let list = words[String(body.dropFirst())] else { return nil }
    return list.map { prefix + $0 }
  }
}
