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
    course.lesson(withID: scope)?.title ?? (scope == "all" ? language.pick("全部课程", "all lessons") : scope)
  }

  /// Starts a new session with a plan and runs it.
  func runSession(plan: SessionPlan, scope: String, title: String) throws {
    guard !plan.queue.isEmpty else {
      Console.line(language.pick("没有符合条件的题目。", "No questions match."))
      return
    }
    let record = StudySession(
      learnerID: learner.id!, kind: .practice, scope: scope, courseID: course.id, contentVersion: course.version,
      startedAt: now(), plan: PracticeRunner.json(plan))
    let started = try attempt { () throws(StoreError) in try store.start(record) }
    Console.line(
      style.bold(
        language.pick(
          "练习：\(title) · \(plan.queue.count) 题 · 随时输入 ? 查看提示，skip 跳过，quit 结束（已答的都已保存）",
          "Practice: \(title) · \(plan.queue.count) questions · ? for a hint, skip, quit ends (answers are saved)")))
    var session = PracticeSession(plan: plan)
    try finish(run(&session, record: started))
  }

  func run(_ session: inout PracticeSession, record: StudySession) -> PracticeRunner.Ending {
    let runner = PracticeRunner(
      course: course, store: store, learner: learner, context: context, source: reader, now: now)
    return runner.run(&session, record: record)
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
    Console.line(style.bold(language.pick("继续练习：\(title(of: record.scope))", "Resuming: \(title(of: record.scope))")))
    try finish(run(&session, record: record))
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
      guard let key = reader.readKey(prompt: more), key != "q", key != "Q" else { break }
    }
  }
}

/// An exit status carried out of the shell (a database fault).
struct ExitCodeError: Error {
  var status: Int32
}
