import ArgumentParser
import QuizCore

/// `lessons`: the lessons of the course.
struct LessonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons", abstract: "List the lessons of the course.")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let context = AppContext(global)
    let course = try context.loadCourse()
    let views = LessonViews(
      course: course, language: context.language, style: context.style, width: context.terminal.width)
    Console.line(views.courseLine())
    for line in views.lessonList() { Console.line(line) }
    Console.line(
      context.style.dim(
        context.language.pick(
          "阅读一课：recovery-trainer read <课程编号或 id>",
          "Read a lesson: recovery-trainer read <number or id>")))
  }
}

/// `read LESSON [SECTION]`: a lesson, rendered for the terminal.
struct ReadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "read", abstract: "Show a lesson, or one section of it.")

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("The lesson: its id, its number, or lesson-id#heading.", valueName: "lesson"))
  var lesson: String

  @Argument(help: ArgumentHelp("A section: its heading, its number, or part of its heading.", valueName: "section"))
  var section: String?

  func run() throws {
    let context = AppContext(global)
    let course = try context.loadCourse()
    let language = context.language
    var lessonQuery = lesson
    var sectionQuery = section
    if sectionQuery == nil, let reference = SectionReference(parsing: lesson), reference.heading != nil {
      lessonQuery = reference.lesson
      sectionQuery = reference.heading
    }
    guard let found = LessonViews.findLesson(lessonQuery, in: course) else {
      Console.error(language.pick("没有这一课：\(lessonQuery)。", "No such lesson: \(lessonQuery)."))
      Console.error(language.pick("可选：", "Lessons: ") + course.lessons.map(\.id).joined(separator: ", "))
      throw ExitCode(64)
    }
    var target: Section?
    if let sectionQuery {
      guard let match = LessonViews.findSection(sectionQuery, in: found) else {
        Console.error(language.pick("这一课没有小节：\(sectionQuery)。", "No such section: \(sectionQuery)."))
        Console.error(language.pick("小节：", "Sections: ") + found.sections.map(\.title).joined(separator: "、"))
        throw ExitCode(64)
      }
      target = match
    }
    let views = LessonViews(
      course: course, language: language, style: context.style, width: context.terminal.width)
    for line in views.page(found, section: target) { Console.line(line) }
  }
}
