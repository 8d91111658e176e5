import QuizContent
import QuizCore

/// The lesson list and the lesson page, shared by the subcommands and the REPL.
struct LessonViews {
  var course: Course
  var language: Language
  var style: Style
  var width: Int

  /// The course header line.
  func courseLine() -> String {
    language.text(
      "lessonviews.course-lessons-questions-version", "\(course.title)", "\(course.lessons.count)",
      "\(course.questions.count)", "\(course.version)")
  }

  /// One line per lesson: number, id, title, minutes, questions.
  func lessonList() -> [String] {
    let idWidth = course.lessons.map(\.id.displayWidth).max() ?? 0
    let minutesLabel = language.text("lessonviews.min")
    let questionsLabel = language.text("lessonviews.q")
    let tail = { (lesson: Lesson) in
      "\(lesson.minutes) \(minutesLabel) · \(course.questions(in: lesson.id).count) \(questionsLabel)"
    }
    let tailWidth = course.lessons.map { tail($0).displayWidth }.max() ?? 0
    let longestTitle = course.lessons.map(\.title.displayWidth).max() ?? 0
    let titleWidth = min(longestTitle, max(8, width - 2 - 3 - idWidth - 2 - 2 - tailWidth))
    var lines: [String] = []
    for (index, lesson) in course.lessons.enumerated() {
      let number = TextWrapper.pad(String(index + 1), to: 2)
      let id = style.cyan(TextWrapper.pad(lesson.id, to: idWidth))
      let title = TextWrapper.pad(TextWrapper.truncate(lesson.title, to: titleWidth), to: titleWidth)
      lines.append("  \(number) \(id)  \(title)  \(style.dim(tail(lesson)))")
    }
    return lines
  }

  /// The lesson page: title, objectives, then the body or one section of it.
  func page(_ lesson: Lesson, section: Section? = nil) -> [String] {
    paged(lesson, section: section).lines
  }

  /// The lesson page, with where each section on it ends: a section counts as read once
  /// `ends[title]` lines of the page have been shown.
  func paged(_ lesson: Lesson, section: Section? = nil) -> (lines: [String], ends: [String: Int]) {
    let renderer = MarkdownRenderer(width: width, style: style)
    var lines = [
      style.heading(lesson.title)
        + style.dim("  (\(lesson.id) · \(lesson.minutes) \(language.text("lessonviews.min")))")
    ]
    if section == nil {
      lines.append("")
      lines.append(style.bold(language.text("lessonviews.objectives")))
      for objective in lesson.objectives {
        lines += renderer.wrapped(objective, indent: "    ", first: "  • ")
      }
    }
    let document = MarkdownDocument(parsing: Self.body(of: lesson, section: section))
    lines.append("")
    // Sections in the order their headings come; each ends where the next heading of the
    // same or a higher level starts.
    var remaining = lesson.sections[...]
    if let section, let start = lesson.sections.firstIndex(of: section) { remaining = lesson.sections[start...] }
    var open: [(section: Section, start: Int)] = []
    var ends: [String: Int] = [:]
    var rendered: [String] = []
    for block in document.blocks {
      if case .heading(let level, let text, _) = block,
        let index = remaining.firstIndex(where: {
          $0.level == level && MarkdownRenderer.stripInline($0.title) == MarkdownRenderer.stripInline(text)
        })
      {
        while let last = open.last, last.section.level >= level {
          ends[last.section.title] = lines.count + rendered.count
          open.removeLast()
        }
        open.append((lesson.sections[index], lines.count + rendered.count))
        remaining = lesson.sections[(index + 1)...]
      }
      if !rendered.isEmpty { rendered.append("") }
      rendered += renderer.render(block)
    }
    lines += rendered
    for entry in open { ends[entry.section.title] = lines.count }
    if let section, ends[section.title] == nil { ends[section.title] = lines.count }
    return (lines, ends)
  }

  /// The Markdown of a whole lesson or of one section (up to the next heading of the same or a higher level).
  static func body(of lesson: Lesson, section: Section?) -> String {
    guard let section else { return lesson.body }
    let lines = lesson.body.split(separator: "\n", omittingEmptySubsequences: false)
    let start = max(0, section.line - 1)
    guard start < lines.count else { return "" }
    let next = lesson.sections.first { $0.line > section.line && $0.level <= section.level }
    let end = min(lines.count, (next?.line ?? lines.count + 1) - 1)
    return lines[start..<max(start, end)].joined(separator: "\n")
  }

  /// Finds a lesson by id, by number in the course, or by a unique id prefix.
  static func findLesson(_ query: String, in course: Course) -> Lesson? {
    let query = query.trimmingSpaces()
    if let lesson = course.lesson(withID: query) { return lesson }
    if let number = Int(query), number >= 1, number <= course.lessons.count { return course.lessons[number - 1] }
    let matches = course.lessons.filter { $0.id.hasPrefix(query) || $0.title == query }
    return matches.count == 1 ? matches[0] : nil
  }

  /// Finds a section by exact heading, by number, or by a unique part of its heading.
  static func findSection(_ query: String, in lesson: Lesson) -> Section? {
    let query = query.trimmingSpaces()
    if let section = lesson.section(titled: query) { return section }
    if let number = Int(query), number >= 1, number <= lesson.sections.count { return lesson.sections[number - 1] }
    let matches = lesson.sections.filter { $0.title.contains(query) }
    return matches.count == 1 ? matches[0] : nil
  }
}
