import ArgumentParser
import Foundation
import QuizContent
import QuizCore

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

  func run() throws {
    let context = AppContext(global)
    let language = context.language
    let questions = try loadQuestions(context)
    let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let input = try readInput()

    var graded = 0
    var total = 0.0
    var outcomes: [Outcome: Int] = [:]
    var errors = 0
    let renderer = ExplanationRenderer(width: context.terminal.width, style: context.style, language: language)
    let lines = input.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    for (offset, rawLine) in lines.enumerated() {
      let lineNumber = offset + 1
      let line = rawLine.trimmingSpaces()
      if line.isEmpty { continue }
      let result = gradeLine(line, byID: byID, language: language)
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
