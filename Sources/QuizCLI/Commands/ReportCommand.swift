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
  var format: ExportFormat = .text

  @Option(help: ArgumentHelp(Interface.text("help.report.expiring"), valueName: "duration"))
  var expiring: String?

  func validate() throws {
    if let expiring, DurationText.parse(expiring) == nil {
      throw ValidationError(Interface.text("report.bad-duration", expiring))
    }
  }

  func run() throws {
    let context = AppContext(global)
    let store = try context.openStore(existing: true)
    if let expiring, let window = DurationText.parse(expiring) {
      let due: [ExpiringCertificate]
      do { due = try ExpiringCertificate.within(window, store: store, now: context.now()) } catch {
        throw context.fail(error)
      }
      ExpiringCertificate.render(due, window: expiring, format: format, context: context)
      return
    }
    let rows: [LearnerSummary]
    do {
      rows = try store.summary()
    } catch {
      throw context.fail(error)
    }
    Self.render(rows, format: format, context: context)
  }

  /// Prints the summary rows in a format.
  static func render(_ rows: [LearnerSummary], format: ExportFormat, context: AppContext) {
    let iso = ISO8601DateFormatter()
    switch format {
    case .csv:
      Console.line("learner,answers,questions,mean,last_answered_at")
      for row in rows {
        Console.line(
          [
            ProgressCommand.csvField(row.name), String(row.answers), String(row.questions),
            ResponseFormatter.format((row.mean * 10_000).rounded() / 10_000),
            row.lastAnsweredAt.map(iso.string(from:)) ?? "",
          ].joined(separator: ","))
      }
    case .json:
      let items = rows.map { row -> JSONValue in
        .object([
          ("learner", .string(row.name)), ("answers", .number(Double(row.answers))),
          ("questions", .number(Double(row.questions))), ("mean", .number((row.mean * 10_000).rounded() / 10_000)),
          ("last_answered_at", row.lastAnsweredAt.map { .string(iso.string(from: $0)) } ?? .null),
        ])
      }
      Console.line(JSONValue.array(items).prettyPrinted())
    case .text:
      let language = context.language
      guard !rows.isEmpty else {
        Console.line(language.text("reportcommand.no-learners-yet"))
        return
      }
      let formatter = DateFormatter()
      formatter.dateFormat = "yyyy-MM-dd"
      formatter.timeZone = .current
      let headers = [
        language.text("reportcommand.learner"), language.text("report.column.answers"),
        language.text("report.column.questions"), language.text("report.column.score"),
        language.text("report.column.last"),
      ]
      let cells = rows.map { row in
        [
          TextWrapper.truncate(MarkdownRenderer.inert(row.name), to: 20), String(row.answers), String(row.questions),
          "\(Int((row.mean * 100).rounded()))%", row.lastAnsweredAt.map(formatter.string(from:)) ?? "—",
        ]
      }
      // Each column as wide as its widest cell, header included, by display width (CJK = 2).
      let widths = headers.indices.map { column in
        ([headers[column]] + cells.map { $0[column] }).map(\.displayWidth).max() ?? 0
      }
      let line = { (values: [String]) in
        values.indices.map { TextWrapper.pad(values[$0], to: widths[$0]) }.joined(separator: "  ")
          .replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
      }
      Console.line(context.style.dim(line(headers)))
      for row in cells { Console.line(line(row)) }
    }
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

  static func render(_ rows: [ExpiringCertificate], window: String, format: ExportFormat, context: AppContext) {
    let iso = ISO8601DateFormatter()
    switch format {
    case .csv:
      Console.line("learner,exam,certificate,expires_at,days_left")
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
    case .text:
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
