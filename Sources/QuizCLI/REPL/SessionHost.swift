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
  /// An exam's pass mark, to say whether the attempt passed.
  var passMark: Double?
  /// Whether the end of input at a question is announced as a pause (the shell); a file of
  /// answers that runs out is reported by its command instead.
  var announcesEndOfInput = true
  /// A certification attempt: answers are recorded with their signed events, and the end
  /// submits the attempt instead of only ending the session.
  var certified: CertifiedRun?

  private var language: Language { context.language }
  private var style: Style { context.style }
  private var width: Int { context.terminal.width }

  /// Runs the session until it ends or pauses.
  func run(_ engine: inout SessionEngine, session: SessionRecord) -> Ending {
    var state = RunState()
    state.startedAt = context.now()
    var effects = engine.start(at: state.startedAt)
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
    /// When this run began (a resumed session's time counts from here, not from its start).
    var startedAt = Date()
    /// Whether the last `rerate` replaced the card (only then is "marked as easy" said).
    var rerated = false
    /// The call last shown, and how many replies it had then: the next turn of the same call
    /// shows only the new line; anything else (a resume, `goto`) shows the question again.
    var callShown: (question: String, replies: Int)?
  }

  private func askEase() -> SessionEvent {
    guard source.isInteractive else { return .proceed }
    let key = source.readKey(
      prompt: style.dim(
        language.text("sessionhost.press-e-if-that-was-too")),
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
        show(item, inExam: engine.configuration.feedback == .deferred, state: &state)
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
          output(style.dim(language.text("sessionhost.this-question-has-no-case")))
        }
      case .notice(let notice):
        if notice == .markedEasy && !state.rerated { return nil }
        if let text = message(notice) { output(style.dim(text)) }
      case .record(let entry):
        state.lastRecorded = try record(entry, session: session)
      case .skip(let entry):
        guard let question = course.question(withID: entry.questionID) else { return nil }
        try store.recordSkip(
          learner: learner.id, session: session.id, question: question.id, lesson: question.lesson,
          review: entry.rating.map { CardReview(rating: $0, scheduler: scheduler, at: entry.at) }, plan: entry.plan)
      case .rerate(let change):
        state.rerated = false
        guard let last = state.lastRecorded, let after = last.cardAfter, last.answer.questionID == change.questionID
        else { return nil }
        let replacement = CardRecord.reviewed(
          last.cardBefore, learner: learner.id, question: change.questionID, lesson: last.answer.lessonID,
          review: CardReview(rating: change.rating, scheduler: scheduler, at: change.answeredAt))
        state.rerated = try store.replaceCard(after, with: replacement)
      case .savePlan(let plan):
        try store.savePlan(plan, session: session.id)
      case .feedback(let item):
        // A certification with feedback after grading shows nothing until a person has graded it.
        if certified?.blueprint.feedback == .afterGrading { return nil }
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
      fraction: entry.grade.fraction, durationMS: entry.durationMS, answeredAt: entry.answeredAt,
      needsReview: entry.grade.needsReview)
    if let certified {
      let item = (entry.plan.queue.firstIndex(of: question.id) ?? 0) + 1
      return try store.record(
        answer, plan: entry.plan,
        attempt: AttemptAnswer(
          attemptID: certified.attempt.id, item: item, maximumMarks: question.weight, key: certified.key))
    }
    let review = entry.rating.map { CardReview(rating: $0, scheduler: scheduler, at: entry.answeredAt) }
    return try store.record(answer, review: review, plan: entry.plan)
  }

  private func show(_ item: SessionItem, inExam: Bool, state: inout RunState) {
    guard let question = course.question(withID: item.questionID) else { return }
    let lessonTitle = course.lesson(withID: question.lesson)?.title
    if case .scenario(let scenario) = question.kind {
      defer { state.callShown = (item.questionID, item.call.count) }
      if !item.call.isEmpty, let shown = state.callShown, shown.question == item.questionID,
        shown.replies == item.call.count - 1
      {
        // The call goes on: its next turn only, under the question already on screen.
        let view = QuestionView(width: width, style: style, language: language)
        for line in view.turn(scenario, call: item.call, inExam: inExam) { output(line) }
        if let left = item.timeLeft { output(style.dim(language.text("sessionhost.time-left") + Self.clock(left))) }
        return
      }
    }
    output("")
    if let context = question.context {
      if context != state.lastContext {
        showContext(context)
      } else {
        output(style.dim(language.text("sessionhost.same-case-as-before-type-case")))
      }
    }
    state.lastContext = question.context
    let view = QuestionView(width: width, style: style, language: language)
    for line in view.render(
      question, layout: item.layout, number: item.number, total: item.total, lessonTitle: lessonTitle,
      retry: item.isRetry, inExam: inExam, call: item.call)
    {
      output(line)
    }
    var status: [String] = []
    if let left = item.timeLeft { status.append(language.text("sessionhost.time-left") + Self.clock(left)) }
    if item.isFlagged { status.append(language.text("sessionhost.flagged")) }
    if let answered = item.answered { status.append(language.text("sessionhost.answered") + answered) }
    if !status.isEmpty { output(style.dim(status.joined(separator: " · "))) }
    state.prompt = Prompt.make(
      text:
        "\(learner.displayName) · \(TextWrapper.truncate(lessonTitle ?? question.lesson, to: 20)) \(item.number)/\(item.total)",
      style: style, interactive: source.isInteractive)
  }

  private func confirmSubmit(_ review: SubmitReview) {
    let language = self.language
    output("")
    output(style.bold(language.text("sessionhost.before-you-submit-questions", "\(review.total)")))
    let list = { (numbers: [Int]) in numbers.map(String.init).joined(separator: ", ") }
    output(
      review.unanswered.isEmpty
        ? language.text("sessionhost.everything-is-answered")
        : language.text("sessionhost.unanswered") + list(review.unanswered))
    if !review.flagged.isEmpty { output(language.text("sessionhost.flagged-2") + list(review.flagged)) }
    output(language.text("sessionhost.submit-now-answers-cannot-be-changed"))
  }

  private func message(_ notice: SessionNotice) -> String? {
    switch notice {
    case .skipped: language.text("sessionhost.skipped")
    case .comesBackLater: language.text("sessionhost.this-question-will-come-back-once")
    case .flagged(let on): on ? language.text("sessionhost.flagged-3") : language.text("sessionhost.flag-removed")
    case .saved: language.text("sessionhost.saved-graded-after-you-submit")
    case .onlyInExams: language.text("sessionhost.that-command-is-for-exams-only")
    case .onlyInPractice: language.text("sessionhost.there-are-no-hints-in-an")
    case .noSuchItem(let number): language.text("sessionhost.there-is-no-question", "\(number)")
    case .markedEasy: language.text("sessionhost.marked-as-easy")
    case .submitCancelled: language.text("sessionhost.back-to-the-questions")
    case .answerYesOrNo: language.text("sessionhost.please-answer-y-or-n")
    case .commandNotAnswer(let word): language.text("sessionhost.command-not-answer", word)
    case .lastQuestion: language.text("sessionhost.last-question")
    case .timeUp: language.text("sessionhost.time-is-up-the-attempt-was")
    case .callRestarted: language.text("call.restarted")
    }
  }

  /// The help line at an answer prompt.
  static func answeringHelp(_ policy: FeedbackPolicy, _ language: Language) -> String {
    switch policy {
    case .immediate:
      language.text("sessionhost.while-answering-hint-case-shows-the")
    case .deferred:
      language.text("sessionhost.in-an-exam-next-prev-goto")
    }
  }

  static func clock(_ seconds: TimeInterval) -> String {
    let total = max(0, Int(seconds.rounded(.down)))
    return String(format: "%d:%02d", total / 60, total % 60)
  }

  /// The case or passage, framed so it reads apart from the question.
  private func showContext(_ context: QuestionContext) {
    let markdown: String
    var title = language.text("sessionhost.case")
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
      output(style.dim(language.text("sessionhost.no-hint-for-this-question")))
      return
    }
    let section = source.heading.flatMap { lesson.section(titled: $0) }
    let place = section.map { "\(lesson.title) · \($0.title)" } ?? lesson.title
    output(
      style.cyan(language.text("sessionhost.hint-see") + place)
        + style.dim(language.text("sessionhost.hint-read", "\(source)")))
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
            ? language.text("sessionhost.exam-paused-every-answer-is-saved")
            : language.text("sessionhost.practice-paused-every-answer-is-saved"))
      }
      return nil
    case .quit:
      state.ending = .quit
    case .completed, .submitted, .timeUp:
      state.ending = .finished
    }
    if let certified {
      // Past the key's window (the learner sat at the prompt beyond the deadline) the key may
      // no longer sign: the attempt is closed unsigned, as at a restart.
      let now = context.now()
      let key = certified.key.flatMap { $0.certificate.statement.covers(now) ? $0 : nil }
      let submitted = try store.submitAttempt(certified.attempt.id, at: now, key: key)
      for line in certifiedSummary(end.result, run: certified, attempt: submitted) { output(line) }
      return nil
    }
    try store.end(session: session.id, status: end.status, at: context.now())
    for line in summary(end.result, kind: session.kind, started: state.startedAt) { output(line) }
    return nil
  }

  /// What a learner sees when a certification attempt is submitted: with feedback after
  /// grading, only that it was received and what happens next; after submit, the provisional
  /// score too.
  func certifiedSummary(_ result: SessionResult, run: CertifiedRun, attempt: ExamAttempt) -> [String] {
    var lines = [
      "",
      style.bold(
        language.text(
          "certexam.submitted", run.blueprint.title, "\(result.answered + result.pending)",
          "\(result.chosen)")),
    ]
    if run.blueprint.feedback == .afterSubmit {
      let percent = "\(Int((result.score * 100).rounded()))"
      lines.append(
        result.pending > 0
          ? language.text("certexam.provisional-pending", percent, "\(result.pending)")
          : language.text("certexam.provisional", percent, "\(Int((run.blueprint.passMark * 100).rounded()))"))
    } else {
      lines.append(language.text("certexam.after-grading"))
    }
    if result.pending > 0 { lines.append(language.text("certexam.pending", "\(result.pending)")) }
    lines.append(style.dim(language.text("certexam.attempt-id", attempt.id)))
    return lines
  }

  /// The score by `SessionResult`'s rule, time, the weakest section and what to do next.
  func summary(_ result: SessionResult, kind: SessionKind, started: Date) -> [String] {
    let seconds = max(0, Int(context.now().timeIntervalSince(started)))
    let time = language.text("sessionhost.min-s", "\(seconds / 60)", "\(seconds % 60)")
    let name =
      switch kind {
      case .practice: language.text("sessionhost.practice")
      case .review: language.text("sessionhost.review")
      case .exam: language.text("sessionhost.exam")
      }
    let percent = Int((result.score * 100).rounded())
    var lines = [
      "",
      style.bold(
        kind == .exam
          ? language.text(
            "exam.summary", "\(result.answered + result.pending)", "\(result.chosen)", "\(result.correct)",
            "\(percent)",
            "\(time)")
          : language.text(
            "sessionhost.over-answered-right-first-time-score", "\(name)", "\(result.answered)", "\(result.correct)",
            "\(percent)", "\(time)")),
    ]
    if let passMark, kind == .exam {
      let mark = "\(Int((passMark * 100).rounded()))"
      if result.pending > 0 {
        lines.append(language.text("exam.pending", mark, "\(result.pending)", "\(percent)"))
      } else {
        lines.append(
          result.score + Credit.tolerance >= passMark
            ? language.text("exam.passed", mark) : language.text("exam.failed", mark))
      }
    } else if result.pending > 0 {
      lines.append(language.text("sessionhost.pending-review", "\(result.pending)"))
    }
    if result.retried > 0 {
      lines.append(
        language.text("sessionhost.second-attempts-of-right-not-in", "\(result.retried)", "\(result.retriedCorrect)"))
    }
    var bySection: [String: Int] = [:]
    for id in result.missed {
      if let source = course.question(withID: id)?.source { bySection[source.description, default: 0] += 1 }
    }
    if let weakest = bySection.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
      let title = SectionReference(parsing: weakest.key)?.heading ?? weakest.key
      lines.append(
        language.text("sessionhost.weakest-not-fully-right", "\(title)", "\(weakest.value)")
          + style.cyan("read \(weakest.key)"))
    }
    if kind == .exam && result.unanswered > 0 {
      lines.append(language.text("exam.unanswered", "\(result.unanswered)"))
    }
    if result.skipped > 0 { lines.append(language.text("sessionhost.skipped-2", "\(result.skipped)")) }
    if result.notReached > 0 {
      lines.append(language.text("sessionhost.not-reached", "\(result.notReached)"))
    }
    if result.answered > 0 && result.missed.isEmpty && result.skipped == 0 && result.notReached == 0
      && result.pending == 0 && result.unanswered == 0
    {
      lines.append(language.text("sessionhost.all-right-well-done"))
    }
    let notebook = result.stillWrong.count
    if notebook > 0 {
      lines.append(
        notebook == 1
          ? language.text("sessionhost.in-mistakes-one") : language.text("sessionhost.in-mistakes-many", "\(notebook)"))
    }
    return lines
  }
}
