import QuizCore

/// Typed answers against one question of every type, on a layout drawn from the input.
let questions: [Question] = {
  func make(_ kind: QuestionKind) -> Question { Question(id: "f", lesson: "l", prompt: "?", explanation: "!", kind: kind) }
  let choices = (0..<5).map { Choice(text: "c\($0)", fraction: $0 % 2 == 0 ? 0.5 : 0) }
  return [
    make(.single(choices: [Choice(text: "a", fraction: 1), Choice(text: "b", fraction: 0)])),
    make(.multiple(choices: choices, scoring: .partial)),
    make(.multiple(choices: choices, scoring: .fractions)),
    make(.trueFalse(TrueFalse(answer: true))),
    make(.short(ShortAnswer(answers: [AcceptedText(text: "*时效*"), AcceptedText(text: "三年", fraction: 0.5)]))),
    make(.numeric(NumericAnswer(answers: [AcceptedNumber(value: 11.5, tolerance: .relative(percent: 1))], unit: "万元"))),
    make(.matching(Matching(pairs: [MatchingPair(prompt: "p", answer: "a"), MatchingPair(prompt: "q", answer: "b")], distractors: ["d"]))),
    make(.ordering(Ordering(items: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]))),
    make(.open(Rubric(points: [RubricPoint(text: "t", keywords: [["电话", "致电"], ["核实"]])], modelAnswer: "m",
      misconceptions: [Misconception(keywords: [["威胁"]], penalty: 2, feedback: "x")]))),
  ]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let text = String(decoding: bytes, as: UTF8.self)
  var generator = SeededGenerator(seed: UInt64(size))
  for question in questions {
    let layout = Layout.shuffled(for: question, using: &generator)
    if case .success(let response) = AnswerParser.parse(text, for: question, layout: layout) {
      let grade = Grader.grade(response, for: question)
      precondition(grade.fraction >= 0 && grade.fraction <= 1, "fraction out of range")
      _ = Explanation(grade: grade, response: response, question: question, layout: layout, language: .zh)
      _ = ResponseFormatter.typed(response, for: question, layout: layout)
    }
  }
  _ = TextNormalizer.normalize(text)
  return 0
}
