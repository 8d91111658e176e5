import Foundation
import QuizCore

@testable import QuizContent

/// Random valid questions for round-trip properties: texts full of the characters formats
/// treat specially (GIFT's `~ = # { } :` and `\`, XML's `< & >`, Markdown's `* [ ]`, Chinese,
/// line breaks inside prompts), fractions from Moodle's grades.
struct RandomQuestions {
  /// What the target format can carry, beyond what every Moodle format does.
  struct Reach {
    var ordering = false
    var weight = false
    var unit = false
    var caseSensitive = false
    var modelAnswer = false

    static let gift = Reach()
    static let moodleXML = Reach(ordering: true, weight: true, unit: true, caseSensitive: true, modelAnswer: true)
  }

  private var state: UInt64
  let reach: Reach

  init(seed: UInt64, reach: Reach) {
    state = seed &+ 0x9E37_79B9_7F4A_7C15
    self.reach = reach
  }

  /// SplitMix64.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  mutating func bool() -> Bool { next() % 2 == 0 }

  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

  static let special: [Character] = Array("~=#{}:\\[]*_<>&\"'%$/.,;!?()·—")
  static let plain: [Character] = Array("abcxyzABC0123456789 逾期催收核实身份还款计划保证人诉讼时效")

  /// Text that starts and ends with a letter (formats trim the ends), maybe with line breaks.
  mutating func text(lines: Bool = false, arrows: Bool = true) -> String {
    var characters: [Character] = [pick(Array("abc逾期催收ABC"))]
    for _ in 0..<int(0...24) {
      let roll = int(0...9)
      var character: Character = roll < 3 ? pick(Self.special) : pick(Self.plain)
      if !arrows && character == ">" { character = "?" }
      if lines && roll == 9 { character = "\n" }
      characters.append(character)
    }
    characters.append(pick(Array("xyz款人期")))
    // No blank characters around a line break: readers trim each line.
    return String(characters)
      .replacingOccurrences(of: " \n", with: "\n").replacingOccurrences(of: "\n ", with: "\n")
  }

  /// Distinct texts.
  mutating func texts(_ count: Int, arrows: Bool = true) -> [String] {
    var seen = Set<String>()
    var result: [String] = []
    while result.count < count {
      let candidate = text(arrows: arrows)
      if seen.insert(candidate.lowercased()).inserted { result.append(candidate) }
    }
    return result
  }

  mutating func id() -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let head = String((0..<int(1...5)).map { _ in pick(letters) })
    let tail = String((0..<int(1...6)).map { _ in pick(letters + Array("0123456789")) })
    return "\(head).\(tail)-\(int(0...999))"
  }

  mutating func feedback() -> String? { bool() ? text(arrows: false) : nil }

  static let positive: [Double] = [
    1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.25, 0.2, 0.1,
  ]
  static let penalties: [Double] = [0, -0.1, -0.25, -0.3333333, -0.5, -1]

  /// A valid question of `type`, in lesson `lesson`.
  mutating func question(_ type: QuestionType, lesson: String) -> Question {
    let kind: QuestionKind
    switch type {
    case .single:
      let texts = texts(int(2...5), arrows: false)
      let right = int(0...(texts.count - 1))
      kind = .single(
        choices: texts.enumerated().map { index, text in
          let fraction = index == right ? 1 : (bool() ? 0 : pick(Self.penalties + [0.5, 0.3333333]))
          return Choice(
            text: text, fraction: fraction, hasExplicitFraction: fraction != 0 && fraction != 1, feedback: feedback())
        })
    case .multiple:
      let right = int(1...4)
      let share = [1, 0.5, 0.3333333, 0.25][right - 1]
      let texts = texts(right + int(1...3), arrows: false)
      kind = .multiple(
        choices: texts.enumerated().map { index, text in
          let fraction = index < right ? share : pick(Self.penalties)
          return Choice(text: text, fraction: fraction, hasExplicitFraction: fraction != 0, feedback: feedback())
        }.shuffled(using: &self), scoring: .fractions)
    case .truefalse:
      kind = .trueFalse(TrueFalse(answer: bool(), feedbackTrue: feedback(), feedbackFalse: feedback()))
    case .short:
      let texts = texts(int(1...3), arrows: false)
      kind = .short(
        ShortAnswer(
          answers: texts.enumerated().map { index, text in
            AcceptedText(text: text, fraction: index == 0 ? 1 : pick(Self.positive + [0]), feedback: feedback())
          }, caseSensitive: reach.caseSensitive && bool()))
    case .numeric:
      let answers = (0..<int(1...3)).map { index -> AcceptedNumber in
        let value = Double(int(-100_000...100_000)) / pick([1, 10, 100, 1000])
        let margin = pick([0, 0.5, 1, 0.001, 25])
        return AcceptedNumber(
          value: value, tolerance: .absolute(margin), fraction: index == 0 ? 1 : pick(Self.positive + [0]),
          feedback: feedback())
      }
      kind = .numeric(NumericAnswer(answers: answers, unit: reach.unit && bool() ? pick(["天", "万元", "%", "元"]) : nil))
    case .matching:
      let prompts = texts(int(2...4), arrows: false)
      let answers = texts(prompts.count + int(0...2), arrows: false)
      kind = .matching(
        Matching(
          pairs: zip(prompts, answers).map { MatchingPair(prompt: $0, answer: $1) },
          distractors: Array(answers.dropFirst(prompts.count))))
    case .ordering:
      kind = .ordering(
        Ordering(items: texts(int(2...5)), scoring: bool() ? .allOrNothing : .longestOrderedSubset))
    case .open:
      kind = .open(Rubric(points: [], modelAnswer: reach.modelAnswer && bool() ? text(lines: true) : ""))
    case .scenario:
      kind = .scenario(scenario(rules: []))
    }
    var tags: [String] = []
    for _ in 0..<int(0...3) {
      let tag = pick(["合规", "法律", "计算", "实务", "a]b", "tag one", "电话催收"])
      if !tags.contains(tag) { tags.append(tag) }
    }
    return Question(
      id: id(), lesson: lesson, prompt: text(lines: true), explanation: text(lines: true), difficulty: 1,
      weight: reach.weight && bool() ? pick([2, 0.5, 3, 1.5]) : 1, tags: tags,
      source: SectionReference(lesson: lesson, heading: nil), kind: kind)
  }
}

extension RandomQuestions {
  static let keywordWords = ["本人", "回电", "转告", "还款", "计划", "异议", "核实", "录音", "承诺", "日期", "金额", "同事"]

  /// A random call that passes the linter: nodes in a row, each with replies forward (and
  /// now and then back, always with a way forward), endings the last node reaches; goals with
  /// weights, progress from them, flags from `rules`, and free-text nodes with keywords.
  mutating func scenario(rules: [ComplianceRule]) -> Scenario {
    let inner = int(1...5)
    let endings = int(1...3)
    let ids = (0..<inner).map { "n\($0)" } + (0..<endings).map { "end\($0)" }
    var goals: [Scenario.GoalWeight] = []
    for goal in CallGoal.allCases where bool() || goals.isEmpty && goal == .callback {
      goals.append(Scenario.GoalWeight(goal: goal, weight: pick([1, 2, 0.5, 3])))
    }
    var nodes: [ScenarioNode] = []
    for index in 0..<inner {
      let freeText = bool() && bool()
      var targets: [String] = [ids[index + 1]]
      if index == inner - 1 { targets = Array(ids[inner...]) }
      for _ in 0..<int(0...2) where targets.count < 4 {
        targets.append(ids[int(min(index + 1, ids.count - 1)...(ids.count - 1))])
        if index > 0 && bool() && targets.count < 4 { targets.append(ids[int(0...(index - 1))]) }
      }
      var keywordsLeft = Self.keywordWords.shuffled(using: &self)
      let replies = targets.map { target -> ScenarioReply in
        let progress = goals.map(\.goal).filter { _ in int(0...3) == 0 }
        let flags = rules.isEmpty ? [] : rules.filter { _ in int(0...4) == 0 }.map(\.id)
        var keywords: KeywordGroups = []
        if freeText { keywords = [[keywordsLeft.removeFirst()]] }
        return ScenarioReply(
          text: text(arrows: false), next: target, progress: progress, flags: flags,
          note: bool() ? text(arrows: false) : nil, keywords: keywords)
      }
      nodes.append(
        ScenarioNode(
          id: ids[index], speaker: bool() ? nil : text(arrows: false), line: text(arrows: false),
          seconds: pick([20, 10, 45]), freeText: freeText, replies: replies))
    }
    for index in 0..<endings {
      nodes.append(
        ScenarioNode(
          id: ids[inner + index], line: bool() ? text(arrows: false) : "",
          ending: ScenarioEnding(result: pick(CallResult.allCases), summary: text(arrows: false))))
    }
    let used = Set(nodes.flatMap { $0.replies.flatMap(\.flags) })
    return Scenario(
      party: text(arrows: false), goals: goals, start: "n0", nodes: nodes, rules: rules.filter { used.contains($0.id) })
  }
}

extension RandomQuestions: RandomNumberGenerator {}
