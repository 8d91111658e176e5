import Foundation
import QuizContent
import QuizCore
import QuizStore

/// Runs a practice session: shows each question, reads answers (asking again when they do
/// not parse), records every answer before showing its feedback, and ends with a summary.
///
/// The same runner serves the study shell and `practice --answers FILE`; only the source of
/// lines differs.
struct PracticeRunner {
  enum Ending: Equatable {
    /// Every question was dealt with.
    case finished
    /// `quit` inside a question: ended early, saved.
    case quit
    /// Ctrl-C: the session stays open and can be resumed.
    case paused
    /// End of input: the session stays open and can be resumed.
    case endOfInput
    /// The database failed; the message was printed.
    case failed(Int32)
  }

  var course: Course
  var store: ProgressStore
  var learner: Learner
  var context: AppContext
  var source: any LineSource
  var now: () -> Date = Date.init
  /// The review scheduler; every answer updates the question's card unless the session
  /// says it does not reschedule.
  var scheduler: Scheduler = try! Scheduler()

  private var language: Language { context.language }
  private var style: Style { context.style }
  private var width: Int { context.terminal.width }

  static let hintWords: Set<String> = ["?", "？", "hint", "提示"]
  static let skipWords: Set<String> = ["skip", "跳过"]
  static let quitWords: Set<String> = ["quit", "exit", "退出", "结束"]

  /// Runs `practice` until it ends; returns how.
  func run(_ session: inout PracticeSession, record: StudySession) -> Ending {
    let explanations = ExplanationRenderer(width: width, style: style, language: language)
    let questionView = QuestionView(width: width, style: style, language: language)
    let sessionID = record.id!
    while let id = session.current {
      guard let question = course.question(withID: id) else {
        session.skipped()
        continue
      }
      let layout = session.layout(for: question)
      let (number, total) = session.progress
      let lessonTitle = course.lesson(withID: question.lesson)?.title
      Console.line("")
      for line in questionView.render(
        question, layout: layout, number: number, total: total, lessonTitle: lessonTitle, retry: session.isRetry)
      {
        Console.line(line)
      }
      let shownAt = now()
      let prompt = Prompt.make(
        text: "\(learner.displayName) · \(Self.short(lessonTitle ?? question.lesson)) \(number)/\(total)", style: style,
        interactive: source.isInteractive)
      answering: while true {
        switch source.read(prompt: prompt) {
        case .end:
          if source.isInteractive { Console.line("") }
          return .endOfInput
        case .interrupted:
          Console.line(
            language.pick(
              "练习已暂停，已答的题都已保存。输入 resume 继续。", "Practice paused; every answer is saved. Type resume to go on."))
          return .paused
        case .line(let typed):
          if source.echoes { Console.line("› " + MarkdownRenderer.inert(typed)) }
          let word = typed.trimmingSpaces().lowercased()
          if Self.hintWords.contains(word) {
            showHint(for: question)
            continue answering
          }
          if Self.skipWords.contains(word) {
            Console.line(style.dim(language.pick("已跳过。", "Skipped.")))
            session.skipped()
            if record.reschedules {
              // Seen and skipped counts as not recalled for the review schedule.
              do {
                let before = try store.card(learner: learner.id!, question: question.id)
                try store.save(reviewed(before, question: question, rating: .again))
              } catch {
                return .failed(context.fail(error).rawValue)
              }
            }
            break answering
          }
          if Self.quitWords.contains(word) {
            if let failure = finish(
              &session, sessionID: sessionID, startedAt: record.startedAt, status: .finished, kind: record.kind)
            {
              return failure
            }
            return .quit
          }
          switch AnswerParser.parse(typed, for: question, layout: layout) {
          case .failure(let problem):
            Console.line(style.yellow(problem.message(language)))
            continue answering
          case .success(let response):
            let grade = Grader.grade(response, for: question)
            let answer = AnswerRecord(
              learnerID: learner.id!, sessionID: sessionID, questionID: question.id,
              questionHash: CourseJSON.hash(of: question), lessonID: question.lesson,
              questionType: question.type.rawValue, tags: question.tags, raw: typed,
              parsed: ResponseFormatter.typed(response, for: question, layout: .identity(for: question)),
              response: Self.json(response), fraction: grade.fraction, outcome: grade.outcome.rawValue,
              durationMS: Int(now().timeIntervalSince(shownAt) * 1000), answeredAt: now())
            let before: CardRecord?
            let after: CardRecord?
            var next = session
            var requeued = false
            do {
              before = try store.card(learner: learner.id!, question: question.id)
              after = record.reschedules ? reviewed(before, question: question, rating: Rating(grade.outcome)) : nil
              next = session
              requeued = next.answered(grade)
              // The answer, its card and the plan that moves past it: one commit, before the feedback.
              try store.record(answer, card: after, plan: Self.json(next.plan))
            } catch {
              return .failed(context.fail(error).rawValue)
            }
            let explanation = Explanation(
              grade: grade, response: response, question: question, layout: layout, language: language)
            for line in explanations.render(explanation) { Console.line(line) }
            session = next
            if requeued {
              Console.line(style.dim(language.pick("这道题稍后会再出现一次。", "This question will come back once later.")))
            }
            if grade.outcome == .correct, record.reschedules, source.isInteractive {
              let key = source.readKey(
                prompt: style.dim(
                  language.pick(
                    "按 e 标记为“太简单”（复习间隔更长），其他键继续",
                    "Press e if that was too easy (longer interval), any other key to go on")),
                consuming: ["e", "E", " ", "\r", "\n"])
              if key == "e" || key == "E" {
                do {
                  try store.save(reviewed(before, question: question, rating: .easy))
                  Console.line(style.dim(language.pick("已标记为太简单。", "Marked as easy.")))
                } catch {
                  return .failed(context.fail(error).rawValue)
                }
              }
            }
            break answering
          }
        }
      }
      do {
        try store.updatePlan(session: sessionID, plan: Self.json(session.plan))
      } catch {
        return .failed(context.fail(error).rawValue)
      }
    }
    if let failure = finish(
      &session, sessionID: sessionID, startedAt: record.startedAt, status: .finished, kind: record.kind)
    {
      return failure
    }
    return .finished
  }

  /// The question's card after a review with `rating` now (a new card if there was none).
  func reviewed(_ record: CardRecord?, question: Question, rating: Rating) -> CardRecord {
    let at = now()
    let previous = record?.card ?? Card(due: at)
    let card = scheduler.review(previous, rating: rating, at: at)
    let lapse = previous.state == .review && rating == .again
    return CardRecord(
      learnerID: learner.id!, questionID: question.id, lessonID: question.lesson, card: card,
      reviews: (record?.reviews ?? 0) + 1, lapses: (record?.lapses ?? 0) + (lapse ? 1 : 0))
  }

  private func showHint(for question: Question) {
    guard let source = question.source, let lesson = course.lesson(withID: source.lesson) else {
      Console.line(style.dim(language.pick("这道题没有提示。", "No hint for this question.")))
      return
    }
    let section = source.heading.flatMap { lesson.section(titled: $0) }
    let place = section.map { "\(lesson.title) · \($0.title)" } ?? lesson.title
    Console.line(style.cyan(language.pick("提示：复习 ", "Hint: see ") + place) + style.dim("（read \(source)）"))
    // The first paragraph of the section, as a reminder, without giving the answer away.
    let body = LessonViews.body(of: lesson, section: section)
    let paragraph = MarkdownDocument(parsing: body).blocks.first {
      if case .paragraph = $0 { true } else { false }
    }
    if let paragraph {
      for line in MarkdownRenderer(width: width, style: style).render(paragraph) { Console.line(style.dim(line)) }
    }
  }

  /// Ends the session in the store and prints its summary; returns a failure if the store failed.
  private func finish(
    _ session: inout PracticeSession, sessionID: Int64, startedAt: Date, status: SessionStatus, kind: SessionKind
  ) -> Ending? {
    do {
      try store.end(session: sessionID, status: status, at: now())
      let answers = try store.answers(session: sessionID)
      for line in summary(answers: answers, plan: session.plan, started: startedAt, kind: kind) { Console.line(line) }
      return nil
    } catch {
      return .failed(context.fail(error).rawValue)
    }
  }

  /// Score over first attempts, time, the weakest section and what to do next.
  func summary(answers: [AnswerRecord], plan: SessionPlan, started: Date, kind: SessionKind = .practice) -> [String] {
    var first: [String: AnswerRecord] = [:]
    for answer in answers where first[answer.questionID] == nil { first[answer.questionID] = answer }
    let chosen = plan.chosen
    let correct = first.values.filter { $0.fraction >= 0.999999 }.count
    let score = chosen > 0 ? first.values.reduce(0) { $0 + $1.fraction } / Double(chosen) : 0
    let seconds = max(0, Int(now().timeIntervalSince(started)))
    let time = language.pick("\(seconds / 60) 分 \(seconds % 60) 秒", "\(seconds / 60) min \(seconds % 60) s")
    var lines = [
      "",
      style.bold(
        language.pick(
          "本次\(kind == .review ? "复习" : "练习")完成：\(correct)/\(chosen) 正确 · 得分 \(Int((score * 100).rounded()))% · 用时 \(time)",
          "\(kind == .review ? "Review" : "Practice") done: \(correct)/\(chosen) correct · score \(Int((score * 100).rounded()))% · time \(time)"
        )),
    ]
    let wrong = first.values.filter { $0.fraction < 0.999999 }
    var bySection: [String: Int] = [:]
    for answer in wrong {
      if let source = course.question(withID: answer.questionID)?.source {
        bySection[source.description, default: 0] += 1
      }
    }
    if let weakest = bySection.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
      let reference = SectionReference(parsing: weakest.key)
      let title = reference?.heading ?? weakest.key
      lines.append(
        language.pick(
          "最需要加强：\(title)（\(weakest.value) 题未全对）→ ", "Weakest: \(title) (\(weakest.value) not fully right) → ")
          + style.cyan("read \(weakest.key)"))
    }
    let asked = Set(plan.queue.prefix(plan.position))
    let skipped = asked.subtracting(first.keys).count
    let notReached = max(0, chosen - asked.count)
    if skipped > 0 {
      lines.append(language.pick("跳过 \(skipped) 题。", "\(skipped) skipped."))
    }
    if notReached > 0 {
      lines.append(language.pick("还有 \(notReached) 题没有做。", "\(notReached) not reached."))
    }
    if wrong.isEmpty && skipped == 0 && notReached == 0 {
      lines.append(language.pick("全部答对，做得好！", "All right — well done!"))
    }
    var latest: [String: AnswerRecord] = [:]
    for answer in answers { latest[answer.questionID] = answer }
    let notebook = latest.values.filter { $0.fraction < 0.999999 }.count
    if notebook > 0 {
      lines.append(
        language.pick(
          "\(notebook) 道题已记入错题本；输入 mistakes 查看。",
          "\(notebook) question(s) noted in your mistakes; type mistakes to see them."))
    }
    return lines
  }

  /// A short form of a lesson title for the prompt.
  static func short(_ title: String) -> String {
    TextWrapper.truncate(title, to: 20)
  }

  static func json<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
  }
}
