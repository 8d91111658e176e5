import Foundation
import QuizCore
import Yams

/// Writes questions as a question bank in the course format (`questions/*.yaml`), the form
/// `content lint` reads back to the same questions.
///
/// Fields come in the order authors write them (id, lesson, type, metadata, prompt, the
/// type's fields, explanation); defaults are left out; short lists of short items are written
/// on one line (`{text: …, correct: true}`), multi-line text as a `|` block.
public enum QuestionBankWriter {
  /// The YAML text of `questions`, with `header` as comment lines at the top; a difficulty
  /// equal to the course's default is left out.
  public static func yaml(_ questions: [Question], header: [String] = [], defaults: CourseDefaults = .init()) -> String
  {
    let comments = header.map { "# " + $0 + "\n" }.joined()
    guard !questions.isEmpty else { return comments + "[]\n" }
    let nodes = questions.map { node(for: $0, defaults: defaults) }
    let body = questions.indices.map { index -> String in
      // Each question is its own document body so that a blank line can separate them.
      let text = (try? Yams.serialize(node: .sequence(.init([nodes[index]])), width: -1, allowUnicode: true)) ?? ""
      return text
    }
    return comments + body.joined(separator: "\n")
  }

  /// The mapping of one question.
  static func node(for question: Question, defaults: CourseDefaults) -> Node {
    var pairs: [(String, Node)] = [
      ("id", text(question.id)),
      ("lesson", text(question.lesson)),
      ("type", text(question.type.rawValue)),
    ]
    if question.difficulty != defaults.difficulty { pairs.append(("difficulty", number(Double(question.difficulty)))) }
    if question.weight != 1 { pairs.append(("weight", number(question.weight))) }
    if !question.tags.isEmpty { pairs.append(("tags", flowList(question.tags.map(text)))) }
    if let source = question.source { pairs.append(("source", text(source.description))) }
    switch question.context {
    case .text(let markdown): pairs.append(("context", mapping([("text", text(markdown))])))
    case .section(let reference): pairs.append(("context", mapping([("section", text(reference.description))])))
    case nil: break
    }
    pairs.append(("prompt", text(question.prompt)))
    pairs += kindFields(question.kind)
    pairs.append(("explanation", text(question.explanation)))
    return mapping(pairs)
  }

  private static func kindFields(_ kind: QuestionKind) -> [(String, Node)] {
    switch kind {
    case .single(let choices):
      return [("choices", list(choices.map(choice)))]
    case .multiple(let choices, let scoring):
      // Written even when it is the default: the course's default may change.
      return [("scoring", text(scoring.rawValue)), ("choices", list(choices.map(choice)))]
    case .trueFalse(let statement):
      var pairs: [(String, Node)] = [("answer", boolean(statement.answer))]
      if let feedback = statement.feedbackTrue { pairs.append(("feedback_true", text(feedback))) }
      if let feedback = statement.feedbackFalse { pairs.append(("feedback_false", text(feedback))) }
      return pairs
    case .short(let short):
      var pairs: [(String, Node)] = []
      if short.caseSensitive { pairs.append(("case_sensitive", boolean(true))) }
      let answers = short.answers.map { answer -> Node in
        var fields: [(String, Node)] = [("text", text(answer.text))]
        if answer.fraction != 1 { fields.append(("fraction", number(answer.fraction))) }
        if let feedback = answer.feedback { fields.append(("feedback", text(feedback))) }
        return item(fields)
      }
      pairs.append(("answers", list(answers)))
      return pairs
    case .numeric(let numeric):
      var pairs: [(String, Node)] = []
      if let unit = numeric.unit { pairs.append(("unit", text(unit))) }
      let answers = numeric.answers.map { answer -> Node in
        var fields: [(String, Node)] = [("value", number(answer.value))]
        switch answer.tolerance {
        case .absolute(let amount) where amount == 0: break
        case .absolute(let amount): fields.append(("tolerance", number(amount)))
        case .relative(let percent): fields.append(("tolerance", text(format(percent) + "%")))
        }
        if answer.fraction != 1 { fields.append(("fraction", number(answer.fraction))) }
        if let feedback = answer.feedback { fields.append(("feedback", text(feedback))) }
        return item(fields)
      }
      pairs.append(("answers", list(answers)))
      return pairs
    case .matching(let matching):
      var pairs: [(String, Node)] = [
        ("pairs", list(matching.pairs.map { item([("prompt", text($0.prompt)), ("answer", text($0.answer))]) }))
      ]
      if !matching.distractors.isEmpty { pairs.append(("distractors", flowList(matching.distractors.map(text)))) }
      return pairs
    case .ordering(let ordering):
      var pairs: [(String, Node)] = []
      if ordering.scoring != .longestOrderedSubset { pairs.append(("scoring", text(ordering.scoring.rawValue))) }
      pairs.append(("items", list(ordering.items.map(text))))
      return pairs
    case .open(let rubric) where rubric.isGradedByPerson:
      return rubric.modelAnswer.isEmpty ? [] : [("model_answer", text(rubric.modelAnswer))]
    case .open(let rubric):
      return [("rubric", self.rubric(rubric))]
    case .scenario(let scenario):
      return self.scenario(scenario)
    }
  }

  /// A call simulation as an author writes it, with the rules it names, so that the bank
  /// reads back on its own (a course's `rules.yaml` must agree with them).
  private static func scenario(_ scenario: Scenario) -> [(String, Node)] {
    let nodes = scenario.nodes.map { node -> Node in
      var fields: [(String, Node)] = [("id", text(node.id))]
      if let speaker = node.speaker { fields.append(("speaker", text(speaker))) }
      if !node.line.isEmpty || node.ending == nil { fields.append(("line", text(node.line))) }
      if node.seconds != 20 { fields.append(("seconds", number(Double(node.seconds)))) }
      if node.freeText { fields.append(("free_text", boolean(true))) }
      if let ending = node.ending {
        fields.append(
          ("ending", mapping([("result", text(ending.result.rawValue)), ("summary", text(ending.summary))])))
      } else {
        let replies = node.replies.map { reply -> Node in
          var fields: [(String, Node)] = [("text", text(reply.text)), ("next", text(reply.next))]
          if !reply.progress.isEmpty { fields.append(("progress", flowList(reply.progress.map { text($0.rawValue) }))) }
          if !reply.flags.isEmpty { fields.append(("flags", flowList(reply.flags.map(text)))) }
          if let note = reply.note { fields.append(("note", text(note))) }
          if !reply.keywords.isEmpty { fields.append(("keywords", keywords(reply.keywords))) }
          return mapping(fields)
        }
        fields.append(("replies", list(replies)))
      }
      return mapping(fields)
    }
    return [
      ("party", text(scenario.party)),
      ("goals", mapping(scenario.goals.map { ($0.goal.rawValue, number($0.weight)) })),
      ("start", text(scenario.start)), ("nodes", list(nodes)),
    ] + (scenario.rules.isEmpty ? [] : [("rules", list(scenario.rules.map(rule)))])
  }

  private static func rule(_ rule: ComplianceRule) -> Node {
    var fields: [(String, Node)] = [
      ("id", text(rule.id)), ("title", text(rule.title)), ("tier", text(rule.tier.rawValue)),
      ("source", text(rule.source)),
    ]
    if rule.redLine {
      fields.append(("red_line", boolean(true)))
    } else {
      fields.append(("penalty", number(rule.penalty)))
    }
    return mapping(fields)
  }

  private static func choice(_ choice: Choice) -> Node {
    var fields: [(String, Node)] = [("text", text(choice.text))]
    if choice.hasExplicitFraction {
      fields.append(("fraction", number(choice.fraction)))
    } else if choice.isCorrect {
      fields.append(("correct", boolean(true)))
    }
    if let feedback = choice.feedback { fields.append(("feedback", text(feedback))) }
    return item(fields)
  }

  private static func rubric(_ rubric: Rubric) -> Node {
    let points = rubric.points.map { point -> Node in
      var fields: [(String, Node)] = [("text", text(point.text))]
      if point.weight != 1 { fields.append(("weight", number(point.weight))) }
      fields.append(("keywords", keywords(point.keywords)))
      if point.scope != .sentence { fields.append(("scope", text(point.scope.rawValue))) }
      return mapping(fields)
    }
    var pairs: [(String, Node)] = [("points", list(points)), ("model_answer", text(rubric.modelAnswer))]
    if !rubric.misconceptions.isEmpty {
      let misconceptions = rubric.misconceptions.map { misconception -> Node in
        var fields: [(String, Node)] = [("keywords", keywords(misconception.keywords))]
        if misconception.critical {
          fields.append(("critical", boolean(true)))
          if misconception.cap != 0 { fields.append(("cap", number(misconception.cap))) }
        }
        if misconception.penalty != 0 || !misconception.critical {
          fields.append(("penalty", number(misconception.penalty)))
        }
        if let rule = misconception.rule { fields.append(("rule", text(rule))) }
        if misconception.scope != .clause { fields.append(("scope", text(misconception.scope.rawValue))) }
        fields.append(("feedback", text(misconception.feedback)))
        return mapping(fields)
      }
      pairs.append(("misconceptions", list(misconceptions)))
    }
    return mapping(pairs)
  }

  private static func keywords(_ groups: KeywordGroups) -> Node {
    flowList(groups.map { flowList($0.map(text)) })
  }

  // MARK: Nodes

  /// A list item: on one line when it is short and has no line breaks, else a block.
  private static func item(_ fields: [(String, Node)]) -> Node {
    let length = fields.reduce(0) { total, field in
      total + field.0.count + (field.1.scalar?.string.count ?? 1_000)
    }
    let multiline = fields.contains { $0.1.scalar?.string.contains("\n") ?? true }
    return mapping(fields, style: length <= 60 && !multiline ? .flow : .block)
  }

  private static func mapping(_ pairs: [(String, Node)], style: Node.Mapping.Style = .block) -> Node {
    .mapping(.init(pairs.map { (Node.scalar(.init($0.0)), $0.1) }, .implicit, style))
  }

  private static func list(_ nodes: [Node]) -> Node {
    .sequence(.init(nodes, .implicit, .block))
  }

  private static func flowList(_ nodes: [Node]) -> Node {
    let multiline = nodes.contains { $0.scalar?.string.contains("\n") ?? false }
    return .sequence(.init(nodes, .implicit, multiline ? .block : .flow))
  }

  /// Text as the reader takes it back: quoted when it would read as a number, a boolean or
  /// null, a `|` block when it has line breaks.
  static func text(_ string: String) -> Node {
    let style: Node.Scalar.Style
    if string.contains("\n") {
      style = string.hasSuffix(" ") || string.hasSuffix("\n") ? .doubleQuoted : .literal
    } else if Resolver.default.resolveTag(of: Node(string)) != .str || string.isEmpty {
      style = .singleQuoted
    } else {
      style = .any
    }
    return .scalar(.init(string, .implicit, style))
  }

  private static func number(_ value: Double) -> Node {
    .scalar(.init(format(value), .implicit, .plain))
  }

  private static func boolean(_ value: Bool) -> Node {
    .scalar(.init(value ? "true" : "false", .implicit, .plain))
  }

  /// `1`, `0.5`, `-0.3333333`: whole numbers without a decimal point, others as written.
  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
  }
}
