import ArgumentParser
import QuizCore

/// `lessons`: the lessons of the course.
struct LessonsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons", abstract: Interface.text("help.lessons.1"))

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
        context.language.text("lessonscommand.read-a-lesson-recovery-trainer-read")))
  }
}

/// `read LESSON [SECTION]`: a lesson, rendered for the terminal.
struct ReadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "read", abstract: Interface.text("help.lessons.2"))

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp(Interface.text("help.lessons.3"), valueName: "lesson"))
  var lesson: String

  @Argument(help: ArgumentHelp(Interface.text("help.lessons.4"), valueName: "section"))
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
      Console.error(language.text("studyshell-practice.no-such-lesson", "\(lessonQuery)"))
      Console.error(language.text("lessonscommand.lessons") + course.lessons.map(\.id).joined(separator: ", "))
      throw ExitCode(64)
    }
    var target: Section?
    if let sectionQuery {
      guard let match = LessonViews.findSection(sectionQuery, in: found) else {
        Console.error(language.text("lessonscommand.no-such-section", "\(sectionQuery)"))
        Console.error(
          language.text("studyshell-practice.sections")
            + found.sections.map(\.title).joined(separator: language.text("list.separator")))
        throw ExitCode(64)
      }
      target = match
    }
    let views = LessonViews(
      course: course, language: language, style: context.style, width: context.terminal.width)
    for line in views.page(found, section: target) { Console.line(line) }
  }
}
