import Foundation
import QuizCore
import Testing

@testable import QuizContent

/// Moodle XML comes in from Moodle's own fixtures (`question/format/xml/tests/fixtures` and the
/// ordering type's), including its error cases, reported with a location, never crashed on.
@Suite struct MoodleXMLImportTests {
  static func read(_ text: String, file: String = "bank.xml") -> ImportedBank {
    MoodleXMLReader(file: file, lesson: "moodle").read(text)
  }

  static func fixture(_ name: String) throws -> ImportedBank {
    let text = try String(contentsOf: Fixtures.root.appendingPathComponent("moodle-xml/\(name)"), encoding: .utf8)
    return read(text, file: name)
  }

  static var fixtureNames: [String] {
    let folder = Fixtures.root.appendingPathComponent("moodle-xml").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }
      .sorted()
  }

  @Test(arguments: fixtureNames)
  func everyFixtureIsReadAndEveryFindingLocated(name: String) throws {
    let bank = try Self.fixture(name)
    for diagnostic in bank.diagnostics {
      #expect(diagnostic.file == name && diagnostic.line >= 1 && diagnostic.column >= 1)
    }
    for question in bank.questions { #expect(QuestionDecoder.isValidID(question.id)) }
    #expect(!bank.questions.isEmpty || !bank.diagnostics.isEmpty, "a file that gives nothing says why")
  }

  @Test func nestedCategoriesBecomeTagsAndEssaysArePersonGraded() throws {
    let bank = try Self.fixture("nested_categories_with_questions.xml")
    #expect(!bank.hasErrors, "\(bank.diagnostics)")
    #expect(bank.questions.map(\.type) == [.truefalse, .open, .truefalse, .truefalse, .truefalse])
    #expect(bank.questions.first?.prompt == "Testing Iota Question")
    #expect(bank.questions.first?.tags == ["Iota"])
    #expect(bank.questions[1].tags == ["Kappa"])
    #expect(bank.questions.first?.kind == .trueFalse(TrueFalse(answer: true)))
    guard case .open(let rubric) = bank.questions[1].kind else {
      Issue.record("\(bank.questions[1].kind)")
      return
    }
    #expect(rubric.isGradedByPerson)
    #expect(bank.questions[1].id == "moodle.kappa-essay-question")
  }

  @Test func idNumbersWithHTMLCharactersMakeValidIDs() throws {
    let bank = try Self.fixture("html_chars_in_idnumbers.xml")
    #expect(bank.questions.map(\.id) == ["t-f"])
  }

  @Test func invalidGradesAreAnErrorAtTheQuestion() throws {
    // Moodle refuses 33% (not one of its grades); here the positive fractions do not add up to 1.
    let bank = try Self.fixture("error_invalid_grades.xml")
    #expect(bank.questions.isEmpty)
    let error = try #require(bank.diagnostics.first { $0.severity == .error })
    #expect(error.line == 4)
    #expect(error.message.contains("add up to"), "\(error.message)")
  }

  @Test func clozeIsLeftOutWithAWarning() throws {
    for name in ["multianswer.xml", "broken_cloze_questions.xml"] {
      let bank = try Self.fixture(name)
      #expect(bank.questions.isEmpty)
      #expect(!bank.hasErrors)
      #expect(bank.diagnostics.contains { $0.problem == .interop(.unsupportedType("cloze")) })
    }
  }

  @Test func oldImageFieldsAreReported() throws {
    let bank = try Self.fixture("sample_questions_with_old_image_tag.xml")
    #expect(bank.questions.map(\.type) == [.single])
    #expect(bank.diagnostics.contains { $0.problem == .interop(.filesDropped(1)) })
  }

  @Test func orderingQuestionsKeepTheirOrder() throws {
    let bank = try Self.fixture("testimport.moodle.xml")
    #expect(!bank.hasErrors, "\(bank.diagnostics)")
    let question = try #require(bank.questions.first)
    #expect(question.id == "myid")
    #expect(question.prompt == "Put these words in order.")
    #expect(question.explanation == "The correct answer is \"Modular Object Oriented Dynamic Learning Environment\".")
    #expect(
      question.kind
        == .ordering(Ordering(items: ["Modular", "Object", "Oriented", "Dynamic", "Learning", "Environment"])))
  }

  @Test func orderingGradedByPositionIsReported() throws {
    let bank = try Self.fixture("testoldquestion.moodle.xml")
    #expect(bank.questions.first?.type == .ordering)
    #expect(bank.diagnostics.contains { $0.problem == .interop(.orderingGradingChanged("ABSOLUTE_POSITION")) })
  }

  @Test func anEmptyNameFallsBackToAGeneratedID() throws {
    let bank = try Self.fixture("testimportempty.moodle.xml")
    #expect(bank.questions.first?.id == "myid")
    let generated = Self.read(
      """
      <quiz><question type="truefalse"><name><text></text></name>
      <questiontext format="html"><text>逾期 90 天以上属于不良。</text></questiontext>
      <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
      </question></quiz>
      """)
    #expect(generated.questions.first?.id.hasPrefix("moodle.q-") == true)
  }

  /// The XML of Moodle's own import tests (`question/format/xml/tests/xmlformat_test.php`),
  /// each question in a `<quiz>`, with what those tests expect.
  static func moodleCase(_ name: String) throws -> ImportedBank {
    let url = Fixtures.root.appendingPathComponent("moodle-xml-inline/\(name).xml")
    return read(try String(contentsOf: url, encoding: .utf8), file: "\(name).xml")
  }

  @Test func moodlesOwnImportCases() throws {
    let essay = try #require(try Self.moodleCase("test_import_essay_21").questions.first)
    #expect(essay.prompt == "Write something." && essay.explanation == "I hope you wrote something interesting.")
    #expect(essay.kind == .open(Rubric(points: [], modelAnswer: "Grade **generously**!")))
    #expect(essay.tags == ["tagEssay", "tagEssay21", "tagTest"])
    let matching = try #require(try Self.moodleCase("test_import_match_19").questions.first)
    #expect(
      matching.kind
        == .matching(
          Matching(
            pairs: [.init(prompt: "A", answer: "a"), .init(prompt: "B", answer: "b"), .init(prompt: "C", answer: "c")],
            distractors: ["d"])))
    #expect(matching.explanation == "The answer is A -> a, B -> b and C -> c.")
    let numerical = try Self.moodleCase("test_import_numerical_19")
    #expect(
      numerical.questions.first?.kind
        == .numeric(
          NumericAnswer(answers: [
            AcceptedNumber(value: 42, tolerance: .absolute(0.001), feedback: "Well done!"),
            AcceptedNumber(value: 13, tolerance: .absolute(1), fraction: 0, feedback: "What were you thinking?!"),
          ])))
    #expect(numerical.diagnostics.contains { $0.problem == .interop(.catchAllDropped("Completely wrong.")) })
    let short = try #require(try Self.moodleCase("test_import_shortanswer_19").questions.first)
    #expect(short.prompt == "Fill in the gap in this sequence: Alpha, ________, Gamma.")
    #expect(
      short.kind
        == .short(
          ShortAnswer(answers: [
            .init(text: "Beta", feedback: "Well done!"), .init(text: "*", fraction: 0, feedback: "Doh!"),
          ])))
    let truth = try #require(try Self.moodleCase("test_import_truefalse_with_idnumber").questions.first)
    #expect(truth.id == "testidnum1")
    #expect(truth.kind == .trueFalse(TrueFalse(answer: true, feedbackTrue: "Well done!", feedbackFalse: "Doh!")))
    // A link to a file stored in Moodle keeps its text; the file does not come along, and says so.
    let files = try Self.moodleCase("test_import_truefalse_wih_files")
    #expect(files.questions.first?.prompt == "This text file contains the word Moodle.")
    #expect(files.diagnostics.contains { $0.problem == .interop(.filesDropped(1)) })
    // Two answers at 100% in a several-answer question: Moodle 5 refuses it on import too.
    let multichoice = try Self.moodleCase("test_import_multichoice_19")
    #expect(multichoice.questions.isEmpty)
    #expect(
      multichoice.diagnostics.first?.problem
        == .interop(.invalidQuestion("moodle.multiple-choice-question", .fractionsDoNotAddUp(2))))
    // A description and a cloze question are left out, each with its warning.
    #expect(
      try Self.moodleCase("test_import_description").diagnostics.map(\.problem) == [
        .interop(.descriptionSkipped("A description"))
      ])
    #expect(
      try Self.moodleCase("test_import_multianswer").diagnostics.map(\.problem) == [.interop(.unsupportedType("cloze"))]
    )
  }

  @Test func everyTypeWithItsFields() throws {
    let bank = Self.read(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <quiz>
        <question type="category"><category><text>$course$/top/催收/电话催收</text></category></question>
        <question type="multichoice">
          <name><text>Several</text></name>
          <questiontext format="html"><text><![CDATA[<p>哪些做法<strong>正确</strong>？</p>]]></text></questiontext>
          <generalfeedback format="html"><text>见课文。</text></generalfeedback>
          <defaultgrade>2.0000000</defaultgrade>
          <idnumber>mc.several</idnumber>
          <single>false</single>
          <answer fraction="50" format="html"><text>核实身份</text><feedback format="html"><text>对</text></feedback></answer>
          <answer fraction="50" format="html"><text>记录通话</text></answer>
          <answer fraction="-100" format="html"><text>威胁起诉</text><feedback><text>&lt;违法&gt;</text></feedback></answer>
          <tags><tag><text>合规</text></tag></tags>
        </question>
        <question type="shortanswer">
          <name><text>Short</text></name>
          <questiontext format="plain_text"><text>时效期间是几年？</text></questiontext>
          <usecase>1</usecase>
          <answer fraction="100"><text>3年</text></answer>
          <answer fraction="50"><text>三</text><feedback format="html"><text>要写单位</text></feedback></answer>
        </question>
        <question type="numerical">
          <name><text>Number</text></name>
          <questiontext format="markdown"><text>DSO 是多少天？</text></questiontext>
          <answer fraction="100"><text>30</text><tolerance>0.5</tolerance></answer>
          <answer fraction="0"><text>*</text><feedback><text>再算一遍</text></feedback></answer>
          <units><unit><multiplier>1</multiplier><unit_name>天</unit_name></unit></units>
        </question>
        <question type="matching">
          <name><text>Pairs</text></name>
          <questiontext format="html"><text>配对</text></questiontext>
          <subquestion format="html"><text>抵押</text><answer><text>实现抵押权</text></answer></subquestion>
          <subquestion format="html"><text>小额</text><answer><text>批量转让</text></answer></subquestion>
          <subquestion format="html"><text></text><answer><text>立即核销</text></answer></subquestion>
        </question>
        <question type="essay">
          <name><text>Essay</text></name>
          <questiontext format="html"><text>简述</text></questiontext>
          <graderinfo format="html"><text><![CDATA[<p>先核实本人。</p>]]></text></graderinfo>
        </question>
        <question type="description">
          <name><text>Intro</text></name>
          <questiontext format="html"><text>阅读案例</text></questiontext>
        </question>
      </quiz>
      """)
    #expect(!bank.hasErrors, "\(bank.diagnostics)")
    #expect(bank.questions.map(\.type) == [.multiple, .short, .numeric, .matching, .open])
    let several = bank.questions[0]
    #expect(several.id == "mc.several")
    #expect(several.prompt == "哪些做法**正确**？")
    #expect(several.explanation == "见课文。")
    #expect(several.weight == 2)
    #expect(several.tags == ["合规", "电话催收"])
    #expect(
      several.kind
        == .multiple(
          choices: [
            Choice(text: "核实身份", fraction: 0.5, hasExplicitFraction: true, feedback: "对"),
            Choice(text: "记录通话", fraction: 0.5, hasExplicitFraction: true),
            Choice(text: "威胁起诉", fraction: -1, hasExplicitFraction: true, feedback: "<违法>"),
          ], scoring: .fractions))
    #expect(
      bank.questions[1].kind
        == .short(
          ShortAnswer(
            answers: [AcceptedText(text: "3年"), AcceptedText(text: "三", fraction: 0.5, feedback: "要写单位")],
            caseSensitive: true)))
    #expect(
      bank.questions[2].kind
        == .numeric(NumericAnswer(answers: [AcceptedNumber(value: 30, tolerance: .absolute(0.5))], unit: "天")))
    #expect(
      bank.questions[3].kind
        == .matching(
          Matching(
            pairs: [MatchingPair(prompt: "抵押", answer: "实现抵押权"), MatchingPair(prompt: "小额", answer: "批量转让")],
            distractors: ["立即核销"])))
    #expect(bank.questions[4].kind == .open(Rubric(points: [], modelAnswer: "先核实本人。")))
    #expect(bank.diagnostics.contains { $0.problem == .interop(.catchAllDropped("再算一遍")) })
    #expect(bank.diagnostics.contains { $0.problem == .interop(.descriptionSkipped("Intro")) })
  }

  @Test(arguments: [
    ("<quiz><question type=\"truefalse\"><name><text>x</text></name>", 1, InteropProblem.xmlSyntax(code: 5)),
    (
      "<quiz>\n<question type=\"truefalse\">\n<questiontext><text>a &bogus; b</text></questiontext>\n</question></quiz>",
      3, .xmlSyntax(code: 26)
    ),
    (
      "<quiz>\n<question type=\"truefalse\">\n<questiontext><text>a</txt></questiontext>\n</question></quiz>", 3,
      .xmlSyntax(code: 76)
    ),
    ("<questions><question/></questions>", 1, .notMoodleXML(root: "questions")),
    (
      "<quiz>\n  <question type=\"multichoice\"><name><text>x</text></name></question>\n</quiz>", 2,
      .missingElement("questiontext")
    ),
    (
      "<quiz>\n<question type=\"multichoice\"><questiontext><text>q</text></questiontext>\n<answer fraction=\"lots\"><text>a</text></answer></question></quiz>",
      3, .notANumber(field: "answer fraction", "lots")
    ),
  ])
  func malformedIsLocated(text: String, line: Int, problem: InteropProblem) {
    let bank = Self.read(text)
    #expect(bank.questions.isEmpty)
    let error = bank.diagnostics.first { $0.severity == .error }
    #expect(error?.line == line, "\(bank.diagnostics)")
    #expect(error?.problem == .interop(problem))
  }
}
