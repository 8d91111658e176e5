import Foundation
import PropertyBased
import QuizCore
import Testing

@testable import QuizContent

/// Export then import gives the same questions, for every type a format can express; what it
/// cannot express is reported by question id, never dropped silently.
@Suite struct InteropRoundTripTests {
  static let giftTypes: [QuestionType] = [.single, .multiple, .truefalse, .short, .numeric, .matching, .open]

  @Test func randomQuestionsSurviveGIFT() async {
    await propertyCheck(count: 400, input: Gen.int(in: 0...Int.max)) { seed in
      var random = RandomQuestions(seed: UInt64(seed), reach: .gift)
      let questions = (0..<3).map { _ in random.question(random.pick(Self.giftTypes), lesson: "basics") }
      let (text, problems) = GIFTWriter.write(questions)
      #expect(problems.isEmpty, "\(problems)")
      let bank = GIFTReader(file: "round.gift", lesson: "basics").read(text)
      #expect(!bank.hasErrors, "\(bank.diagnostics)\n\(text)")
      #expect(bank.questions.count == questions.count, "\(text)")
      for (original, back) in zip(questions, bank.questions) {
        #expect(back == original, "\(text)")
      }
    }
  }

  @Test func randomQuestionsSurviveMoodleXML() async {
    await propertyCheck(count: 400, input: Gen.int(in: 0...Int.max)) { seed in
      var random = RandomQuestions(seed: UInt64(seed), reach: .moodleXML)
      // Moodle has no call simulations (they are left out, and reported, by the writer).
      let types = QuestionType.allCases.filter { $0 != .scenario }
      let questions = (0..<3).map { _ in random.question(random.pick(types), lesson: "basics") }
      let (text, problems) = MoodleXMLWriter.write(questions)
      #expect(problems.isEmpty, "\(problems)")
      let bank = MoodleXMLReader(file: "round.xml", lesson: "basics").read(text)
      #expect(!bank.hasErrors, "\(bank.diagnostics)\n\(text)")
      #expect(bank.questions.count == questions.count, "\(text)")
      for (original, back) in zip(questions, bank.questions) {
        #expect(back == original, "\(text)")
      }
    }
  }

  @Test func theBuiltInCourseSurvivesBothFormatsAsFarAsTheyReach() throws {
    let folder = try CourseLoader.locateCourse(in: Fixtures.builtInContent.path)
    let course = try #require(CourseLoader().load(folder: folder).course)
    for format in ["gift", "xml"] {
      let (text, problems) =
        format == "gift" ? GIFTWriter.write(course.questions) : MoodleXMLWriter.write(course.questions)
      let bank =
        format == "gift"
        ? GIFTReader(file: "all", lesson: "x").read(text) : MoodleXMLReader(file: "all", lesson: "x").read(text)
      #expect(!bank.hasErrors, "\(format): \(bank.diagnostics.prefix(3))")
      let skipped = problems.filter { if case .notExpressible(_, _, true) = $0 { true } else { false } }.count
      #expect(bank.questions.count == course.questions.count - skipped, "\(format)")
      // Every question that went out says what it lost, or comes back with the same prompt,
      // explanation and answers.
      let back = Dictionary(uniqueKeysWithValues: bank.questions.map { ($0.id, $0) })
      for question in course.questions {
        guard let returned = back[question.id] else { continue }
        #expect(returned.prompt == question.prompt && returned.explanation == question.explanation, "\(question.id)")
        let lossy = problems.contains { if case .notExpressible(question.id, _, _) = $0 { true } else { false } }
        if !lossy { #expect(returned.kind == question.kind, "\(format) \(question.id)") }
      }
    }
  }

  @Test func theYAMLWriterRoundTripsRandomQuestions() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
      var random = RandomQuestions(seed: UInt64(seed), reach: .moodleXML)
      let questions = QuestionType.allCases.map { random.question($0, lesson: "basics") }
      let text = QuestionBankWriter.yaml(questions)
      let (read, diagnostics) = CourseLoader.parseQuestionBank(text, file: "q.yaml")
      #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)\n\(text)")
      #expect(read == questions, "\(text)")
    }
  }

  @Test func theBuiltInCourseSurvivesTheYAMLWriter() throws {
    let folder = try CourseLoader.locateCourse(in: Fixtures.builtInContent.path)
    let course = try #require(CourseLoader().load(folder: folder).course)
    let text = QuestionBankWriter.yaml(course.questions, defaults: course.defaults)
    let rules = course.questions.flatMap { question -> [ComplianceRule] in
      if case .scenario(let scenario) = question.kind { return scenario.rules }
      return []
    }
    let (read, diagnostics) = CourseLoader.parseQuestionBank(
      text, file: "all.yaml", defaults: course.defaults, rules: RuleTable(rules))
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.prefix(3))")
    #expect(read.count == course.questions.count)
    for (original, back) in zip(course.questions, read) { #expect(back == original, "\(original.id)") }
  }

  @Test func giftReportsWhatItCannotSay() throws {
    let ordering = Question(
      id: "o.steps", lesson: "l", prompt: "排序", explanation: "因为", kind: .ordering(Ordering(items: ["一", "二"])))
    var rubric = Question(
      id: "o.essay", lesson: "l", prompt: "简述", explanation: "见课文",
      kind: .open(Rubric(points: [RubricPoint(text: "电话", keywords: [["电话"]])], modelAnswer: "电话催收")))
    rubric.difficulty = 2
    rubric.source = SectionReference(lesson: "l", heading: "电话催收")
    let numeric = Question(
      id: "o.days", lesson: "l", prompt: "天数", explanation: "算", weight: 2,
      kind: .numeric(NumericAnswer(answers: [AcceptedNumber(value: 30, tolerance: .relative(percent: 10))], unit: "天")))
    let (text, problems) = GIFTWriter.write([ordering, rubric, numeric])
    #expect(problems.contains(.notExpressible("o.steps", [.ordering], skipped: true)))
    #expect(problems.contains(.notExpressible("o.essay", [.difficulty, .source, .rubric], skipped: false)))
    #expect(problems.contains(.notExpressible("o.days", [.weight, .unit], skipped: false)))
    #expect(!text.contains("o.steps"))
    // A relative tolerance goes out as the margin it allows around the value.
    let back = GIFTReader(file: "x", lesson: "l").read(text)
    #expect(
      back.questions.last?.kind
        == .numeric(NumericAnswer(answers: [AcceptedNumber(value: 30, tolerance: .absolute(3))])))
  }

  @Test func partialScoringGoesOutAsFractionsThatScoreTheSame() async throws {
    await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in
      var random = RandomQuestions(seed: UInt64(seed), reach: .gift)
      let right = random.int(2...5)
      let count = right + random.int(1...3)
      let choices = (0..<count).map { Choice(text: "选项\($0)", fraction: $0 < right ? 1 : 0) }
      let question = Question(
        id: "p.partial", lesson: "l", prompt: "哪些？", explanation: "因为",
        kind: .multiple(choices: choices, scoring: .partial))
      let (text, problems) = GIFTWriter.write([question])
      #expect(problems.allSatisfy { if case .notAMoodleGrade = $0 { right > 10 } else { false } })
      let back = try #require(GIFTReader(file: "x", lesson: "l").read(text).questions.first)
      // Every set of picks scores the same before and after.
      let picks = Set((0..<count).filter { _ in random.bool() })
      #expect(
        abs(Grader.grade(.choices(picks), for: back).fraction - Grader.grade(.choices(picks), for: question).fraction)
          < Credit.tolerance, "\(picks) \(text)")
    }
  }

  @Test func anArrowInAnAnswerLeavesTheQuestionOutAndSaysSo() {
    let question = Question(
      id: "p.arrow", lesson: "l", prompt: "流程？", explanation: "因为",
      kind: .single(choices: [.init(text: "催收 -> 起诉", fraction: 1), .init(text: "直接起诉", fraction: 0)]))
    let (text, problems) = GIFTWriter.write([question])
    #expect(problems == [.notExpressible("p.arrow", [.arrowInAnswer], skipped: true)])
    #expect(!text.contains("p.arrow"))
    // Moodle XML has no such limit.
    let xml = MoodleXMLWriter.write([question])
    #expect(xml.problems.isEmpty)
    #expect(MoodleXMLReader(file: "x", lesson: "l").read(xml.text).questions.first?.kind == question.kind)
  }

  @Test func allOrNothingIsReported() {
    let question = Question(
      id: "p.all", lesson: "l", prompt: "哪些？", explanation: "因为",
      kind: .multiple(
        choices: [.init(text: "a", fraction: 1), .init(text: "b", fraction: 1), .init(text: "c", fraction: 0)],
        scoring: .allOrNothing))
    #expect(GIFTWriter.write([question]).problems.contains(.notExpressible("p.all", [.scoringMode], skipped: false)))
  }

  @Test func fractionsMoodleRefusesAreWarnedAbout() {
    let question = Question(
      id: "p.odd", lesson: "l", prompt: "哪个？", explanation: "因为",
      kind: .single(choices: [
        .init(text: "a", fraction: 1), .init(text: "b", fraction: 0.33, hasExplicitFraction: true),
      ]))
    #expect(GIFTWriter.write([question]).problems == [.notAMoodleGrade("p.odd", 0.33)])
  }
}
