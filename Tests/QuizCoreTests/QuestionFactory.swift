@testable import QuizCore

/// Small questions for grading tests.
enum Make {
  static func question(_ kind: QuestionKind, weight: Double = 1) -> Question {
    Question(
      id: "t.q", lesson: "l", prompt: "?", explanation: "because", weight: weight,
      source: SectionReference(lesson: "l", heading: "h"), kind: kind)
  }

  static func choices(_ fractions: [Double], explicit: Bool = false) -> [Choice] {
    fractions.enumerated().map {
      Choice(text: "c\($0.offset)", fraction: $0.element, hasExplicitFraction: explicit, feedback: "f\($0.offset)")
    }
  }

  static let single = question(.single(choices: choices([0, 1, 0, 0])))
  static let multiple = question(.multiple(choices: choices([1, 1, 0, 1, 0]), scoring: .partial))
  static let trueFalse = question(.trueFalse(TrueFalse(answer: true, feedbackTrue: "yes", feedbackFalse: "no")))
  static let short = question(
    .short(
      ShortAnswer(answers: [
        AcceptedText(text: "3年"), AcceptedText(text: "三年"), AcceptedText(text: "*年", fraction: 0.5, feedback: "年数不对"),
      ])))
  static let numeric = question(
    .numeric(
      NumericAnswer(
        answers: [
          AcceptedNumber(value: 30, tolerance: .absolute(0.5)), AcceptedNumber(value: 90, fraction: 0, feedback: "颠倒了"),
        ], unit: "天")))
  static let matching = question(
    .matching(
      Matching(
        pairs: [
          MatchingPair(prompt: "p1", answer: "a1"), MatchingPair(prompt: "p2", answer: "a2"),
          MatchingPair(prompt: "p3", answer: "a3"),
        ], distractors: ["d"])))
  static let ordering = question(.ordering(Ordering(items: ["i1", "i2", "i3", "i4"])))
  static let open = question(
    .open(
      Rubric(
        points: [
          RubricPoint(text: "电话", weight: 1, keywords: [["电话", "致电"]]),
          RubricPoint(text: "函件", weight: 1, keywords: [["函", "信"]]),
          RubricPoint(text: "上门", weight: 1, keywords: [["上门", "拜访"]]),
          RubricPoint(text: "起诉+执行", weight: 2, keywords: [["起诉", "诉讼"], ["执行"]]),
        ],
        modelAnswer: "电话、函件、上门拜访、起诉并申请强制执行",
        misconceptions: [Misconception(keywords: [["威胁"]], penalty: 0.5, feedback: "违法")])))

  static let all = [single, multiple, trueFalse, short, numeric, matching, ordering, open, call]

  static let call = Question(
    id: "call", lesson: "l", prompt: "第一次致电。", explanation: "先确认本人。", kind: .scenario(ScenarioTests.scenario))
}
