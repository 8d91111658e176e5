import ArgumentParser
import Foundation
import QuizContent
import QuizCore
import QuizStore

/// `report`: who is trained — one line per learner, for managers.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: Interface.text("help.report.1"))

  @OptionGroup var global: GlobalOptions

  @Option(help: ArgumentHelp(Interface.text("help.report.2")))
  var format: ReportFormat = .text

  enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, csv, json, html }

  @Option(help: ArgumentHelp(Interface.text("help.report.expiring"), valueName: "duration"))
  var expiring: String?

  @Option(help: ArgumentHelp(Interface.text("help.report.since"), valueName: "yyyy-mm-dd"))
  var since: String?

  @Option(help: ArgumentHelp(Interface.text("help.report.lesson"), valueName: "lesson"))
  var lesson: String?

  @Flag(help: ArgumentHelp(Interface.text("help.report.not-certified")))
  var notCertified = false

  @Option(help: ArgumentHelp(Interface.text("help.out"), valueName: "file"))
  var out: String?

  static func day(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.calendar = Calendar(identifier: .gregorian)
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.timeZone = .current
    formatter.isLenient = false
    return formatter.date(from: text)
  }

  func validate() throws {
    if let expiring, DurationText.parse(expiring) == nil {
      throw ValidationError(Interface.text("report.bad-duration", expiring))
    }
    if expiring != nil && format == .html { throw ValidationError(Interface.text("report.expiring-no-html")) }
    if let since, Self.day(since) == nil { throw ValidationError(Interface.text("report.bad-date", since)) }
  }

  func run() throws {
    let context = AppContext(global)
    let language = context.language
    let store = try context.openStore(existing: true)
    if let expiring, let window = DurationText.parse(expiring) {
      let due: [ExpiringCertificate]
      do { due = try ExpiringCertificate.within(window, store: store, now: context.now()) } catch {
        throw context.fail(error)
      }
      let capture = Console.Capture()
      Console.$capture.withValue(capture) {
        ExpiringCertificate.render(due, window: expiring, format: format, context: context)
      }
      try writeOut(capture.lines.joined(separator: "\n") + "\n", to: out, context: context)
      if let out { Console.line(language.text("report.written", out)) }
      return
    }
    let course = try context.loadCourse()
    try context.requireLesson(lesson, in: course)
    var learner: Learner?
    if context.learnerOption != nil {
      learner = try context.chosenLearner(in: store, for: .reading)
    }
    var calendar = Calendar.current
    calendar.timeZone = .current
    let filter = TrainingReport.Filter(
      since: since.flatMap(Self.day), lesson: lesson, notCertified: notCertified, learner: learner?.name)
    let report: TrainingReport
    var detail: LearnerDetail?
    do {
      report = try TrainingReport.build(
        store: store, course: course, filter: filter, now: context.now(), calendar: calendar)
      if let learner, let row = report.rows.first {
        detail = try LearnerDetail.build(store: store, course: course, learner: learner, row: row)
      }
    } catch {
      throw context.fail(error)
    }
    let text: String
    switch format {
    case .csv: text = report.csv()
    case .json: text = report.json() + "\n"
    case .html: text = report.html(language: language, courseTitle: course.title)
    case .text:
      let lines = detail.map { $0.lines(report: report, context: context) } ?? report.table(context: context)
      text = lines.joined(separator: "\n") + "\n"
    }
    try writeOut(text, to: out, context: context)
    if let out { Console.line(language.text("report.written", out)) }
  }
}

/// A learner's current certificate of an exam that expires within a window (`report --expiring`).
struct ExpiringCertificate {
  var learner: String
  var examID: String
  var certificateID: String
  var expiresAt: Date
  var daysLeft: Int

  /// The latest unrevoked certificate per learner and exam, when it expires within `window`
  /// from `now` (and has not expired yet), soonest first.
  static func within(_ window: TimeInterval, store: any ProgressStore, now: Date) throws(StoreError)
    -> [ExpiringCertificate]
  {
    let names = Dictionary(try store.learners().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    var latest: [String: StoredCertificate] = [:]
    for certificate in try store.certificates() where certificate.revocation == nil {
      let key = "\(certificate.learnerID)|\(certificate.examID)"
      if (latest[key]?.expiresAt ?? .distantPast) < certificate.expiresAt { latest[key] = certificate }
    }
    return latest.values.filter { $0.expiresAt > now && $0.expiresAt.timeIntervalSince(now) <= window }
      .sorted { ($0.expiresAt, $0.id) < ($1.expiresAt, $1.id) }
      .map {
        ExpiringCertificate(
          learner: names[$0.learnerID] ?? "?", examID: $0.examID, certificateID: $0.id, expiresAt: $0.expiresAt,
          daysLeft: Int(ceil($0.expiresAt.timeIntervalSince(now) / 86_400)))
      }
  }

  static func render(
    _ rows: [ExpiringCertificate], window: String, format: ReportCommand.ReportFormat, context: AppContext
  ) {
    let iso = ISO8601DateFormatter()
    switch format {
    case .csv:
      Console.line("\u{FEFF}learner,exam,certificate,expires_at,days_left")
      for row in rows {
        Console.line(
          [
            ProgressCommand.csvField(row.learner), ProgressCommand.csvField(row.examID), row.certificateID,
            iso.string(from: row.expiresAt), String(row.daysLeft),
          ].joined(separator: ","))
      }
    case .json:
      Console.line(
        JSONValue.array(
          rows.map {
            .object([
              ("learner", .string($0.learner)), ("exam", .string($0.examID)),
              ("certificate", .string($0.certificateID)),
              ("expires_at", .string(iso.string(from: $0.expiresAt))), ("days_left", .number(Double($0.daysLeft))),
            ])
          }
        ).prettyPrinted())
    case .text, .html:
      let language = context.language
      guard !rows.isEmpty else {
        Console.line(language.text("report.none-expiring", window))
        return
      }
      Console.line(context.style.bold(language.text("report.expiring-title", window, "\(rows.count)")))
      for row in rows {
        Console.line(
          "  "
            + language.text(
              "report.expiring-line", MarkdownRenderer.inert(row.learner), row.examID,
              DurationText.clock(row.expiresAt),
              "\(row.daysLeft)"))
      }
    }
  }
}
