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

  func run() throws {
    let context = AppContext(global)
    let store = try context.openStore(existing: true)
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
