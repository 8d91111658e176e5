import Testing

@testable import QuizCore

/// Every scoring rule of docs/grading.md, with exact fractions and the edge cases.
@Suite struct GraderTests {
  func fraction(_ response: Response, _ question: Question) -> Double {
    Grader.grade(response, for: question).fraction
  }

  @Test func singleUsesTheFractionOfThePickedChoiceClamped() {
    #expect(fraction(.choices([1]), Make.single) == 1)
    #expect(fraction(.choices([0]), Make.single) == 0)
    #expect(fraction(.choices([]), Make.single) == 0)
    #expect(fraction(.choices([0, 1]), Make.single) == 0)
    let negative = Make.question(.single(choices: Make.choices([1, -0.5, 0.3], explicit: true)))
    #expect(fraction(.choices([1]), negative) == 0)
    #expect(fraction(.choices([2]), negative) == 0.3)
  }

  @Test func multiplePartialGivesProportionalCreditAndNothingForAWrongPick() {
    #expect(fraction(.choices([0, 1, 3]), Make.multiple) == 1)
    #expect(fraction(.choices([0]), Make.multiple) == 1.0 / 3)
    #expect(fraction(.choices([0, 3]), Make.multiple) == 2.0 / 3)
    #expect(fraction(.choices([0, 1, 2]), Make.multiple) == 0)
    #expect(fraction(.choices([]), Make.multiple) == 0)
    #expect(fraction(.choices([0, 1, 2, 3, 4]), Make.multiple) == 0)
  }

  @Test func multipleAllOrNothingNeedsExactlyTheCorrectSet() {
    let question = Make.question(.multiple(choices: Make.choices([1, 1, 0]), scoring: .allOrNothing))
    #expect(fraction(.choices([0, 1]), question) == 1)
    #expect(fraction(.choices([0]), question) == 0)
    #expect(fraction(.choices([0, 1, 2]), question) == 0)
  }

  @Test func multipleFractionsSumsAndClamps() {
    let question = Make.question(
      .multiple(choices: Make.choices([0.5, 0.5, -1, -0.5], explicit: true), scoring: .fractions))
    #expect(fraction(.choices([0, 1]), question) == 1)
    #expect(fraction(.choices([0]), question) == 0.5)
    #expect(fraction(.choices([0, 3]), question) == 0)
    #expect(fraction(.choices([0, 1, 3]), question) == 0.5)
    #expect(fraction(.choices([0, 1, 2, 3]), question) == 0)
    #expect(fraction(.choices([2]), question) == 0)
  }

  @Test func trueFalseAndItsFeedback() {
    #expect(fraction(.truth(true), Make.trueFalse) == 1)
    let wrong = Grader.grade(.truth(false), for: Make.trueFalse)
    #expect(wrong.fraction == 0)
    #expect(wrong.feedback == [.answer("no")])
  }

  @Test func shortAnswersAreNormalisedAndTheBestMatchWins() {
    #expect(fraction(.text("3年"), Make.short) == 1)
    #expect(fraction(.text(" ３年。"), Make.short) == 1)
    #expect(fraction(.text("三年"), Make.short) == 1)
    #expect(fraction(.text("5年"), Make.short) == 0.5)
    #expect(Grader.grade(.text("5年"), for: Make.short).feedback == [.answer("年数不对")])
    #expect(fraction(.text("3个月"), Make.short) == 0)
    let latin = Make.question(.short(ShortAnswer(answers: [AcceptedText(text: "Credit  Report")])))
    #expect(fraction(.text("credit report"), latin) == 1)
    let cased = Make.question(.short(ShortAnswer(answers: [AcceptedText(text: "DSO")], caseSensitive: true)))
    #expect(fraction(.text("dso"), cased) == 0)
    #expect(fraction(.text("ＤＳＯ"), cased) == 1)
  }

  @Test func shortTiesTakeTheHighestFraction() {
    let question = Make.question(
      .short(
        ShortAnswer(answers: [AcceptedText(text: "*时效*", fraction: 0.5), AcceptedText(text: "诉讼时效", fraction: 1)])))
    #expect(fraction(.text("诉讼时效"), question) == 1)
    #expect(fraction(.text("时效"), question) == 0.5)
  }

  @Test func numericToleranceBoundariesAreInclusive() {
    #expect(fraction(.number(30), Make.numeric) == 1)
    #expect(fraction(.number(30.5), Make.numeric) == 1)
    #expect(fraction(.number(29.5), Make.numeric) == 1)
    #expect(fraction(.number(30.51), Make.numeric) == 0)
    #expect(fraction(.number(90), Make.numeric) == 0)
    #expect(Grader.grade(.number(90), for: Make.numeric).feedback == [.answer("颠倒了")])
    let relative = Make.question(
      .numeric(NumericAnswer(answers: [AcceptedNumber(value: 200, tolerance: .relative(percent: 1))])))
    #expect(fraction(.number(202), relative) == 1)
    #expect(fraction(.number(198), relative) == 1)
    #expect(fraction(.number(202.1), relative) == 0)
    let exact = Make.question(.numeric(NumericAnswer(answers: [AcceptedNumber(value: 0.1 + 0.2)])))
    #expect(fraction(.number(0.3), exact) == 1)
  }

  @Test func matchingCountsPairsRight() {
    #expect(fraction(.matches([0: 0, 1: 1, 2: 2]), Make.matching) == 1)
    #expect(fraction(.matches([0: 1, 1: 0, 2: 2]), Make.matching) == 1.0 / 3)
    #expect(fraction(.matches([0: 3, 1: 3, 2: 3]), Make.matching) == 0)
    #expect(fraction(.matches([:]), Make.matching) == 0)
  }

  @Test func matchingWithTheSameAnswerTwiceAcceptsEitherPrompt() {
    let question = Make.question(
      .matching(
        Matching(pairs: [
          MatchingPair(prompt: "p1", answer: "x"), MatchingPair(prompt: "p2", answer: "x"),
          MatchingPair(prompt: "p3", answer: "y"),
        ])))
    #expect(fraction(.matches([0: 0, 1: 0, 2: 1]), question) == 1)
  }

  @Test func orderingLongestOrderedSubset() {
    #expect(fraction(.order([0, 1, 2, 3]), Make.ordering) == 1)
    #expect(fraction(.order([1, 0, 2, 3]), Make.ordering) == 0.75)
    #expect(fraction(.order([3, 2, 1, 0]), Make.ordering) == 0, "a reversed order has no ordered pair")
    #expect(fraction(.order([2, 0, 3, 1]), Make.ordering) == 0.5)
    let one = Make.question(.ordering(Ordering(items: ["only"])))
    #expect(fraction(.order([0]), one) == 1)
    let strict = Make.question(.ordering(Ordering(items: ["a", "b", "c"], scoring: .allOrNothing)))
    #expect(fraction(.order([0, 1, 2]), strict) == 1)
    #expect(fraction(.order([0, 2, 1]), strict) == 0)
  }

  @Test func openRubricCoversWeightedPoints() {
    #expect(fraction(.text("先致电，再发催收函，然后上门拜访，最后起诉并申请强制执行。"), Make.open) == 1)
    #expect(fraction(.text("电话和函件"), Make.open) == 0.4)
    // A point needs every group: 起诉 without 执行 does not count. A bare list of words
    // earns half credit: 3 of 5, halved.
    #expect(fraction(.text("电话、函件、上门、起诉"), Make.open) == 0.3)
    #expect(fraction(.text("我会先打电话，再寄催收函，然后上门，最后起诉"), Make.open) == 0.6)
    #expect(fraction(.text("什么都没有"), Make.open) == 0)
  }

  @Test func overlappingKeywordsCountOncePerPoint() {
    let question = Make.question(
      .open(
        Rubric(
          points: [
            RubricPoint(text: "a", keywords: [["诉讼"]]), RubricPoint(text: "b", keywords: [["诉讼时效"]]),
          ], modelAnswer: "诉讼时效")))
    #expect(fraction(.text("诉讼时效"), question) == 1)
    #expect(fraction(.text("提起诉讼"), question) == 0.5)
  }

  @Test func misconceptionPenaltiesSubtractAndNeverGoBelowZero() {
    #expect(fraction(.text("电话、函件、上门拜访、起诉并强制执行，必要时威胁"), Make.open) == 0.5)
    let grade = Grader.grade(.text("电话威胁"), for: Make.open)
    #expect(grade.fraction == 0)
    #expect(grade.outcome == .incorrect)
    #expect(grade.feedback.contains(.misconception(index: 0)))
  }

  @Test func marksAreWeightTimesFraction() {
    let heavy = Make.question(.multiple(choices: Make.choices([1, 1, 0]), scoring: .partial), weight: 4)
    let grade = Grader.grade(.choices([0]), for: heavy)
    #expect(grade.marks == 2)
    #expect(grade.maximumMarks == 4)
    #expect(grade.outcome == .partial)
  }

  @Test func aResponseOfTheWrongKindScoresZero() {
    #expect(fraction(.truth(true), Make.single) == 0)
    #expect(fraction(.text("A"), Make.multiple) == 0)
    #expect(fraction(.number(1), Make.ordering) == 0)
  }

  @Test func choiceFeedbackCoversPickedAndMissedCorrectChoices() {
    let grade = Grader.grade(.choices([0, 2]), for: Make.multiple)
    #expect(
      grade.feedback == [
        .picked(choice: 0, correct: true, text: "f0"), .missed(choice: 1, text: "f1"),
        .picked(choice: 2, correct: false, text: "f2"), .missed(choice: 3, text: "f3"),
      ])
  }

  @Test func explanationsNameTheKeyAndChargeMisconceptionsInMarks() {
    let partialChoice = Make.question(.single(choices: Make.choices([1, 0.5, 0], explicit: true)))
    let grade = Grader.grade(.choices([1]), for: partialChoice)
    let explanation = Explanation(
      grade: grade, response: .choices([1]), question: partialChoice, layout: .identity(for: partialChoice),
      language: .zh)
    #expect(explanation.lines.contains(.pickedWrong("B c1 —— f1")))
    #expect(explanation.lines.contains(.correctAnswer("A. c0")))
    #expect(grade.outcome == .partial)

    var heavy = Make.open
    heavy.weight = 2
    let wrong = Grader.grade(.text("电话、函件、上门拜访、起诉并强制执行，必要时威胁"), for: heavy)
    let lines = Explanation(
      grade: wrong, response: .text(""), question: heavy, layout: .identity(for: heavy), language: .zh
    ).lines
    #expect(lines.contains(.misconception("违法（扣 1 分） —— 答案：“必要时威胁”")))
    #expect(wrong.marks == 1)
  }
}

/// Responses stored by an older version of a question (choices since removed) grade 0
/// rather than trap, and the formatter never force-unwraps.
@Suite struct StaleResponseTests {
  @Test func choicesBeyondTheQuestionScoreZero() {
    for question in [Make.single, Make.multiple] {
      for picked: Set<Int> in [[7], [0, 9], [-1]] {
        let grade = Grader.grade(.choices(picked), for: question)
        #expect(grade.fraction == 0 && grade.feedback.isEmpty)
      }
    }
    #expect(Grader.grade(.matches([0: 99, 5: 0]), for: Make.matching).fraction == 0)
    #expect(Grader.grade(.order([9, 8, 7, 6]), for: Make.ordering).fraction == 0)
  }

  @Test func fractionsWithinTheToleranceOfOneAreFullyCorrect() {
    let thirds = Make.question(
      .multiple(choices: Make.choices([0.333333, 0.333333, 0.333333, 0], explicit: true), scoring: .fractions))
    let grade = Grader.grade(.choices([0, 1, 2]), for: thirds)
    #expect(grade.fraction == 1 && grade.outcome == .correct)
    #expect(Credit.isFull(0.999999) && !Credit.isFull(0.99999))
    #expect(Credit.normalized(.nan) == 0 && Credit.normalized(1.5) == 1 && Credit.normalized(-2) == 0)
  }

  @Test func theCanonicalFormNamesChoicesByTheirNumberInTheFile() {
    #expect(ResponseFormatter.canonical(.choices([3, 1])) == "2,4")
    #expect(ResponseFormatter.canonical(.matches([1: 0, 0: 2])) == "1→3 2→1")
    #expect(ResponseFormatter.canonical(.order([2, 0, 1])) == "3 1 2")
    #expect(ResponseFormatter.canonical(.truth(false)) == "false")
    let layout = Layout(choices: [1, 0, 2, 3])
    // Shown as A on this layout, choice 2 in the file.
    #expect(ResponseFormatter.typed(.choices([1]), for: Make.single, layout: layout) == "A")
  }
}
