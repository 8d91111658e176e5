import ArgumentParser
import Foundation
import QuizContent
import QuizCore
import QuizStore

/// `stats`: statistics for instructors.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats", abstract: Interface.text("help.stats"), subcommands: [Items.self])

  /// `stats items`: which questions work, by the definitions of Moodle's quiz statistics.
  struct Items: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: Interface.text("help.stats.items"), discussion: Interface.text("help.stats.items-discussion"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(Interface.text("help.stats.exam"), valueName: "exam"))
    var exam: String?
    @Option(help: ArgumentHelp(Interface.text("help.stats.lesson"), valueName: "lesson"))
    var lesson: String?
    @Option(help: ArgumentHelp(Interface.text("help.stats.marks"), valueName: "file.csv"))
    var marks: String?
    @Option(help: ArgumentHelp(Interface.text("help.stats.attempts")))
    var attempts: AttemptChoice = .first
    @Option(help: ArgumentHelp(Interface.text("help.stats.format")))
    var format: StatsFormat = .table

    enum AttemptChoice: String, ExpressibleByArgument, CaseIterable { case first, last, best, all }
    enum StatsFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let course = try context.loadCourse()
      if let exam, course.exam(withID: exam) == nil {
        let close = Suggestion.closest(to: exam, among: course.exams.map(\.id))
        Console.error(
          "recovery-trainer: " + language.text("exam.no-such-exam", MarkdownRenderer.inert(exam))
            + (close.map { language.text("exam.did-you-mean", $0) } ?? ""))
        throw ExitCode(64)
      }
      if let lesson, course.lesson(withID: lesson) == nil {
        Console.error(
          "recovery-trainer: " + language.text("studyshell-practice.no-such-lesson", MarkdownRenderer.inert(lesson))
            + language.text("studyshell-practice.lessons") + course.lessons.map(\.id).joined(separator: ", "))
        throw ExitCode(64)
      }
      var data: ItemData
      if let marks {
        let text = try Console.readInput(marks)
        switch ItemData.parseMarks(text, file: marks, course: course) {
        case .success(let parsed): data = parsed
        case .failure(let problem):
          Console.error(problem.located(language))
          throw ExitCode(65)
        }
      } else {
        let store = try context.openStore(existing: true)
        do { data = try ItemData.fromStore(store, course: course, exam: exam) } catch { throw context.fail(error) }
      }
      data = data.choosing(attempts).restricted(toLesson: lesson, in: course)
      let report = ItemReport(data: data, course: course)
      switch format {
      case .json: Console.line(report.json())
      case .csv: FileHandle.standardOutput.write(Data(report.csv().utf8))
      case .table: for line in report.table(context: context) { Console.line(line) }
      }
    }
  }
}

/// The attempts an item analysis runs on: per attempt its learner, when, and each question's
/// mark (and, for choice questions, what was picked).
struct ItemData {
  struct Attempt {
    var learner: String
    var at: Date
    var marks: [String: Double]
    var responses: [String: Response] = [:]
  }

  var attempts: [Attempt]
  /// The questions, in order, with their maximum marks.
  var questions: [(id: String, maximum: Double)]

  /// From the store: each session an attempt (with `exam`, the mock and the sealed
  /// certification attempts of that exam). The answer that counts per question (the first; in
  /// an exam the latest); answers still waiting for a person and attempts not sealed are left out.
  static func fromStore(_ store: any ProgressStore, course: Course, exam: String?) throws(StoreError) -> ItemData {
    var attempts: [Attempt] = []
    for learner in try store.learners() {
      let certified = try store.attempts(learner: learner.id)
      let unsealed = Set(certified.filter { $0.status != .final }.map(\.sessionID))
      let sessions = try store.history(learner: learner.id, limit: 1_000_000).map(\.session)
      let wanted = sessions.filter { session in
        guard !unsealed.contains(session.id), session.status != .active else { return false }
        guard let exam else { return true }
        return session.scope == ExamSitting.scope(exam) || session.scope == StudyShell.mockScope(exam)
          || session.scope == "paper:\(exam)"
      }
      let kinds = Dictionary(wanted.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      var bySession: [Int64: [AnswerRecord]] = [:]
      for answer in try store.answers(learner: learner.id) {
        guard let session = answer.sessionID, kinds[session] != nil else { continue }
        bySession[session, default: []].append(answer)
      }
      for session in wanted.sorted(by: { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }) {
        var counted: [String: AnswerRecord] = [:]
        for answer in bySession[session.id] ?? [] where session.kind == .exam || counted[answer.questionID] == nil {
          counted[answer.questionID] = answer
        }
        var attempt = Attempt(learner: learner.name, at: session.startedAt, marks: [:])
        for (id, answer) in counted where !answer.needsReview {
          guard let question = course.question(withID: id) else { continue }
          attempt.marks[id] = answer.fraction * question.weight
          if let response = answer.response { attempt.responses[id] = response }
        }
        if !attempt.marks.isEmpty { attempts.append(attempt) }
      }
    }
    let seen = Set(attempts.flatMap(\.marks.keys))
    let questions = course.questions.filter { seen.contains($0.id) }.map { (id: $0.id, maximum: $0.weight) }
    return ItemData(attempts: attempts, questions: questions)
  }

  /// Per learner, the attempts that count: the first, the last, the best (highest total, the
  /// earliest of equals) or all of them.
  func choosing(_ choice: StatsCommand.Items.AttemptChoice) -> ItemData {
    guard choice != .all else { return self }
    let byLearner = Dictionary(grouping: attempts, by: \.learner)
    let chosen = byLearner.values.compactMap { list -> Attempt? in
      let ordered = list.sorted { $0.at < $1.at }
      switch choice {
      case .first: return ordered.first
      case .last: return ordered.last
      case .best:
        return ordered.max { $0.marks.values.reduce(0, +) < $1.marks.values.reduce(0, +) }.flatMap { best in
          ordered.first { $0.marks.values.reduce(0, +) == best.marks.values.reduce(0, +) }
        }
      case .all: return nil
      }
    }
    return ItemData(attempts: chosen.sorted { ($0.at, $0.learner) < ($1.at, $1.learner) }, questions: questions)
  }

  /// Only the questions of a lesson (the attempts' totals then count only those).
  func restricted(toLesson lesson: String?, in course: Course) -> ItemData {
    guard let lesson else { return self }
    let kept = questions.filter { course.question(withID: $0.id)?.lesson == lesson }
    let ids = Set(kept.map(\.id))
    let trimmed = attempts.map { attempt -> Attempt in
      var copy = attempt
      copy.marks = attempt.marks.filter { ids.contains($0.key) }
      return copy
    }.filter { !$0.marks.isEmpty }
    return ItemData(attempts: trimmed, questions: kept)
  }

  /// A problem in a marks file, located.
  struct MarksProblem: Error {
    enum Kind: String, Equatable {
      case noHeader = "marks.no-header"
      case badMaximum = "marks.bad-maximum"
      case unknownQuestion = "marks.unknown-question"
      case extraCell = "marks.extra-cell"
      case badMark = "marks.bad-mark"
    }
    var file: String
    var line: Int
    var column: Int
    var kind: Kind
    var values: [String] = []

    /// The key of the message (for tests).
    var key: String { kind.rawValue }

    func located(_ language: Language) -> String {
      let value = { (index: Int) in index < values.count ? MarkdownRenderer.inert(values[index]) : "" }
      let message =
        switch kind {
        case .noHeader: language.text("marks.no-header")
        case .badMaximum: language.text("marks.bad-maximum", value(0))
        case .unknownQuestion: language.text("marks.unknown-question", value(0))
        case .extraCell: language.text("marks.extra-cell")
        case .badMark: language.text("marks.bad-mark", value(0), value(1))
        }
      return "\(file):\(line):\(column): " + message
    }
  }

  /// A CSV of marks from paper or another system: a header `attempt,<question id>,…`, an
  /// optional row `max,…` with each question's maximum (otherwise the course's weight), then
  /// one row per attempt with a mark per question (blank: not in that attempt). UTF-8, with or
  /// without a byte-order mark; commas inside quotes are kept.
  static func parseMarks(_ text: String, file: String, course: Course) -> Result<ItemData, MarksProblem> {
    let rows = CSV.rows(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    guard let header = rows.first, header.cells.count >= 2 else {
      return .failure(MarksProblem(file: file, line: 1, column: 1, kind: .noHeader))
    }
    let ids = header.cells.dropFirst().map { $0.text.trimmingCharacters(in: .whitespaces) }
    var maxima: [String: Double] = [:]
    var body = rows.dropFirst()
    if let first = body.first, first.cells.first?.text.trimmingCharacters(in: .whitespaces).lowercased() == "max" {
      for (index, cell) in first.cells.dropFirst().enumerated() where index < ids.count {
        guard let value = Double(cell.text.trimmingCharacters(in: .whitespaces)), value > 0 else {
          return .failure(
            MarksProblem(
              file: file, line: first.line, column: cell.column, kind: .badMaximum, values: [cell.text]))
        }
        maxima[ids[index]] = value
      }
      body = body.dropFirst()
    }
    var questions: [(id: String, maximum: Double)] = []
    for (index, id) in ids.enumerated() {
      guard let maximum = maxima[id] ?? course.question(withID: id)?.weight else {
        return .failure(
          MarksProblem(
            file: file, line: header.line, column: header.cells[index + 1].column, kind: .unknownQuestion,
            values: [id]))
      }
      questions.append((id, maximum))
    }
    var attempts: [Attempt] = []
    for row in body where !(row.cells.count == 1 && row.cells[0].text.isEmpty) {
      var attempt = Attempt(
        learner: row.cells.first?.text ?? "", at: Date(timeIntervalSince1970: Double(row.line)), marks: [:])
      for (index, cell) in row.cells.dropFirst().enumerated() {
        let value = cell.text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { continue }
        guard index < questions.count else {
          return .failure(
            MarksProblem(file: file, line: row.line, column: cell.column, kind: .extraCell))
        }
        guard let mark = Double(value), mark >= 0, mark <= questions[index].maximum + Credit.tolerance else {
          return .failure(
            MarksProblem(
              file: file, line: row.line, column: cell.column, kind: .badMark,
              values: [value, DurationText.number(questions[index].maximum)]))
        }
        attempt.marks[questions[index].id] = mark
      }
      attempts.append(attempt)
    }
    return .success(ItemData(attempts: attempts, questions: questions))
  }
}

/// A small RFC 4180 reader that keeps each cell's line and column for messages.
enum CSV {
  struct Cell {
    var text: String
    var column: Int
  }
  struct Row {
    var line: Int
    var cells: [Cell]
  }

  static func rows(_ text: String) -> [Row] {
    var rows: [Row] = []
    var cells: [Cell] = []
    var current = ""
    var quoted = false
    var line = 1
    var column = 1
    var rowLine = 1
    var cellColumn = 1
    var characters = Array(text)
    if characters.last != "\n" { characters.append("\n") }
    var index = 0
    while index < characters.count {
      let character = characters[index]
      index += 1
      if quoted {
        if character == "\"" {
          if index < characters.count && characters[index] == "\"" {
            current.append("\"")
            index += 1
            column += 1
          } else {
            quoted = false
          }
        } else {
          current.append(character)
        }
        if character == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
        continue
      }
      switch character {
      case "\"" where current.isEmpty:
        quoted = true
        column += 1
      case ",":
        cells.append(Cell(text: current, column: cellColumn))
        current = ""
        column += 1
        cellColumn = column
      case "\n", "\r\n":
        cells.append(Cell(text: current, column: cellColumn))
        rows.append(Row(line: rowLine, cells: cells))
        cells = []
        current = ""
        line += 1
        column = 1
        cellColumn = 1
        rowLine = line
      case "\r":
        continue
      default:
        current.append(character)
        column += 1
      }
    }
    return rows
  }
}
