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
    var lines: [Line] = [.verdict(grade.outcome, Self.verdict(grade, language: language))]
    if grade.isProvisional {
      lines.append(
        .estimate(
          language.pick(
            "这是机器按评分细则逐点比对给出的估分，不是最终成绩；依据如下。",
            "This is the machine's estimate, matched point by point against the rubric; not a final mark.")))
    }
    if grade.needsReview {
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
        let body = "\(letter(choice)) \(choiceText(choice))" + (text.map { " —— \($0)" } ?? "")
        lines.append(correct ? .pickedRight(body) : .pickedWrong(body))
      case .missed(let choice, let text):
        // On a single-choice question the correct answer line says it; "missed" is for multiple choice.
        if question.type == .single { continue }
        lines.append(
          .missed(
            language.pick("漏选 ", "missed ") + "\(letter(choice)) \(choiceText(choice))"
              + (text.map { " —— \($0)" } ?? "")))
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
            : .pickedWrong(body + language.pick("（应为：\(pair.answer)）", " (should be: \(pair.answer))")))
      case .rubric(let point, let covered):
        guard case .open(let rubric) = question.kind else { continue }
        let quote = grade.rubric?.points.first { $0.point == point }?.quote
        let text = rubric.points[point].text + (quote.map { " —— “\($0)”" } ?? "")
        lines.append(covered ? .covered(text) : .uncovered(text))
      case .misconception(let index):
        guard case .open(let rubric) = question.kind else { continue }
        let misconception = rubric.misconceptions[index]
        let quote = grade.rubric?.found.first { $0.misconception == index }?.quote
        let said = quote.map { language.pick(" —— 答案：“\($0)”", " —— answer: “\($0)”") } ?? ""
        if misconception.critical {
          let cap = ResponseFormatter.format((misconception.cap * question.weight * 100).rounded() / 100)
          let rule = misconception.rule.map { language.pick("（依据：\($0)）", " (rule: \($0))") } ?? ""
          lines.append(
            .misconception(
              language.pick("红线：", "Red line: ") + misconception.feedback + rule
                + language.pick("得分上限 \(cap) 分。", " Score capped at \(cap).") + said))
        } else {
          let marks = ResponseFormatter.format((misconception.penalty * question.weight * 100).rounded() / 100)
          lines.append(
            .misconception(misconception.feedback + language.pick("（扣 \(marks) 分）", " (−\(marks))") + said))
        }
      }
    }
    if case .open(let rubric) = question.kind {
      lines.append(.modelAnswer(rubric.modelAnswer))
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
    return grade.isProvisional ? text + language.pick("  · 机器估分", "  · estimate") : text
  }

  private static func objectiveVerdict(_ grade: Grade, language: Language) -> String {
    let marks = ResponseFormatter.format((grade.marks * 100).rounded() / 100)
    let maximum = ResponseFormatter.format(grade.maximumMarks)
    switch grade.outcome {
    case .correct: return language.pick("✓ 正确  +\(marks) 分", "✓ Correct  +\(marks)")
    case .partial: return language.pick("◐ 部分正确  \(marks) 分（满分 \(maximum)）", "◐ Partly correct  \(marks) of \(maximum)")
    case .incorrect: return language.pick("✗ 错误  0 分（满分 \(maximum)）", "✗ Incorrect  0 of \(maximum)")
    }
  }

  /// `需要人工复核：答案很短。` with every reason, in the interface language.
  static func review(_ grade: Grade, question: Question, language: Language) -> String {
    var pointText: (Int) -> String = { "\($0 + 1)" }
    if case .open(let rubric) = question.kind { pointText = { rubric.points[$0].text } }
    let reasons = grade.reviewReasons.map { reason -> String in
      switch reason {
      case .tooShort: language.pick("答案很短", "the answer is very short")
      case .tooLong: language.pick("答案很长", "the answer is very long")
      case .keywordList: language.pick("答案主要是关键词罗列，不成句子", "the answer is mostly a list of words")
      case .polarityDecided(let point):
        language.pick("“\(pointText(point))”取决于对否定的理解", "“\(pointText(point))” turned on reading a negation")
      case .misconceptionRejected:
        language.pick("答案提到了一个误区，机器判断为否定它", "the answer mentions a misconception, read as rejecting it")
      case .redLineInStrongAnswer:
        language.pick("答案其他部分较好，却触及红线", "the answer is otherwise good but crosses a red line")
      }
    }
    return language.pick("需要人工复核：", "A person should check this: ")
      + reasons.joined(separator: language.pick("；", "; ")) + language.pick("。", ".")
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
