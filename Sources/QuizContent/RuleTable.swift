import Foundation
import QuizCore
import Yams

/// A course's compliance rules, `rules.yaml`: what the replies of call simulations name in
/// their `flags`, each with its source and tier (law, regulator rule, self-regulation,
/// internal policy), and whether it is a red line.
///
/// ```yaml
/// rules:
///   - id: third-party-disclosure
///     title: 不得向无关第三人透露债务信息
///     tier: law
///     source: 《民法典》第一千零三十三条（法律）
///     red_line: true
/// ```
public struct RuleTable: Sendable, Hashable {
  /// The rules, in the order written.
  public var rules: [ComplianceRule]

  public init(_ rules: [ComplianceRule] = []) {
    self.rules = rules
  }

  /// The rule with `id`.
  public func rule(_ id: String) -> ComplianceRule? { rules.first { $0.id == id } }

  /// Reads `rules.yaml`; problems go to `log`. A missing file is an empty table.
  static func read(path: String, log: inout DiagnosticLog) -> RuleTable {
    SourceText.readIfPresent(path, log: &log).map { parse($0, log: &log) } ?? RuleTable()
  }

  static func parse(_ source: SourceText, log: inout DiagnosticLog) -> RuleTable {
    var reader = YAMLReader(file: source.path)
    defer { log.append(contentsOf: reader.log.diagnostics) }
    guard let root = reader.parse(source.text), let mapping = reader.mapping(root, as: .rulesFile) else {
      return RuleTable()
    }
    let fields = reader.fields(of: mapping, in: .rulesFile, allowed: ["rules"], required: ["rules"], at: root)
    guard let list = fields["rules"], let items = reader.sequence(list, as: .field("rules")) else { return RuleTable() }
    return RuleTable(decode(items, reader: &reader))
  }

  /// Rules written as a list of mappings (in `rules.yaml`, or in a scenario's own `rules`).
  static func decode(_ items: [Node], reader: inout YAMLReader) -> [ComplianceRule] {
    var rules: [ComplianceRule] = []
    for item in items {
      guard let map = reader.mapping(item, as: .rule) else { continue }
      let f = reader.fields(
        of: map, in: .rule, allowed: ["id", "title", "tier", "source", "red_line", "penalty"],
        required: ["id", "title", "tier", "source"], at: item)
      guard let idNode = f["id"], let id = reader.text(idNode, field: "id") else { continue }
      if !QuestionDecoder.isValidID(id) {
        reader.log.error(.invalidID(.rule, id), at: reader.location(idNode))
        continue
      }
      if rules.contains(where: { $0.id == id }) {
        reader.log.error(.duplicateRuleID(id), at: reader.location(idNode))
        continue
      }
      let title = f["title"].flatMap { reader.text($0, field: "title") }
      let source = f["source"].flatMap { reader.text($0, field: "source") }
      let tier = f["tier"].flatMap { reader.value($0, field: "tier", as: RuleTier.self) }
      let redLine = f["red_line"].map { reader.boolean($0, field: "red_line") } ?? false
      var penalty: Double? = 0.25
      if let node = f["penalty"] {
        penalty = reader.number(node, field: "penalty")
        if let value = penalty, !(value > 0 && value <= 1) {
          reader.log.error(.fractionOutOfRange(value, range: 0...1), at: reader.location(node))
          penalty = nil
        }
      }
      guard let title, let source, let tier, let redLine, let penalty else { continue }
      rules.append(
        ComplianceRule(
          id: id, title: title, tier: tier, source: source, redLine: redLine, penalty: redLine ? 1 : penalty))
    }
    return rules
  }
}
