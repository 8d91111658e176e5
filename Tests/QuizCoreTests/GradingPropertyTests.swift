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
