import Foundation
import QuizContent
import QuizCore

/// `stats items` as a value: the analysis of the attempts, each question's option counts, and
/// what an instructor should look at; rendered as a table, JSON or CSV.
struct ItemReport {
  /// How often each option of a choice question was picked (content order, A first).
  struct Options: Hashable {
    var labels: [String]
    var counts: [Int]
    var correct: [Bool]
    var responses: Int
  }

  /// What an instructor should look at, by Moodle's rules of thumb.
  enum Flag: String, CaseIterable {
    /// Facility above 95%: almost everyone gets it.
    case tooEasy = "too-easy"
    /// Facility below 20%.
    case tooHard = "too-hard"
    /// Negative discrimination: the weaker learners do better on it than the stronger.
    case misleading
    /// Discrimination index below 20 (and not negative).
    case weak
    /// A wrong option nobody picked (it distracts no one).
    case idleDistractor = "idle-distractor"
    /// A wrong option the strongest third picks more often than the weakest third.
    case attractsStrong = "distractor-attracts-strong"

    func label(_ language: Language) -> String {
      switch self {
      case .tooEasy: language.text("stats.flag.too-easy")
      case .tooHard: language.text("stats.flag.too-hard")
      case .misleading: language.text("stats.flag.misleading")
      case .weak: language.text("stats.flag.weak")
      case .idleDistractor: language.text("stats.flag.idle-distractor")
      case .attractsStrong: language.text("stats.flag.distractor-attracts-strong")
      }
    }
  }

  var test: ItemAnalysis.Test
  var questions: [ItemAnalysis.Question]
  var options: [String: Options]
  var flags: [String: [Flag]]

  init(data: ItemData, course: Course) {
    let analysis = ItemAnalysis.analyse(
      data.attempts.map(\.marks), maximumMarks: data.questions.map { ($0.id, $0.maximum) })
    test = analysis.test
    questions = analysis.questions
    var options: [String: Options] = [:]
    for question in questions {
      guard let content = course.question(withID: question.id) else { continue }
      let picked = data.attempts.compactMap { $0.responses[question.id] }
      switch content.kind {
      case .single(let choices), .multiple(let choices, _):
        var counts = Array(repeating: 0, count: choices.count)
        for case .choices(let set) in picked { for index in set where index < counts.count { counts[index] += 1 } }
        options[question.id] = Options(
          labels: choices.indices.map(Layout.letter), counts: counts, correct: choices.map { $0.fraction > 0 },
          responses: picked.count)
      case .trueFalse(let statement):
        var counts = [0, 0]
        for case .truth(let value) in picked { counts[value ? 0 : 1] += 1 }
        options[question.id] = Options(
          labels: ["T", "F"], counts: counts, correct: [statement.answer, !statement.answer], responses: picked.count)
      default: break
      }
    }
    self.options = options
    var flags: [String: [Flag]] = [:]
    for question in questions {
      var found: [Flag] = []
      if let facility = question.facility, question.attempts > 0 {
        if facility > 0.95 { found.append(.tooEasy) }
        if facility < 0.2 { found.append(.tooHard) }
      }
      if let index = question.discriminationIndex {
        if index < 0 { found.append(.misleading) } else if index < 20 { found.append(.weak) }
      }
      if let counted = options[question.id], counted.responses > 0,
        zip(counted.counts, counted.correct).contains(where: { $0.0 == 0 && !$0.1 })
      {
        found.append(.idleDistractor)
      }
      if let counted = options[question.id],
        Self.attractsStrong(question.id, data: data, correct: counted.correct)
      {
        found.append(.attractsStrong)
      }
      flags[question.id] = found
    }
    self.flags = flags
  }

  /// Whether a wrong option of a choice question is picked more often by the strongest third of
  /// the attempts (by total) than by the weakest third.
  static func attractsStrong(_ id: String, data: ItemData, correct: [Bool]) -> Bool {
    let ranked = data.attempts.filter { $0.responses[id] != nil }.sorted {
      $0.marks.values.reduce(0, +) < $1.marks.values.reduce(0, +)
    }
    let third = ranked.count / 3
    guard third > 0 else { return false }
    func picks(_ group: ArraySlice<ItemData.Attempt>) -> [Int] {
      var counts = Array(repeating: 0, count: correct.count)
      for attempt in group {
        switch attempt.responses[id] {
        case .choices(let set)?: for index in set where index < counts.count { counts[index] += 1 }
        case .truth(let value)?: counts[value ? 0 : 1] += 1
        default: break
        }
      }
      return counts
    }
    let weak = picks(ranked.prefix(third))
    let strong = picks(ranked.suffix(third))
    return correct.indices.contains { !correct[$0] && strong[$0] > weak[$0] }
  }

  /// Only the questions with a flag (`stats items --flagged`).
  func flaggedOnly() -> ItemReport {
    var copy = self
    copy.questions = questions.filter { !(flags[$0.id] ?? []).isEmpty }
    return copy
  }

  // MARK: Rendering

  static func percent(_ value: Double?, digits: Int = 0) -> String {
    guard let value, value.isFinite else { return "—" }
    return String(format: "%.\(digits)f", value)
  }

  func table(context: AppContext) -> [String] {
    let language = context.language
    let style = context.style
    guard test.attempts > 0 else { return [language.text("stats.no-attempts")] }
    var lines = [style.bold(language.text("stats.title", "\(test.attempts)", "\(test.questions)"))]
    let header = language.text("stats.columns").split(separator: "|").map(String.init)
    let rows = questions.map { question -> [String] in
      [
        MarkdownRenderer.inert(question.id), "\(question.attempts)", Self.percent(question.facility.map { $0 * 100 }),
        Self.percent(question.standardDeviation.map { $0 * 100 }), Self.percent(question.discriminationIndex),
        Self.percent(question.discriminativeEfficiency), Self.percent(question.effectiveWeight),
        (flags[question.id] ?? []).map { $0.label(language) }.joined(separator: language.text("list.separator")),
      ]
    }
    lines += TableRenderer(width: context.terminal.width, style: style).render(header: header, rows: rows)
    let withOptions = questions.filter { options[$0.id] != nil }
    if !withOptions.isEmpty {
      lines.append("")
      lines.append(style.bold(language.text("stats.options-title")))
      for question in withOptions {
        guard let counted = options[question.id] else { continue }
        let parts = counted.labels.indices.map { index -> String in
          let share = counted.responses > 0 ? 100 * Double(counted.counts[index]) / Double(counted.responses) : 0
          return (counted.correct[index] ? "*" : "")
            + "\(counted.labels[index]) \(counted.counts[index]) (\(Self.percent(share))%)"
        }
        lines.append("  \(MarkdownRenderer.inert(question.id))  " + parts.joined(separator: " · "))
      }
      lines.append(style.dim(language.text("stats.options-note")))
    }
    lines.append("")
    lines.append(style.bold(language.text("stats.test-title")))
    let maximum = test.maximumTotal
    func marks(_ value: Double?) -> String {
      guard let value else { return "—" }
      return DurationText.number(value) + (maximum > 0 ? " (\(Self.percent(100 * value / maximum))%)" : "")
    }
    let summary: [(String, String)] = [
      (language.text("stats.test.attempts"), "\(test.attempts)"), (language.text("stats.test.mean"), marks(test.mean)),
      (language.text("stats.test.median"), marks(test.median)),
      (language.text("stats.test.sd"), marks(test.standardDeviation)),
      (language.text("stats.test.skewness"), Self.percent(test.skewness, digits: 3)),
      (language.text("stats.test.kurtosis"), Self.percent(test.kurtosis, digits: 3)),
      (
        language.text("stats.test.cic"),
        Self.percent(test.internalConsistency, digits: 1) + (test.internalConsistency == nil ? "" : "%")
      ),
      (
        language.text("stats.test.error-ratio"),
        Self.percent(test.errorRatio, digits: 1) + (test.errorRatio == nil ? "" : "%")
      ),
      (language.text("stats.test.standard-error"), test.standardError.map { DurationText.number($0) } ?? "—"),
    ]
    for (label, value) in summary { lines.append("  " + TextWrapper.pad(label, to: 16) + value) }
    lines += TextWrapper.wrap(language.text("stats.how-to-read"), width: context.terminal.width).map { style.dim($0) }
    return lines
  }

  func json() -> String {
    func number(_ value: Double?) -> JSONValue { value.map { .number(($0 * 10_000).rounded() / 10_000) } ?? .null }
    let items = questions.map { question -> JSONValue in
      var fields: [(String, JSONValue)] = [
        ("question", .string(question.id)), ("attempts", .number(Double(question.attempts))),
        ("maximum_mark", .number(question.maximumMark)), ("facility", number(question.facility)),
        ("sd", number(question.standardDeviation)), ("discrimination_index", number(question.discriminationIndex)),
        ("discriminative_efficiency", number(question.discriminativeEfficiency)),
        ("effective_weight", number(question.effectiveWeight)),
        ("flags", .array((flags[question.id] ?? []).map { .string($0.rawValue) })),
      ]
      if let counted = options[question.id] {
        fields.append(
          (
            "options",
            .array(
              counted.labels.indices.map {
                .object([
                  ("option", .string(counted.labels[$0])), ("count", .number(Double(counted.counts[$0]))),
                  ("correct", .bool(counted.correct[$0])),
                ])
              })
          ))
      }
      return .object(fields)
    }
    let summary: JSONValue = .object([
      ("attempts", .number(Double(test.attempts))), ("questions", .number(Double(test.questions))),
      ("maximum_total", .number(test.maximumTotal)), ("mean", number(test.mean)), ("median", number(test.median)),
      ("sd", number(test.standardDeviation)), ("skewness", number(test.skewness)), ("kurtosis", number(test.kurtosis)),
      ("cic", number(test.internalConsistency)), ("error_ratio", number(test.errorRatio)),
      ("standard_error", number(test.standardError)),
    ])
    return JSONValue.object([("test", summary), ("items", .array(items))]).prettyPrinted()
  }

  /// UTF-8 with a byte-order mark, so that a spreadsheet opens the Chinese correctly.
  func csv() -> String {
    var lines = [
      "question,attempts,maximum_mark,facility,sd,discrimination_index,discriminative_efficiency,effective_weight,flags"
    ]
    func cell(_ value: Double?) -> String {
      value.map { ResponseFormatter.format(($0 * 10_000).rounded() / 10_000) } ?? ""
    }
    for question in questions {
      lines.append(
        [
          ProgressCommand.csvField(question.id), "\(question.attempts)", cell(question.maximumMark),
          cell(question.facility),
          cell(question.standardDeviation), cell(question.discriminationIndex), cell(question.discriminativeEfficiency),
          cell(question.effectiveWeight), (flags[question.id] ?? []).map(\.rawValue).joined(separator: " "),
        ].joined(separator: ","))
    }
    return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
  }
}
