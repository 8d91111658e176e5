/// A course: lessons in study order and the question bank that goes with them.
///
/// A course is a plain value. It is built by `QuizContent` from the files in
/// `content/<course-id>/` and never changes while the program runs.
public struct Course: Sendable, Hashable {
  /// The course id, `[a-z0-9.-]+`.
  public var id: String
  /// The title shown on the start screen.
  public var title: String
  /// The version of the content, stored with every session.
  public var version: String
  /// An optional one-paragraph description.
  public var description: String?
  /// Values used when a question leaves a field out.
  public var defaults: CourseDefaults
  /// The lessons, in the order of `course.yaml`.
  public var lessons: [Lesson]
  /// Every question of the course, in file order.
  public var questions: [Question]
  /// The exam blueprints, by id.
  public var exams: [ExamBlueprint] = []

  /// Creates a course from its parts.
  public init(
    id: String, title: String, version: String, description: String? = nil,
    defaults: CourseDefaults = CourseDefaults(), lessons: [Lesson], questions: [Question]
  ) {
    self.id = id
    self.title = title
    self.version = version
    self.description = description
    self.defaults = defaults
    self.lessons = lessons
    self.questions = questions
  }

  /// The lesson with the given id, if the course has one.
  public func lesson(withID id: String) -> Lesson? {
    lessons.first { $0.id == id }
  }

  /// The question with the given id, if the course has one.
  public func question(withID id: String) -> Question? {
    questions.first { $0.id == id }
  }

  /// The exam with the given id, if the course has one.
  public func exam(withID id: String) -> ExamBlueprint? {
    exams.first { $0.id == id }
  }

  /// The questions that belong to a lesson, in file order.
  public func questions(in lessonID: String) -> [Question] {
    questions.filter { $0.lesson == lessonID }
  }
}

/// Values a course applies to questions that do not set them.
public struct CourseDefaults: Sendable, Hashable {
  /// The difficulty of a question without one, 1–3.
  public var difficulty: Int
  /// The scoring rule of a `multiple` question without one.
  public var scoring: MultipleScoring

  /// Creates defaults; the built-in values are difficulty 1 and partial scoring.
  public init(difficulty: Int = 1, scoring: MultipleScoring = .partial) {
    self.difficulty = difficulty
    self.scoring = scoring
  }
}
