import Crypto
import QuizCore

/// The JSON form of a course, with the same field names as the YAML and Markdown files.
public enum CourseJSON {
  /// The whole course: header, lessons with their Markdown, questions with their hashes.
  public static func value(of course: Course) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("id", .string(course.id)), ("title", .string(course.title)), ("version", .string(course.version)),
    ]
    if let description = course.description { pairs.append(("description", .string(description))) }
    pairs.append(
      (
        "defaults",
        .object([
          ("difficulty", .number(Double(course.defaults.difficulty))),
          ("scoring", .string(course.defaults.scoring.rawValue)),
        ])
      ))
    pairs.append(("lessons", .array(course.lessons.map(value(of:)))))
    pairs.append(("questions", .array(course.questions.map { value(of: $0, withHash: true) })))
    return .object(pairs)
  }

  /// A lesson: front matter fields, section headings and body.
  public static func value(of lesson: Lesson) -> JSONValue {
    .object([
      ("id", .string(lesson.id)),
      ("title", .string(lesson.title)),
      ("objectives", .array(lesson.objectives.map(JSONValue.string))),
      ("minutes", .number(Double(lesson.minutes))),
      ("sections", .array(lesson.sections.map { .string($0.title) })),
      ("body", .string(lesson.body)),
    ])
  }

  /// A question with every field, defaults filled in, and optionally its `hash`. Without
  /// the hash it is a valid entry of a question bank that loads back as the same question.
  public static func value(of question: Question, withHash: Bool) -> JSONValue {
    value(of: question, withHash: withHash, canonical: false)
  }

  /// `canonical` is the form that is hashed: unchanged since the first version, so that the
  /// hashes of stored answers keep matching their questions.
  private static func value(of question: Question, withHash: Bool, canonical: Bool) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("id", .string(question.id)),
      ("lesson", .string(question.lesson)),
      ("type", .string(question.type.rawValue)),
      ("prompt", .string(question.prompt)),
      ("explanation", .string(question.explanation)),
      ("difficulty", .number(Double(question.difficulty))),
      ("weight", .number(question.weight)),
      ("tags", .array(question.tags.map(JSONValue.string))),
    ]
    if let source = question.source { pairs.append(("source", .string(source.description))) }
    switch question.context {
    case .text(let text): pairs.append(("context", .object([("text", .string(text))])))
    case .section(let reference): pairs.append(("context", .object([("section", .string(reference.description))])))
    case nil: break
    }
    pairs += kindFields(question.kind, canonical: canonical)
    if withHash { pairs.append(("hash", .string(hash(of: question)))) }
    return .object(pairs)
  }

  /// The SHA-256 (hex) of the question's canonical JSON: changes whenever anything a learner
  /// sees or is graded on changes, and only then.
  public static func hash(of question: Question) -> String {
    let canonical = value(of: question, withHash: false, canonical: true).serialized(sortedKeys: true)
    return SHA256.hash(data: Array(canonical.utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  private static func optional(_ key: String, _ text: String?) -> [(String, JSONValue)] {
    text.map { [(key, .string($0))] } ?? []
  }

  private static func choices(_ choices: [Choice], canonical: Bool) -> JSONValue {
    .array(
      choices.map { choice in
        guard !canonical else {
          return .object(
            [
              ("text", .string(choice.text)), ("correct", .bool(Credit.isFull(choice.fraction))),
              ("fraction", .number(choice.fraction)),
            ] + optional("feedback", choice.feedback))
        }
        // As an author writes it: `correct`, or an explicit `fraction` where the file had one.
        var pairs: [(String, JSONValue)] = [("text", .string(choice.text))]
        if choice.hasExplicitFraction {
          pairs.append(("fraction", .number(choice.fraction)))
        } else {
          pairs.append(("correct", .bool(choice.isCorrect)))
        }
        return .object(pairs + optional("feedback", choice.feedback))
      })
  }

  private static func keywords(_ groups: KeywordGroups) -> JSONValue {
    .array(groups.map { .array($0.map(JSONValue.string)) })
  }

  private static func kindFields(_ kind: QuestionKind, canonical: Bool) -> [(String, JSONValue)] {
    switch kind {
    case .single(let list):
      return [("choices", choices(list, canonical: canonical))]
    case .multiple(let list, let scoring):
      return [("choices", choices(list, canonical: canonical)), ("scoring", .string(scoring.rawValue))]
    case .trueFalse(let tf):
      return [("answer", .bool(tf.answer))] + optional("feedback_true", tf.feedbackTrue)
        + optional("feedback_false", tf.feedbackFalse)
    case .short(let short):
      return [
        (
          "answers",
          .array(
            short.answers.map {
              .object(
                [("text", .string($0.text)), ("fraction", .number($0.fraction))] + optional("feedback", $0.feedback))
            })
        ),
        ("case_sensitive", .bool(short.caseSensitive)),
      ]
    case .numeric(let numeric):
      let answers = JSONValue.array(
        numeric.answers.map { answer in
          let tolerance: JSONValue =
            switch answer.tolerance {
            case .absolute(let amount): .number(amount)
            case .relative(let percent): .string("\(JSONValue.format(percent))%")
            }
          return .object(
            [("value", .number(answer.value)), ("tolerance", tolerance), ("fraction", .number(answer.fraction))]
              + optional("feedback", answer.feedback))
        })
      return [("answers", answers)] + optional("unit", numeric.unit)
    case .matching(let matching):
      return [
        (
          "pairs",
          .array(matching.pairs.map { .object([("prompt", .string($0.prompt)), ("answer", .string($0.answer))]) })
        ),
        ("distractors", .array(matching.distractors.map(JSONValue.string))),
      ]
    case .ordering(let ordering):
      return [("items", .array(ordering.items.map(JSONValue.string))), ("scoring", .string(ordering.scoring.rawValue))]
    case .open(let rubric):
      return [
        (
          "rubric",
          .object([
            (
              "points",
              .array(
                rubric.points.map {
                  .object(
                    [
                      ("text", .string($0.text)), ("weight", .number($0.weight)), ("keywords", keywords($0.keywords)),
                    ] + ($0.scope == .sentence ? [] : [("scope", .string($0.scope.rawValue))]))
                })
            ),
            ("model_answer", .string(rubric.modelAnswer)),
            (
              "misconceptions",
              .array(
                rubric.misconceptions.map { misconception in
                  // Fields at their defaults are left out, so hashes of unchanged questions stay put.
                  var fields: [(String, JSONValue)] = [
                    ("keywords", keywords(misconception.keywords)), ("penalty", .number(misconception.penalty)),
                    ("feedback", .string(misconception.feedback)),
                  ]
                  if misconception.critical {
                    fields += [("critical", .bool(true)), ("cap", .number(misconception.cap))]
                  }
                  fields += optional("rule", misconception.rule)
                  if misconception.scope != .clause { fields.append(("scope", .string(misconception.scope.rawValue))) }
                  return .object(fields)
                })
            ),
          ])
        )
      ]
    case .scenario(let scenario):
      return scenarioFields(scenario)
    }
  }

  /// A call as an author writes it, with the rules it names (so that a changed rule changes
  /// the question's hash).
  private static func scenarioFields(_ scenario: Scenario) -> [(String, JSONValue)] {
    let nodes = scenario.nodes.map { node -> JSONValue in
      var fields: [(String, JSONValue)] = [("id", .string(node.id))] + optional("speaker", node.speaker)
      fields.append(("line", .string(node.line)))
      if node.seconds != 20 { fields.append(("seconds", .number(Double(node.seconds)))) }
      if node.freeText { fields.append(("free_text", .bool(true))) }
      if let ending = node.ending {
        fields.append(
          ("ending", .object([("result", .string(ending.result.rawValue)), ("summary", .string(ending.summary))])))
      } else {
        fields.append(
          (
            "replies",
            .array(
              node.replies.map { reply in
                var fields: [(String, JSONValue)] = [("text", .string(reply.text)), ("next", .string(reply.next))]
                if !reply.progress.isEmpty {
                  fields.append(("progress", .array(reply.progress.map { .string($0.rawValue) })))
                }
                if !reply.flags.isEmpty { fields.append(("flags", .array(reply.flags.map(JSONValue.string)))) }
                fields += optional("note", reply.note)
                if !reply.keywords.isEmpty { fields.append(("keywords", keywords(reply.keywords))) }
                return .object(fields)
              })
          ))
      }
      return .object(fields)
    }
    let rules = scenario.rules.map { rule -> JSONValue in
      .object([
        ("id", .string(rule.id)), ("title", .string(rule.title)), ("tier", .string(rule.tier.rawValue)),
        ("source", .string(rule.source)), ("red_line", .bool(rule.redLine)), ("penalty", .number(rule.penalty)),
      ])
    }
    return [
      ("party", .string(scenario.party)),
      ("goals", .object(scenario.goals.map { ($0.goal.rawValue, .number($0.weight)) })),
      ("start", .string(scenario.start)), ("nodes", .array(nodes)), ("rules", .array(rules)),
    ]
  }
}
