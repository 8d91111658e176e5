import Foundation
import QuizContent
import QuizCore
import QuizStore
import QuizTrust

/// What `practice` was asked for.
struct PracticeRequest {
  var scope = "all"
  var count: Int? = 10
  var type: QuestionType?
  var seed: UInt64?
  /// Questions named by id (`practice ca.aging-vs-limitation rm.letter`), asked in that order.
  var questionIDs: [String] = []

  /// A type by its content name (`ordering`), its Chinese label (`排序`) or its English one.
  static func type(named name: String) -> QuestionType? {
    QuestionType(rawValue: name.lowercased())
      ?? QuestionType.allCases.first {
        QuestionView.typeName($0, .zh) == name || QuestionView.typeName($0, .en).lowercased() == name.lowercased()
      }
  }

  /// Every type, as `排序 (ordering)` or `ordering (排序)`.
  static func typeList(_ language: Language) -> String {
    QuestionType.allCases.map {
      language.text("studyshell-practice.text", "\(QuestionView.typeName($0, .zh))", "\($0.rawValue)")
    }.joined(separator: language.text("list.separator"))
  }

  /// Parses `[LESSON|all] [--count N] [--type T] [--seed N]`; the message says what is wrong.
  static func parse(_ arguments: [String], course: Course, language: Language) -> Result<PracticeRequest, PracticeError>
  {
    var request = PracticeRequest()
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      let value = index + 1 < arguments.count ? arguments[index + 1] : nil
      switch argument {
      case "--count", "-n":
        guard let value, let count = Int(value), count > 0 else {
          return .failure(
            PracticeError(
              language.text("studyshell-practice.count-needs-a-positive-number-e")))
        }
        request.count = count
        index += 2
      case "--type", "-t":
        guard let value, let type = Self.type(named: value) else {
          let names = Self.typeList(language)
          return .failure(PracticeError(language.text("studyshell-practice.type-is-one-of", "\(names)")))
        }
        request.type = type
        index += 2
      case "--seed":
        guard let value, let seed = UInt64(value) else {
          return .failure(PracticeError(language.text("studyshell-practice.seed-needs-a-whole-number")))
        }
        request.seed = seed
        index += 2
      case "all", "全部":
        request.scope = "all"
        index += 1
      default:
        if course.question(withID: argument) != nil {
          request.questionIDs.append(argument)
          index += 1
          continue
        }
        guard let lesson = LessonViews.findLesson(argument, in: course) else {
          if let close = Suggestion.closest(to: argument, among: course.questions.map(\.id)) {
            return .failure(
              PracticeError(
                language.text(
                  "studyshell-practice.no-such-lesson-or-question-did", "\(MarkdownRenderer.inert(argument))",
                  "\(close)")))
          }
          return .failure(
            PracticeError(
              language.text("studyshell-practice.no-such-lesson", "\(MarkdownRenderer.inert(argument))")
                + language.text("studyshell-practice.lessons") + course.lessons.map(\.id).joined(separator: ", ")))
        }
        request.scope = lesson.id
        index += 1
      }
    }
    return .success(request)
  }

  /// The questions in scope.
  func questions(in course: Course) -> [Question] {
    scope == "all" ? course.questions : course.questions(in: scope)
  }

  /// The plan: the questions named, in that order, or a seeded draw from the scope.
  func plan(in course: Course, seed: UInt64) -> SessionPlan {
    guard questionIDs.isEmpty else {
      var seen: Set<String> = []
      return SessionPlan(queue: questionIDs.filter { seen.insert($0).inserted }, seed: seed)
    }
    return SessionPlan.choosing(from: questions(in: course), count: count, type: type, seed: seed)
  }
}

struct PracticeError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

extension StudyShell {
  func practice(_ arguments: [String]) throws {
    let request: PracticeRequest
    switch PracticeRequest.parse(arguments, course: course, language: language) {
    case .failure(let error):
      Console.line(error.message)
      return
    case .success(let value): request = value
    }
    let plan = request.plan(in: course, seed: request.seed ?? context.randomSeed())
    let scope = request.questionIDs.isEmpty ? request.scope : "questions"
    try runSession(plan: plan, scope: scope, title: title(of: scope))
  }

  func mistakes(_ arguments: [String]) throws {
    let mistakes = try listMistakes()
    guard arguments.first == "practice" || arguments.first == "练习", !mistakes.isEmpty else { return }
    let plan = SessionPlan(queue: mistakes.map(\.questionID), seed: context.randomSeed())
    try runSession(plan: plan, scope: "mistakes", title: language.text("studyshell-practice.mistakes"))
  }

  func title(of scope: String) -> String {
    if let lesson = course.lesson(withID: scope) { return lesson.title }
    switch scope {
    case "all": return language.text("studyshell-practice.all-lessons")
    case "review": return language.text("studyshell-practice.due-questions")
    case "mistakes": return language.text("studyshell-practice.mistakes")
    case _ where scope.hasPrefix("mock:") || scope.hasPrefix("exam:"):
      return blueprint(ofScope: scope).map(\.title) ?? scope
    case "questions": return language.text("studyshell-practice.chosen-questions")
    default: return scope
    }
  }

  /// Starts a new session with a plan and runs it.
  func runSession(
    plan: SessionPlan, scope: String, title: String, kind: SessionKind = .practice, reschedules: Bool = true
  ) throws {
    guard !plan.queue.isEmpty else {
      Console.line(language.text("studyshell-practice.no-questions-match"))
      return
    }
    let new = NewSession(
      learnerID: learner.id, kind: kind, scope: scope, courseID: course.id, contentVersion: course.version,
      startedAt: now(), plan: plan, reschedules: reschedules)
    let at = now()
    if try attempt({ () throws(StoreError) in try store.abandonInterrupted(learner: learner.id, at: at) }) > 0 {
      say(PracticeCommand.endedPausedMessage(language), style.dim)
    }
    let started = try attempt { () throws(StoreError) in try store.start(new) }
    if kind == .exam, let blueprint = blueprint(ofScope: scope) {
      say(
        language.text(
          "exam.started", blueprint.title, "\(plan.queue.count)", DurationText.spoken(blueprint.timeLimit, language)),
        style.bold)
    } else {
      let name = kind == .review ? language.text("sessionhost.review") : language.text("sessionhost.practice")
      say(
        language.text(
          "studyshell-practice.questions-for-a-hint-skip-quit", "\(name)", "\(title)", "\(plan.queue.count)"),
        style.bold)
    }
    try finish(run(started))
  }

  /// Runs a stored session on the engine until it ends or pauses. A certification attempt's
  /// session is closed when its deadline has passed, and a proctored one is unlocked again by
  /// the proctor (a new attempt key) before it goes on.
  func run(_ session: SessionRecord, certified given: CertifiedRun? = nil) -> SessionHost.Ending {
    var certified = given
    if certified == nil, let attempt = try? store.attempt(session: session.id) {
      guard let blueprint = course.exam(withID: attempt.examID) else {
        Console.line(language.text("certexam.blueprint-gone", attempt.examID))
        return .finished
      }
      let sitting = ExamSitting(course: course, store: store, now: { [context] in context.now() })
      if attempt.deadline <= now() {
        do {
          _ = try sitting.closeExpired(learner: learner)
        } catch {
          return .failed(context.fail(error).rawValue)
        }
        Console.line(language.text("certexam.closed-at-deadline", attempt.examTitle))
        return .finished
      }
      var organisation: OrganisationKey?
      if attempt.proctored {
        Console.line(language.text("certexam.proctor-again", attempt.examTitle))
        guard let key = try? context.unlockOrganisationKey(passphraseFile: passphraseFile, secret: secret) else {
          Console.line(language.text("certexam.not-unlocked"))
          return .paused
        }
        organisation = key
      }
      do {
        certified = try sitting.resume(attempt, blueprint: blueprint, organisation: organisation)
      } catch {
        return .failed(context.fail(error).rawValue)
      }
    }
    guard var plan = session.plan else { return .finished }
    if let attempt = certified?.attempt {
      // The items and the deadline are the attempt's, as signed at its start, not the plan's.
      if plan.queue != attempt.queue {
        plan.queue = attempt.queue
        plan.position = min(plan.position, max(attempt.queue.count - 1, 0))
      }
      plan.deadline = attempt.deadline
    }
    // A plan saved before scores were kept in it: rebuild them from the session's answers.
    if plan.scores.isEmpty && plan.position > 0, let answers = try? store.answers(session: session.id) {
      for answer in answers {
        if plan.scores[answer.questionID] == nil {
          plan.scores[answer.questionID] = answer.fraction
          if answer.needsReview { plan.pending.append(answer.questionID) }
        } else {
          plan.retries[answer.questionID] = answer.fraction
        }
      }
    }
    var configuration = SessionConfiguration(
      kind: session.kind, feedback: session.kind == .exam ? .deferred : .immediate,
      reschedules: session.reschedules, asksEase: reader.isInteractive)
    configuration.commandWords = Self.commandWords
    configuration.manualGrading = certified?.blueprint.manualGrading ?? []
    var engine = SessionEngine(plan: plan, questions: course.questions, configuration: configuration)
    var host = SessionHost(
      course: course, store: store, learner: learner, context: context, source: reader,
      scheduler: Self.scheduler(retention: plan.retention))
    host.passMark = blueprint(ofScope: session.scope)?.passMark
    host.certified = certified
    return host.run(&engine, session: session)
  }

  /// The review scheduler at a desired retention (the default when none or out of range).
  static func scheduler(retention: Double?) -> Scheduler {
    if let retention, let scheduler = try? Scheduler(desiredRetention: retention) { return scheduler }
    return Scheduler.standard
  }

  /// `review`: due cards (lowest predicted recall first) with new questions mixed in, within
  /// the day's limits; or, with `--before DATE`, what would be forgotten by then, without
  /// changing the schedule.
  func review(_ arguments: [String]) throws {
    var limit = 50
    var newLimit = 10
    var before: Date?
    var retention = 0.9
    var seed = context.randomSeed()
    var index = 0
    let dayFormatter = DateFormatter()
    dayFormatter.dateFormat = "yyyy-MM-dd"
    dayFormatter.timeZone = .current
    while index < arguments.count {
      let value = index + 1 < arguments.count ? arguments[index + 1] : nil
      switch (arguments[index], value) {
      case ("--limit", let value?) where (Int(value) ?? 0) > 0: limit = Int(value) ?? limit
      case ("--new", let value?) where (Int(value) ?? -1) >= 0: newLimit = Int(value) ?? newLimit
      case ("--retention", let value?) where Double(value).map(Scheduler.retentionRange.contains) == true:
        retention = Double(value) ?? retention
      case ("--before", let value?) where dayFormatter.date(from: value) != nil: before = dayFormatter.date(from: value)
      case ("--seed", let value?) where UInt64(value) != nil: seed = UInt64(value) ?? seed
      default:
        Console.line(
          language.text("studyshell-practice.usage-review-limit-n-new-n"))
        return
      }
      index += 2
    }
    let scheduler = Self.scheduler(retention: retention)
    let known = Set(course.questions.map(\.id))
    let cards = try attempt { () throws(StoreError) in try store.cards(learner: learner.id) }.filter {
      known.contains($0.questionID)
    }
    let entries = cards.map { ReviewPlanner.Entry(questionID: $0.questionID, card: $0.card) }
    let current = now()
    if let before {
      let queue = ReviewPlanner.atRisk(cards: entries, by: before, scheduler: scheduler, limit: limit)
      guard !queue.isEmpty else {
        Console.line(
          language.text("studyshell-practice.nothing-you-would-forget-by", "\(dayFormatter.string(from: before))"))
        return
      }
      Console.line(
        style.dim(language.text("studyshell-practice.exam-preparation-your-normal-schedule-is")))
      var plan = SessionPlan(queue: queue, seed: seed)
      plan.retention = retention
      try runSession(
        plan: plan, scope: "before \(dayFormatter.string(from: before))",
        title: language.text("studyshell-practice.before-the-exam"), kind: .review, reschedules: false)
      return
    }
    var calendar = Calendar.current
    calendar.timeZone = .current
    let done = try attempt { () throws(StoreError) in
      try store.reviewsDone(learner: learner.id, since: calendar.startOfDay(for: current))
    }
    let seen = Set(cards.map(\.questionID))
    let fresh = course.questions.map(\.id).filter { !seen.contains($0) }
    let queue = ReviewPlanner.queue(
      cards: entries, newQuestions: fresh, now: current, scheduler: scheduler, limit: limit - done.all,
      newLimit: newLimit - done.new)
    guard !queue.isEmpty else {
      let next = cards.map(\.due).filter { $0 > current }.min()
      let formatter = DateFormatter()
      formatter.dateFormat = "MM-dd HH:mm"
      formatter.timeZone = .current
      Console.line(
        done.all >= limit
          ? language.text("studyshell-practice.today-s-limit-of-reviews-is", "\(limit)")
          : language.text("studyshell-practice.nothing-to-review-now")
            + (next.map {
              language.text("studyshell-practice.the-next-is-due", "\(formatter.string(from: $0))")
            } ?? ""))
      return
    }
    var plan = SessionPlan(queue: queue, seed: seed)
    plan.retention = retention
    try runSession(
      plan: plan, scope: "review", title: language.text("studyshell-practice.due-questions"), kind: .review)
  }

  func finish(_ ending: SessionHost.Ending) throws {
    if case .failed(let status) = ending { throw ExitCodeError(status: status) }
  }

  /// What a reply to "go on with your last session?" means.
  enum ResumeAnswer: Equatable {
    case resume, abandon, leave
    /// `y`/Enter resumes, `n` abandons, `quit` leaves the program (the session stays paused);
    /// anything else is asked again (`nil`).
    init?(_ typed: String) {
      let word = typed.trimmingSpaces().lowercased()
      if word.isEmpty || SessionEngine.yesOrNo(word) == true || word == "resume" || word == "继续" {
        self = .resume
      } else if SessionEngine.yesOrNo(word) == false || word == "不用" {
        self = .abandon
      } else if SessionEvent(typing: word) == .quit {
        self = .leave
      } else {
        return nil
      }
    }
  }

  /// Offers the learner's unfinished session at start-up; returns false when the learner
  /// chose to leave the program.
  func offerResume() throws -> Bool {
    guard let record = try attempt({ () throws(StoreError) in try store.interruptedSession(learner: learner.id) })
    else {
      return true
    }
    let answered = Set(try attempt { () throws(StoreError) in try store.answers(session: record.id) }.map(\.questionID))
      .count
    let question =
      record.scope.hasPrefix("exam:")
      ? language.text("certexam.go-on", "\(title(of: record.scope))", "\(answered)")
      : language.text("studyshell-practice.go-on-with-your-last-session", "\(title(of: record.scope))", "\(answered)")
    while true {
      if !reader.isInteractive { Console.line(question) }
      switch reader.read(prompt: question) {
      case .line(let text):
        switch ResumeAnswer(text) {
        case .resume?:
          try resume(record)
          return true
        case .abandon?:
          let at = now()
          _ = try attempt { () throws(StoreError) in try store.abandonInterrupted(learner: learner.id, at: at) }
          Console.line(language.text("studyshell-practice.left-the-last-session-its-answers"))
          return true
        case .leave?:
          Console.line(
            language.text("studyshell-practice.the-last-session-stays-paused-for"))
          return false
        case nil:
          Console.line(language.text("studyshell-practice.please-answer-y-go-on-or"))
        }
      case .end, .interrupted:
        return true
      }
    }
  }

  /// `resume`: goes on with the unfinished session.
  func resume() throws {
    guard let record = try attempt({ () throws(StoreError) in try store.interruptedSession(learner: learner.id) })
    else {
      Console.line(language.text("studyshell-practice.no-unfinished-session"))
      return
    }
    try resume(record)
  }

  func resume(_ record: SessionRecord) throws {
    guard record.plan != nil else {
      let at = now()
      try attempt { () throws(StoreError) in try store.end(session: record.id, status: .abandoned, at: at) }
      Console.line(
        language.text("studyshell-practice.the-last-session-cannot-be-resumed"))
      return
    }
    Console.line(style.bold(language.text("studyshell-practice.resuming", "\(title(of: record.scope))")))
    try finish(run(record))
  }

  // MARK: Reading

  func read(_ arguments: [String]) throws {
    guard let query = arguments.first else {
      Console.line(language.text("studyshell-practice.usage-read-lesson-number-or-id"))
      return
    }
    var lessonQuery = query
    var sectionQuery = arguments.count > 1 ? arguments.dropFirst().joined(separator: " ") : nil
    if sectionQuery == nil, let reference = SectionReference(parsing: query), reference.heading != nil {
      lessonQuery = reference.lesson
      sectionQuery = reference.heading
    }
    guard let lesson = LessonViews.findLesson(lessonQuery, in: course) else {
      Console.line(language.text("studyshell-practice.no-such-lesson-2") + MarkdownRenderer.inert(lessonQuery))
      return
    }
    var section: Section?
    if let sectionQuery {
      section = LessonViews.findSection(sectionQuery, in: lesson)
      if section == nil {
        Console.line(language.text("studyshell-practice.no-such-section") + MarkdownRenderer.inert(sectionQuery))
        Console.line(
          language.text("studyshell-practice.sections")
            + lesson.sections.map(\.title).joined(separator: language.text("list.separator")))
        return
      }
    }
    let (lines, ends) = views.paged(lesson, section: section)
    let shown = page(lines)
    let at = now()
    // Only what was shown to its end counts as read.
    let finished = ends.filter { $0.value <= shown }.keys.sorted()
    for title in finished {
      try attempt { () throws(StoreError) in
        try store.markRead(learner: learner.id, lesson: lesson.id, section: title, at: at)
      }
    }
    if lesson.sections.isEmpty && shown >= lines.count {
      try attempt { () throws(StoreError) in
        try store.markRead(learner: learner.id, lesson: lesson.id, section: lesson.title, at: at)
      }
    }
    let read = try attempt { () throws(StoreError) in try store.readSections(learner: learner.id) }
    let next = lesson.sections.first { !(read[lesson.id] ?? []).contains($0.title) }
    if shown < lines.count, let next {
      Console.line(
        style.dim(language.text("studyshell-practice.pick-up-here-next-time"))
          + style.cyan("read \(lesson.id)#\(next.title)"))
    } else {
      Console.line(style.dim(language.text("studyshell-practice.done-practise")) + style.cyan("practice \(lesson.id)"))
    }
  }

  /// Shows lines a screenful at a time when a person is reading at a terminal; returns how
  /// many were shown (all of them, unless the reader stopped with `q`).
  @discardableResult
  func page(_ lines: [String]) -> Int {
    let height = context.terminal.height
    guard reader.isInteractive, lines.count > height - 1 else {
      for line in lines { Console.line(line) }
      return lines.count
    }
    var index = 0
    while index < lines.count {
      let end = min(lines.count, index + height - 2)
      for line in lines[index..<end] { Console.line(line) }
      index = end
      guard index < lines.count else { break }
      let more = style.dim(language.text("studyshell-practice.more-space-enter-q-to-stop"))
      guard let key = reader.readKey(prompt: more, consuming: [" ", "\r", "\n", "q", "Q"]),
        key == " " || key == "\r" || key == "\n"
      else { return index }
    }
    return lines.count
  }
}

/// An exit status carried out of the shell (a database fault).
struct ExitCodeError: Error {
  var status: Int32
}
