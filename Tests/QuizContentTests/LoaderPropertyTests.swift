import PropertyBased
import QuizContent
import Testing

/// Random and mutated YAML never crashes the loader, and every finding has a location.
@Suite struct LoaderPropertyTests {
  static let valid = """
    - id: p.one
      lesson: basics
      type: multiple
      source: basics#电话催收
      prompt: 哪些做法正确？
      choices:
        - {text: 核实身份, correct: true, feedback: 对}
        - {text: 记录通话, correct: true}
        - text: 威胁起诉
          feedback: 不可以
      explanation: 见课文。
    - id: p.two
      lesson: basics
      type: numeric
      unit: 天
      prompt: DSO 是多少？
      answers:
        - {value: 30, tolerance: 0.5}
        - {value: 90, fraction: 0, feedback: 颠倒了}
      explanation: 300 ÷ 900 × 90 = 30。
    - id: p.three
      lesson: basics
      type: open
      prompt: 简述
      rubric:
        points:
          - {text: 电话, weight: 1, keywords: [[电话, 致电]]}
        model_answer: 电话催收
        misconceptions:
          - {keywords: [[威胁]], penalty: 0.5, feedback: 违法}
      explanation: 见课文。
    """

  static let alphabet: [Character] = Array("- :#&*!|>'\"[]{},\n\n  \tab1.%@`?~=x题型") + ["\u{0}", "\u{1B}", "\u{FEFF}"]

  @Test func theValidBankParses() {
    let (questions, diagnostics) = CourseLoader.parseQuestionBank(Self.valid, file: "q.yaml")
    #expect(questions.count == 3)
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
  }

  @Test func randomTextNeverCrashesAndFindingsAreLocated() async {
    let indices = Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...300)
    await propertyCheck(count: 300, input: indices) { picks in
      let text = String(picks.map { Self.alphabet[$0] })
      let (_, diagnostics) = CourseLoader.parseQuestionBank(text, file: "r.yaml")
      for diagnostic in diagnostics {
        #expect(diagnostic.line >= 1 && diagnostic.column >= 1)
        #expect(!diagnostic.message.isEmpty)
      }
    }
  }

  @Test func mutatedValidBanksAreLocatedOrStillValid() async {
    let lines = Self.valid.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 1...6)) { seeds in
      var mutated = lines
      for seed in seeds {
        let line = seed % mutated.count
        switch seed % 5 {
        case 0: mutated.remove(at: line)
        case 1: mutated.insert(mutated[line], at: line)
        case 2:
          var characters = Array(mutated[line])
          if !characters.isEmpty { characters.remove(at: (seed / 7) % characters.count) }
          mutated[line] = String(characters)
        case 3:
          var characters = Array(mutated[line])
          let inserted = Self.alphabet[(seed / 11) % Self.alphabet.count]
          characters.insert(inserted, at: characters.isEmpty ? 0 : (seed / 13) % characters.count)
          mutated[line] = String(characters)
        default: mutated.swapAt(line, (seed / 17) % mutated.count)
        }
        if mutated.isEmpty { mutated = [""] }
      }
      let text = mutated.joined(separator: "\n")
      let (questions, diagnostics) = CourseLoader.parseQuestionBank(text, file: "m.yaml")
      // Inserted characters may be line breaks, so count the lines of the text itself.
      let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
      for diagnostic in diagnostics {
        #expect(diagnostic.line >= 1 && diagnostic.line <= lineCount + 1)
        #expect(diagnostic.column >= 1)
      }
      if questions.count < 3 {
        // A question that went missing was either reported, or removed from the text entirely.
        let errors = diagnostics.filter { $0.severity == .error }
        let ids = ["p.one", "p.two", "p.three"].filter { text.contains("id: \($0)") }
        #expect(
          !errors.isEmpty || questions.count >= ids.count
            || text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
      }
    }
  }
}
