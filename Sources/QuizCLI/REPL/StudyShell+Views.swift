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
      "  " + TextWrapper.pad(language.text("studyshell-views.lessons"), to: titleWidth + idWidth + 5) + "  "
      + TextWrapper.pad(language.text("studyshell-views.read"), to: 5) + "  "
      + TextWrapper.pad(language.text("studyshell-views.done"), to: 7)
      + "  " + language.text("studyshell-views.mastery")
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
        + language.text("studyshell-views.due-now-today-this-week", "\(due.now)", "\(due.today)", "\(due.week)"))
    Console.line(
      "  "
        + language.text("studyshell-views.mistakes-day-streak", "\(mistakes.count)", "\(streak)"))
    for notice in certificationNotices() { Console.line("  " + notice) }
    Console.line(
      "  " + language.text("studyshell-views.next")
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
    if let overall = try attempt({ () throws(StoreError) in try store.summary() }).first(where: {
      $0.learnerID == learnerID
    }),
      overall.answers > 0
    {
      // The same rule as every session summary and `history`: first attempts, estimates waiting for a person left out.
      say(language.text("progress.overall-score", Self.percent(overall.mean).trimmingSpaces()), style.bold)
    }
    Console.line(
      style.bold(
        language.text("studyshell-views.mastery-per-lesson-latest-best-and")))
    let titleWidth = min(course.lessons.map(\.title.displayWidth).max() ?? 0, max(10, width - 50))
    for lesson in course.lessons {
      let total = course.questions(in: lesson.id).count
      let entry = mastery[lesson.id]
      let latest = entry?.latest(of: total) ?? 0
      let best = entry?.best(of: total) ?? 0
      let values = recall[lesson.id] ?? []
      let memory =
        values.isEmpty
        ? style.dim(language.text("studyshell-views.recall"))
        : language.text("studyshell-views.recall-2") + Self.percent(values.reduce(0, +) / Double(values.count))
      Console.line(
        "  \(TextWrapper.pad(TextWrapper.truncate(lesson.title, to: titleWidth), to: titleWidth))  "
          + "\(Self.bar(latest, style: style)) \(Self.percent(latest)) / \(Self.percent(best))" + memory + "  "
          + style.dim("\(min(entry?.answered ?? 0, total))/\(total)"))
    }
    let byType = try attempt { () throws(StoreError) in try store.accuracyByType(learner: learnerID) }
    let byTag = try attempt { () throws(StoreError) in try store.accuracyByTag(learner: learnerID) }
    if byType.isEmpty {
      Console.line(language.text("studyshell-views.no-answers-yet-try-practice"))
      return
    }
    Console.line(style.bold(language.text("studyshell-views.by-question-type")))
    for entry in byType {
      let name = QuestionType(rawValue: entry.key).map { QuestionView.typeName($0, language) } ?? entry.key
      Console.line(accuracyLine(name, entry))
    }
    Console.line(style.bold(language.text("studyshell-views.by-tag")))
    for entry in byTag { Console.line(accuracyLine(entry.key, entry)) }
  }

  func accuracyLine(_ name: String, _ entry: Accuracy) -> String {
    var trend = ""
    if let recent = entry.recentMean {
      trend =
        recent > entry.mean + 0.05
        ? language.text("studyshell-views.improving")
        : recent < entry.mean - 0.05 ? language.text("studyshell-views.slipping") : "  →"
    }
    return "  " + TextWrapper.pad(name, to: 14) + "  " + Self.percent(entry.mean) + "  "
      + style.dim(language.text("studyshell-views.answers", "\(entry.answers)")) + trend
  }

  static func percent(_ value: Double) -> String {
    TextWrapper.pad(String(Int((value * 100).rounded())) + "%", to: 4)
  }

  // MARK: History

  func showHistory() throws {
    let sessions = try attempt { () throws(StoreError) in try store.history(learner: learner.id) }
    guard !sessions.isEmpty else {
      Console.line(language.text("studyshell-views.no-sessions-yet"))
      return
    }
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    formatter.timeZone = .current
    for entry in sessions {
      let session = entry.session
      let status =
        switch session.status {
        case .active: language.text("studyshell-views.unfinished")
        case .finished: language.text("studyshell-views.done-2")
        case .abandoned:
          entry.answered > 0
            ? language.text("studyshell-views.ended-early") : language.text("studyshell-views.abandoned")
        }
      let kind =
        switch session.kind {
        case .practice: language.text("studyshell-views.practice")
        case .review: language.text("studyshell-views.review")
        case .exam: language.text("studyshell-views.exam")
        }
      let line = "  \(formatter.string(from: session.startedAt))  \(kind) \(title(of: session.scope))  "
      if let certification = certificationStatus(of: session) {
        Console.line(line + certification)
        continue
      }
      Console.line(
        line
          + language.text(
            "studyshell-views.answered-score", "\(entry.answered)", "\(Self.percent(entry.score))", "\(status)"))
    }
  }

  // MARK: Mistakes

  func listMistakes() throws -> [Mistake] {
    let mistakes = try attempt { () throws(StoreError) in try store.mistakes(learner: learner.id) }
      .filter { course.question(withID: $0.questionID) != nil }
    guard !mistakes.isEmpty else {
      Console.line(language.text("studyshell-views.no-mistakes-to-review"))
      return []
    }
    Console.line(
      style.bold(language.text("studyshell-views.mistakes-latest-first", "\(mistakes.count)")))
    for mistake in mistakes.prefix(30) {
      let question = course.question(withID: mistake.questionID)!
      let prompt = MarkdownRenderer.stripInline(question.prompt).replacingOccurrences(of: "\n", with: " ")
      let head = "  \(mistake.questionID)  \(Self.percent(mistake.fraction)) "
      Console.line(head + TextWrapper.truncate(MarkdownRenderer.inert(prompt), to: max(10, width - head.displayWidth)))
    }
    if mistakes.count > 30 {
      Console.line(style.dim(language.text("studyshell-views.in-all", "\(mistakes.count)")))
    }
    Console.line(language.text("studyshell-views.practise-only-these") + style.cyan("mistakes practice"))
    return mistakes
  }

  // MARK: Search

  func search(_ query: String) {
    let words = query.lowercased().split(separator: " ").map(String.init).filter { !$0.isEmpty }
    guard !words.isEmpty else {
      Console.line(language.text("studyshell-views.usage-search-words"))
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
        language.text("studyshell-views.nothing-found-for", "\(MarkdownRenderer.inert(query))"))
      return
    }
    var lines: [String] = []
    if !lessonHits.isEmpty {
      lines.append(style.bold(language.text("studyshell-views.lessons-2", "\(lessonHits.count)")))
      for hit in lessonHits { lines.append("  " + style.cyan(hit)) }
    }
    if !questionHits.isEmpty {
      lines.append(style.bold(language.text("studyshell-views.questions", "\(questionHits.count)")))
      for question in questionHits {
        let prompt = MarkdownRenderer.stripInline(question.prompt).replacingOccurrences(of: "\n", with: " ")
        let head = "  \(question.id)  "
        lines.append(
          head + TextWrapper.truncate(MarkdownRenderer.inert(prompt), to: max(10, width - head.displayWidth)))
      }
      let ids = questionHits.prefix(10).map(\.id).joined(separator: " ")
      lines.append(
        language.text("studyshell-views.practise-them") + style.cyan("practice \(ids)")
          + (questionHits.count > 10 ? style.dim(language.text("studyshell-views.the-first-10")) : ""))
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
      Console.line(style.dim(language.text("studyshell-views.switch-or-create-learner-name")))
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
          language.text("studyshell-views.no-learner-created-still", "\(learner.displayName)"))
        return
      }
      learner = try attempt { () throws(StoreError) in
        try store.createLearner(named: valid, displayName: nil, at: current)
      }
    }
    try attempt { () throws(StoreError) in try store.setLastLearner(learner) }
    reader.useHistory(file: Self.historyFile(for: learner, context: context))
    Console.line(language.text("studyshell-views.now-studying", "\(learner.displayName)"))
    try showDashboard()
  }
}
