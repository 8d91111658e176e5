import Foundation
import QuizCore
import Yams

/// Reads exam blueprints, `exams/<id>.yaml`, with located problems.
///
/// ```yaml
/// id: cert
/// title: 认证考试
/// time_limit: 30m
/// pass_mark: 0.6
/// draw:
///   - types: [truefalse]
///     count: 5
///   - types: [open]
///     count: 1
/// shuffle_choices: true
/// attempts: 3
/// cooldown: [1h]
/// validity: 365d
/// proctored: true
/// manual_grading: [open]
/// feedback: after-grading
/// ```
enum ExamDecoder {
  static let fields = [
    "id", "title", "time_limit", "pass_mark", "draw", "shuffle_choices", "attempts", "cooldown", "validity",
    "proctored", "manual_grading", "feedback",
  ]
  static let required = ["id", "title", "time_limit", "pass_mark", "draw", "validity"]
  static let ruleFields = ["lessons", "lesson", "tags", "types", "difficulty", "count"]

  /// A blueprint and where its parts are, for the checks that need the whole course.
  struct Site {
    var blueprint: ExamBlueprint?
    var idLocation: SourceLocation
    var drawLocations: [SourceLocation]
    var lessonLocations: [(String, SourceLocation)]
    var manualGradingLocation: SourceLocation?
  }

  static func read(_ source: SourceText, log: inout DiagnosticLog) -> Site? {
    var reader = YAMLReader(file: source.path)
    defer { log.append(contentsOf: reader.log.diagnostics) }
    guard let root = reader.parse(source.text), let mapping = reader.mapping(root, as: .exam) else { return nil }
    let values = reader.fields(of: mapping, in: .exam, allowed: fields, required: required, at: root)
    var site = Site(
      blueprint: nil, idLocation: reader.location(values["id"] ?? root), drawLocations: [], lessonLocations: [])
    let errorsBefore = reader.log.diagnostics.count
    let id = values["id"].flatMap { reader.text($0, field: "id") }
    if let id, let node = values["id"] {
      if !QuestionDecoder.isValidID(id) { reader.log.error(.invalidID(.exam, id), at: reader.location(node)) }
      let stem = ((source.path as NSString).lastPathComponent as NSString).deletingPathExtension
      if stem != id {
        reader.log.error(
          .examIDNotFileName(id: id, file: (source.path as NSString).lastPathComponent), at: reader.location(node))
      }
    }
    let title = values["title"].flatMap { reader.text($0, field: "title") }
    let timeLimit = values["time_limit"].flatMap { duration($0, field: "time_limit", reader: &reader) }
    let validity = values["validity"].flatMap { duration($0, field: "validity", reader: &reader) }
    var passMark: Double?
    if let node = values["pass_mark"], let value = reader.number(node, field: "pass_mark") {
      if value > 0 && value <= 1 {
        passMark = value
      } else {
        reader.log.error(.notAFraction(field: "pass_mark"), at: reader.location(node))
      }
    }
    var rules: [DrawRule] = []
    if let node = values["draw"], let items = reader.sequence(node, as: .field("draw")) {
      for item in items {
        site.drawLocations.append(reader.location(item))
        guard let map = reader.mapping(item, as: .drawRule) else { continue }
        let f = reader.fields(of: map, in: .drawRule, allowed: ruleFields, required: ["count"], at: item)
        var rule = DrawRule(count: 0)
        for key in ["lessons", "lesson"] {
          guard let lessonNode = f[key] else { continue }
          let names =
            key == "lesson" ? reader.text(lessonNode, field: key).map { [$0] } : reader.texts(lessonNode, field: key)
          for name in names ?? [] { site.lessonLocations.append((name, reader.location(lessonNode))) }
          rule.lessons += names ?? []
        }
        rule.tags = f["tags"].flatMap { reader.texts($0, field: "tags") } ?? []
        if let typesNode = f["types"] {
          rule.types = types(typesNode, field: "types", reader: &reader)
        }
        if let node = f["difficulty"] {
          if case .scalar = node {
            rule.difficulty = reader.integer(node, field: "difficulty", in: 1...3).map { [$0] } ?? []
          } else if let list = reader.sequence(node, as: .field("difficulty")) {
            rule.difficulty = list.compactMap { reader.integer($0, field: "difficulty", in: 1...3) }
          }
        }
        if let node = f["count"], let count = reader.integer(node, field: "count", in: 1...500) { rule.count = count }
        rules.append(rule)
      }
    }
    let shuffle = values["shuffle_choices"].map { reader.boolean($0, field: "shuffle_choices") } ?? true
    let attempts = values["attempts"].map { reader.integer($0, field: "attempts", in: 1...100) } ?? 3
    var cooldown: [TimeInterval] = []
    if let node = values["cooldown"] {
      if case .scalar = node {
        cooldown = duration(node, field: "cooldown", reader: &reader).map { [$0] } ?? []
      } else if let items = reader.sequence(node, as: .field("cooldown")) {
        cooldown = items.compactMap { duration($0, field: "cooldown", reader: &reader) }
      }
    }
    let proctored = values["proctored"].map { reader.boolean($0, field: "proctored") } ?? false
    var manual: Set<QuestionType> = []
    if let node = values["manual_grading"] {
      site.manualGradingLocation = reader.location(node)
      manual = Set(types(node, field: "manual_grading", reader: &reader))
    }
    var feedback = ExamFeedback.afterGrading
    if let node = values["feedback"], let text = reader.text(node, field: "feedback") {
      if let value = ExamFeedback(rawValue: text) {
        feedback = value
      } else {
        let names = ExamFeedback.allCases.map(\.rawValue)
        reader.log.error(.unknownValue(field: "feedback", value: text, hint: .oneOf(names)), at: reader.location(node))
      }
    }
    let clean =
      reader.log.diagnostics.count == errorsBefore
      || !reader.log.diagnostics[errorsBefore...].contains { $0.severity == .error }
    if clean, let id, let title, let timeLimit, let validity, let passMark, let shuffle, let attempts, let proctored {
      site.blueprint = ExamBlueprint(
        id: id, title: title, timeLimit: timeLimit, passMark: passMark, draw: rules, shuffleChoices: shuffle,
        attempts: attempts, cooldown: cooldown, validity: validity, proctored: proctored, manualGrading: manual,
        feedback: feedback)
    }
    return site
  }

  private static func duration(_ node: Node, field: String, reader: inout YAMLReader) -> TimeInterval? {
    guard let text = reader.text(node, field: field) else { return nil }
    guard let seconds = DurationText.parse(text) else {
      reader.log.error(.notADuration(field: field, found: String(text.prefix(40))), at: reader.location(node))
      return nil
    }
    return seconds
  }

  private static func types(_ node: Node, field: String, reader: inout YAMLReader) -> [QuestionType] {
    var result: [QuestionType] = []
    for name in reader.texts(node, field: field) ?? [] {
      if let type = QuestionType(rawValue: name) {
        result.append(type)
      } else {
        let hint = Suggestion.closest(to: name, among: QuestionType.allCases.map(\.rawValue)).map {
          ContentProblem.Hint.didYouMean($0)
        }
        reader.log.error(.unknownQuestionType(name, hint: hint ?? .none), at: reader.location(node))
      }
    }
    return result
  }

  /// The checks that need the whole course: known lessons, draws that can be filled, manual
  /// grading that would get something.
  static func check(_ site: Site, course questions: [Question], lessons: Set<String>, log: inout DiagnosticLog) {
    for (lesson, location) in site.lessonLocations where !lessons.contains(lesson) {
      let hint = Suggestion.closest(to: lesson, among: Array(lessons)).map { ContentProblem.Hint.didYouMean($0) }
      log.error(.drawUnknownLesson(lesson, hint: hint ?? .none), at: location)
    }
    guard let blueprint = site.blueprint else { return }
    if case .failure(let shortfall) = ExamDraw.draw(blueprint, from: questions, seed: 0) {
      let location =
        site.drawLocations.indices.contains(shortfall.rule) ? site.drawLocations[shortfall.rule] : site.idLocation
      log.error(
        .drawCannotBeFilled(rule: shortfall.rule, count: shortfall.count, available: shortfall.available), at: location)
    }
    for type in blueprint.manualGrading.sorted(by: { $0.rawValue < $1.rawValue })
    where !questions.contains(where: { question in
      question.type == type && blueprint.draw.contains { $0.admits(question) }
    }) {
      log.warning(.manualGradingUnused(type), at: site.manualGradingLocation ?? site.idLocation)
    }
  }
}
