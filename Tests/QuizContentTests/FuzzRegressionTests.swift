import Foundation
import QuizContent
import QuizCore
import Testing

/// Replays the inputs kept from fuzzing: each must end in questions, a lesson or located
/// errors (never a crash), and grades must stay in range.
@Suite struct FuzzRegressionTests {
  static func inputs(_ target: String) -> [URL] {
    let folder = Fixtures.root.appendingPathComponent("fuzz-regressions/\(target)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().map { folder.appendingPathComponent($0) }
  }

  @Test func questionBanks() throws {
    let files = Self.inputs("bank")
    #expect(!files.isEmpty)
    for file in files {
      let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      let (_, diagnostics) = CourseLoader.parseQuestionBank(text, file: file.lastPathComponent)
      #expect(diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 }, "\(file.lastPathComponent)")
      #expect(diagnostics.contains { $0.severity == .error }, "\(file.lastPathComponent) is a known-bad input")
    }
  }

  @Test func lessons() throws {
    let files = Self.inputs("lesson")
    #expect(!files.isEmpty)
    for file in files {
      let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      let (lesson, diagnostics) = CourseLoader.parseLesson(text, file: file.lastPathComponent)
      #expect(lesson != nil || !diagnostics.isEmpty, "\(file.lastPathComponent)")
      _ = MarkdownDocument(parsing: text)
    }
  }

  @Test func typedAnswers() throws {
    let files = Self.inputs("answers")
    #expect(!files.isEmpty)
    let course = BuiltInCourseTests.course
    let samples = QuestionType.allCases.compactMap { type in course.questions.first { $0.type == type } }
    for file in files {
      let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      for question in samples {
        if case .success(let response) = AnswerParser.parse(text, for: question) {
          let grade = Grader.grade(response, for: question)
          #expect((0...1).contains(grade.fraction), "\(file.lastPathComponent) on \(question.id)")
        }
      }
    }
  }
}
