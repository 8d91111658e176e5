import QuizCore
import Yams

/// Where a question's parts were written, for the checks that span files.
struct QuestionSite {
  var id: String?
  var idLocation: SourceLocation
  var lesson: String?
  var lessonLocation: SourceLocation
  var source: SectionReference?
  var sourceLocation: SourceLocation?
  /// A `context` that names a lesson section, checked against the lessons later.
  var contextSection: SectionReference?
  var contextLocation: SourceLocation?
  var location: SourceLocation
  var question: Question?
}

/// Turns the YAML of one question into a `Question`, logging every problem found.
struct QuestionDecoder {
  static let commonFields = [
    "id", "lesson", "type", "prompt", "explanation", "difficulty", "weight", "tags", "source", "context",
  ]
  static let typeFields: [QuestionType: [String]] = [
    .single: ["choices"],
    .multiple: ["choices", "scoring"],
    .truefalse: ["answer", "feedback_true", "feedback_false"],
    .short: ["answers", "case_sensitive"],
    .numeric: ["answers", "unit"],
    .matching: ["pairs", "distractors"],
    .ordering: ["items", "scoring"],
    .open: ["rubric", "model_answer"],
    .scenario: ["party", "goals", "start", "nodes", "rules"],
  ]
  static let allowedFields = typeFields.mapValues { commonFields + $0 }
  static let anyFields = commonFields + Array(Set(typeFields.values.flatMap { $0 })).sorted()

  /// Whether `id` is a valid id: one or more of `a-z`, `0-9`, `.` and `-`.
  static func isValidID(_ id: String) -> Bool {
    !id.isEmpty
      && id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D }
  }

  var defaults: CourseDefaults
  /// The course's synonym table, for `$name` keywords.
  var concepts = ConceptTable()
  /// The course's compliance rules, for the `flags` of call simulations.
  var rules = RuleTable()

  /// Decodes one question node; the site is returned even when the question is invalid.
  func decode(_ node: Node, reader: inout YAMLReader) -> QuestionSite? {
    guard let mapping = reader.mapping(node, as: .question(nil)) else { return nil }
    let here = reader.location(node)
    let type: QuestionType? = typeField(in: mapping, reader: &reader)
    let allowed = type.map { Self.allowedFields[$0]! } ?? Self.anyFields
    let fields = reader.fields(
      of: mapping, in: .question(type), allowed: allowed,
      required: ["id", "lesson", "type", "prompt", "explanation"], at: node,
      elsewhere: { field in
        Self.typeFields.filter { $0.value.contains(field) }.map(\.key).sorted { $0.rawValue < $1.rawValue }
      })

    var site = QuestionSite(
      idLocation: here, lessonLocation: here, location: here)
    let errorsBefore = reader.log.diagnostics.count
    if let node = fields["id"], let id = reader.text(node, field: "id") {
      site.idLocation = reader.location(node)
      if !QuestionDecoder.isValidID(id) {
        reader.log.error(.invalidID(.question, id), at: site.idLocation)
      }
      site.id = id
    }
    if let node = fields["lesson"], let lesson = reader.text(node, field: "lesson") {
      site.lesson = lesson
      site.lessonLocation = reader.location(node)
    }
    let prompt = fields["prompt"].flatMap { reader.text($0, field: "prompt") }
    let explanation = fields["explanation"].flatMap { reader.text($0, field: "explanation") }
    let difficulty =
      fields["difficulty"].map { reader.integer($0, field: "difficulty", in: 1...3) } ?? defaults.difficulty
    var weight: Double? = 1
    if let node = fields["weight"] {
      weight = reader.number(node, field: "weight")
      if let value = weight, value <= 0 {
        reader.log.error(.notPositive(field: "weight"), at: reader.location(node))
        weight = nil
      }
    }
    let tags = fields["tags"].map { reader.texts($0, field: "tags") } ?? []
    if let node = fields["source"], let text = reader.text(node, field: "source") {
      site.sourceLocation = reader.location(node)
      if let reference = SectionReference(parsing: text) {
        site.source = reference
      } else {
        reader.log.error(.notASectionReference(field: "source"), at: reader.location(node))
      }
    }
    var context: QuestionContext?
    if let node = fields["context"] {
      site.contextLocation = reader.location(node)
      context = decodeContext(node, reader: &reader)
      if case .section(let reference) = context { site.contextSection = reference }
    }
    var samples: [RubricSample] = []
    let kind = type.flatMap { decodeKind($0, fields: fields, at: node, samples: &samples, reader: &reader) }

    let clean = !reader.log.diagnostics[errorsBefore...].contains { $0.severity == .error }
    if clean, let id = site.id, let lesson = site.lesson, let prompt, let explanation,
      let difficulty, let weight, let tags, let kind
    {
      site.question = Question(
        id: id, lesson: lesson, prompt: prompt, explanation: explanation, difficulty: difficulty,
        weight: weight, tags: tags, source: site.source, kind: kind)
      site.question?.context = context
      if let question = site.question { check(question, samples: samples, at: site.location, reader: &reader) }
    }
    return site
  }

  /// `context: 文字…` (Markdown), `context: {text: …}` or `context: {section: lesson-id#heading}`.
  private func decodeContext(_ node: Node, reader: inout YAMLReader) -> QuestionContext? {
    if case .scalar = node { return reader.text(node, field: "context").map(QuestionContext.text) }
    guard let map = reader.mapping(node, as: .field("context")) else { return nil }
    let fields = reader.fields(of: map, in: .field("context"), allowed: ["text", "section"], required: [], at: node)
    switch (fields["text"], fields["section"]) {
    case (let text?, nil):
      return reader.text(text, field: "text").map(QuestionContext.text)
    case (nil, let section?):
      guard let written = reader.text(section, field: "section") else { return nil }
      guard let reference = SectionReference(parsing: written), reference.heading != nil else {
        reader.log.error(.notASectionReference(field: "section"), at: reader.location(section))
        return nil
      }
      return .section(reference)
    default:
      reader.log.error(.contextNeedsTextOrSection, at: reader.location(node))
      return nil
    }
  }

  private func typeField(in mapping: Node.Mapping, reader: inout YAMLReader) -> QuestionType? {
    let node = mapping.first { pair in
      if case .scalar(let key) = pair.key { key.string == "type" } else { false }
    }?.value
    guard let node, case .scalar(let scalar) = node else { return nil }
    if let type = QuestionType(rawValue: scalar.string) { return type }
    let names = QuestionType.allCases.map(\.rawValue)
    let hint = Suggestion.closest(to: scalar.string, among: names).map(ContentProblem.Hint.didYouMean) ?? .oneOf(names)
    reader.log.error(.unknownQuestionType(scalar.string, hint: hint), at: reader.location(node))
    return nil
  }

  /// Grades the model answer and every sample of an open question, logging what is off.
  private func check(
    _ question: Question, samples: [RubricSample], at location: SourceLocation, reader: inout YAMLReader
  ) {
    if case .scenario(let scenario) = question.kind {
      let best = ScenarioGrader.bestPath(scenario).fraction
      if best < 1 - 1e-9 { reader.log.warning(.noFullCreditPath(best: best), at: location) }
      return
    }
    guard case .open(let rubric) = question.kind, !rubric.isGradedByPerson else { return }
    let model = Grader.grade(.text(rubric.modelAnswer), for: question)
    if model.fraction < 1 - 1e-9 || !(model.rubric?.found.isEmpty ?? true) {
      reader.log.warning(
        .modelAnswerFallsShort(score: model.fraction, RubricSample.summary(of: model)), at: location)
    }
    for sample in samples {
      if let problem = sample.problem(grading: question) { reader.log.error(problem, at: sample.location) }
    }
  }

  // MARK: Kinds

  private func decodeKind(
    _ type: QuestionType, fields: [String: Node], at node: Node, samples decodedSamples: inout [RubricSample],
    reader: inout YAMLReader
  ) -> QuestionKind? {
    func required(_ name: String) -> Node? {
      if let value = fields[name] { return value }
      reader.log.error(.typeNeedsField(type, field: name), at: reader.location(node))
      return nil
    }
    switch type {
    case .single:
      guard let list = required("choices"), let choices = decodeChoices(list, reader: &reader) else { return nil }
      let full = choices.filter { Credit.isFull($0.fraction) }.count
      if full != 1 {
        reader.log.error(.singleNeedsOneFullChoice(found: full), at: reader.location(list))
        return nil
      }
      return .single(choices: choices)

    case .multiple:
      guard let list = required("choices"), let choices = decodeChoices(list, reader: &reader) else { return nil }
      var scoring = defaults.scoring
      var scoringNode: Node?
      if let node = fields["scoring"] {
        scoringNode = node
        guard let value = decodeEnum(node, field: "scoring", as: MultipleScoring.self, reader: &reader)
        else { return nil }
        scoring = value
      }
      let explicit = choices.contains { $0.hasExplicitFraction }
      if explicit {
        if let scoringNode, scoring != .fractions {
          reader.log.error(.fractionsNeedFractionScoring, at: reader.location(scoringNode))
          return nil
        }
        scoring = .fractions
      }
      if scoring == .fractions {
        let sum = choices.filter { $0.fraction > 0 }.reduce(0) { $0 + $1.fraction }
        if !Credit.addsUpToOne(sum) {
          reader.log.error(.fractionsDoNotAddUp(sum), at: reader.location(list))
          return nil
        }
      }
      // Moodle's several-answer questions may have one right choice; the other modes need two.
      let correct = choices.filter(\.isCorrect).count
      if correct < (scoring == .fractions ? 1 : 2) {
        reader.log.error(.multipleNeedsTwoCorrect(found: correct), at: reader.location(list))
        return nil
      }
      return .multiple(choices: choices, scoring: scoring)

    case .truefalse:
      guard let node = required("answer"), let answer = reader.boolean(node, field: "answer") else { return nil }
      let feedbackTrue = fields["feedback_true"].flatMap { reader.text($0, field: "feedback_true") }
      let feedbackFalse = fields["feedback_false"].flatMap { reader.text($0, field: "feedback_false") }
      return .trueFalse(TrueFalse(answer: answer, feedbackTrue: feedbackTrue, feedbackFalse: feedbackFalse))

    case .short:
      guard let list = required("answers"), let items = reader.sequence(list, as: .field("answers")) else { return nil }
      var answers: [AcceptedText] = []
      for item in items {
        guard let map = reader.mapping(item, as: .answer) else { continue }
        let f = reader.fields(
          of: map, in: .answer, allowed: ["text", "fraction", "feedback"], required: ["text"], at: item)
        guard let text = f["text"].flatMap({ reader.text($0, field: "text") }) else { continue }
        guard let fraction = decodeFraction(f["fraction"], range: 0...1, reader: &reader) else { continue }
        let feedback = f["feedback"].flatMap { reader.text($0, field: "feedback") }
        answers.append(AcceptedText(text: text, fraction: fraction, feedback: feedback))
      }
      let caseSensitive = fields["case_sensitive"].map { reader.boolean($0, field: "case_sensitive") } ?? false
      guard answers.count == items.count, let caseSensitive else { return nil }
      guard requireFullCredit(answers.map(\.fraction), at: list, reader: &reader) else { return nil }
      return .short(ShortAnswer(answers: answers, caseSensitive: caseSensitive))

    case .numeric:
      guard let list = required("answers"), let items = reader.sequence(list, as: .field("answers")) else { return nil }
      var answers: [AcceptedNumber] = []
      for item in items {
        guard let map = reader.mapping(item, as: .answer) else { continue }
        let f = reader.fields(
          of: map, in: .numericAnswer, allowed: ["value", "tolerance", "fraction", "feedback"],
          required: ["value"], at: item)
        let value = f["value"].flatMap { reader.number($0, field: "value") }
        let tolerance = decodeTolerance(f["tolerance"], reader: &reader)
        let fraction = decodeFraction(f["fraction"], range: 0...1, reader: &reader)
        let feedback = f["feedback"].flatMap { reader.text($0, field: "feedback") }
        guard let value, let tolerance, let fraction else { continue }
        answers.append(AcceptedNumber(value: value, tolerance: tolerance, fraction: fraction, feedback: feedback))
      }
      let unit = fields["unit"].flatMap { reader.text($0, field: "unit") }
      guard answers.count == items.count else { return nil }
      guard requireFullCredit(answers.map(\.fraction), at: list, reader: &reader) else { return nil }
      return .numeric(NumericAnswer(answers: answers, unit: unit?.trimmingSpaces()))

    case .matching:
      guard let list = required("pairs"), let items = reader.sequence(list, as: .field("pairs")) else { return nil }
      var pairs: [MatchingPair] = []
      for item in items {
        guard let map = reader.mapping(item, as: .pair) else { continue }
        let f = reader.fields(
          of: map, in: .pair, allowed: ["prompt", "answer"], required: ["prompt", "answer"], at: item)
        guard let prompt = f["prompt"].flatMap({ reader.text($0, field: "prompt") }),
          let answer = f["answer"].flatMap({ reader.text($0, field: "answer") })
        else { continue }
        pairs.append(MatchingPair(prompt: prompt, answer: answer))
      }
      let distractors = fields["distractors"].map { reader.texts($0, field: "distractors") } ?? []
      guard pairs.count == items.count, let distractors else { return nil }
      if pairs.count < 2 {
        reader.log.error(.matchingNeedsTwoPairs, at: reader.location(list))
        return nil
      }
      return .matching(Matching(pairs: pairs, distractors: distractors))

    case .ordering:
      guard let list = required("items"), let items = reader.texts(list, field: "items") else { return nil }
      var scoring = OrderingScoring.longestOrderedSubset
      if let node = fields["scoring"] {
        guard let value = decodeEnum(node, field: "scoring", as: OrderingScoring.self, reader: &reader)
        else { return nil }
        scoring = value
      }
      if items.count < 2 {
        reader.log.error(.orderingNeedsTwoItems, at: reader.location(list))
        return nil
      }
      if Set(items).count != items.count {
        reader.log.error(.orderingItemsRepeat, at: reader.location(list))
        return nil
      }
      return .ordering(Ordering(items: items, scoring: scoring))

    case .open:
      // Without a rubric a person grades every answer; `model_answer` is then what they see.
      guard let node = fields["rubric"] else {
        let model = fields["model_answer"].flatMap { reader.text($0, field: "model_answer") }
        if fields["model_answer"] != nil && model == nil { return nil }
        return .open(Rubric(points: [], modelAnswer: model ?? ""))
      }
      if let model = fields["model_answer"] {
        reader.log.error(.modelAnswerBelongsInRubric, at: reader.location(model))
        return nil
      }
      guard let (rubric, samples) = decodeRubric(node, reader: &reader) else { return nil }
      decodedSamples = samples
      return .open(rubric)

    case .scenario:
      guard let party = required("party").flatMap({ reader.text($0, field: "party") }),
        let goalsNode = required("goals"), let startNode = required("start"),
        let start = reader.text(startNode, field: "start"), let nodesNode = required("nodes")
      else { return nil }
      // A scenario may carry its own rules (as `content dump` writes it); the course's table
      // has the rest.
      var table = rules
      if let node = fields["rules"], let items = reader.sequence(node, as: .field("rules")) {
        let own = RuleTable.decode(items, reader: &reader)
        // The course's table is the authority: a bank may repeat a rule, not redefine it.
        for rule in own where rules.rule(rule.id).map({ $0 != rule }) == true {
          reader.log.error(.ruleDiffersFromTable(rule.id), at: reader.location(node))
        }
        table = RuleTable(rules.rules + own.filter { rule in rules.rule(rule.id) == nil })
      }
      return decodeScenario(
        party: party, goals: goalsNode, start: (start, startNode), nodes: nodesNode, rules: table, reader: &reader)
    }
  }

  // MARK: Call simulations

  /// A scenario: its goals, its nodes and replies, and the checks of its graph (every node
  /// reachable, every path able to end, every ending with a verdict, every flag a known rule).
  private func decodeScenario(
    party: String, goals goalsNode: Node, start: (id: String, node: Node), nodes nodesNode: Node,
    rules: RuleTable, reader: inout YAMLReader
  ) -> QuestionKind? {
    let errorsBefore = reader.log.diagnostics.filter { $0.severity == .error }.count
    var goals: [Scenario.GoalWeight] = []
    if let map = reader.mapping(goalsNode, as: .field("goals")) {
      for (key, value) in map {
        guard let goal = reader.value(key, field: "goals", as: CallGoal.self) else { continue }
        let name = goal.rawValue
        guard let weight = reader.number(value, field: name) else { continue }
        guard weight > 0 else {
          reader.log.error(.notPositive(field: name), at: reader.location(value))
          continue
        }
        goals.append(Scenario.GoalWeight(goal: goal, weight: weight))
      }
      if map.count == 0 { reader.log.error(.emptyField("goals"), at: reader.location(goalsNode)) }
    }
    let listed = Set(goals.map(\.goal))

    var nodes: [ScenarioNode] = []
    var nodeLocations: [String: SourceLocation] = [:]
    var references: [(target: String, field: String, at: SourceLocation)] = []
    var flagged: [String] = []
    for item in reader.sequence(nodesNode, as: .field("nodes")) ?? [] {
      guard let map = reader.mapping(item, as: .scenarioNode) else { continue }
      let f = reader.fields(
        of: map, in: .scenarioNode, allowed: ["id", "speaker", "line", "seconds", "free_text", "replies", "ending"],
        required: ["id"], at: item)
      guard let idNode = f["id"], let id = reader.text(idNode, field: "id") else { continue }
      let here = reader.location(idNode)
      if !Self.isValidID(id) {
        reader.log.error(.invalidID(.node, id), at: here)
        continue
      }
      if nodeLocations[id] != nil {
        reader.log.error(.duplicateNodeID(id), at: here)
        continue
      }
      nodeLocations[id] = here
      let speaker = f["speaker"].flatMap { reader.text($0, field: "speaker") }
      let seconds = f["seconds"].map { reader.integer($0, field: "seconds", in: 1...600) } ?? 20
      let freeText = f["free_text"].map { reader.boolean($0, field: "free_text") } ?? false
      var line: String? = ""
      if let node = f["line"] {
        line = reader.text(node, field: "line")
      } else if f["ending"] == nil {
        reader.log.error(.missingField("line", in: .scenarioNode), at: reader.location(item))
      }
      var ending: ScenarioEnding?
      var replies: [ScenarioReply] = []
      switch (f["replies"], f["ending"]) {
      case (nil, nil):
        reader.log.error(.deadEnd(id), at: here)
      case (.some, .some):
        reader.log.error(.repliesAndEnding(id), at: here)
      case (nil, let node?):
        guard let endMap = reader.mapping(node, as: .ending) else { break }
        let e = reader.fields(
          of: endMap, in: .ending, allowed: ["result", "summary"], required: ["result", "summary"], at: node)
        let summary = e["summary"].flatMap { reader.text($0, field: "summary") }
        let result = e["result"].flatMap { reader.value($0, field: "result", as: CallResult.self) }
        if let result, let summary { ending = ScenarioEnding(result: result, summary: summary) }
      case (let node?, nil):
        let items = reader.sequence(node, as: .field("replies")) ?? []
        if items.isEmpty { reader.log.error(.deadEnd(id), at: here) }
        for (number, item) in items.enumerated() {
          guard let replyMap = reader.mapping(item, as: .reply) else { continue }
          let r = reader.fields(
            of: replyMap, in: .reply, allowed: ["text", "next", "progress", "flags", "note", "keywords"],
            required: ["text", "next"], at: item)
          let text = r["text"].flatMap { reader.text($0, field: "text") }
          let next = r["next"].flatMap { reader.text($0, field: "next") }
          if let next, let node = r["next"] { references.append((next, "next", reader.location(node))) }
          var progress: [CallGoal] = []
          if let node = r["progress"], let names = reader.texts(node, field: "progress") {
            for name in names {
              guard let goal = reader.named(name, field: "progress", as: CallGoal.self, at: reader.location(node))
              else { continue }
              if !listed.contains(goal) { reader.log.error(.goalNotListed(name), at: reader.location(node)) }
              progress.append(goal)
            }
          }
          var flags: [String] = []
          if let node = r["flags"], let ids = reader.texts(node, field: "flags") {
            for rule in ids {
              if rules.rule(rule) == nil {
                let hint =
                  Suggestion.closest(to: rule, among: rules.rules.map(\.id)).map(ContentProblem.Hint.didYouMean)
                  ?? .none
                reader.log.error(.unknownRule(rule, hint: hint), at: reader.location(node))
              }
              flags.append(rule)
              if !flagged.contains(rule) { flagged.append(rule) }
            }
          }
          let note = r["note"].flatMap { reader.text($0, field: "note") }
          let keywords = r["keywords"].flatMap { decodeKeywords($0, reader: &reader) } ?? []
          if freeText == true && keywords.isEmpty {
            reader.log.error(.freeTextReplyWithoutKeywords(node: id, reply: number + 1), at: reader.location(item))
          }
          guard let text, let next else { continue }
          replies.append(
            ScenarioReply(text: text, next: next, progress: progress, flags: flags, note: note, keywords: keywords))
        }
      }
      guard let line, let seconds, let freeText else { continue }
      nodes.append(
        ScenarioNode(
          id: id, speaker: speaker, line: line, seconds: seconds, freeText: freeText, replies: replies, ending: ending))
    }

    // The graph: every reference known, every node reachable, an ending reachable from each.
    let ids = Array(nodeLocations.keys)
    func hint(_ id: String) -> ContentProblem.Hint {
      Suggestion.closest(to: id, among: ids).map(ContentProblem.Hint.didYouMean) ?? .none
    }
    if nodeLocations[start.id] == nil {
      reader.log.error(.unknownNode(start.id, field: "start", hint: hint(start.id)), at: reader.location(start.node))
    }
    var unknown = false
    for reference in references where nodeLocations[reference.target] == nil {
      reader.log.error(
        .unknownNode(reference.target, field: reference.field, hint: hint(reference.target)), at: reference.at)
      unknown = true
    }
    // A mistyped `next` leaves nodes behind it unreachable: that is the one error to fix, so
    // the graph is checked once every reference is known.
    guard !unknown, nodeLocations[start.id] != nil else { return nil }
    if nodes.first(where: { $0.id == start.id })?.ending != nil {
      reader.log.error(.startIsAnEnding(start.id), at: reader.location(start.node))
    }
    let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var reachable: Set<String> = []
    var queue = byID[start.id] == nil ? [] : [start.id]
    while let id = queue.popLast() {
      guard reachable.insert(id).inserted, let node = byID[id] else { continue }
      queue += node.replies.map(\.next).filter { byID[$0] != nil }
    }
    for node in nodes where !reachable.contains(node.id) {
      reader.log.error(.unreachableNode(node.id), at: nodeLocations[node.id] ?? reader.location(nodesNode))
    }
    var ends = Set(nodes.filter { $0.ending != nil }.map(\.id))
    var grew = true
    while grew {
      grew = false
      for node in nodes where !ends.contains(node.id) && node.replies.contains(where: { ends.contains($0.next) }) {
        ends.insert(node.id)
        grew = true
      }
    }
    let stuck = nodes.filter { reachable.contains($0.id) && !ends.contains($0.id) && !$0.replies.isEmpty }.map(\.id)
    if let first = stuck.first {
      reader.log.error(.noWayOut(stuck), at: nodeLocations[first] ?? reader.location(nodesNode))
    }
    guard reader.log.diagnostics.filter({ $0.severity == .error }).count == errorsBefore else { return nil }
    // At a free-text turn, each reply's own words should pick it and no other.
    for node in nodes where node.freeText {
      for (index, reply) in node.replies.enumerated() {
        switch ScenarioGrader.match(reply.text, at: node) {
        case .reply(index): continue
        case .reply(let other):
          reader.log.warning(
            .replyWordsDoNotPickIt(node: node.id, reply: index + 1, others: [other + 1]),
            at: nodeLocations[node.id] ?? reader.location(nodesNode))
        case .unsure(let candidates):
          reader.log.warning(
            .replyWordsDoNotPickIt(
              node: node.id, reply: index + 1, others: candidates.filter { $0 != index }.map { $0 + 1 }),
            at: nodeLocations[node.id] ?? reader.location(nodesNode))
        }
      }
    }
    return .scenario(
      Scenario(
        party: party, goals: goals, start: start.id, nodes: nodes, rules: flagged.compactMap(rules.rule)))
  }

  private func decodeChoices(_ node: Node, reader: inout YAMLReader) -> [Choice]? {
    guard let items = reader.sequence(node, as: .field("choices")) else { return nil }
    var choices: [Choice] = []
    for item in items {
      guard let map = reader.mapping(item, as: .choice) else { continue }
      let f = reader.fields(
        of: map, in: .choice, allowed: ["text", "correct", "fraction", "feedback"], required: ["text"], at: item)
      guard let text = f["text"].flatMap({ reader.text($0, field: "text") }) else { continue }
      let correct = f["correct"].map { reader.boolean($0, field: "correct") } ?? false
      guard let correct else { continue }
      var fraction: Double = correct ? 1 : 0
      if let node = f["fraction"] {
        guard let value = decodeFraction(node, range: -1...1, reader: &reader) else { continue }
        fraction = value
      }
      let feedback = f["feedback"].flatMap { reader.text($0, field: "feedback") }
      choices.append(
        Choice(text: text, fraction: fraction, hasExplicitFraction: f["fraction"] != nil, feedback: feedback))
    }
    guard choices.count == items.count else { return nil }
    if choices.count < 2 {
      reader.log.error(.choiceQuestionNeedsTwoChoices, at: reader.location(node))
      return nil
    }
    return choices
  }

  private func decodeFraction(_ node: Node?, range: ClosedRange<Double>, reader: inout YAMLReader) -> Double? {
    guard let node else { return 1 }
    guard let value = reader.number(node, field: "fraction") else { return nil }
    guard range.contains(value) else {
      reader.log.error(.fractionOutOfRange(value, range: range), at: reader.location(node))
      return nil
    }
    return value
  }

  private func decodeTolerance(_ node: Node?, reader: inout YAMLReader) -> Tolerance? {
    guard let node else { return .absolute(0) }
    if case .scalar(let scalar) = node, scalar.string.hasSuffix("%"),
      let percent = YAMLReader.parseNumber(String(scalar.string.dropLast())), percent >= 0
    {
      return .relative(percent: percent)
    }
    guard let value = reader.number(node, field: "tolerance") else { return nil }
    guard value >= 0 else {
      reader.log.error(.negativeTolerance, at: reader.location(node))
      return nil
    }
    return .absolute(value)
  }

  private func decodeEnum<E: RawRepresentable & CaseIterable>(
    _ node: Node, field: String, as type: E.Type, reader: inout YAMLReader
  ) -> E? where E.RawValue == String {
    reader.value(node, field: field, as: type)
  }

  private func requireFullCredit(_ fractions: [Double], at node: Node, reader: inout YAMLReader) -> Bool {
    if fractions.contains(where: Credit.isFull) { return true }
    reader.log.error(.noFullCreditAnswer, at: reader.location(node))
    return false
  }

  private func decodeRubric(_ node: Node, reader: inout YAMLReader) -> (Rubric, [RubricSample])? {
    guard let map = reader.mapping(node, as: .field("rubric")) else { return nil }
    let f = reader.fields(
      of: map, in: .rubric, allowed: ["points", "model_answer", "misconceptions", "samples"],
      required: ["points", "model_answer"], at: node)
    var points: [RubricPoint] = []
    var failed = false
    if let list = f["points"], let items = reader.sequence(list, as: .field("points")) {
      if items.isEmpty {
        reader.log.error(.rubricNeedsPoint, at: reader.location(list))
        failed = true
      }
      for item in items {
        guard let map = reader.mapping(item, as: .rubricPoint) else {
          failed = true
          continue
        }
        let p = reader.fields(
          of: map, in: .rubricPoint, allowed: ["text", "weight", "keywords", "scope"], required: ["text"],
          at: item)
        let text = p["text"].flatMap { reader.text($0, field: "text") }
        var weight: Double? = 1
        if let w = p["weight"] {
          weight = reader.number(w, field: "weight")
          if let value = weight, value <= 0 {
            reader.log.error(.notPositive(field: "weight"), at: reader.location(w))
            weight = nil
          }
        }
        let scope = p["scope"].map { decodeEnum($0, field: "scope", as: MatchScope.self, reader: &reader) } ?? .sentence
        guard let keywordsNode = p["keywords"] else {
          reader.log.error(.pointWithoutKeywords, at: reader.location(item))
          failed = true
          continue
        }
        let keywords = decodeKeywords(keywordsNode, reader: &reader)
        guard let text, let weight, let keywords, let scope else {
          failed = true
          continue
        }
        if let problem = RubricLint.genericPointProblem(keywords) {
          reader.log.warning(problem, at: reader.location(keywordsNode))
        }
        points.append(RubricPoint(text: text, weight: weight, keywords: keywords, scope: scope))
      }
    } else {
      failed = true
    }
    let model = f["model_answer"].flatMap { reader.text($0, field: "model_answer") }
    var misconceptions: [Misconception] = []
    var misconceptionNodes: [Node] = []
    if let list = f["misconceptions"], let items = reader.sequence(list, as: .field("misconceptions")) {
      for item in items {
        guard let misconception = decodeMisconception(item, reader: &reader) else {
          failed = true
          continue
        }
        misconceptions.append(misconception)
        misconceptionNodes.append(item)
      }
    } else if f["misconceptions"] != nil {
      failed = true
    }
    var samples: [RubricSample] = []
    if let list = f["samples"], let items = reader.sequence(list, as: .field("samples")) {
      for item in items {
        guard let sample = decodeSample(item, reader: &reader) else {
          failed = true
          continue
        }
        samples.append(sample)
      }
    } else if f["samples"] != nil {
      failed = true
    }
    guard !failed, let model else { return nil }
    let rubric = Rubric(points: points, modelAnswer: model, misconceptions: misconceptions)
    for (misconception, item) in zip(misconceptions, misconceptionNodes) {
      if let problem = RubricLint.rejectionProblem(misconception) {
        reader.log.warning(problem, at: reader.location(item))
      }
    }
    return (rubric, samples)
  }

  private func decodeMisconception(_ item: Node, reader: inout YAMLReader) -> Misconception? {
    guard let map = reader.mapping(item, as: .misconception) else { return nil }
    let m = reader.fields(
      of: map, in: .misconception,
      allowed: ["keywords", "penalty", "feedback", "critical", "cap", "rule", "scope"],
      required: ["keywords", "feedback"], at: item)
    let keywords = m["keywords"].flatMap { decodeKeywords($0, reader: &reader) }
    let critical = m["critical"].map { reader.boolean($0, field: "critical") } ?? false
    var penalty: Double?? = m["penalty"].map { reader.number($0, field: "penalty") }
    if penalty == nil {
      if critical == true {
        penalty = .some(0)
      } else {
        reader.log.error(.misconceptionNeedsPenalty, at: reader.location(item))
      }
    }
    if let value = penalty ?? nil, !(0...1).contains(value), let node = m["penalty"] {
      reader.log.error(.notAFraction(field: "penalty"), at: reader.location(node))
      penalty = .some(nil)
    }
    var cap: Double? = 0
    if let node = m["cap"] {
      cap = reader.number(node, field: "cap")
      if let value = cap, !(0...1).contains(value) {
        reader.log.error(.notAFraction(field: "cap"), at: reader.location(node))
        cap = nil
      }
      if critical == false {
        reader.log.error(.capWithoutCritical, at: reader.location(node))
      }
    }
    let rule = m["rule"].flatMap { reader.text($0, field: "rule") }
    let scope = m["scope"].map { decodeEnum($0, field: "scope", as: MatchScope.self, reader: &reader) } ?? .clause
    let feedback = m["feedback"].flatMap { reader.text($0, field: "feedback") }
    guard let keywords, let penalty = penalty ?? nil, let feedback, let critical, let cap, let scope else { return nil }
    if critical && rule == nil {
      reader.log.warning(.redLineWithoutRule, at: reader.location(item))
    }
    return Misconception(
      keywords: keywords, penalty: penalty, feedback: feedback, critical: critical, cap: cap, rule: rule, scope: scope)
  }

  private func decodeSample(_ item: Node, reader: inout YAMLReader) -> RubricSample? {
    guard let map = reader.mapping(item, as: .sample) else { return nil }
    let f = reader.fields(
      of: map, in: .sample, allowed: ["answer", "band", "needs_review", "red_line", "note"],
      required: ["answer", "band"], at: item)
    let answer = f["answer"].flatMap { reader.text($0, field: "answer") }
    var band: ClosedRange<Double>?
    if let node = f["band"], let items = reader.sequence(node, as: .field("band")) {
      let values = items.compactMap { reader.number($0, field: "band") }
      if values.count == 2, values.count == items.count, (0...1).contains(values[0]), (0...1).contains(values[1]),
        values[0] <= values[1]
      {
        band = values[0]...values[1]
      } else if values.count == items.count {
        reader.log.error(.invalidBand, at: reader.location(node))
      }
    }
    let needsReview = f["needs_review"].map { reader.boolean($0, field: "needs_review") }
    let redLine = f["red_line"].map { reader.boolean($0, field: "red_line") }
    guard let answer, let band, needsReview ?? false != nil, redLine ?? false != nil else { return nil }
    return RubricSample(
      answer: answer, band: band, needsReview: needsReview ?? nil, redLine: redLine ?? nil,
      location: reader.location(item))
  }

  /// Keyword groups: a list of groups, each a list of alternatives (a plain text is a group of one).
  ///
  /// `$name` is replaced by the words of a concept; words that match too much get a warning.
  private func decodeKeywords(_ node: Node, reader: inout YAMLReader) -> KeywordGroups? {
    guard let groups = reader.sequence(node, as: .field("keywords")) else { return nil }
    if groups.isEmpty {
      reader.log.error(.noKeywords, at: reader.location(node))
      return nil
    }
    var result: KeywordGroups = []
    for group in groups {
      guard let alternatives = reader.texts(group, field: "keywords") else { return nil }
      if alternatives.isEmpty {
        reader.log.error(.emptyKeywordGroup, at: reader.location(group))
        return nil
      }
      var expanded: [String] = []
      for alternative in alternatives {
        guard let words = concepts.expand(alternative) else {
          let name = String(RubricLint.bareWord(alternative).dropFirst())
          let hint =
            Suggestion.closest(to: name, among: Array(concepts.words.keys)).map { .didYouMean("$\($0)") }
            ?? ContentProblem.Hint.defineConcept
          reader.log.error(.unknownConcept(alternative, hint: hint), at: reader.location(group))
          return nil
        }
        if words.count == 1, let problem = RubricLint.wordProblem(alternative) {
          reader.log.warning(.weakKeyword(problem), at: reader.location(group))
        }
        expanded += words
      }
      if let blank = expanded.first(where: { TextNormalizer.normalize(RubricLint.bareWord($0)).isEmpty }) {
        reader.log.error(.blankKeyword(blank), at: reader.location(group))
        return nil
      }
      var seen = Set<String>()
      result.append(expanded.filter { seen.insert($0).inserted })
    }
    return result
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
