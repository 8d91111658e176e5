import PropertyBased
import Testing

@testable import QuizCore

/// Properties that hold for every question and every input.
@Suite struct GradingPropertyTests {
  static let alphabet: [Character] = Array("ABCDEabcde12345 ,，、-对错TF天%万元约.0789\t") + ["\u{0}", "\u{1B}", "\u{FFFD}"]

  @Test func gradingNeverCrashesAndScoresStayInRange() async {
    let input = Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...40)
    await propertyCheck(count: 400, input: input, Gen.int(in: 0...(Make.all.count - 1))) { picks, which in
      let question = Make.all[which]
      let text = String(picks.map { Self.alphabet[$0] })
      if case .success(let response) = AnswerParser.parse(text, for: question) {
        let grade = Grader.grade(response, for: question)
        #expect(grade.fraction >= 0 && grade.fraction <= 1)
        #expect(grade.marks <= grade.maximumMarks)
      }
    }
  }

  @Test func theCorrectResponseScoresOneOnEveryLayout() async {
    await propertyCheck(count: 200, input: Gen.int(in: 0...(Make.all.count - 1)), Gen.int(in: 0...1_000_000)) {
      which, seed in
      let question = Make.all[which]
      var generator = SplitMix(seed: UInt64(seed))
      let layout = Layout.shuffled(for: question, using: &generator)
      guard let correct = ResponseFormatter.correctResponse(for: question) else {
        // Open questions: the model answer scores full marks instead.
        if case .open(let rubric) = question.kind {
          #expect(Grader.grade(.text(rubric.modelAnswer), for: question).fraction == 1)
        }
        return
      }
      #expect(Grader.grade(correct, for: question).fraction == 1)
      let typed = ResponseFormatter.typed(correct, for: question, layout: layout)
      let parsed = try? AnswerParser.parse(typed, for: question, layout: layout).get()
      #expect(parsed.map { Grader.grade($0, for: question).fraction } == 1)
    }
  }

  @Test func parsingTheTypedFormOfAResponseGivesItBack() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000)) { seed in
      var generator = SplitMix(seed: UInt64(seed))
      let question = Make.all[Int.random(in: 0..<Make.all.count, using: &generator)]
      let layout = Layout.shuffled(for: question, using: &generator)
      let response = Self.randomResponse(for: question, using: &generator)
      let typed = ResponseFormatter.typed(response, for: question, layout: layout)
      let parsed = try? AnswerParser.parse(typed, for: question, layout: layout).get()
      #expect(parsed == response, "typed “\(typed)”")
    }
  }

  @Test func longestOrderedSubsetMatchesABruteForceCount() async {
    await propertyCheck(count: 200, input: Gen.int(in: 1...7)) { count in
      var generator = SplitMix(seed: UInt64(count * 7919))
      let order = Array(0..<count).shuffled(using: &generator)
      var best = 0
      for mask in 1..<(1 << count) {
        let subset = (0..<count).filter { mask & (1 << $0) != 0 }.map { order[$0] }
        if subset == subset.sorted() { best = max(best, subset.count) }
      }
      #expect(Grader.longestIncreasingSubsequence(order) == best)
    }
  }

  static func randomResponse(for question: Question, using generator: inout SplitMix) -> Response {
    switch question.kind {
    case .single(let choices):
      return .choices([Int.random(in: 0..<choices.count, using: &generator)])
    case .multiple(let choices, _):
      var picked = Set(choices.indices.filter { _ in Bool.random(using: &generator) })
      if picked.isEmpty { picked = [0] }
      return .choices(picked)
    case .trueFalse:
      return .truth(Bool.random(using: &generator))
    case .short, .open:
      return .text(["三年", "电话 催收", "DSO 30"].randomElement(using: &generator)!)
    case .numeric:
      return .number(Double(Int.random(in: -5000...5000, using: &generator)) / 4)
    case .matching(let matching):
      let options = matching.options.count
      return .matches(
        Dictionary(
          uniqueKeysWithValues: matching.pairs.indices.map { ($0, Int.random(in: 0..<options, using: &generator)) }))
    case .ordering(let ordering):
      return .order(Array(ordering.items.indices).shuffled(using: &generator))
    case .scenario(let scenario):
      var path: [Int] = []
      while let walk = scenario.walk(path), !walk.isOver, let node = scenario.node(walk.current) {
        path.append(Int.random(in: 0..<node.replies.count, using: &generator))
      }
      return .path(path)
    }
  }
}

/// A small seeded generator for reproducible layouts in tests.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Properties of open-answer grading: negation, clause order and determinism.
@Suite struct OpenGradingPropertyTests {
  static let sentences = [
    "保证期间是6个月，必须马上找保证人李某", "对另一套房产申请财产保全", "保证期间不中断", "不还就让他坐牢",
    "催收就能中断保证期间", "张某承认欠款", "我会先打电话", "申请查封", "李某是连带责任保证人",
  ]
  static let negators = ["不能认为", "不要以为", "并非", "禁止", "不等于", "切勿"]

  static func answer(_ picks: [Int]) -> String {
    picks.map { sentences[$0] + "。" }.joined()
  }

  @Test func aNegatorBeforeAnAssertedMisconceptionNeverLowersTheScore() async {
    let picks = Gen.int(in: 0...(Self.sentences.count - 1)).array(of: 1...6)
    await propertyCheck(count: 300, input: picks, Gen.int(in: 0...(Self.negators.count - 1))) { picks, negator in
      let before = RubricGraderTests.grade(Self.answer(picks))
      for found in before.rubric?.found ?? [] {
        let negated = Self.answer(picks).replacingOccurrences(
          of: found.quote, with: Self.negators[negator] + found.quote)
        #expect(RubricGraderTests.grade(negated).fraction >= before.fraction, "\(negated)")
      }
    }
  }

  @Test func shufflingSentencesNeverChangesTheScore() async {
    let picks = Gen.int(in: 0...(Self.sentences.count - 1)).array(of: 1...6)
    await propertyCheck(count: 300, input: picks, Gen.int(in: 0...1_000_000)) { picks, seed in
      var generator = SplitMix(seed: UInt64(seed))
      let shuffled = picks.shuffled(using: &generator)
      let a = RubricGraderTests.grade(Self.answer(picks))
      let b = RubricGraderTests.grade(Self.answer(shuffled))
      #expect(a.fraction == b.fraction, "\(Self.answer(picks)) vs \(Self.answer(shuffled))")
      #expect(a.confidence == b.confidence)
    }
  }

  @Test func gradingIsDeterministic() async {
    let picks = Gen.int(in: 0...(Self.sentences.count - 1)).array(of: 0...8)
    await propertyCheck(count: 200, input: picks) { picks in
      let text = Self.answer(picks)
      #expect(RubricGraderTests.grade(text) == RubricGraderTests.grade(text))
    }
  }
}
