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
    if case .open(let rubric) = question.kind {
      if !rubric.modelAnswer.isEmpty { lines.append(.modelAnswer(rubric.modelAnswer)) }
    } else if grade.outcome != .correct {
      lines.append(.correctAnswer(ResponseFormatter.correctAnswer(for: question, layout: layout, language: language)))
    }
    lines.append(.explanation(question.explanation))
    if let source = question.source { lines.append(.reread(source.description)) }
    self.lines = lines
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
