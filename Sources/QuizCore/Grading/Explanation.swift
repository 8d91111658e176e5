/// What is shown after an answer: verdict, feedback per option or rubric point, the
/// correct answer, the explanation and the section to re-read, in the interface language.
public struct Explanation: Sendable, Hashable {
  /// One line of an explanation, by kind, so a renderer can mark and colour it.
  public enum Line: Sendable, Hashable {
    /// Outcome and score.
    case verdict(Outcome, String)
    /// A picked option that was right, with its feedback.
    case pickedRight(String)
    /// A picked option that was wrong, with its feedback.
    case pickedWrong(String)
    /// A correct option the learner missed.
    case missed(String)
    /// Feedback on the answer given.
    case note(String)
    /// A rubric point covered.
    case covered(String)
    /// A rubric point not covered.
    case uncovered(String)
    /// A misconception found, with why it is wrong and the clause that states it.
    case misconception(String)
    /// An open score is the machine's estimate, with its reasons below.
    case estimate(String)
    /// A person should check this grade, and why.
    case review(String)
    /// The correct answer.
    case correctAnswer(String)
    /// The model answer of an open question.
    case modelAnswer(String)
    /// The question's explanation.
    case explanation(String)
    /// The section to re-read: `lesson#heading`.
    case reread(String)
    /// In a call's debrief: what the other party said.
    case spoken(String)
    /// In a call's debrief: a reply that neither helped nor broke a rule.
    case said(String)
    /// The best way through a call.
    case bestPath(String)
  }

  /// The lines, in the order they are shown.
  public var lines: [Line]

  /// Builds the explanation of a grade.
  public init(grade: Grade, response: Response, question: Question, layout: Layout, language: Language) {
    let byPerson: Bool
    if case .open(let rubric) = question.kind { byPerson = rubric.isGradedByPerson } else { byPerson = false }
    var lines: [Line] = [
      byPerson
        ? .verdict(
          .partial, language.text("explanation.awaiting-a-person", ResponseFormatter.format(grade.maximumMarks)))
        : .verdict(grade.outcome, Self.verdict(grade, language: language))
    ]
    if byPerson {
      lines.append(.review(language.text("explanation.graded-by-a-person")))
    } else if grade.isProvisional {
      lines.append(
        .estimate(
          language.text("explanation.this-is-the-machine-s-estimate")))
    }
    if grade.needsReview && !byPerson {
      lines.append(.review(Self.review(grade, question: question, language: language)))
    }
    let letter = { (choice: Int) in Layout.letter(layout.choices.firstIndex(of: choice) ?? choice) }
    var choiceText: (Int) -> String = { _ in "" }
    if case .single(let choices) = question.kind { choiceText = { choices[$0].text } }
    if case .multiple(let choices, _) = question.kind { choiceText = { choices[$0].text } }
    let sorted = grade.feedback.sorted { Self.order($0, layout: layout) < Self.order($1, layout: layout) }
    for item in sorted {
      switch item {
      case .picked(let choice, let correct, let text):
        let body =
          "\(letter(choice)) \(choiceText(choice))" + (text.map { language.text("explanation.dash", $0) } ?? "")
        lines.append(correct ? .pickedRight(body) : .pickedWrong(body))
      case .missed(let choice, let text):
        // On a single-choice question the correct answer line says it; "missed" is for multiple choice.
        if question.type == .single { continue }
        lines.append(
          .missed(
            language.text("explanation.missed") + "\(letter(choice)) \(choiceText(choice))"
              + (text.map { language.text("explanation.dash", $0) } ?? "")))
      case .answer(let text):
        lines.append(.note(text))
      case .match(let prompt, let picked, let correct):
        guard case .matching(let matching) = question.kind else { continue }
        let options = matching.options
        let pair = matching.pairs[prompt]
        let given = picked.flatMap { options.indices.contains($0) ? options[$0] : nil } ?? "—"
        let body = "\(prompt + 1). \(pair.prompt) → \(given)"
        lines.append(
          correct
            ? .pickedRight(body)
            : .pickedWrong(body + language.text("explanation.should-be", "\(pair.answer)")))
      case .rubric(let point, let covered):
        guard case .open(let rubric) = question.kind else { continue }
        let quote = grade.rubric?.points.first { $0.point == point }?.quote
        let text = rubric.points[point].text + (quote.map { language.text("explanation.dash-quote", $0) } ?? "")
        lines.append(covered ? .covered(text) : .uncovered(text))
      case .misconception(let index):
        guard case .open(let rubric) = question.kind else { continue }
        let misconception = rubric.misconceptions[index]
        let quote = grade.rubric?.found.first { $0.misconception == index }?.quote
        let said = quote.map { language.text("explanation.answer", "\($0)") } ?? ""
        if misconception.critical {
          let cap = ResponseFormatter.format((misconception.cap * question.weight * 100).rounded() / 100)
          let rule = misconception.rule.map { language.text("explanation.rule", "\($0)") } ?? ""
          lines.append(
            .misconception(
              language.text("explanation.red-line") + misconception.feedback + rule
                + language.text("explanation.score-capped-at", "\(cap)") + said))
        } else {
          let marks = ResponseFormatter.format((misconception.penalty * question.weight * 100).rounded() / 100)
          lines.append(
            .misconception(misconception.feedback + language.text("explanation.penalty", "\(marks)") + said))
        }
      }
    }
    if case .scenario(let scenario) = question.kind, let report = grade.scenario {
      lines += Self.debrief(scenario, report, fraction: grade.fraction, language: language)
    } else if case .open(let rubric) = question.kind {
      if !rubric.modelAnswer.isEmpty { lines.append(.modelAnswer(rubric.modelAnswer)) }
    } else if grade.outcome != .correct {
      lines.append(.correctAnswer(ResponseFormatter.correctAnswer(for: question, layout: layout, language: language)))
    }
    lines.append(.explanation(question.explanation))
    if let source = question.source { lines.append(.reread(source.description)) }
    self.lines = lines
  }

  /// A call's debrief: how it ended, the goals, the compliance verdict with every rule
  /// breached (its tier and source), each turn replayed with its mark and note, and the best
  /// way through when this was not it.
  static func debrief(_ scenario: Scenario, _ report: ScenarioReport, fraction: Double, language: Language) -> [Line] {
    var lines: [Line] = []
    guard report.replays else { return [.review(language.text("call.changed"))] }
    let length = CallClock.text(report.walk.seconds, language: language)
    switch report.walk.end {
    case .ending(let ending)?:
      lines.append(.note(language.text("call.ended", length, ending.summary)))
    case .hungUp?, nil:
      lines.append(.note(language.text("call.hung-up", length)))
    }
    let reached = report.walk.reached.map { CallClock.goal($0, language: language) }
    let missed = report.missed.map { CallClock.goal($0, language: language) }
    let percent = "\(Int((report.outcome * 100).rounded()))"
    let separator = language.text("list.separator")
    lines.append(
      .note(
        missed.isEmpty
          ? language.text("call.goals-all", reached.joined(separator: separator), percent)
          : language.text(
            "call.goals", reached.isEmpty ? "—" : reached.joined(separator: separator),
            missed.joined(separator: separator), percent)))
    if report.breaches.isEmpty {
      lines.append(.covered(language.text("call.compliant")))
    }
    for id in report.breaches {
      guard let rule = scenario.rule(id) else { continue }
      let cost =
        rule.redLine
        ? language.text("call.red-line") : language.text("call.penalty", "\(Int((rule.penalty * 100).rounded()))")
      lines.append(
        .misconception(
          language.text("call.breach", rule.title, CallClock.citation(rule, language: language)) + cost))
    }
    lines.append(.estimate(language.text("call.replay")))
    var node = scenario.node(scenario.start)
    for step in report.walk.steps {
      guard let current = node, current.replies.indices.contains(step.reply) else { break }
      let reply = current.replies[step.reply]
      lines.append(.spoken("\(current.speaker ?? scenario.party)：\(current.line)"))
      var text = language.text("call.you", reply.text)
      if !step.reached.isEmpty {
        text += language.text(
          "call.reached", step.reached.map { CallClock.goal($0, language: language) }.joined(separator: separator))
      }
      let titles = reply.flags.compactMap { scenario.rule($0)?.title }
      if !titles.isEmpty { text += language.text("call.breaks", titles.joined(separator: separator)) }
      if let note = reply.note { text += language.text("explanation.dash", note) }
      lines.append(
        !reply.flags.isEmpty ? .pickedWrong(text) : !reply.progress.isEmpty ? .pickedRight(text) : .said(text))
      node = scenario.node(reply.next)
    }
    if let last = node, last.ending != nil, !last.line.isEmpty {
      lines.append(.spoken("\(last.speaker ?? scenario.party)：\(last.line)"))
    }
    // The best way through, when the call could have scored more.
    if report.bestFraction > fraction + 1e-9, let best = scenario.walk(report.best) {
      let replies = best.steps.compactMap { step in scenario.node(step.node).map { $0.replies[step.reply].text } }
      let score = "\(Int((report.bestFraction * 100).rounded()))"
      lines.append(.bestPath(language.text("call.best", score) + replies.map { "“\($0)”" }.joined(separator: " → ")))
    }
    return lines
  }

  /// `✓ 正确 +1 分`, `◐ 部分正确 0.6 分（满分 1）`, `✗ 错误 0 分`; `· 机器估分` for an estimate.
  static func verdict(_ grade: Grade, language: Language) -> String {
    let text = objectiveVerdict(grade, language: language)
    return grade.isProvisional ? text + language.text("explanation.estimate") : text
  }

  private static func objectiveVerdict(_ grade: Grade, language: Language) -> String {
    let marks = ResponseFormatter.format((grade.marks * 100).rounded() / 100)
    let maximum = ResponseFormatter.format(grade.maximumMarks)
    switch grade.outcome {
    case .correct: return language.text("explanation.correct", "\(marks)")
    case .partial: return language.text("explanation.partly-correct-of", "\(marks)", "\(maximum)")
    case .incorrect: return language.text("explanation.incorrect-0-of", "\(maximum)")
    }
  }

  /// `需要人工复核：答案很短。` with every reason, in the interface language.
  static func review(_ grade: Grade, question: Question, language: Language) -> String {
    var pointText: (Int) -> String = { "\($0 + 1)" }
    if case .open(let rubric) = question.kind { pointText = { rubric.points[$0].text } }
    let reasons = grade.reviewReasons.map { reason -> String in
      switch reason {
      case .tooShort: language.text("explanation.the-answer-is-very-short")
      case .tooLong: language.text("explanation.the-answer-is-very-long")
      case .keywordList: language.text("explanation.the-answer-is-mostly-a-list")
      case .polarityDecided(let point):
        language.text("explanation.turned-on-reading-a-negation", "\(pointText(point))")
      case .misconceptionRejected:
        language.text("explanation.the-answer-mentions-a-misconception-read")
      case .redLineInStrongAnswer:
        language.text("explanation.the-answer-is-otherwise-good-but")
      }
    }
    return language.text("explanation.a-person-should-check-this")
      + reasons.joined(separator: language.text("list.semicolon")) + language.text("explanation.text-3")
  }

  /// Choice feedback follows screen order; everything else keeps its order.
  private static func order(_ item: Feedback, layout: Layout) -> Int {
    switch item {
    case .picked(let choice, _, _), .missed(let choice, _): layout.choices.firstIndex(of: choice) ?? choice
    case .match(let prompt, _, _): prompt
    case .rubric(let point, _): point
    case .misconception(let index): 1_000 + index
    case .answer: 0
    }
  }
}

/// How a call's time, goals and rule tiers are written.
public enum CallClock {
  /// `1 分 20 秒`, `45 秒`.
  public static func text(_ seconds: Int, language: Language) -> String {
    seconds >= 60
      ? language.text("call.minutes-seconds", "\(seconds / 60)", "\(seconds % 60)")
      : language.text("call.seconds", "\(seconds)")
  }

  /// A goal's name: `确认本人`.
  public static func goal(_ goal: CallGoal, language: Language) -> String {
    switch goal {
    case .rightParty: language.text("call.goal.right-party")
    case .reason: language.text("call.goal.reason")
    case .promise: language.text("call.goal.promise")
    case .plan: language.text("call.goal.plan")
    case .dispute: language.text("call.goal.dispute")
    case .contact: language.text("call.goal.contact")
    case .callback: language.text("call.goal.callback")
    }
  }

  /// A rule's tier and source: `法律：《民法典》第一千零三十三条`, or the tier alone when the
  /// source says no more.
  public static func citation(_ rule: ComplianceRule, language: Language) -> String {
    let tier = tier(rule.tier, language: language)
    return rule.source == tier ? tier : language.text("call.citation", tier, rule.source)
  }

  /// A tier's name: `法律`, `监管规章`, `行业自律`, `机构内部制度`.
  public static func tier(_ tier: RuleTier, language: Language) -> String {
    switch tier {
    case .law: language.text("call.tier.law")
    case .regulation: language.text("call.tier.regulation")
    case .selfRegulation: language.text("call.tier.self-regulation")
    case .policy: language.text("call.tier.policy")
    }
  }
}
