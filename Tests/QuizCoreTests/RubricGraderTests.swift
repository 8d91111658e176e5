import Testing

@testable import QuizCore

/// Open answers: clause grain, polarity, red lines, confidence and the explanation.
@Suite struct RubricGraderTests {
  /// A rubric in the shape of the course's: a relational point, a polarity point, a red line.
  static let guarantee = Make.question(
    .open(
      Rubric(
        points: [
          RubricPoint(text: "向保证人主张", weight: 2, keywords: [["保证期间", "保证期"], ["保证人", "李某"]]),
          RubricPoint(text: "保证期间不中断", weight: 1, keywords: [["保证期间"], ["~中断"]]),
          RubricPoint(text: "保全", weight: 1, keywords: [["保全", "查封"]]),
        ],
        modelAnswer: "保证期间是6个月，必须马上书面请求保证人李某承担责任。保证期间不中断。对另一套房产申请财产保全。",
        misconceptions: [
          Misconception(
            keywords: [["保证期间也", "中断保证期间"], ["中断"]], penalty: 0, feedback: "保证期间不中断",
            critical: true, rule: "《民法典》第六百九十二条（法律）"),
          Misconception(keywords: [["坐牢"], ["不还", "吓唬"]], penalty: 0.25, feedback: "恐吓"),
        ])))

  static func grade(_ answer: String, _ question: Question = guarantee) -> Grade {
    Grader.grade(.text(answer), for: question)
  }

  @Test func groupsMustMeetInOneSentence() {
    #expect(Self.grade("保证期间是6个月，要找保证人李某。").rubric?.points[0].covered == true)
    #expect(Self.grade("保证期间是6个月。申请查封。李某是连带保证人。").rubric?.points[0].covered == false)
  }

  @Test func aNegatedMisconceptionCostsNothing() {
    let rejected = [
      "不能以为保证期间也会中断", "保证期间也会中断的说法是错误的", "认为保证期间也会中断，这是错误的",
      "说保证期间也会中断也不对", "保证期间也会中断吗？不会", "催收并不会中断保证期间",
    ]
    for answer in rejected {
      let grade = Self.grade(answer)
      #expect(grade.rubric?.found.isEmpty == true, "\(answer)")
      #expect(grade.rubric?.crossedRedLine == false, "\(answer)")
    }
    #expect(Self.grade("催收就能中断保证期间").rubric?.crossedRedLine == true)
    #expect(Self.grade("张某认账后，保证期间也随之中断").rubric?.crossedRedLine == true)
    #expect(Self.grade("认为保证期间也会中断并不违法").rubric?.crossedRedLine == true, "不违法 affirms")
  }

  @Test func aConditionEndsANarrowNegator() {
    #expect(Self.grade("不还就让他坐牢").rubric?.found.map(\.misconception) == [1])
    #expect(Self.grade("不还也不会坐牢").rubric?.found.isEmpty == true)
    #expect(Self.grade("不能吓唬他要坐牢").rubric?.found.isEmpty == true)
    // A verb–complement (联系不上, 还不起) negates nothing after it.
    #expect(Self.grade("联系不上可以吓唬他要坐牢").rubric?.found.map(\.misconception) == [1])
  }

  @Test func aPointCanRequireTheNegatedForm() {
    #expect(Self.grade("保证期间不中断").rubric?.points[1].covered == true)
    #expect(Self.grade("保证期间不会因为催收而中断").rubric?.points[1].covered == true)
    let asserted = Self.grade("催收后保证期间中断")
    #expect(asserted.rubric?.points[1].covered == false)
    #expect(asserted.reviewReasons.contains(.polarityDecided(point: 1)))
  }

  @Test func aRedLineCapsTheScoreAndCitesItsRule() {
    let answer = "保证期间是6个月，要找保证人李某，并申请财产保全。但催收也能中断保证期间。"
    let grade = Self.grade(answer)
    #expect(grade.rubric?.coverage == 0.75)
    #expect(grade.fraction == 0)
    #expect(grade.rubric?.found.first?.quote == "但催收也能中断保证期间")
    #expect(grade.needsReview, "a red line in an otherwise good answer goes to a person")
    let lines = Explanation(
      grade: grade, response: .text(answer), question: Self.guarantee, layout: .identity(for: Self.guarantee),
      language: .zh
    ).lines
    #expect(lines.contains(.misconception("红线：保证期间不中断（依据：《民法典》第六百九十二条（法律））得分上限 0 分。 —— 答案：“但催收也能中断保证期间”")))
  }

  @Test func feedbackQuotesTheClauseThatEarnedEachPoint() {
    let answer = "首先，保证期间只有6个月，必须马上找保证人李某；其次，对房产申请查封。"
    let grade = Self.grade(answer)
    // The clauses that hold the keywords, as typed (full-width comma kept).
    #expect(grade.rubric?.points[0].quote == "保证期间只有6个月，必须马上找保证人李某")
    #expect(grade.rubric?.points[2].quote == "对房产申请查封")
    let lines = Explanation(
      grade: grade, response: .text(answer), question: Self.guarantee, layout: .identity(for: Self.guarantee),
      language: .en
    ).lines
    #expect(lines.contains(.covered("保全 — “对房产申请查封”")))
    #expect(lines.contains(.uncovered("保证期间不中断")))
    #expect(lines[0] == .verdict(.partial, "◐ Partly correct  0.75 of 1  · estimate"))
    #expect(lines.contains { if case .estimate = $0 { true } else { false } })
  }

  @Test func shortAnswersAndWordListsGoToAPerson() {
    let short = Self.grade("找李某")
    #expect(short.needsReview)
    #expect(short.reviewReasons.first == .tooShort)
    let list = Self.grade("保证期间 李某 中断 查封")
    #expect(list.reviewReasons.contains(.keywordList))
    #expect(list.rubric?.points[0].covered == false, "a relation needs a sentence, not two words of a list")
    #expect(list.fraction == 0.125, "查封 alone, at half credit")
    #expect(!Self.grade(Self.guaranteeModel).needsReview)
  }

  static let guaranteeModel: String = {
    guard case .open(let rubric) = guarantee.kind else { return "" }
    return rubric.modelAnswer
  }()

  @Test func openScoresAreProvisionalAndObjectiveOnesAreNot() {
    #expect(Self.grade(Self.guaranteeModel).isProvisional)
    #expect(Self.grade(Self.guaranteeModel).fraction == 1)
    let objective = Grader.grade(.choices([1]), for: Make.single)
    #expect(!objective.isProvisional && objective.confidence == 1 && !objective.needsReview)
  }

  @Test func matchingReadsTraditionalCharactersWidthAndNoiseParticles() {
    #expect(Self.grade("保證期間是６個月，必須找保證人李某").rubric?.points[0].covered == true)
    let particle = Make.question(
      .open(Rubric(points: [RubricPoint(text: "地址", keywords: [["送达地址"]])], modelAnswer: "送达地址")))
    #expect(Self.grade("寄到合同约定的送达的地址", particle).fraction == 1)
  }

  @Test func shortAnswerWildcardsObeyPolarity() {
    let question = Make.question(.short(ShortAnswer(answers: [AcceptedText(text: "*信用减值损失*")])))
    #expect(Grader.grade(.text("计入信用减值损失"), for: question).fraction == 1)
    #expect(Grader.grade(.text("不是信用减值损失"), for: question).fraction == 0)
    #expect(Grader.grade(.text("信用减值损失"), for: question).fraction == 1)
  }
}
