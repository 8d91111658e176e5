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
      let nameWidth = min(20, rows.map { $0.name.displayWidth }.max() ?? 0)
      Console.line(
        context.style.dim(
          TextWrapper.pad(language.text("reportcommand.learner"), to: nameWidth) + "  "
            + language.text("reportcommand.answers-questions-mean-last")))
      for row in rows {
        Console.line(
          TextWrapper.pad(TextWrapper.truncate(MarkdownRenderer.inert(row.name), to: nameWidth), to: nameWidth) + "  "
            + TextWrapper.pad(String(row.answers), to: 6) + " " + TextWrapper.pad(String(row.questions), to: 6) + " "
            + TextWrapper.pad("\(Int((row.mean * 100).rounded()))%", to: 6) + "  "
            + (row.lastAnsweredAt.map(formatter.string(from:)) ?? "—"))
      }
    }
  }
}
