import Foundation
import QuizCore
import Testing

@testable import QuizContent

/// Aiken comes in as Moodle reads it, with Moodle's own error file reported at its lines.
@Suite struct AikenImportTests {
  static func read(_ text: String) -> ImportedBank { AikenReader(file: "bank.txt", lesson: "aiken").read(text) }

  @Test func moodleErrorFixture() throws {
    let text = try String(
      contentsOf: Fixtures.root.appendingPathComponent("moodle-aiken/aiken_errors.txt"), encoding: .utf8)
    let bank = Self.read(text)
    #expect(
      bank.questions.map(\.prompt) == [
        "A good question", "A second good question", "A third good question with HTML chars such as > < &",
      ])
    #expect(
      bank.questions.map(\.kind) == [
        .single(choices: [.init(text: "Correct", fraction: 1), .init(text: "Incorrect", fraction: 0)]),
        .single(choices: [
          .init(text: "Incorrect (No space)", fraction: 0), .init(text: "Correct (No space)", fraction: 1),
        ]),
        .single(choices: [.init(text: "Correct (< > &)", fraction: 1), .init(text: "Incorrect (< > &)", fraction: 0)]),
      ])
    let errors = bank.diagnostics.filter { $0.severity == .error }
    #expect(errors.map(\.line) == [3, 5, 7, 18])
    #expect(
      errors.map(\.problem) == [
        .interop(.aikenTooFewOptions), .interop(.aikenNotStarted), .interop(.aikenNotStarted),
        .interop(.aikenNoAnswer),
      ])
  }

  @Test func moodleQuestionsFixture() throws {
    let text = try String(
      contentsOf: Fixtures.root.appendingPathComponent("moodle-aiken/questions.aiken.txt"), encoding: .utf8)
    let bank = Self.read(text)
    #expect(!bank.hasErrors, "\(bank.diagnostics)")
    #expect(!bank.questions.isEmpty)
    #expect(bank.questions.allSatisfy { $0.type == .single })
  }

  @Test func anAnswerThatIsNoOptionAndAQuestionLeftOpenAreErrors() {
    let bank = Self.read("逾期多少天算不良？\nA. 30 天\nB. 90 天\nANSWER: D\n\n催收时可以联系谁？\nA) 借款人本人\nB) 邻居")
    #expect(bank.questions.isEmpty)
    #expect(
      bank.diagnostics.filter { $0.severity == .error }.map(\.problem) == [
        .interop(.aikenAnswerNotAnOption("D")), .interop(.aikenNoAnswer),
      ])
  }

  @Test func chineseQuestionsGetGeneratedIDsAndPlaceholderExplanations() throws {
    let bank = Self.read("逾期多少天算不良？\nA. 30 天\nB. 90 天\nANSWER: B\n")
    let question = try #require(bank.questions.first)
    #expect(question.id.hasPrefix("aiken.q-"))
    #expect(question.explanation == ImportAssembler.missingExplanation)
    #expect(
      bank.diagnostics.contains { $0.severity == .warning && $0.problem == .interop(.noGeneralFeedback(question.id)) })
  }
}
