import Foundation
import QuizContent
import QuizCore
import QuizStore

extension TrainingReport {
  static func percent(_ value: Double?) -> String {
    value.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
  }

  /// Mastery of each lesson as one block character (▁ … █), in lesson order; a compact bar a
  /// table cell can hold. The CSV and JSON forms carry the numbers.
  static func spark(_ values: [Double]) -> String {
    let blocks = Array("▁▂▃▄▅▆▇█")
    return String(values.map { blocks[min(blocks.count - 1, max(0, Int(($0 * Double(blocks.count - 1)).rounded())))] })
  }

  func status(_ row: Row, _ language: Language) -> String {
    let until = row.certificateExpires.map(DurationText.clock) ?? ""
    switch row.certificate {
    case .valid: return language.text("report.cert.valid", until)
    case .expiring: return language.text("report.cert.expiring", until)
    case .expired: return language.text("report.cert.expired", until)
    case .revoked: return language.text("report.cert.revoked")
    case .none: return language.text("report.cert.none")
    }
  }

  func exam(_ row: Row, _ language: Language) -> String {
    guard row.examAttempts > 0 else { return "—" }
    let verdict =
      switch row.passed {
      case true?: language.text("report.exam.passed")
      case false?: language.text("report.exam.failed")
      case nil: language.text("report.exam.waiting")
      }
    return language.text("report.exam.cell", "\(row.examAttempts)", Self.percent(row.bestExamScore), verdict)
  }

  /// The terminal table: one row per learner, then a line of totals.
  func table(context: AppContext) -> [String] {
    let language = context.language
    guard !rows.isEmpty else { return [language.text("reportcommand.no-learners-yet")] }
    let header = language.text("report.columns").split(separator: "|").map(String.init)
    let day = { (date: Date?) in date.map { String(DurationText.clock($0).prefix(10)) } ?? "—" }
    let cells = rows.map { row -> [String] in
      [
        TextWrapper.truncate(MarkdownRenderer.inert(row.displayName), to: 12),
        "\(row.sectionsRead)/\(row.sectionsTotal)", "\(row.practised)/\(row.questionsTotal)",
        Self.percent(row.firstAttemptAccuracy), Self.spark(lessons.map { row.mastery[$0.id] ?? 0 }),
        "\(row.dueNow)/\(row.overdue)", "\(row.secondsAnswering / 60)", "\(row.hints)/\(row.skips)", "\(row.waiting)",
        day(row.lastActive), exam(row, language), status(row, language),
      ]
    }
    var lines = TableRenderer(width: context.terminal.width, style: context.style).render(header: header, rows: cells)
    let certified = rows.filter { $0.certificate == .valid || $0.certificate == .expiring }.count
    let accuracies = rows.compactMap(\.firstAttemptAccuracy)
    lines.append(
      language.text(
        "report.totals", "\(rows.count)", "\(certified)",
        Self.percent(accuracies.isEmpty ? nil : accuracies.reduce(0, +) / Double(accuracies.count))))
    lines.append(
      context.style.dim(
        language.text(
          "report.mastery-key",
          lessons.enumerated().map { "\($0.offset + 1) \($0.element.id)" }.joined(separator: " · "))))
    return lines
  }

  static let csvColumns = [
    "learner", "name", "sections_read", "sections_total", "practised", "questions_total", "counted_answers",
    "first_attempt_accuracy", "due_now", "overdue", "seconds_answering", "hints", "skips", "waiting_for_person",
    "last_active", "exam_attempts", "best_exam_score", "passed", "certificate", "certificate_expires",
  ]

  /// UTF-8 with a byte-order mark (Excel then shows the Chinese), one column per lesson's mastery.
  func csv() -> String {
    let iso = ISO8601DateFormatter()
    let number = { (value: Double?) in value.map { ResponseFormatter.format(($0 * 10_000).rounded() / 10_000) } ?? "" }
    var lines = [(Self.csvColumns + lessons.map { "mastery_\($0.id)" }).joined(separator: ",")]
    for row in rows {
      let fields: [String] = [
        ProgressCommand.csvField(row.learner), ProgressCommand.csvField(row.displayName), "\(row.sectionsRead)",
        "\(row.sectionsTotal)", "\(row.practised)", "\(row.questionsTotal)", "\(row.counted)",
        number(row.firstAttemptAccuracy), "\(row.dueNow)", "\(row.overdue)", "\(row.secondsAnswering)", "\(row.hints)",
        "\(row.skips)", "\(row.waiting)", row.lastActive.map(iso.string(from:)) ?? "", "\(row.examAttempts)",
        number(row.bestExamScore), row.passed.map { $0 ? "true" : "false" } ?? "", row.certificate.rawValue,
        row.certificateExpires.map(iso.string(from:)) ?? "",
      ]
      lines.append((fields + lessons.map { number(row.mastery[$0.id]) }).joined(separator: ","))
    }
    return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
  }

  func json() -> String {
    let iso = ISO8601DateFormatter()
    let number = { (value: Double?) -> JSONValue in value.map { .number(($0 * 10_000).rounded() / 10_000) } ?? .null }
    let items = rows.map { row -> JSONValue in
      .object([
        ("learner", .string(row.learner)), ("name", .string(row.displayName)),
        ("sections_read", .number(Double(row.sectionsRead))), ("sections_total", .number(Double(row.sectionsTotal))),
        ("practised", .number(Double(row.practised))), ("questions_total", .number(Double(row.questionsTotal))),
        ("counted_answers", .number(Double(row.counted))), ("first_attempt_accuracy", number(row.firstAttemptAccuracy)),
        ("mastery", .object(lessons.map { ($0.id, number(row.mastery[$0.id])) })),
        ("due_now", .number(Double(row.dueNow))), ("overdue", .number(Double(row.overdue))),
        ("seconds_answering", .number(Double(row.secondsAnswering))), ("hints", .number(Double(row.hints))),
        ("skips", .number(Double(row.skips))), ("waiting_for_person", .number(Double(row.waiting))),
        ("last_active", row.lastActive.map { .string(iso.string(from: $0)) } ?? .null),
        ("exam_attempts", .number(Double(row.examAttempts))), ("best_exam_score", number(row.bestExamScore)),
        ("passed", row.passed.map(JSONValue.bool) ?? .null), ("certificate", .string(row.certificate.rawValue)),
        ("certificate_expires", row.certificateExpires.map { .string(iso.string(from: $0)) } ?? .null),
      ])
    }
    return JSONValue.object([
      ("generated_at", .string(iso.string(from: generatedAt))), ("pass_mark", number(passMark)),
      ("lessons", .array(lessons.map { .object([("id", .string($0.id)), ("title", .string($0.title))]) })),
      ("learners", .array(items)),
    ]).prettyPrinted()
  }
}

/// One learner's history for `report --learner NAME`: the row, the weakest topics, and each
/// certification attempt with its score per lesson.
struct LearnerDetail {
  struct AttemptLine {
    var started: Date
    var exam: String
    var status: AttemptStatus
    var score: Double?
    var passed: Bool?
    var byLesson: [(lesson: String, score: Double)]
  }

  var row: TrainingReport.Row
  var weakest: [Accuracy]
  var attempts: [AttemptLine]

  static func build(
    store: any ProgressStore, course: Course, learner: Learner, row: TrainingReport.Row
  ) throws(StoreError) -> LearnerDetail {
    let weakest = try store.accuracyByTag(learner: learner.id).filter { $0.answers >= 2 }.sorted {
      ($0.mean, $0.key) < ($1.mean, $1.key)
    }
    var lines: [AttemptLine] = []
    for attempt in try store.attempts(learner: learner.id) {
      var byLesson: [(String, Double)] = []
      if attempt.status == .final {
        let answers = Dictionary(
          try store.answers(session: attempt.sessionID).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let latest = Ledger.latestByItem(try store.attemptEvents(attempt.id))
        var sums: [String: (Double, Int)] = [:]
        for id in attempt.queue {
          guard let lesson = course.question(withID: id)?.lesson else { continue }
          let fraction = latest.first { $0.event.questionID == id }.flatMap { answers[$0.answerID]?.fraction } ?? 0
          sums[lesson, default: (0, 0)].0 += fraction
          sums[lesson, default: (0, 0)].1 += 1
        }
        byLesson = course.lessons.compactMap { lesson in sums[lesson.id].map { (lesson.id, $0.0 / Double($0.1)) } }
      }
      lines.append(
        AttemptLine(
          started: attempt.startedAt, exam: attempt.examTitle, status: attempt.status,
          score: attempt.status == .final ? attempt.score : nil,
          passed: attempt.status == .final ? attempt.passed : nil,
          byLesson: byLesson))
    }
    return LearnerDetail(row: row, weakest: Array(weakest.prefix(3)), attempts: lines)
  }

  func lines(report: TrainingReport, context: AppContext) -> [String] {
    let language = context.language
    let style = context.style
    var lines = [style.bold(language.text("report.detail.title", row.displayName, row.learner))]
    lines.append(
      "  "
        + language.text(
          "report.detail.summary", "\(row.sectionsRead)/\(row.sectionsTotal)", "\(row.practised)/\(row.questionsTotal)",
          TrainingReport.percent(row.firstAttemptAccuracy), "\(row.dueNow)", "\(row.overdue)", "\(row.waiting)"))
    lines.append("  " + language.text("report.detail.certificate") + report.status(row, language))
    lines.append(style.bold(language.text("report.detail.mastery")))
    for lesson in report.lessons {
      let value = row.mastery[lesson.id] ?? 0
      lines.append(
        "  " + TextWrapper.pad(TextWrapper.truncate(lesson.title, to: 24), to: 24) + " "
          + StudyShell.bar(value, style: style) + " " + TrainingReport.percent(value))
    }
    if !weakest.isEmpty {
      lines.append(style.bold(language.text("report.detail.weakest")))
      for topic in weakest {
        lines.append(
          "  " + language.text("report.detail.topic", topic.key, TrainingReport.percent(topic.mean), "\(topic.answers)")
        )
      }
    }
    if !attempts.isEmpty {
      lines.append(style.bold(language.text("report.detail.attempts")))
      for attempt in attempts {
        let verdict =
          switch attempt.status {
          case .running: language.text("certificate.history-running")
          case .submitted: language.text("certificate.history-waiting")
          case .final:
            attempt.passed == true
              ? language.text(
                "certificate.history-passed",
                TrainingReport.percent(attempt.score).replacingOccurrences(of: "%", with: ""))
              : language.text(
                "certificate.history-failed",
                TrainingReport.percent(attempt.score).replacingOccurrences(of: "%", with: ""))
          }
        lines.append("  " + DurationText.clock(attempt.started) + "  " + attempt.exam + "  " + verdict)
        if !attempt.byLesson.isEmpty {
          lines.append(
            "    "
              + attempt.byLesson.map { "\($0.lesson) \(TrainingReport.percent($0.score))" }.joined(separator: " · "))
        }
      }
    }
    return lines
  }
}
