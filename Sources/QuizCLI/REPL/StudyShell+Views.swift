import Foundation
import QuizContent
import QuizCore
import QuizStore

extension StudyShell {
  // MARK: Dashboard

  func showDashboard() throws {
    let learnerID = learner.id
    let read = try attempt { () throws(StoreError) in try store.readSections(learner: learnerID) }
    let mastery = Dictionary(
      uniqueKeysWithValues: try attempt { () throws(StoreError) in try store.lessonMastery(learner: learnerID) }.map {
        ($0.lessonID, $0)
      })
    let mistakes = try attempt { () throws(StoreError) in try store.mistakes(learner: learnerID) }
    var calendar = Calendar.current
    calendar.timeZone = .current
    let streak = try attempt { () throws(StoreError) in
      try store.streak(learner: learnerID, now: now(), calendar: calendar)
    }

    let idWidth = course.lessons.map(\.id.displayWidth).max() ?? 0
    let titleWidth = min(course.lessons.map(\.title.displayWidth).max() ?? 0, max(10, width - 46 - idWidth))
    let header =
      "  " + TextWrapper.pad(language.pick("课程进度", "Lessons"), to: titleWidth + idWidth + 5) + "  "
      + TextWrapper.pad(language.pick("阅读", "read"), to: 5) + "  " + TextWrapper.pad(language.pick("练习", "done"), to: 7)
      + "  " + language.pick("掌握", "mastery")
    Console.line(style.dim(header))
    for (index, lesson) in course.lessons.enumerated() {
      let total = course.questions(in: lesson.id).count
      let entry = mastery[lesson.id]
      let level = entry?.latest(of: total) ?? 0
      let title = TextWrapper.pad(TextWrapper.truncate(lesson.title, to: titleWidth), to: titleWidth)
      let number = TextWrapper.pad(String(index + 1), to: 2)
      let progress = readProgress(lesson, read: read)
      let readMark =
        progress.done == progress.total
        ? style.green("✓") : progress.done == 0 ? style.dim("·") : style.yellow("\(progress.done)/\(progress.total)")
      let done = TextWrapper.pad("\(min(entry?.answered ?? 0, total))/\(total)", to: 7)
      let id = style.dim(TextWrapper.pad(lesson.id, to: idWidth))
      Console.line(
        "  \(number) \(id)  \(title)  \(TextWrapper.pad(readMark, to: 5))  \(done)  \(Self.bar(level, style: style)) \(Int((level * 100).rounded()))%"
      )
    }
    let endOfDay = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now()))!
    let current = now()
    let due = try attempt { () throws(StoreError) in
      try store.dueCounts(learner: learnerID, now: current, endOfDay: endOfDay)
    }
    Console.line(
      "  "
        + language.pick(
          "待复习：现在 \(due.now) · 今天 \(due.today) · 本周 \(due.week)",
          "due: now \(due.now) · today \(due.today) · this week \(due.week)"))
    Console.line(
      "  "
        + language.pick("错题 \(mistakes.count) · 连续学习 \(streak) 天", "mistakes \(mistakes.count) · \(streak)-day streak"))
    Console.line(
      "  " + language.pick("建议下一步：", "Next: ")
        + style.cyan(try suggestion(read: read, mastery: mastery, mistakes: mistakes.count)))
  }

  /// A 10-cell bar: ▰ filled, ▱ empty; nothing in plain output, where the percentage beside
  /// it says the same without symbols a screen reader would spell out.
  static func bar(_ fraction: Double, style: Style) -> String {
    guard style.enabled else { return "" }
    let filled = Int((min(max(fraction, 0), 1) * 10).rounded())
    return style.green(String(repeating: "▰", count: filled)) + style.dim(String(repeating: "▱", count: 10 - filled))
  }

  /// Sections of a lesson read to the end, of all (a lesson without sections is one).
  func readProgress(_ lesson: Lesson, read: [String: Set<String>]) -> (done: Int, total: Int) {
    let titles = lesson.sections.isEmpty ? [lesson.title] : lesson.sections.map(\.title)
    let seen = read[lesson.id] ?? []
    return (titles.filter(seen.contains).count, titles.count)
  }

  /// The one command to suggest.
  func suggestion(read: [String: Set<String>], mastery: [String: LessonMastery], mistakes: Int) throws -> String {
    if try attempt({ () throws(StoreError) in try store.interruptedSession(learner: learner.id) }) != nil {
      return "resume"
    }
    let current = now()
    let dueNow = try attempt { () throws(StoreError) in
      try store.dueCounts(learner: learner.id, now: current, endOfDay: current).now
    }
    if dueNow > 0 { return "review" }
    for lesson in course.lessons {
      let total = course.questions(in: lesson.id).count
      let progress = readProgress(lesson, read: read)
      if progress.done == 0 { return "read \(lesson.id)" }
      if progress.done < progress.total,
        let next = lesson.sections.first(where: { !(read[lesson.id] ?? []).contains($0.title) })
      {
        return "read \(lesson.id)#\(next.title)"
      }
      if (mastery[lesson.id]?.answered ?? 0) < min(total, 10) { return "practice \(lesson.id)" }
    }
    return mistakes > 0 ? "mistakes practice" : "practice all"
  }

  // MARK: Progress

  func showProgress() throws {
    let learnerID = learner.id
    let mastery = Dictionary(
      uniqueKeysWithValues: try attempt { () throws(StoreError) in try store.lessonMastery(learner: learnerID) }.map {
        ($0.lessonID, $0)
      })
    let cards = try attempt { () throws(StoreError) in try store.cards(learner: learnerID) }
    let scheduler = Scheduler.standard
    let current = now()
    var recall: [String: [Double]] = [:]
    for card in cards {
      recall[card.lessonID, default: []].append(scheduler.retrievability(of: card.card, at: current))
    }
    Console.line(
      style.bold(
        language.pick(
          "各课掌握（最近一次 / 最好成绩）与今天的预计记忆保持率", "Mastery per lesson (latest / best) and predicted recall today")))
    let titleWidth = min(course.lessons.map(\.title.displayWidth).max() ?? 0, max(10, width - 50))
    for lesson in course.lessons {
      let total = course.questions(in: lesson.id).count
      let entry = mastery[lesson.id]
      let latest = entry?.latest(of: total) ?? 0
      let best = entry?.best(of: total) ?? 0
      let values = recall[lesson.id] ?? []
      let memory =
        values.isEmpty
        ? style.dim(language.pick("  记忆 —  ", "  recall —  "))
        : language.pick("  记忆 ", "  recall ") + Self.percent(values.reduce(0, +) / Double(values.count))
      Console.line(
        "  \(TextWrapper.pad(TextWrapper.truncate(lesson.title, to: titleWidth), to: titleWidth))  "
          + "\(Self.bar(latest, style: style)) \(Self.percent(latest)) / \(Self.percent(best))" + memory + "  "
          + style.dim("\(min(entry?.answered ?? 0, total))/\(total)"))
    }
    let byType = try attempt { () throws(StoreError) in try store.accuracyByType(learner: learnerID) }
    let byTag = try attempt { () throws(StoreError) in try store.accuracyByTag(learner: learnerID) }
    if byType.isEmpty {
      Console.line(language.pick("还没有答题记录。试试 practice。", "No answers yet. Try practice."))
      return
    }
    Console.line(style.bold(language.pick("按题型", "By question type")))
    for entry in byType {
      let name = QuestionType(rawValue: entry.key).map { QuestionView.typeName($0, language) } ?? entry.key
      Console.line(accuracyLine(name, entry))
    }
    Console.line(style.bold(language.pick("按标签", "By tag")))
    for entry in byTag { Console.line(accuracyLine(entry.key, entry)) }
  }

  func accuracyLine(_ name: String, _ entry: Accuracy) -> String {
    var trend = ""
    if let recent = entry.recentMean {
      trend =
        recent > entry.mean + 0.05
        ? language.pick("  ↑ 进步", "  ↑ improving")
        : recent < entry.mean - 0.05 ? language.pick("  ↓ 退步", "  ↓ slipping") : "  →"
    }
    return "  " + TextWrapper.pad(name, to: 14) + "  " + Self.percent(entry.mean) + "  "
      + style.dim(language.pick("\(entry.answers) 次", "\(entry.answers) answers")) + trend
  }

  static func percent(_ value: Double) -> String {
    TextWrapper.pad(String(Int((value * 100).rounded())) + "%", to: 4)
  }

  // MARK: History

  func showHistory() throws {
    let sessions = try attempt { () throws(StoreError) in try store.history(learner: learner.id) }
    guard !sessions.isEmpty else {
      Console.line(language.pick("还没有练习记录。", "No sessions yet."))
      return
    }
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    formatter.timeZone = .current
    for entry in sessions {
      let session = entry.session
      let status =
        switch session.status {
        case .active: language.pick("未完成", "unfinished")
        case .finished: language.pick("完成", "done")
        case .abandoned:
          entry.answered > 0 ? language.pick("提前结束", "ended early") : language.pick("已放弃", "abandoned")
        }
      let kind =
        switch session.kind {
        case .practice: language.pick("练习", "practice")
        case .review: language.pick("复习", "review")
        case .exam: language.pick("考试", "exam")
        }
      Console.line(
        "  \(formatter.string(from: session.startedAt))  \(kind) \(session.scope)  "
          + language.pick(
            "\(entry.answered) 题 · 得分 \(Self.percent(entry.score)) · \(status)",
            "\(entry.answered) answered · score \(Self.percent(entry.score)) · \(status)"))
    }
  }

  // MARK: Mistakes

  func listMistakes() throws -> [Mistake] {
    let mistakes = try attempt { () throws(StoreError) in try store.mistakes(learner: learner.id) }
      .filter { course.question(withID: $0.questionID) != nil }
    guard !mistakes.isEmpty else {
      Console.line(language.pick("错题本是空的。", "No mistakes to review."))
      return []
    }
    Console.line(
      style.bold(language.pick("错题本（\(mistakes.count) 题，最近的在前）", "Mistakes (\(mistakes.count), latest first)")))
    for mistake in mistakes.prefix(30) {
      let question = course.question(withID: mistake.questionID)!
      let prompt = MarkdownRenderer.stripInline(question.prompt).replacingOccurrences(of: "\n", with: " ")
      let head = "  \(mistake.questionID)  \(Self.percent(mistake.fraction)) "
      Console.line(head + TextWrapper.truncate(MarkdownRenderer.inert(prompt), to: max(10, width - head.displayWidth)))
    }
    if mistakes.count > 30 {
      Console.line(style.dim(language.pick("  ……共 \(mistakes.count) 题", "  … \(mistakes.count) in all")))
    }
    Console.line(language.pick("只练这些题：", "Practise only these: ") + style.cyan("mistakes practice"))
    return mistakes
  }

  // MARK: Search

  func search(_ query: String) {
    let words = query.lowercased().split(separator: " ").map(String.init).filter { !$0.isEmpty }
    guard !words.isEmpty else {
      Console.line(language.pick("用法：search <词>", "Usage: search <words>"))
      return
    }
    func matches(_ text: String) -> Bool {
      let lower = text.lowercased()
      return words.allSatisfy { lower.contains($0) }
    }
    var lessonHits: [String] = []
    for lesson in course.lessons {
      if matches(lesson.title) { lessonHits.append("read \(lesson.id)  \(lesson.title)") }
      for section in lesson.sections
      where matches(section.title) || matches(LessonViews.body(of: lesson, section: section)) {
        if section.level >= 2 { lessonHits.append("read \(lesson.id)#\(section.title)") }
      }
    }
    let questionHits = course.questions.filter {
      matches($0.prompt) || matches($0.id) || $0.tags.contains { matches($0) }
    }
    if lessonHits.isEmpty && questionHits.isEmpty {
      Console.line(
        language.pick(
          "没有找到“\(MarkdownRenderer.inert(query))”。", "Nothing found for “\(MarkdownRenderer.inert(query))”."))
      return
    }
    var lines: [String] = []
    if !lessonHits.isEmpty {
      lines.append(style.bold(language.pick("课文（\(lessonHits.count)）", "Lessons (\(lessonHits.count))")))
      for hit in lessonHits { lines.append("  " + style.cyan(hit)) }
    }
    if !questionHits.isEmpty {
      lines.append(style.bold(language.pick("题目（\(questionHits.count)）", "Questions (\(questionHits.count))")))
      for question in questionHits {
        let prompt = MarkdownRenderer.stripInline(question.prompt).replacingOccurrences(of: "\n", with: " ")
        let head = "  \(question.id)  "
        lines.append(
          head + TextWrapper.truncate(MarkdownRenderer.inert(prompt), to: max(10, width - head.displayWidth)))
      }
      let ids = questionHits.prefix(10).map(\.id).joined(separator: " ")
      lines.append(
        language.pick("练这些题：", "Practise them: ") + style.cyan("practice \(ids)")
          + (questionHits.count > 10 ? style.dim(language.pick("（前 10 题）", " (the first 10)")) : ""))
    }
    page(lines)
  }

  // MARK: Learners

  func switchLearner(_ name: String?) throws {
    guard let name = name.map({ TextNormalizer.removingControlCharacters($0).trimmingSpaces() }), !name.isEmpty else {
      let all = try attempt { () throws(StoreError) in try store.learners() }
      for other in all {
        Console.line((other.name == learner.name ? "* " : "  ") + other.displayName)
      }
      Console.line(style.dim(language.pick("切换或新建：learner <姓名>", "Switch or create: learner <name>")))
      return
    }
    let valid: String
    switch context.validLearnerName(name) {
    case .success(let value): valid = value
    case .failure(let problem):
      Console.line(problem.message)
      return
    }
    let current = now()
    let existing = try attempt { () throws(StoreError) in try store.learner(named: valid) }
    if let existing {
      learner = existing
    } else {
      let store = self.store
      let reader = self.reader
      let context = self.context
      guard
        try attempt({ () throws(StoreError) in
          try Self.confirmNewLearner(valid, store: store, reader: reader, context: context)
        })
      else {
        Console.line(
          language.pick("没有新建学员，仍是 \(learner.displayName)。", "No learner created; still \(learner.displayName)."))
        return
      }
      learner = try attempt { () throws(StoreError) in
        try store.createLearner(named: valid, displayName: nil, at: current)
      }
    }
    try attempt { () throws(StoreError) in try store.setLastLearner(learner) }
    reader.useHistory(file: Self.historyFile(for: learner, context: context))
    Console.line(language.pick("现在的学员：\(learner.displayName)", "Now studying: \(learner.displayName)"))
    try showDashboard()
  }
}
