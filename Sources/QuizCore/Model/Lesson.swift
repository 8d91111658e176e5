/// One lesson: a Markdown text with a title, objectives and sections.
public struct Lesson: Sendable, Hashable {
  /// The lesson id, `[a-z0-9.-]+`.
  public var id: String
  /// The title shown in menus and prompts.
  public var title: String
  /// What a learner can do after the lesson.
  public var objectives: [String]
  /// Estimated reading time in minutes.
  public var minutes: Int
  /// The Markdown body, without the front matter.
  public var body: String
  /// The headings of the body, in order; questions point at them by title.
  public var sections: [Section]

  /// Creates a lesson from its parts.
  public init(
    id: String, title: String, objectives: [String], minutes: Int, body: String,
    sections: [Section]
  ) {
    self.id = id
    self.title = title
    self.objectives = objectives
    self.minutes = minutes
    self.body = body
    self.sections = sections
  }

  /// The section with exactly this heading text, if there is one.
  public func section(titled title: String) -> Section? {
    sections.first { $0.title == title }
  }
}

/// A heading in a lesson, the unit that questions and `read LESSON SECTION` point to.
public struct Section: Sendable, Hashable {
  /// The heading text, without the `#` marks.
  public var title: String
  /// The heading level, 1 for `#` to 6.
  public var level: Int
  /// The line of the heading in the body (1-based, counted in the body).
  public var line: Int

  /// Creates a section.
  public init(title: String, level: Int, line: Int) {
    self.title = title
    self.level = level
    self.line = line
  }
}

/// A reference to a lesson section, written `lesson-id#heading text`.
public struct SectionReference: Sendable, Hashable, CustomStringConvertible {
  /// The lesson id.
  public var lesson: String
  /// The heading text, or `nil` for the whole lesson.
  public var heading: String?

  /// Creates a reference.
  public init(lesson: String, heading: String?) {
    self.lesson = lesson
    self.heading = heading
  }

  /// Parses `lesson-id#heading`; the part after `#` is optional.
  public init?(parsing text: String) {
    let trimmed = text.trimmingSpaces()
    guard !trimmed.isEmpty else { return nil }
    if let hash = trimmed.firstIndex(of: "#") {
      let lesson = String(trimmed[..<hash]).trimmingSpaces()
      let heading = String(trimmed[trimmed.index(after: hash)...]).trimmingSpaces()
      guard !lesson.isEmpty else { return nil }
      self.init(lesson: lesson, heading: heading.isEmpty ? nil : heading)
    } else {
      self.init(lesson: trimmed, heading: nil)
    }
  }

  /// The reference as written in content files: `lesson-id#heading`.
  public var description: String {
    heading.map { "\(lesson)#\($0)" } ?? lesson
  }
}
