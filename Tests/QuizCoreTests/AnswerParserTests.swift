import Foundation
import Testing

@testable import QuizCore

/// What learners type, and what it is understood as.
@Suite struct AnswerParserTests {
  func parse(_ text: String, _ question: Question, layout: Layout? = nil) -> Response? {
    try? AnswerParser.parse(text, for: question, layout: layout).get()
  }

  func problem(_ text: String, _ question: Question) -> AnswerProblem? {
    if case .failure(let problem) = AnswerParser.parse(text, for: question) { return problem }
    return nil
  }

  @Test(arguments: ["A", "a", "Ａ", " a ", "1"])
  func singleLetters(_ text: String) {
    #expect(parse(text, Make.single) == .choices([0]))
  }

  @Test(arguments: ["AC", "A,C", "A C", "A、C", "ＡＣ", "a，c", "1 3", "13", "CA", "AAC", "1,3"])
  func multipleLetters(_ text: String) {
    #expect(parse(text, Make.multiple) == .choices([0, 2]))
  }

  @Test func lettersMapThroughTheLayout() {
    let layout = Layout(choices: [3, 1, 0, 2])
    #expect(parse("A", Make.single, layout: layout) == .choices([3]))
    #expect(parse("BC", Make.single, layout: layout) == nil)
    #expect(problem("BC", Make.single) == .oneChoiceOnly)
  }

  @Test func badChoicesAreExplainedNotCounted() {
    #expect(problem("E", Make.single) == .noSuchChoice("E", count: 4))
    #expect(problem("5", Make.single) == .noSuchChoice("5", count: 4))
    #expect(problem("13天", Make.multiple) == .notChoices(count: 5, multiple: true))
    #expect(problem("", Make.multiple) == .empty)
    #expect(problem("   \t", Make.multiple) == .empty)
    #expect(problem("不知道", Make.single) == .notChoices(count: 4, multiple: false))
  }

  @Test(arguments: ["T", "true", "Y", "yes", "对", "是", "正确", "√", "✓", "对。"])
  func trueWords(_ text: String) {
    #expect(parse(text, Make.trueFalse) == .truth(true))
  }

  @Test(arguments: ["F", "false", "N", "no", "错", "否", "错误", "×", "Ｆ", "不对"])
  func falseWords(_ text: String) {
    #expect(parse(text, Make.trueFalse) == .truth(false))
  }

  @Test func trueFalseRejectsOtherText() {
    #expect(problem("也许", Make.trueFalse) == .notTrueFalse)
  }

  @Test(arguments: [
    ("30", 30.0), ("30天", 30), ("30 天", 30), ("30日", 30), ("３０", 30), ("约30", 30), ("≈30", 30), ("1,100", 1100),
    ("1100.5", 1100.5), ("-5", -5), ("１，１００", 1100),
  ])
  func numbersInDays(_ text: String, _ value: Double) {
    #expect(parse(text, Make.numeric) == .number(value))
  }

  @Test func percentOnlyWhereTheUnitIsPercent() {
    let percent = Make.question(.numeric(NumericAnswer(answers: [AcceptedNumber(value: 84.6)], unit: "%")))
    #expect(parse("84.6%", percent) == .number(84.6))
    #expect(parse("84.6％", percent) == .number(84.6))
    #expect(parse("84.6", percent) == .number(84.6))
    #expect(problem("84.6%", Make.numeric) == .wrongUnit(given: "%", expected: "天"))
  }

  @Test func tenThousandsConvert() {
    let wan = Make.question(.numeric(NumericAnswer(answers: [AcceptedNumber(value: 11.5)], unit: "万元")))
    #expect(parse("11.5万元", wan) == .number(11.5))
    #expect(parse("11.5万", wan) == .number(11.5))
    #expect(parse("11.5", wan) == .number(11.5))
    #expect(parse("115000元", wan) == .number(11.5))
    let yuan = Make.question(.numeric(NumericAnswer(answers: [AcceptedNumber(value: 115_000)], unit: "元")))
    #expect(parse("11.5万元", yuan) == .number(115_000))
  }

  @Test func magnitudesAndOverflow() {
    let wan = Make.question(.numeric(NumericAnswer(answers: [AcceptedNumber(value: 11_500)], unit: "万元")))
    #expect(parse("1.15万万元", wan) == .number(11_500), "1.15万 of 万元 is 11,500 万元")
    let huge = "1" + String(repeating: "0", count: 305) + "亿"
    #expect(problem(huge, Make.numeric) == .notANumber(unit: "天"), "a number that overflows is not a number")
    #expect(parse("30天。", Make.numeric) == .number(30), "a full stop after the answer is fine")
  }

  @Test func longChoiceNumbersAreReportedAsTyped() {
    #expect(problem("1 1000000001", Make.multiple) == .noSuchChoice("1000000001", count: 5))
  }

  @Test func malformedNumbersAreExplained() {
    #expect(problem("三十", Make.numeric) == .notANumber(unit: "天"))
    #expect(problem("1,10", Make.numeric) == .notANumber(unit: "天"))
    #expect(problem("1.2.3", Make.numeric) == .notANumber(unit: "天"))
    #expect(problem("30个月", Make.numeric) == .wrongUnit(given: "个月", expected: "天"))
  }

  @Test(arguments: ["3142", "3 1 4 2", "CADB", "C,A,D,B", "c a d b", "3-1-4-2"])
  func orderings(_ text: String) {
    #expect(parse(text, Make.ordering) == .order([2, 0, 3, 1]))
  }

  @Test func orderingsMapThroughTheLayout() {
    let layout = Layout(items: [2, 0, 3, 1])
    #expect(parse("2413", Make.ordering, layout: layout) == .order([0, 1, 2, 3]))
  }

  @Test(arguments: ["314", "31422", "31445", "3 1 4 5", "abc"])
  func incompleteOrderingsAreExplained(_ text: String) {
    #expect(problem(text, Make.ordering) == .notAnOrder(count: 4))
  }

  @Test(arguments: ["1B 2A 3C", "1-B,2-A,3-C", "1b2a3c", "BAC", "3C 1B 2A", "1：B，2：A，3：C"])
  func matchings(_ text: String) {
    #expect(parse(text, Make.matching) == .matches([0: 1, 1: 0, 2: 2]))
  }

  @Test(arguments: ["1B 2A 3E", "1B 1C 2A 3C", "BA", "4A 1B 2A"])
  func incompleteMatchingsAreExplained(_ text: String) {
    #expect(problem(text, Make.matching) == .notMatches(prompts: 3, options: 4))
  }

  @Test func aHalfAnsweredMatchingSaysWhichNumbersAreMissing() {
    #expect(problem("1B 2A", Make.matching) == .missingMatches([3], options: 4))
    #expect(problem("2A", Make.matching) == .missingMatches([1, 3], options: 4))
    #expect(AnswerProblem.missingMatches([1, 3], options: 4).message(.zh).contains("还没有配对：1、3"))
  }

  @Test func aFractionWhereAPercentageIsAskedForIsAskedBack() {
    let percent = Make.question(.numeric(NumericAnswer(answers: [AcceptedNumber(value: 30)], unit: "%")))
    #expect(problem("0.3", percent) == .fractionForPercent(0.3))
    #expect(AnswerProblem.fractionForPercent(0.3).message(.zh).contains("是 30% 吗？"))
    #expect(parse("0.3%", percent) == .number(0.3), "written with % it is taken as typed")
    #expect(parse("30", percent) == .number(30))
    #expect(parse("0.3", Make.numeric) == .number(0.3), "other units are not second-guessed")
  }

  @Test func freeTextKeepsWhatWasTypedWithoutControlCharacters() {
    #expect(parse("  电话\u{1B}[31m催收  ", Make.open) == .text("电话[31m催收"))
    #expect(parse("三年", Make.short) == .text("三年"))
  }

  @Test func veryLongAnswersAreRefusedNotGraded() {
    let long = String(repeating: "催", count: 1_000_000)
    #expect(problem(long, Make.open) == .tooLong(limit: AnswerParser.maximumLength))
    #expect(
      problem(String(repeating: "A", count: 1_000_000), Make.multiple) == .tooLong(limit: AnswerParser.maximumLength))
  }

  @Test func everyProblemHasAMessageWithAnExampleInBothLanguages() {
    let problems: [AnswerProblem] = [
      .empty, .tooLong(limit: 10), .notChoices(count: 4, multiple: true), .notChoices(count: 4, multiple: false),
      .noSuchChoice("E", count: 4), .oneChoiceOnly, .notTrueFalse, .notANumber(unit: "天"),
      .wrongUnit(given: "%", expected: "天"),
      .wrongUnit(given: "%", expected: nil), .notAnOrder(count: 4), .notMatches(prompts: 3, options: 4),
      .missingMatches([2], options: 3), .fractionForPercent(0.25),
    ]
    for problem in problems {
      #expect(!problem.message(.zh).isEmpty && !problem.message(.en).isEmpty)
      #expect(problem.message(.zh) != problem.message(.en))
    }
    #expect(AnswerProblem.notChoices(count: 4, multiple: true).message(.zh).contains("例如 AC"))
    #expect(AnswerProblem.notAnOrder(count: 4).message(.zh).contains("4321"))
  }
}

/// The fast NFKC path agrees with Foundation's on everything it handles.
@Suite struct NormalizerTests {
  @Test func fastCompatibilityMappingAgreesWithFoundation() {
    let samples = [
      "ＡＢＣ１２３", "　全角空格　", "对。“引号”、——×÷√≈", "11.5万元", "ｄｓｏ ＝ ３０天", "〸〹", "①②", "ﬁ", "…", "Ａ、Ｃ", "ｶﾀｶﾅ",
      "e\u{301}", "plain ascii", "",
    ]
    for sample in samples {
      #expect(
        TextNormalizer.compatibilityNormalized(sample) == sample.precomposedStringWithCompatibilityMapping, "\(sample)")
    }
  }

  @Test func normalisationFoldsCaseWidthSpaceAndEdgePunctuation() {
    #expect(TextNormalizer.normalize("  Ｃｒｅｄｉｔ　\t Report。 ") == "credit report")
    #expect(TextNormalizer.normalize("「诉讼时效」", caseSensitive: true) == "诉讼时效")
    #expect(TextNormalizer.normalize("DSO", caseSensitive: true) == "DSO")
  }
}
