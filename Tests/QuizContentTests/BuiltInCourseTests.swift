import Foundation
import QuizContent
import QuizCore
import Testing

/// The built-in loan-recovery course: clean under `--strict`, and as complete as promised.
@Suite struct BuiltInCourseTests {
  static let result: CourseLoadResult = {
    let folder = try! CourseLoader.locateCourse(in: Fixtures.builtInContent.path)
    return CourseLoader().load(folder: folder)
  }()

  static var course: Course { result.course! }

  static let coreLessons = [
    "credit-assessment", "receivables-policy", "overdue-management", "recovery-methods", "disposal",
    "legal-procedures", "compliant-collection",
  ]

  @Test func loadsWithoutErrorsOrWarnings() {
    #expect(Self.result.diagnostics.map(\.description) == [])
    #expect(Self.result.course != nil)
  }

  @Test func hasTheLessonsInOrder() {
    #expect(Self.course.lessons.map(\.id) == Self.coreLessons + ["post-class-test"])
  }

  @Test(arguments: coreLessons)
  func eachCoreLessonHasEnoughTextAndQuestions(_ id: String) throws {
    let lesson = try #require(Self.course.lesson(withID: id))
    let han = lesson.body.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
    #expect((1_500...5_000).contains(han), "\(id) has \(han) Chinese characters")
    #expect(Self.course.questions(in: id).count >= 24)
    #expect((3...6).contains(lesson.objectives.count))
    #expect(lesson.sections.contains { $0.title == "小结" }, "\(id) needs a summary section")
  }

  @Test func hasEnoughQuestionsOfEveryType() {
    let minimum: [QuestionType: Int] = [
      .single: 40, .multiple: 30, .truefalse: 25, .short: 12, .numeric: 15, .matching: 10, .ordering: 10,
      .open: 10,
    ]
    let counts = Dictionary(grouping: Self.course.questions, by: \.type).mapValues(\.count)
    for (type, needed) in minimum {
      #expect(counts[type, default: 0] >= needed, "\(type.rawValue): \(counts[type, default: 0]) < \(needed)")
    }
  }

  @Test func everyQuestionTeachesAndPointsToASection() {
    for question in Self.course.questions {
      #expect(question.explanation.count >= 20, "\(question.id): explanation too short to teach")
      #expect(question.source?.heading != nil, "\(question.id): no source section")
      #expect(!question.tags.isEmpty, "\(question.id): no tags")
      switch question.kind {
      case .single(let choices), .multiple(let choices, _):
        for choice in choices {
          #expect(choice.feedback != nil, "\(question.id): choice “\(choice.text)” has no feedback")
        }
      default: break
      }
    }
  }

  @Test func everyHeadingIsReferencedByAQuestion() {
    let referenced = Set(Self.course.questions.compactMap { $0.source?.description })
    for lesson in Self.course.lessons {
      for section in lesson.sections {
        #expect(referenced.contains("\(lesson.id)#\(section.title)"), "\(lesson.id)#\(section.title) has no question")
      }
    }
  }

  @Test func theFourSeedPostClassQuestionsAreOpenQuestions() throws {
    let seed: [(id: String, words: [String])] = [
      ("pt.recovery-routes", ["回收", "途径", "流程"]),
      ("pt.disposal-routes", ["处置", "途径", "场景"]),
      ("pt.when-legal-action", ["法律行动", "两种", "还款"]),
      ("pt.settlement-role", ["和解协议", "作用", "法律行动"]),
    ]
    for (id, words) in seed {
      let question = try #require(Self.course.question(withID: id))
      guard case .open(let rubric) = question.kind else {
        Issue.record("\(id) is not an open question")
        continue
      }
      #expect(question.lesson == "post-class-test")
      #expect((4...6).contains(rubric.points.count), "\(id) has \(rubric.points.count) rubric points")
      #expect(!rubric.misconceptions.isEmpty)
      for word in words { #expect(question.prompt.contains(word), "\(id) prompt lacks “\(word)”") }
    }
  }

  @Test func openModelAnswersCoverTheirOwnRubric() {
    for question in Self.course.questions {
      guard case .open(let rubric) = question.kind else { continue }
      let grade = Grader.grade(.text(rubric.modelAnswer), for: question)
      for point in grade.rubric?.points ?? [] where !point.covered {
        Issue.record("\(question.id): model answer misses “\(rubric.points[point.point].text)”")
      }
      for found in grade.rubric?.found ?? [] {
        Issue.record("\(question.id): model answer triggers “\(rubric.misconceptions[found.misconception].feedback)”")
      }
      #expect(grade.fraction == 1, "\(question.id)")
    }
  }

  @Test func hashesAreStableAndDistinct() {
    let hashes = Self.course.questions.map(CourseJSON.hash(of:))
    #expect(Set(hashes).count == hashes.count)
    #expect(hashes.allSatisfy { $0.count == 64 })
    var edited = Self.course.questions[0]
    #expect(CourseJSON.hash(of: edited) == hashes[0])
    edited.explanation += "。"
    #expect(CourseJSON.hash(of: edited) != hashes[0])
  }

  @Test func everyQuestionsKeyScoresFullMarksTypedOnAShuffledScreen() {
    var generator = SystemRandomNumberGenerator()
    for question in Self.course.questions {
      let layout = Layout.shuffled(for: question, using: &generator)
      guard let correct = ResponseFormatter.correctResponse(for: question) else {
        if case .open(let rubric) = question.kind {
          #expect(Grader.grade(.text(rubric.modelAnswer), for: question).outcome == .correct, "\(question.id)")
        }
        continue
      }
      let typed = ResponseFormatter.typed(correct, for: question, layout: layout)
      let parsed = try? AnswerParser.parse(typed, for: question, layout: layout).get()
      #expect(parsed.map { Grader.grade($0, for: question).outcome } == .correct, "\(question.id): “\(typed)”")
    }
  }

  @Test func theCertificationExamDrawsAboutThirtyQuestionsWithAnOpenOne() throws {
    let exam = try #require(Self.course.exam(withID: "certification"))
    #expect((28...32).contains(exam.questionCount))
    #expect(exam.timeLimit == 45 * 60 && exam.passMark == 0.8 && exam.proctored)
    #expect(exam.manualGrading == [.open] && exam.feedback == .afterGrading)
    let ids = try ExamDraw.draw(exam, from: Self.course.questions, seed: 7).get()
    let types = ids.compactMap { Self.course.question(withID: $0)?.type }
    #expect(types.contains(.open))
    #expect(Set(ids).count == ids.count)
  }
}
