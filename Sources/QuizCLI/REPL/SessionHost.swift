import Foundation
import QuizContent
import QuizCore
import QuizStore

/// Runs a `SessionEngine` for a person: reads lines (the terminal, or a file of answers),
/// turns them into events, and carries out the engine's effects: the store writes first,
/// then what is shown. It holds no session logic of its own.
///
/// The same host serves the study shell, `practice --answers FILE` and in-process tests
/// (with an `InMemoryStore`, scripted lines and a captured output).
struct SessionHost {
  /// How a run ended, for the caller.
  enum Ending: Equatable {
    /// Every question was dealt with, or the attempt was submitted.
    case finished
    /// `quit`: ended early, saved.
    case quit
    /// Ctrl-C: the session stays open and can be resumed.
    case paused
    /// End of input: the session stays open and can be resumed.
    case endOfInput
    /// The store failed; the message was printed.
    case failed(Int32)
  }

  var course: Course
  var store: any ProgressStore
  var learner: Learner
  var context: AppContext
  var source: any LineSource
  /// The scheduler that reviews cards.
  var scheduler: Scheduler
  /// Where lines go (the terminal; a buffer in tests).
  var output: (String) -> Void = { Console.line($0) }
  /// Whether the end of input at a question is announced as a pause (the shell); a file of
  /// answers that runs out is reported by its command instead.
  var announcesEndOfInput = true

  private var language: Language { context.language }
  private var style: Style { context.style }
  private var width: Int { context.terminal.width }

  /// Runs the session until it ends or pauses.
  func run(_ engine: inout SessionEngine, session: SessionRecord) -> Ending {
    var state = RunState()
    var effects = engine.start(at: context.now())
    while true {
      for effect in effects {
        if let failure = perform(effect, engine: engine, session: session, state: &state) { return failure }
      }
      if engine.phase == .ended { return state.ending }
      let event: SessionEvent
      switch engine.phase {
      case .awaitingEase:
        event = askEase()
      default:
        switch source.read(prompt: state.prompt, remember: engine.configuration.feedback == .immediate) {
        case .end:
          if source.isInteractive { output("") }
          state.endOfInput = true
          event = .pause
        case .interrupted:
          event = .pause
        case .line(let typed):
          if source.echoes { output("› " + MarkdownRenderer.inert(typed)) }
          event =
            engine.phase == .confirmingSubmit
            ? .text(typed) : SessionEvent(typing: typed, deferred: engine.configuration.feedback == .deferred)
        }
      }
      effects = engine.handle(event, at: context.now())
    }
  }

  /// What the host remembers between effects.
  private struct RunState {
    var prompt = ""
    var ending = Ending.finished
    var endOfInput = false
    var lastRecorded: RecordedAnswer?
    /// The case shown with the last question, so that questions on one case show it once.
    var lastContext: QuestionContext?
  }

  private func askEase() -> SessionEvent {
    guard source.isInteractive else { return .proceed }
    let key = source.readKey(
      prompt: style.dim(
        language.pick(
          "按 e 标记为“太简单”（复习间隔更长），其他键继续", "Press e if that was too easy (longer interval), any other key to go on")),
      consuming: ["e", "E", " ", "\r", "\n"])
    return key == "e" || key == "E" ? .easy : .proceed
  }

  // MARK: Effects

  private func perform(
    _ effect: SessionEffect, engine: SessionEngine, session: SessionRecord, state: inout RunState
  ) -> Ending? {
    do {
      switch effect {
      case .show(let item):
        show(item, state: &state)
      case .problem(let problem):
        output(style.yellow(problem.message(language)))
      case .hint(let id):
        if let question = course.question(withID: id) { showHint(for: question) }
      case .help(let policy):
        output(style.dim(Self.answeringHelp(policy, language)))
      case .context(let id):
        if let question = course.question(withID: id), let context = question.context {
          showContext(context)
        } else {
          output(style.dim(language.pick("这道题没有案例材料。", "This question has no case.")))
        }
      case .notice(let notice):
        if let text = message(notice) { output(style.dim(text)) }
      case .record(let entry):
        state.lastRecorded = try record(entry, session: session)
      case .skip(let entry):
        guard let question = course.question(withID: entry.questionID) else { return nil }
        try store.recordSkip(
          learner: learner.id, session: session.id, question: question.id, lesson: question.lesson,
          review: entry.rating.map { CardReview(rating: $0, scheduler: scheduler, at: entry.at) }, plan: entry.plan)
      case .rerate(let change):
        guard let last = state.lastRecorded, let after = last.cardAfter, last.answer.questionID == change.questionID
        else { return nil }
        let replacement = CardRecord.reviewed(
          last.cardBefore, learner: learner.id, question: change.questionID, lesson: last.answer.lessonID,
          review: CardReview(rating: change.rating, scheduler: scheduler, at: change.answeredAt))
        _ = try store.replaceCard(after, with: replacement)
      case .savePlan(let plan):
        try store.savePlan(plan, session: session.id)
      case .feedback(let item):
        guard let question = course.question(withID: item.questionID) else { return nil }
        let explanation = Explanation(
          grade: item.grade, response: item.response, question: question, layout: item.layout, language: language)
        let renderer = ExplanationRenderer(width: width, style: style, language: language)
        for line in renderer.render(explanation) { output(line) }
      case .askEase:
        break
      case .confirmSubmit(let review):
        confirmSubmit(review)
      case .end(let end):
        return try finish(end, engine: engine, session: session, state: &state)
      }
    } catch let error as StoreError {
      return .failed(context.fail(error).rawValue)
    } catch {
      return .failed(context.fail(error).rawValue)
    }
    return nil
  }

  private func record(_ entry: AnswerEntry, session: SessionRecord) throws(StoreError) -> RecordedAnswer? {
    guard let question = course.question(withID: entry.questionID) else { return nil }
    let answer = NewAnswer(
      learnerID: learner.id, sessionID: session.id, questionID: question.id,
      questionHash: CourseJSON.hash(of: question), lessonID: question.lesson, questionType: question.type.rawValue,
      tags: question.tags, typed: entry.typed, shown: entry.shown,
      canonical: ResponseFormatter.canonical(entry.response), response: entry.response,
      fraction: entry.grade.fraction, durationMS: entry.durationMS, answeredAt: entry.answeredAt)
    let review = entry.rating.map { CardReview(rating: $0, scheduler: scheduler, at: entry.answeredAt) }
    return try store.record(answer, review: review, plan: entry.plan)
  }

  private func show(_ item: SessionItem, state: inout RunState) {
    guard let question = course.question(withID: item.questionID) else { return }
    let lessonTitle = course.lesson(withID: question.lesson)?.title
    output("")
    if let context = question.context {
      if context != state.lastContext {
        showContext(context)
      } else {
        output(style.dim(language.pick("（案例同上；输入 case 再看一遍）", "(Same case as before; type case to see it again.)")))
      }
    }
    state.lastContext = question.context
    let view = QuestionView(width: width, style: style, language: language)
    for line in view.render(
      question, layout: item.layout, number: item.number, total: item.total, lessonTitle: lessonTitle,
      retry: item.isRetry)
    {
      output(line)
    }
    var status: [String] = []
    if let left = item.timeLeft { status.append(language.pick("剩余 ", "time left ") + Self.clock(left)) }
    if item.isFlagged { status.append(language.pick("已标记", "flagged")) }
    if let answered = item.answered { status.append(language.pick("已答：", "answered: ") + answered) }
    if !status.isEmpty { output(style.dim(status.joined(separator: " · "))) }
    state.prompt = Prompt.make(
      text:
        "\(learner.displayName) · \(TextWrapper.truncate(lessonTitle ?? question.lesson, to: 20)) \(item.number)/\(item.total)",
      style: style, interactive: source.isInteractive)
  }

  private func confirmSubmit(_ review: SubmitReview) {
    let language = self.language
    output("")
    output(style.bold(language.pick("交卷前检查（共 \(review.total) 题）", "Before you submit (\(review.total) questions)")))
    let list = { (numbers: [Int]) in numbers.map(String.init).joined(separator: ", ") }
    output(
      review.unanswered.isEmpty
        ? language.pick("  全部已作答。", "  Everything is answered.")
        : language.pick("  未作答：", "  Unanswered: ") + list(review.unanswered))
    if !review.flagged.isEmpty { output(language.pick("  已标记：", "  Flagged: ") + list(review.flagged)) }
    output(language.pick("确定交卷？交卷后不能再修改。[y/n]", "Submit now? Answers cannot be changed afterwards. [y/n]"))
  }

  private func message(_ notice: SessionNotice) -> String? {
    switch notice {
    case .skipped: language.pick("已跳过。", "Skipped.")
    case .comesBackLater: language.pick("这道题稍后会再出现一次。", "This question will come back once later.")
    case .flagged(let on): on ? language.pick("已标记这道题。", "Flagged.") : language.pick("已取消标记。", "Flag removed.")
    case .saved: language.pick("已保存，交卷后评分。", "Saved; graded after you submit.")
    case .onlyInExams: language.pick("这个命令只在考试中可用。", "That command is for exams only.")
    case .onlyInPractice: language.pick("考试中没有提示。", "There are no hints in an exam.")
    case .noSuchItem(let number): language.pick("没有第 \(number) 题。", "There is no question \(number).")
    case .markedEasy: language.pick("已标记为太简单。", "Marked as easy.")
    case .submitCancelled: language.pick("继续作答。", "Back to the questions.")
    case .answerYesOrNo: language.pick("请回答 y 或 n。", "Please answer y or n.")
    case .timeUp: language.pick("时间到，已自动交卷。", "Time is up; the attempt was submitted.")
    }
  }

  /// The help line at an answer prompt.
  static func answeringHelp(_ policy: FeedbackPolicy, _ language: Language) -> String {
    switch policy {
    case .immediate:
      language.pick(
        "答题时：? 提示 · case 看案例 · skip 跳过 · quit 结束本次练习 · Ctrl-C 暂停",
        "While answering: ? hint · case shows the case · skip · quit ends the session · Ctrl-C pauses")
    case .deferred:
      language.pick(
        "考试中：next 下一题 · prev 上一题 · goto N 跳到第 N 题 · flag 标记 · submit 交卷",
        "In an exam: next · prev · goto N · flag · submit")
    }
  }

  static func clock(_ seconds: TimeInterval) -> String {
    let total = max(0, Int(seconds.rounded(.down)))
    return String(format: "%d:%02d", total / 60, total % 60)
  }

  /// The case or passage, framed so it reads apart from the question.
  private func showContext(_ context: QuestionContext) {
    let markdown: String
    var title = language.pick("案例", "Case")
    switch context {
    case .text(let text):
      markdown = text
    case .section(let reference):
      guard let lesson = course.lesson(withID: reference.lesson) else { return }
      let section = reference.heading.flatMap { lesson.section(titled: $0) }
      if let section { title = section.title }
      markdown = LessonViews.body(of: lesson, section: section)
    }
    output(style.cyan("┌ " + title))
    let renderer = MarkdownRenderer(width: max(20, width - 2), style: style)
    for block in MarkdownDocument(parsing: markdown).blocks {
      if case .heading = block { continue }
      for line in renderer.render(block) { output(style.cyan("│ ") + line) }
    }
    output(style.cyan("└"))
    output("")
  }

  // MARK: Hints

  private func showHint(for question: Question) {
    guard let source = question.source, let lesson = course.lesson(withID: source.lesson) else {
      output(style.dim(language.pick("这道题没有提示。", "No hint for this question.")))
      return
    }
    let section = source.heading.flatMap { lesson.section(titled: $0) }
    let place = section.map { "\(lesson.title) · \($0.title)" } ?? lesson.title
    output(style.cyan(language.pick("提示：复习 ", "Hint: see ") + place) + style.dim("（read \(source)）"))
    // The first paragraph of the section, as a reminder, without giving the answer away.
    let body = LessonViews.body(of: lesson, section: section)
    let paragraph = MarkdownDocument(parsing: body).blocks.first {
      if case .paragraph = $0 { true } else { false }
    }
    if let paragraph {
      for line in MarkdownRenderer(width: width, style: style).render(paragraph) { output(style.dim(line)) }
    }
  }

  // MARK: The end

  private func finish(
    _ end: SessionEnd, engine: SessionEngine, session: SessionRecord, state: inout RunState
  ) throws(StoreError) -> Ending? {
    switch end.reason {
    case .paused:
      if state.endOfInput && !announcesEndOfInput {
        state.ending = .endOfInput
      } else {
        state.ending = state.endOfInput ? .endOfInput : .paused
        output(
          session.kind == .exam
            ? language.pick(
              "考试已暂停，已答的题都已保存；计时不停。输入 resume 继续。",
              "Exam paused; every answer is saved and the clock keeps running. Type resume to go on.")
            : language.pick(
              "练习已暂停，已答的题都已保存。输入 resume 继续。", "Practice paused; every answer is saved. Type resume to go on."))
      }
      return nil
    case .quit:
      state.ending = .quit
    case .completed, .submitted, .timeUp:
      state.ending = .finished
    }
    try store.end(session: session.id, status: end.status, at: context.now())
    for line in summary(end.result, kind: session.kind, started: session.startedAt) { output(line) }
    return nil
  }

  /// The score by `SessionResult`'s rule, time, the weakest section and what to do next.
  func summary(_ result: SessionResult, kind: SessionKind, started: Date) -> [String] {
    let seconds = max(0, Int(context.now().timeIntervalSince(started)))
    let time = language.pick("\(seconds / 60) 分 \(seconds % 60) 秒", "\(seconds / 60) min \(seconds % 60) s")
    let name =
      switch kind {
      case .practice: language.pick("练习", "Practice")
      case .review: language.pick("复习", "Review")
      case .exam: language.pick("考试", "Exam")
      }
    let percent = Int((result.score * 100).rounded())
    var lines = [
      "",
      style.bold(
        language.pick(
          "本次\(name)结束：答 \(result.answered) 题，首次答对 \(result.correct) 题 · 得分 \(percent)% · 用时 \(time)",
          "\(name) over: \(result.answered) answered, \(result.correct) right first time · score \(percent)% · time \(time)"
        )),
    ]
    if result.retried > 0 {
      lines.append(
        language.pick(
          "重做 \(result.retried) 题，答对 \(result.retriedCorrect) 题（不计入得分）。",
          "Second attempts: \(result.retriedCorrect) of \(result.retried) right (not in the score)."))
    }
    var bySection: [String: Int] = [:]
    for id in result.missed {
      if let source = course.question(withID: id)?.source { bySection[source.description, default: 0] += 1 }
    }
    if let weakest = bySection.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
      let title = SectionReference(parsing: weakest.key)?.heading ?? weakest.key
      lines.append(
        language.pick(
          "最需要加强：\(title)（\(weakest.value) 题未全对）→ ", "Weakest: \(title) (\(weakest.value) not fully right) → ")
          + style.cyan("read \(weakest.key)"))
    }
    if result.skipped > 0 { lines.append(language.pick("跳过 \(result.skipped) 题。", "Skipped: \(result.skipped).")) }
    if result.notReached > 0 {
      lines.append(language.pick("还有 \(result.notReached) 题没有做。", "Not reached: \(result.notReached)."))
    }
    if result.answered > 0 && result.missed.isEmpty && result.skipped == 0 && result.notReached == 0 {
      lines.append(language.pick("全部答对，做得好！", "All right — well done!"))
    }
    let notebook = result.stillWrong.count
    if notebook > 0 {
      lines.append(
        language.pick(
          "\(notebook) 道题已记入错题本；输入 mistakes 查看。",
          notebook == 1
            ? "1 question is in your mistakes; type mistakes to see it."
            : "\(notebook) questions are in your mistakes; type mistakes to see them."))
    }
    return lines
  }
}
