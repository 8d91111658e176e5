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
    @Flag(help: ArgumentHelp(Interface.text("help.stats.flagged")))
    var flagged = false

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
      try context.requireLesson(lesson, in: course)
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
      // The lesson first: a learner's first (or best) attempt is at that lesson's questions.
      data = data.restricted(toLesson: lesson, in: course).choosing(attempts)
      let full = ItemReport(data: data, course: course)
      let report = flagged ? full.flaggedOnly() : full
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
      let sessions = try store.sessions(learner: learner.id)
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
      case noQuestions = "marks.no-questions"
      case duplicateQuestion = "marks.duplicate-question"
      case unclosedQuote = "marks.unclosed-quote"
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
        case .noQuestions: language.text("marks.no-questions")
        case .duplicateQuestion: language.text("marks.duplicate-question", value(0))
        case .unclosedQuote: language.text("marks.unclosed-quote")
        }
      return "\(file):\(line):\(column): " + message
    }
  }

  /// A CSV of marks from paper or another system, one row per attempt after a header row:
  /// - a column per question, named by its id in the course, or as Moodle's grades export names
  ///   it (`Q. 1 /1.00`, the maximum in the name); an optional row `max,…` gives maxima (else
  ///   the course's weight);
  /// - other columns are read when they say who or in what state (an e-mail address, a surname
  ///   and first name, or the first column; `State`: only finished attempts count) and otherwise
  ///   ignored (dates, time taken, the total);
  /// - `-`, an empty cell or "Requires grading" mean not answered; Moodle's `Overall average`
  ///   row is skipped. UTF-8, with or without a byte-order mark; quoted commas are kept.
  /// A name that looks like a question id but is not one in the course is an error, never
  /// silently ignored.
  static func parseMarks(_ text: String, file: String, course: Course) -> Result<ItemData, MarksProblem> {
    let content = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    if let open = CSV.unclosedQuote(content) {
      return .failure(MarksProblem(file: file, line: open.line, column: open.column, kind: .unclosedQuote))
    }
    let rows = CSV.rows(content)
    guard let header = rows.first, header.cells.count >= 2 else {
      return .failure(MarksProblem(file: file, line: 1, column: 1, kind: .noHeader))
    }
    let names = header.cells.map { $0.text.trimmingCharacters(in: .whitespaces) }
    var body = rows.dropFirst()
    var maxima: [Int: Double] = [:]
    // The row of maxima: `max` in the first cell, and nothing where a row says who it is (a
    // learner called Max has an e-mail or a surname).
    let identityColumns = names.indices.filter { Self.identityNames.contains(names[$0].lowercased()) }
    if let first = body.first, first.cells.first?.text.trimmingCharacters(in: .whitespaces) == "max",
      identityColumns.allSatisfy({
        $0 >= first.cells.count || first.cells[$0].text.trimmingCharacters(in: .whitespaces).isEmpty
      })
    {
      for (index, cell) in first.cells.enumerated().dropFirst()
      where !cell.text.trimmingCharacters(in: .whitespaces).isEmpty {
        guard let value = Double(cell.text.trimmingCharacters(in: .whitespaces)), value > 0 else {
          return .failure(
            MarksProblem(file: file, line: first.line, column: cell.column, kind: .badMaximum, values: [cell.text]))
        }
        maxima[index] = value
      }
      body = body.dropFirst()
    }
    // Which column is which.
    var questionColumns: [(column: Int, id: String, maximum: Double)] = []
    var seen: Set<String> = []
    var email: Int?
    var surname: Int?
    var firstName: Int?
    var state: Int?
    for (index, name) in names.enumerated() {
      let lowered = name.lowercased()
      if let moodle = Self.moodleQuestion(name) {
        questionColumns.append((index, moodle.id, maxima[index] ?? moodle.maximum))
      } else if let question = course.question(withID: name) {
        questionColumns.append((index, name, maxima[index] ?? question.weight))
      } else if let maximum = maxima[index], index > 0, !Self.metadata.contains(lowered) {
        questionColumns.append((index, name, maximum))
      } else if ["email address", "e-mail", "email", "电子邮件", "电子邮件地址", "邮箱"].contains(lowered) {
        email = index
      } else if ["surname", "last name", "姓", "姓氏"].contains(lowered) {
        surname = index
      } else if ["first name", "名", "名字"].contains(lowered) {
        firstName = index
      } else if ["state", "状态"].contains(lowered) {
        state = index
      } else if index > 0, Self.looksLikeQuestionID(name) {
        return .failure(
          MarksProblem(
            file: file, line: header.line, column: header.cells[index].column, kind: .unknownQuestion, values: [name]))
      }
    }
    for question in questionColumns where !seen.insert(question.id).inserted {
      return .failure(
        MarksProblem(
          file: file, line: header.line, column: header.cells[question.column].column, kind: .duplicateQuestion,
          values: [question.id]))
    }
    guard !questionColumns.isEmpty else {
      return .failure(MarksProblem(file: file, line: header.line, column: 1, kind: .noQuestions))
    }
    var attempts: [Attempt] = []
    for row in body {
      let cells = row.cells.map { $0.text.trimmingCharacters(in: .whitespaces) }
      if cells.allSatisfy(\.isEmpty) { continue }
      if let first = cells.first, first.lowercased().hasPrefix("overall average") || first == "总平均" { continue }
      if let state, state < cells.count, !["finished", "已完成", "已结束", "完成"].contains(cells[state].lowercased()) {
        continue
      }
      // Who: the e-mail, else surname and first name, else the first column when it is not a
      // question; a row that says nobody is an attempt of its own.
      var who = ""
      if let email, email < cells.count { who = cells[email] }
      if who.isEmpty, let surname, surname < cells.count {
        who = cells[surname] + (firstName.flatMap { $0 < cells.count ? " " + cells[$0] : nil } ?? "")
      }
      if who.trimmingCharacters(in: .whitespaces).isEmpty, !questionColumns.contains(where: { $0.column == 0 }) {
        who = cells.first ?? ""
      }
      if who.trimmingCharacters(in: .whitespaces).isEmpty { who = "#\(row.line)" }
      var attempt = Attempt(learner: who, at: Date(timeIntervalSince1970: Double(row.line)), marks: [:])
      if row.cells.count > names.count, let extra = row.cells.dropFirst(names.count).first(where: { !$0.text.isEmpty })
      {
        return .failure(MarksProblem(file: file, line: row.line, column: extra.column, kind: .extraCell))
      }
      for question in questionColumns where question.column < cells.count {
        let value = cells[question.column]
        if value.isEmpty || value == "-" || value.lowercased() == "requires grading" || value == "需要评分" { continue }
        guard let mark = Double(value.replacingOccurrences(of: ",", with: ".")), mark >= 0,
          mark <= question.maximum + Credit.tolerance
        else {
          return .failure(
            MarksProblem(
              file: file, line: row.line, column: row.cells[question.column].column, kind: .badMark,
              values: [value, DurationText.number(question.maximum)]))
        }
        attempt.marks[question.id] = mark
      }
      if !attempt.marks.isEmpty { attempts.append(attempt) }
    }
    return .success(
      ItemData(attempts: attempts, questions: questionColumns.map { (id: $0.id, maximum: $0.maximum) }))
  }

  /// Columns of other systems' exports that are not questions.
  /// Columns that say who an attempt is.
  static let identityNames: Set<String> = [
    "email address", "e-mail", "email", "电子邮件", "电子邮件地址", "邮箱", "surname", "last name", "姓", "姓氏",
    "first name", "名", "名字",
  ]

  static let metadata: Set<String> = [
    "attempt", "learner", "name", "surname", "first name", "last name", "email address", "email", "e-mail",
    "institution", "department", "state", "started on", "completed", "time taken", "total", "id number",
  ]

  /// `Q. 3 /2.00` (Moodle's grades export): question `Q. 3`, worth 2.
  static func moodleQuestion(_ name: String) -> (id: String, maximum: Double)? {
    let pattern = #"^Q\.\s*(\d+)\s*/\s*([0-9]+(?:[.,][0-9]+)?)$"#
    guard let match = name.range(of: pattern, options: .regularExpression), match == name.startIndex..<name.endIndex
    else { return nil }
    let parts = name.dropFirst(2).split(separator: "/", maxSplits: 1)
    guard parts.count == 2, let number = Int(parts[0].trimmingCharacters(in: .whitespaces)),
      let maximum = Double(parts[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")),
      maximum > 0
    else { return nil }
    return ("Q. \(number)", maximum)
  }

  /// Whether a column name is written like a question id (`b.first-step`): lower-case letters,
  /// digits, dots and dashes, with a dot.
  static func looksLikeQuestionID(_ name: String) -> Bool {
    name.contains(".") && name.range(of: #"^[a-z0-9][a-z0-9.\-]*$"#, options: .regularExpression) != nil
  }
}

/// A small RFC 4180 reader that keeps each cell's line and column for messages.
enum CSV {
  /// Where a quoted cell opens that the text never closes, if one does.
  static func unclosedQuote(_ text: String) -> (line: Int, column: Int)? {
    var quoted = false
    var opened = (line: 1, column: 1)
    var line = 1
    var column = 1
    var previous: Character?
    for character in text {
      if character == "\"" {
        if !quoted && (previous == nil || previous == "," || previous == "\n" || previous == "\r\n") {
          quoted = true
          opened = (line, column)
        } else if quoted {
          quoted = false
        }
      }
      if character == "\n" || character == "\r\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      previous = character
    }
    return quoted ? opened : nil
  }

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
        if character == "\n" || character == "\r\n" {
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
