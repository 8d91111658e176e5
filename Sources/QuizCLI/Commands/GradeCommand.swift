import ArgumentParser
import Foundation
import QuizContent
import QuizCore
import QuizStore

/// `grade`: scores answers collected on paper or by another system, one JSON line each.
struct GradeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grade",
    abstract: Interface.text("help.grade.1"),
    discussion: Interface.text("help.grade.2"))

  @OptionGroup var global: GlobalOptions

  @Option(name: .long, help: ArgumentHelp(Interface.text("help.grade.3"), valueName: "file"))
  var responses: String

  @Option(
    name: .long,
    help: ArgumentHelp(Interface.text("help.grade.4"), valueName: "file.yaml"))
  var bank: String?

  @Option(help: ArgumentHelp(Interface.text("help.grade.5")))
  var format: OutputFormat = .json

  @Flag(help: ArgumentHelp(Interface.text("help.grade.record")))
  var record = false

  @Flag(name: .customLong("create-learners"), help: ArgumentHelp(Interface.text("help.grade.create-learners")))
  var createLearners = false

  func validate() throws {
    if record && bank != nil { throw ValidationError(Interface.text("grade.record-with-bank")) }
    if createLearners && !record { throw ValidationError(Interface.text("grade.create-without-record")) }
  }

  func run() throws {
    let context = AppContext(global)
    let language = context.language
    let course = record ? try context.loadCourse() : nil
    let questions = try course.map(\.questions) ?? loadQuestions(context)
    let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let input = try readInput()

    var graded = 0
    var total = 0.0
    var outcomes: [Outcome: Int] = [:]
    var errors = 0
    let renderer = ExplanationRenderer(width: context.terminal.width, style: context.style, language: language)
    let lines = input.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    var toRecord: [PaperAnswer] = []
    for (offset, rawLine) in lines.enumerated() {
      let lineNumber = offset + 1
      let line = rawLine.trimmingSpaces()
      if line.isEmpty { continue }
      var result = gradeLine(line, byID: byID, language: language)
      if record, case .success(let item) = result {
        switch PaperAnswer.from(line, item: item, course: course, now: context.now(), language: language) {
        case .success(let answer): toRecord.append(answer)
        case .failure(let failure): result = .failure(failure)
        }
      }
      switch result {
      case .failure(let failure):
        errors += 1
        var pairs: [(String, JSONValue)] = [("line", .number(Double(lineNumber)))]
        if let id = failure.question { pairs.append(("question", .string(id))) }
        pairs.append(("error", .string(failure.message)))
        if format == .json {
          Console.line(JSONValue.object(pairs).serialized())
        } else {
          Console.line(
            context.style.red(
              "[\(lineNumber)] \(MarkdownRenderer.inert(failure.question ?? "?"))" + language.text("list.colon")
                + failure.message))
        }
      case .success(let item):
        graded += 1
        total += item.grade.fraction
        outcomes[item.grade.outcome, default: 0] += 1
        if format == .json {
          Console.line(item.json(language: language).serialized())
        } else {
          Console.line(
            context.style.bold("[\(lineNumber)] \(item.question.id)") + "  " + MarkdownRenderer.inert(item.typed))
          for text in renderer.render(item.explanation) { Console.line(text) }
          Console.line("")
        }
      }
    }
    let mean = graded > 0 ? total / Double(graded) : 0
    let percent = ResponseFormatter.format((mean * 1000).rounded() / 10)
    Console.error(
      language.text(
        "gradecommand.graded-mean-correct-partial-incorrect-not", "\(graded)", "\(percent)",
        "\(outcomes[.correct, default: 0])", "\(outcomes[.partial, default: 0])", "\(outcomes[.incorrect, default: 0])",
        "\(errors)"))
    // Nothing gradable is a failure a script must notice, not an empty success.
    if graded == 0 { throw ExitCode(65) }
    guard record else {
      Console.error(language.text("grade.not-recorded"))
      return
    }
    // All or nothing: a file with a bad line records none of its lines.
    guard errors == 0 else {
      Console.error("recovery-trainer: " + language.text("grade.nothing-recorded", "\(errors)"))
      throw ExitCode(65)
    }
    let store = try context.openStore()
    do {
      let summary = try PaperAnswer.record(toRecord, store: store, create: createLearners, at: context.now())
      Console.error(
        language.text("grade.recorded", "\(toRecord.count)", "\(summary.learners)", "\(summary.sessions)"))
    } catch let unknown as PaperAnswer.UnknownLearners {
      let names = unknown.names.map(MarkdownRenderer.inert).joined(separator: language.text("list.separator"))
      Console.error("recovery-trainer: " + language.text("grade.unknown-learners", names))
      throw ExitCode(66)
    } catch {
      throw context.fail(error)
    }
  }

  private func loadQuestions(_ context: AppContext) throws -> [Question] {
    guard let bank else { return try context.loadCourse().questions }
    guard let data = FileManager.default.contents(atPath: bank) else {
      Console.error("recovery-trainer: " + Interface.text("file.cannot-read", bank))
      throw ExitCode(66)
    }
    let (questions, diagnostics) = CourseLoader.parseQuestionBank(String(decoding: data, as: UTF8.self), file: bank)
    let errors = diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty else {
      for diagnostic in errors { Console.error(diagnostic.description(context.language)) }
      throw ExitCode(65)
    }
    return questions
  }

  private func readInput() throws -> String {
    try Console.readInput(responses)
  }

  struct LineFailure: Error {
    var question: String?
    var message: String
  }

  struct GradedLine {
    var question: Question
    var typed: String
    var response: Response
    var grade: Grade
    var explanation: Explanation

    func json(language: Language) -> JSONValue {
      let layout = Layout.identity(for: question)
      let feedback = explanation.lines.compactMap { line -> String? in
        switch line {
        case .pickedRight(let text): "✓ " + text
        case .pickedWrong(let text): "✗ " + text
        case .missed(let text): "○ " + text
        case .note(let text): text
        case .covered(let text): "✓ " + text
        case .uncovered(let text): "✗ " + text
        case .misconception(let text): "! " + text
        case .spoken(let text): text
        case .said(let text): "· " + text
        default: nil
        }
      }
      var pairs: [(String, JSONValue)] = [
        ("question", .string(question.id)),
        ("score", .number((grade.fraction * 1_000_000).rounded() / 1_000_000)),
        ("marks", .number((grade.marks * 1_000_000).rounded() / 1_000_000)),
        ("outcome", .string(grade.outcome.rawValue)),
        ("parsed", .string(ResponseFormatter.typed(response, for: question, layout: layout))),
        ("correct_answer", .string(ResponseFormatter.correctAnswer(for: question, layout: layout, language: language))),
        ("feedback", .array(feedback.map(JSONValue.string))),
        ("explanation", .string(question.explanation)),
      ]
      if grade.isProvisional {
        // A machine's estimate: how sure it is, and whether a person should grade it.
        pairs += [
          ("provisional", .bool(true)), ("confidence", .number((grade.confidence * 1000).rounded() / 1000)),
          ("needs_review", .bool(grade.needsReview)),
        ]
      }
      return .object(pairs)
    }
  }

  private func gradeLine(_ line: String, byID: [String: Question], language: Language) -> Result<
    GradedLine, LineFailure
  > {
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
      return .failure(LineFailure(message: language.text("gradecommand.not-a-json-object")))
    }
    guard let id = object["question"] as? String else {
      return .failure(LineFailure(message: language.text("gradecommand.missing-question")))
    }
    guard let question = byID[id] else {
      return .failure(LineFailure(question: id, message: language.text("gradecommand.no-such-question")))
    }
    let typed: String
    if let text = object["answer"] as? String {
      typed = text
    } else if let number = object["answer"] as? NSNumber, String(cString: number.objCType) == "c" {
      typed = number.boolValue ? "对" : "错"
    } else if let number = object["answer"] as? NSNumber {
      typed = ResponseFormatter.format(number.doubleValue)
    } else {
      return .failure(LineFailure(question: id, message: language.text("gradecommand.missing-answer")))
    }
    let layout = Layout.identity(for: question)
    switch AnswerParser.parse(typed, for: question, layout: layout) {
    case .failure(let problem):
      return .failure(LineFailure(question: id, message: problem.message(language)))
    case .success(let response):
      let grade = Grader.grade(response, for: question)
      let explanation = Explanation(
        grade: grade, response: response, question: question, layout: layout, language: language)
      return .success(
        GradedLine(question: question, typed: typed, response: response, grade: grade, explanation: explanation))
    }
  }
}

/// One graded answer from paper to record for a learner (`grade --record`).
struct PaperAnswer {
  var learner: String
  var day: Date
  var exam: String?
  var item: GradeCommand.GradedLine

  /// The line's `learner` (required), `date` (`yyyy-mm-dd` or ISO 8601; default now) and
  /// `exam` (a blueprint of the course).
  static func from(
    _ line: String, item: GradeCommand.GradedLine, course: Course?, now: Date, language: Language
  ) -> Result<PaperAnswer, GradeCommand.LineFailure> {
    let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
    guard let typed = object["learner"] as? String, case .success(let name) = Learner.validName(typed) else {
      return .failure(.init(question: item.question.id, message: language.text("grade.missing-learner")))
    }
    var day = now
    if let text = object["date"] as? String {
      guard let parsed = ReportCommand.day(text) ?? (try? Date(text, strategy: .iso8601)) else {
        return .failure(.init(question: item.question.id, message: language.text("grade.bad-date", text)))
      }
      day = parsed
    }
    let exam = object["exam"] as? String
    if let exam, course?.exam(withID: exam) == nil {
      return .failure(.init(question: item.question.id, message: language.text("exam.no-such-exam", exam)))
    }
    return .success(PaperAnswer(learner: name, day: day, exam: exam, item: item))
  }

  struct UnknownLearners: Error { var names: [String] }

  /// Records the answers in one transaction: one finished session per learner, day and exam
  /// (scope `paper` or `paper:EXAM`), so that `report` and `stats items` see a paper test as an
  /// attempt. Learners must exist unless `create`; nothing is written when one does not.
  static func record(_ answers: [PaperAnswer], store: any ProgressStore, create: Bool, at now: Date) throws
    -> (learners: Int, sessions: Int)
  {
    let names = Array(Set(answers.map(\.learner))).sorted()
    let missing = try names.filter { try store.learner(named: $0) == nil }
    if !missing.isEmpty && !create { throw UnknownLearners(names: missing) }
    var calendar = Calendar.current
    calendar.timeZone = .current
    let groups = Dictionary(grouping: answers) { "\($0.learner)|\(calendar.startOfDay(for: $0.day))|\($0.exam ?? "")" }
    let sittings = groups.keys.sorted().compactMap { key -> PaperSitting? in
      guard let group = groups[key], let first = group.first else { return nil }
      let session = NewSession(
        learnerID: 0, kind: first.exam == nil ? .practice : .exam, scope: first.exam.map { "paper:\($0)" } ?? "paper",
        courseID: "paper", contentVersion: "", startedAt: first.day,
        plan: SessionPlan(queue: group.map(\.item.question.id), seed: 0), reschedules: false)
      return PaperSitting(
        learner: first.learner, session: session,
        answers: group.map { answer in
          let item = answer.item
          return NewAnswer(
            learnerID: 0, sessionID: nil, questionID: item.question.id,
            questionHash: CourseJSON.hash(of: item.question),
            lessonID: item.question.lesson, questionType: item.question.type.rawValue, tags: item.question.tags,
            typed: item.typed,
            shown: ResponseFormatter.typed(item.response, for: item.question, layout: .identity(for: item.question)),
            canonical: ResponseFormatter.canonical(item.response), response: item.response,
            fraction: item.grade.fraction, durationMS: 0, answeredAt: answer.day, needsReview: item.grade.needsReview)
        })
    }
    let written = try store.recordSittings(sittings, creating: Set(missing), at: now)
    return (names.count, written)
  }
}
