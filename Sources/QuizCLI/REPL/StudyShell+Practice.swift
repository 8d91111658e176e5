import Foundation
import QuizContent
import QuizCore
import QuizStore

/// What `practice` was asked for.
struct PracticeRequest {
  var scope = "all"
  var count: Int? = 10
  var type: QuestionType?
  var seed: UInt64?

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
              language.pick("--count 需要一个正整数，例如 --count 5", "--count needs a positive number, e.g. --count 5")))
        }
        request.count = count
        index += 2
      case "--type", "-t":
        guard let value, let type = QuestionType(rawValue: value) else {
          let names = QuestionType.allCases.map(\.rawValue).joined(separator: ", ")
          return .failure(PracticeError(language.pick("--type 可选：\(names)", "--type is one of: \(names)")))
        }
        request.type = type
        index += 2
      case "--seed":
        guard let value, let seed = UInt64(value) else {
          return .failure(PracticeError(language.pick("--seed 需要一个整数", "--seed needs a whole number")))
        }
        request.seed = seed
        index += 2
      case "all", "全部":
        request.scope = "all"
        index += 1
      default:
        guard let lesson = LessonViews.findLesson(argument, in: course) else {
          return .failure(
            PracticeError(
              language.pick(
                "没有这一课：\(MarkdownRenderer.inert(argument))。", "No such lesson: \(MarkdownRenderer.inert(argument)).")
                + language.pick("可选：", " Lessons: ") + course.lessons.map(\.id).joined(separator: ", ")))
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
    let plan = PracticeSession.choose(
      from: request.questions(in: course), count: request.count, type: request.type,
      seed: request.seed ?? UInt64.random(in: 0...UInt64.max))
    try runSession(plan: plan, scope: request.scope, title: title(of: request.scope))
  }

  func mistakes(_ arguments: [String]) throws {
    let mistakes = try listMistakes()
    guard arguments.first == "practice" || arguments.first == "练习", !mistakes.isEmpty else { return }
    let plan = SessionPlan(queue: mistakes.map(\.questionID), seed: UInt64.random(in: 0...UInt64.max))
    try runSession(plan: plan, scope: "mistakes", title: language.pick("错题", "mistakes"))
  }

  func title(of scope: String) -> String {
    if let lesson = course.lesson(withID: scope) { return lesson.title }
    switch scope {
    case "all": return language.pick("全部课程", "all lessons")
    case "review": return language.pick("到期复习", "due questions")
    case "mistakes": return language.pick("错题", "mistakes")
    default: return scope
    }
  }

  /// Starts a new session with a plan and runs it.
  func runSession(
    plan: SessionPlan, scope: String, title: String, kind: SessionKind = .practice, reschedules: Bool = true,
    scheduler: Scheduler? = nil
  ) throws {
    guard !plan.queue.isEmpty else {
      Console.line(language.pick("没有符合条件的题目。", "No questions match."))
      return
    }
    let record = StudySession(
      learnerID: learner.id!, kind: kind, scope: scope, courseID: course.id, contentVersion: course.version,
      startedAt: now(), plan: PracticeRunner.json(plan), reschedules: reschedules)
    let started = try attempt { () throws(StoreError) in try store.start(record) }
    let name = kind == .review ? language.pick("复习", "Review") : language.pick("练习", "Practice")
    say(
      language.pick(
        "\(name)：\(title) · \(plan.queue.count) 题 · 随时输入 ? 查看提示，skip 跳过，quit 结束（已答的都已保存）",
        "\(name): \(title) · \(plan.queue.count) questions · ? for a hint, skip, quit ends (answers are saved)"),
      style.bold)
    var session = PracticeSession(plan: plan)
    try finish(run(&session, record: started, scheduler: scheduler))
  }

  func run(_ session: inout PracticeSession, record: StudySession, scheduler: Scheduler? = nil) -> PracticeRunner.Ending
  {
    var runner = PracticeRunner(
      course: course, store: store, learner: learner, context: context, source: reader, now: now)
    if let scheduler { runner.scheduler = scheduler }
    return runner.run(&session, record: record)
  }

  /// `review`: due cards (lowest predicted recall first) with new questions mixed in, within
  /// the day's limits; or, with `--before DATE`, what would be forgotten by then, without
  /// changing the schedule.
  func review(_ arguments: [String]) throws {
    var limit = 50
    var newLimit = 10
    var before: Date?
    var retention = 0.9
    var seed = UInt64.random(in: 0...UInt64.max)
    var index = 0
    let dayFormatter = DateFormatter()
    dayFormatter.dateFormat = "yyyy-MM-dd"
    dayFormatter.timeZone = .current
    while index < arguments.count {
      let value = index + 1 < arguments.count ? arguments[index + 1] : nil
      switch arguments[index] {
      case "--limit" where value.flatMap(Int.init).map { $0 > 0 } == true: limit = Int(value!)!
      case "--new" where value.flatMap(Int.init).map { $0 >= 0 } == true: newLimit = Int(value!)!
      case "--retention" where value.flatMap(Double.init).map { Scheduler.retentionRange.contains($0) } == true:
        retention = Double(value!)!
      case "--before" where value.flatMap(dayFormatter.date(from:)) != nil: before = dayFormatter.date(from: value!)
      case "--seed" where value.flatMap(UInt64.init) != nil: seed = UInt64(value!)!
      default:
        Console.line(
          language.pick(
            "用法：review [--limit 每日上限] [--new 每日新题] [--before 2026-12-20] [--retention 0.70–0.97]",
            "Usage: review [--limit N] [--new N] [--before 2026-12-20] [--retention 0.70–0.97]"))
        return
      }
      index += 2
    }
    let scheduler = try! Scheduler(desiredRetention: retention)
    let known = Set(course.questions.map(\.id))
    let cards = try attempt { () throws(StoreError) in try store.cards(learner: learner.id!) }.filter {
      known.contains($0.questionID)
    }
    let entries = cards.map { ReviewPlanner.Entry(questionID: $0.questionID, card: $0.card) }
    let current = now()
    if let before {
      let queue = ReviewPlanner.atRisk(cards: entries, by: before, scheduler: scheduler, limit: limit)
      guard !queue.isEmpty else {
        Console.line(
          language.pick(
            "到 \(dayFormatter.string(from: before)) 为止，没有会忘掉的题。",
            "Nothing you would forget by \(dayFormatter.string(from: before))."))
        return
      }
      Console.line(
        style.dim(language.pick("考前复习：不改变平时的复习安排。", "Exam preparation: your normal schedule is not changed.")))
      try runSession(
        plan: {
          var plan = SessionPlan(queue: queue, seed: seed)
          plan.retention = retention
          return plan
        }(), scope: "before \(dayFormatter.string(from: before))",
        title: language.pick("考前复习", "before the exam"), kind: .review, reschedules: false, scheduler: scheduler)
      return
    }
    var calendar = Calendar.current
    calendar.timeZone = .current
    let done = try attempt { () throws(StoreError) in
      try store.reviewsDone(learner: learner.id!, since: calendar.startOfDay(for: current))
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
          ? language.pick("今天的复习已达上限（\(limit) 题），明天再来。", "Today's limit of \(limit) reviews is reached.")
          : language.pick("现在没有要复习的题。", "Nothing to review now.")
            + (next.map {
              language.pick("下一题 \(formatter.string(from: $0)) 到期。", " The next is due \(formatter.string(from: $0)).")
            } ?? ""))
      return
    }
    try runSession(
      plan: {
        var plan = SessionPlan(queue: queue, seed: seed)
        plan.retention = retention
        return plan
      }(), scope: "review",
      title: language.pick("到期复习", "due questions"), kind: .review, scheduler: scheduler)
  }

  func finish(_ ending: PracticeRunner.Ending) throws {
    if case .failed(let status) = ending { throw ExitCodeError(status: status) }
  }

  /// Offers the learner's unfinished session at start-up.
  func offerResume() throws {
    guard let record = try attempt({ () throws(StoreError) in try store.interruptedSession(learner: learner.id!) })
    else {
      return
    }
    let answered = try attempt { () throws(StoreError) in try store.answers(session: record.id!) }.count
    let question = language.pick(
      "继续上次的练习？（\(title(of: record.scope))，已答 \(answered) 题）[Y/n] ",
      "Go on with your last session? (\(title(of: record.scope)), \(answered) answered) [Y/n] ")
    if !reader.isInteractive { Console.line(question) }
    switch reader.read(prompt: question) {
    case .line(let text):
      let word = text.trimmingSpaces().lowercased()
      if ["n", "no", "否", "不", "不用"].contains(word) {
        let at = now()
        try attempt { () throws(StoreError) in try store.end(session: record.id!, status: .abandoned, at: at) }
        Console.line(language.pick("已放弃上次的练习，答过的题仍然保留。", "Left the last session; its answers are kept."))
      } else {
        try resume(record)
      }
    case .end, .interrupted:
      return
    }
  }

  /// `resume`: goes on with the unfinished session.
  func resume() throws {
    guard let record = try attempt({ () throws(StoreError) in try store.interruptedSession(learner: learner.id!) })
    else {
      Console.line(language.pick("没有未完成的练习。", "No unfinished session."))
      return
    }
    try resume(record)
  }

  func resume(_ record: StudySession) throws {
    guard let plan = try? JSONDecoder().decode(SessionPlan.self, from: Data(record.plan.utf8)) else {
      let at = now()
      try attempt { () throws(StoreError) in try store.end(session: record.id!, status: .abandoned, at: at) }
      Console.line(
        language.pick("上次的练习无法继续（记录不完整），答过的题仍然保留。", "The last session cannot be resumed; its answers are kept."))
      return
    }
    var session = PracticeSession(plan: plan)
    session.keep(onlyIDs: Set(course.questions.map(\.id)))
    let scheduler = plan.retention.flatMap { try? Scheduler(desiredRetention: $0) }
    Console.line(style.bold(language.pick("继续练习：\(title(of: record.scope))", "Resuming: \(title(of: record.scope))")))
    try finish(run(&session, record: record, scheduler: scheduler))
  }

  // MARK: Reading

  func read(_ arguments: [String]) throws {
    guard let query = arguments.first else {
      Console.line(language.pick("用法：read <课程编号或 id> [小节]", "Usage: read <lesson number or id> [section]"))
      return
    }
    var lessonQuery = query
    var sectionQuery = arguments.count > 1 ? arguments.dropFirst().joined(separator: " ") : nil
    if sectionQuery == nil, let reference = SectionReference(parsing: query), reference.heading != nil {
      lessonQuery = reference.lesson
      sectionQuery = reference.heading
    }
    guard let lesson = LessonViews.findLesson(lessonQuery, in: course) else {
      Console.line(language.pick("没有这一课：", "No such lesson: ") + MarkdownRenderer.inert(lessonQuery))
      return
    }
    var section: Section?
    if let sectionQuery {
      section = LessonViews.findSection(sectionQuery, in: lesson)
      if section == nil {
        Console.line(language.pick("这一课没有小节：", "No such section: ") + MarkdownRenderer.inert(sectionQuery))
        Console.line(language.pick("小节：", "Sections: ") + lesson.sections.map(\.title).joined(separator: "、"))
        return
      }
    }
    page(views.page(lesson, section: section))
    let at = now()
    try attempt { () throws(StoreError) in
      try store.markRead(learner: learner.id!, lesson: lesson.id, section: section?.title ?? "", at: at)
    }
    Console.line(style.dim(language.pick("读完了？练一练：", "Done? Practise: ")) + style.cyan("practice \(lesson.id)"))
  }

  /// Shows lines a screenful at a time when a person is reading at a terminal.
  func page(_ lines: [String]) {
    let height = context.terminal.height
    guard reader.isInteractive, lines.count > height - 1 else {
      for line in lines { Console.line(line) }
      return
    }
    var index = 0
    while index < lines.count {
      let end = min(lines.count, index + height - 2)
      for line in lines[index..<end] { Console.line(line) }
      index = end
      guard index < lines.count else { break }
      let more = style.dim(language.pick("-- 更多（空格/回车继续，q 返回）--", "-- more (space/Enter, q to stop) --"))
      guard let key = reader.readKey(prompt: more, consuming: [" ", "\r", "\n", "q", "Q"]),
        key == " " || key == "\r" || key == "\n"
      else { break }
    }
  }
}

/// An exit status carried out of the shell (a database fault).
struct ExitCodeError: Error {
  var status: Int32
}
