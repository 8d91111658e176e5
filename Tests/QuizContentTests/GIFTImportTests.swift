import Foundation
import QuizCore
import Testing

@testable import QuizContent

/// GIFT comes in with Moodle's semantics: the cases of Moodle's own GIFT tests
/// (`question/format/gift/tests/giftformat_test.php`, expectations transcribed), its fixture
/// files and `examples.txt`, and malformed files reported with their line and column.
@Suite struct GIFTImportTests {
  static func read(_ text: String, file: String = "bank.gift", taken: Set<String> = []) -> ImportedBank {
    GIFTReader(file: file, lesson: "moodle", taken: taken).read(text)
  }

  static func fixture(_ name: String) throws -> String {
    try String(contentsOf: Fixtures.root.appendingPathComponent("moodle-gift/\(name)"), encoding: .utf8)
  }

  static func only(_ text: String) throws -> Question {
    let bank = read(text)
    #expect(!bank.hasErrors, "\(bank.diagnostics)")
    #expect(bank.questions.count == 1, "\(bank.questions.map(\.id))")
    return try #require(bank.questions.first)
  }

  // MARK: Moodle's unit test cases

  @Test func essay() throws {
    let question = try Self.only("\n// essay\n::Q8:: How are you? {}")
    #expect(question.prompt == "How are you?")
    guard case .open(let rubric) = question.kind else {
      Issue.record("not open: \(question.kind)")
      return
    }
    #expect(rubric.isGradedByPerson)
    #expect(question.id == "moodle.q8")
    // Without general feedback the explanation is a placeholder for the author.
    #expect(question.explanation == ImportAssembler.missingExplanation)
  }

  @Test func matchingWithFormatsAndADistractor() throws {
    let question = try Self.only(
      """

      // question: 2  name: Moodle activities
      ::Moodle activities::[html]Match the <b>activity</b> to the description.{
          =[html]An activity supporting asynchronous discussions. -> Forum
          =[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice
          =[plain]A bank of record entries which participants can add to. -> Database
          =[markdown]A collection of web pages that anyone can add to or edit. -> Wiki
          = -> Chat
      }
      """)
    #expect(question.prompt == "Match the **activity** to the description.")
    guard case .matching(let matching) = question.kind else {
      Issue.record("\(question.kind)")
      return
    }
    #expect(
      matching.pairs == [
        MatchingPair(prompt: "An activity supporting asynchronous discussions.", answer: "Forum"),
        MatchingPair(
          prompt: "A teacher asks a question and specifies a choice of multiple responses.", answer: "Choice"),
        MatchingPair(prompt: "A bank of record entries which participants can add to.", answer: "Database"),
        MatchingPair(prompt: "A collection of web pages that anyone can add to or edit.", answer: "Wiki"),
      ])
    #expect(matching.distractors == ["Chat"])
  }

  @Test func multipleChoiceWithFeedback() throws {
    let question = try Self.only(
      """

      // multiple choice with specified feedback for right and wrong answers
      ::Q2:: What's between orange and green in the spectrum?
      {
          =yellow # right; good!
          ~red # [html]wrong, it's yellow
          ~[plain]blue # wrong, it's yellow
      }
      """)
    #expect(question.prompt == "What's between orange and green in the spectrum?")
    #expect(
      question.kind
        == .single(choices: [
          Choice(text: "yellow", fraction: 1, feedback: "right; good!"),
          Choice(text: "red", fraction: 0, feedback: "wrong, it's yellow"),
          Choice(text: "blue", fraction: 0, feedback: "wrong, it's yellow"),
        ]))
  }

  @Test func severalAnswersByWeight() throws {
    let question = try Self.only(
      """
      ::colours:: What's between orange and green in the spectrum?
      {
          ~%50%yellow # right; good!
          ~%-100%red # [html]wrong
          ~%50%off-beige # right; good!
          ~%-100%[plain]blue # wrong
      }
      """)
    guard case .multiple(let choices, let scoring) = question.kind else {
      Issue.record("\(question.kind)")
      return
    }
    #expect(scoring == .fractions)
    #expect(choices.map(\.text) == ["yellow", "red", "off-beige", "blue"])
    #expect(choices.map(\.fraction) == [0.5, -1, 0.5, -1])
    #expect(choices.map(\.feedback) == ["right; good!", "wrong", "right; good!", "wrong"])
  }

  @Test func oneFullWeightWithoutEqualsIsStillSeveralAnswers() throws {
    // Moodle's "tricky" case: no `=`, so the learner ticks boxes, though only one earns credit.
    let question = try Self.only(
      """
      ::colours:: What's between orange and green in the spectrum?
      {
          ~%100%yellow # right; good!
          ~%-50%red # wrong
          ~%-50%blue # wrong
      }
      """)
    guard case .multiple(let choices, .fractions) = question.kind else {
      Issue.record("\(question.kind)")
      return
    }
    #expect(choices.map(\.fraction) == [1, -0.5, -0.5])
  }

  @Test func numericWithMarginAndCatchAll() throws {
    let bank = Self.read("\n// math range question\n::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}")
    let question = try #require(bank.questions.first)
    #expect(question.prompt == "What is a number from 1 to 5?")
    #expect(question.kind == .numeric(NumericAnswer(answers: [AcceptedNumber(value: 3, tolerance: .absolute(2))])))
    // Moodle's `*` answer has no equivalent: said, not dropped silently.
    #expect(bank.diagnostics.contains { $0.problem == .interop(.catchAllDropped("Completely wrong")) })
  }

  @Test func shortAnswersWithWeights() throws {
    let question = try Self.only(
      """
      // question: 666  name: Shortanswer
      ::Shortanswer::Which is the best animal?{
          =Frog#Good!
          =%50%Cat#What is it with Moodlers and cats?
          =%0%*#Completely wrong
      }
      """)
    #expect(
      question.kind
        == .short(
          ShortAnswer(answers: [
            AcceptedText(text: "Frog", fraction: 1, feedback: "Good!"),
            AcceptedText(text: "Cat", fraction: 0.5, feedback: "What is it with Moodlers and cats?"),
            AcceptedText(text: "*", fraction: 0, feedback: "Completely wrong"),
          ])))
  }

  @Test func generalFeedbackIsTheExplanation() throws {
    let question = try Self.only(
      """
      ::Shortanswer::Which is the best animal?{
          =Frog#Good!
          =%50%Cat#What is it with Moodlers and cats?
          =%0%*#Completely wrong
          ####[html]Here is some <b>general</b> feedback!
      }
      """)
    #expect(question.explanation == "Here is some **general** feedback!")
    guard case .short(let short) = question.kind else {
      Issue.record("\(question.kind)")
      return
    }
    #expect(short.answers.last?.feedback == "Completely wrong")
  }

  @Test func trueFalseFeedbackOrder() throws {
    // The first feedback is for the wrong answer, the second for the right one.
    let question = try Self.only(
      "\n// true/false\n::Q1:: 42 is the Absolute Answer to everything.{\nFALSE#42 is the Ultimate Answer.#You gave the right answer.}"
    )
    #expect(
      question.kind
        == .trueFalse(
          TrueFalse(
            answer: false, feedbackTrue: "42 is the Ultimate Answer.", feedbackFalse: "You gave the right answer.")))
    let right = try Self.only("::T::The sun rises in the east.{T#No, it does.#Yes.}")
    #expect(right.kind == .trueFalse(TrueFalse(answer: true, feedbackTrue: "Yes.", feedbackFalse: "No, it does.")))
  }

  @Test func trueAndTRUE() throws {
    for answer in ["T", "TRUE"] {
      let question = try Self.only("// name 0-11\n::2-08 TSL::TSL is blablabla.{\(answer)}")
      #expect(question.kind == .trueFalse(TrueFalse(answer: true)))
      #expect(question.id == "moodle.2-08-tsl")
    }
  }

  @Test func lowercaseTrueIsAShortAnswerAsInMoodle() throws {
    let bank = Self.read("The sun rises in the east.{true}")
    #expect(bank.questions.first?.type == .short)
    #expect(bank.diagnostics.contains { $0.problem == .interop(.lowercaseTrueFalse("true")) })
  }

  @Test func doubleBackslashIsOneBackslash() throws {
    let question = try Self.only(#"::double backslash:: A \\ B \\\\ C{}"#)
    #expect(question.prompt == #"A \ B \\ C"#)
  }

  @Test func escapedBracesAreText() throws {
    let question = try Self.only(
      """
      ::Q001::[html]<p>What would running the test method print?</p>
      <pre>
          public void test() \\{
              method1();
          \\}
      </pre>
      {}
      """)
    #expect(question.prompt.contains("public void test() {"))
    #expect(question.prompt.contains("}"))
    #expect(question.prompt.hasPrefix("What would running the test method print?"))
  }

  @Test func tagsAndIDFromComments() throws {
    let question = try Self.only(
      """

      // This question is to test importing tags: [tag:tag] [tag:other-tag].
      // And an idnumber: [id:myid].
      ::Question name:: How are you? {}
      """)
    #expect(question.tags == ["tag", "other-tag"])
    #expect(question.id == "myid")
  }

  @Test(arguments: [
    ("", nil as String?, [] as [String]),
    ("// Just a comment", nil, []),
    ("// [id:frog]", "frog", []),
    ("// [tag:frog] [tag:toad]", nil, ["frog", "toad"]),
    ("// [id:four] [tag:add] [tag:basic]", "four", ["add", "basic"]),
    ("// [tag:basic] [id:   four  ]\n// que[tag:add   ]stion", "four", ["basic", "add"]),
    (#"// [id:i\]d]"#, "i]d", []),
    (#"// [tag:t\]ag]"#, nil, ["t]ag"]),
  ])
  func idNumberAndTagsInComments(comment: String, id: String?, tags: [String]) {
    let comments = comment.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(GIFTReader.QuestionParser.idNumber(in: comments) == id)
    #expect(GIFTReader.QuestionParser.tags(in: comments) == tags)
  }

  @Test func commentsSeparatedByABlankLineDoNotAttach() throws {
    let question = try Self.only("// [id:lost] [tag:lost]\n\n::Kept::A question {T}")
    #expect(question.id == "moodle.kept")
    #expect(question.tags.isEmpty)
  }

  @Test func moreOfMoodlesRules() throws {
    // Comment lines inside the braces are dropped; `#` means nothing in a matching pair.
    let matching = try Self.only("Match {\n=Pair #1 -> A#1\n// not an answer\n=Pair #2 -> B\n}")
    #expect(
      matching.kind
        == .matching(Matching(pairs: [.init(prompt: "Pair #1", answer: "A#1"), .init(prompt: "Pair #2", answer: "B")])))
    // General feedback on a true/false and on an essay; `\n` is a line break.
    let truth = try Self.only("Grant is buried.{TRUE####He is entombed,\\nnot buried.}")
    #expect(truth.kind == .trueFalse(TrueFalse(answer: true)) && truth.explanation == "He is entombed,\nnot buried.")
    let essay = try Self.only("Describe a call.{####A model: confirm identity first.}")
    #expect(essay.type == .open && essay.explanation == "A model: confirm identity first.")
    // A range and per-answer feedback on numbers; text after the braces makes a gap.
    let range = try Self.only("逾期 {#29.5..30.5#对，30 天} 天后进入下一阶段。")
    #expect(range.prompt == "逾期 _____ 天后进入下一阶段。")
    #expect(
      range.kind == .numeric(NumericAnswer(answers: [.init(value: 30, tolerance: .absolute(0.5), feedback: "对，30 天")])))
    // A format marker on the question text and one on an answer.
    let formats = try Self.only("[html]<p>催收函<em>应当</em>写明什么？</p>{=[plain]欠款金额 ~[html]借款人<b>亲属</b>姓名#不相关}")
    #expect(formats.prompt == "催收函*应当*写明什么？")
    guard case .single(let choices) = formats.kind else {
      Issue.record("\(formats.kind)")
      return
    }
    #expect(choices.map(\.text) == ["欠款金额", "借款人**亲属**姓名"])
    #expect(choices[1].feedback == "不相关")
    // A weight with decimals and a negative one, and `$CATEGORY` ending at its blank line.
    let bank = Self.read("$CATEGORY: $course$/top/法律\n\n哪些会中断时效？{~%50%起诉 ~%50%书面催收 ~%-100%口头抱怨}")
    guard case .multiple(let several, .fractions) = bank.questions.first?.kind else {
      Issue.record("\(bank.diagnostics)")
      return
    }
    #expect(several.map(\.fraction) == [0.5, 0.5, -1] && bank.questions.first?.tags == ["法律"])
  }

  // MARK: Moodle's fixture files

  @Test func moodleFixtureQuestionsFile() throws {
    let bank = Self.read(try Self.fixture("questions.gift.txt"), file: "questions.gift.txt")
    #expect(!bank.hasErrors, "\(bank.diagnostics)")
    #expect(
      bank.questions.map(\.type) == [
        .open, .matching, .single, .multiple, .numeric, .short, .truefalse, .truefalse, .truefalse,
      ])
    #expect(
      bank.questions.map(\.id) == [
        "moodle.q8", "moodle.moodle-activities", "moodle.q2", "moodle.colours", "moodle.q5", "moodle.shortanswer",
        "moodle.q1", "moodle.2-08-tsl", "moodle.2-08-tsl-2",
      ])
    // Two questions end in `";` after the braces, so Moodle makes them missing-word questions.
    #expect(bank.questions[4].prompt == "What is a number from 1 to 5? _____\";")
    #expect(bank.questions[6].prompt == "42 is the Absolute Answer to everything._____\";")
    #expect(bank.questions[6].explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference.")
  }

  @Test func moodleFixtureWithCategory() throws {
    let bank = Self.read(try Self.fixture("questions_in_category.gift.txt"))
    #expect(!bank.hasErrors, "\(bank.diagnostics)")
    #expect(bank.questions.map(\.type) == [.matching, .single, .short, .truefalse])
    let greeting = bank.questions[1]
    // Escaped `\=` and `\:` inside HTML attributes, and the link kept as Markdown.
    #expect(greeting.prompt.contains("[Listen to this greeting:](http://demo.moodle.net/file.php/5/media/bonjour.mp3)"))
    #expect(greeting.prompt.hasSuffix("What language is being spoken?"))
    #expect(bank.questions[2].kind == .short(ShortAnswer(answers: [AcceptedText(text: "Moodler")])))
    #expect(bank.questions[3].prompt.contains("*Modular Object-Oriented Dynamic Learning Environment*") == false)
    #expect(bank.questions[3].prompt.contains("Modular Object-Oriented Dynamic Learning Environment"))
  }

  @Test func categoryBecomesATag() throws {
    let bank = Self.read("$CATEGORY: $course$/top/催收/电话催收\n\n电话接通后先做什么？{=核实身份 ~报出欠款}")
    #expect(bank.questions.first?.tags == ["电话催收"])
  }

  @Test func moodleExamplesFile() throws {
    let bank = Self.read(try Self.fixture("examples.txt"), file: "examples.txt")
    let errors = bank.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors)")
    let byPrompt = Dictionary(bank.questions.map { ($0.prompt, $0) }, uniquingKeysWith: { first, _ in first })
    #expect(byPrompt["Grant is _____ in Grant's tomb."]?.type == .single)
    #expect(
      byPrompt["Two plus two equals _____."]?.kind
        == .short(ShortAnswer(answers: [.init(text: "four"), .init(text: "4")])))
    let pi = try #require(byPrompt["What is the value of pi (to 3 decimal places)? _____."])
    guard case .numeric(let numeric) = pi.kind, let answer = numeric.answers.first else {
      Issue.record("\(pi.kind)")
      return
    }
    #expect(abs(answer.value - 3.1415) < 1e-12)
    #expect(abs(answer.tolerance.allowance(around: answer.value) - 0.0005) < 1e-12)
    let grant = bank.questions.filter { $0.prompt == "When was Ulysses S. Grant born?" && $0.type == .numeric }
    #expect(
      grant.contains {
        $0.kind
          == .numeric(
            NumericAnswer(answers: [
              AcceptedNumber(value: 1822, tolerance: .absolute(0)),
              AcceptedNumber(value: 1822, tolerance: .absolute(2), fraction: 0.5),
            ]))
      })
    let entombed = try #require(bank.questions.first { $0.prompt == "What two people are entombed in Grant's tomb?" })
    guard case .multiple(let choices, .fractions) = entombed.kind else {
      Issue.record("\(entombed.kind)")
      return
    }
    #expect(choices.map(\.fraction) == [0, 0.5, 0.5, 0])
    let equals = try #require(bank.questions.first { $0.prompt == "Which answer equals 5?" })
    guard case .single(let options) = equals.kind else {
      Issue.record("\(equals.kind)")
      return
    }
    #expect(options.map(\.text) == ["= 2 + 2", "= 2 + 3", "= 2 + 4"])
    #expect(options.map(\.fraction) == [0, 1, 0])
    let kanji = try #require(bank.questions.first { $0.prompt.hasPrefix("Japanese characters originally\ncame") })
    #expect(kanji.id == "moodle.kanji-origins")
  }

  // MARK: Malformed GIFT, located

  @Test(arguments: [
    ("Q {=a ~b", 1, 3, InteropProblem.unclosedBrace),
    ("First line\nsecond {=a ~b\n~c", 2, 8, .unclosedBrace),
    ("Q =a ~b}", 1, 8, .unexpectedClosingBrace),
    ("Q {~%abc%a =b}", 1, 5, .badWeight("%abc%")),
    ("Q {~%150%a =b}", 1, 5, .badWeight("%150%")),
    ("Q {~%50 a =b}", 1, 5, .badWeight("%50 a")),
    ("Q {=a -> b ~c}", 1, 7, .strayArrow),
    ("Q {=a -> b =c}", 1, 13, .matchingNeedsArrow),
    ("Q {a -> b}", 1, 6, .strayArrow),
    ("Q {#abc}", 1, 5, .badNumber("abc")),
    ("Q {=a ~b} and {=c ~d}", 1, 15, .secondAnswerSet),
    ("::Title Q {T}", 1, 1, .unclosedTitle),
    ("Q {=%50%a ~b}", 1, 5, .weightOnRightAnswer),
  ])
  func malformedIsLocated(text: String, line: Int, column: Int, problem: InteropProblem) {
    let bank = Self.read(text)
    #expect(bank.questions.isEmpty)
    let error = bank.diagnostics.first { $0.severity == .error }
    #expect(error?.problem == .interop(problem), "\(bank.diagnostics)")
    #expect(error.map { "\($0.file):\($0.line):\($0.column)" } == "bank.gift:\(line):\(column)")
  }

  @Test func anErrorLeavesTheOtherQuestionsAndIsReportedWithThem() {
    let bank = Self.read("Good {T}\n\nBad {=a ~b\n\nAlso good {F}")
    #expect(bank.hasErrors)
    #expect(bank.questions.count == 2)
    #expect(bank.diagnostics.first { $0.severity == .error }?.line == 3)
  }

  @Test func invalidByTheCourseRulesIsLocatedAtTheQuestion() {
    // Moodle accepts fractions that do not add up; the course format does not.
    let bank = Self.read("One\n\nWhich two? {~%50%a ~%40%b ~c}")
    let error = bank.diagnostics.first { $0.severity == .error }
    #expect(error?.line == 3)
    #expect(error?.message.contains("add up to 0.9") == true, "\(String(describing: error))")
  }

  @Test func descriptionIsSkippedWithAWarning() {
    let bank = Self.read("::Intro:: Read the case first.\n\nQ {T}")
    #expect(bank.questions.count == 1)
    #expect(
      bank.diagnostics.contains { $0.severity == .warning && $0.problem == .interop(.descriptionSkipped("Intro")) })
  }

  @Test func moodleThirdsAddUpToOne() throws {
    // 33.33333% three times is 0.9999999: full marks are still reachable.
    let question = try Self.only("Pick all three {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}")
    let grade = Grader.grade(.choices([0, 1, 2]), for: question)
    #expect(grade.outcome == .correct)
    #expect(grade.fraction == 1)
  }

  @Test func idsAreValidAndUnique() throws {
    let bank = Self.read(
      "// [id:Q 1/Intro]\nA {T}\n\n::电话催收::B {T}\n\n::电话催收::C {T}\n\nD {T}\n\nD {T}", taken: ["q-1-intro"])
    let ids = bank.questions.map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy(QuestionDecoder.isValidID))
    #expect(ids[0] == "q-1-intro-2")
    #expect(ids[1].hasPrefix("moodle.q-"))
  }
}
