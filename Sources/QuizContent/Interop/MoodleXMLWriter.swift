import Foundation
import QuizCore

/// Writes questions as Moodle XML that Moodle, and `MoodleXMLReader`, read back to the same
/// questions. Text goes out in Moodle's Markdown format, so nothing is converted on the way.
///
/// Moodle XML carries more than GIFT: ordering questions (Moodle's ordering type), weights
/// (`defaultgrade`), units, case-sensitive short answers and model answers (`graderinfo`).
/// What it cannot say (a rubric, all-or-nothing scoring, difficulty, source, context) is
/// reported by question id.
public enum MoodleXMLWriter {
  /// The Moodle XML text of `questions`, and what it could not say.
  public static func write(_ questions: [Question], header: [String] = []) -> (text: String, problems: [InteropProblem])
  {
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    for line in header { xml += "<!-- \(line.replacingOccurrences(of: "--", with: "—")) -->\n" }
    xml += "<quiz>\n"
    var problems: [InteropProblem] = []
    for question in questions {
      if case .scenario = question.kind {
        problems.append(.notExpressible(question.id, [.scenario], skipped: true))
        continue
      }
      var lost = ExportLoss.common(question, keepsWeight: true)
      xml += element(question, lost: &lost)
      if !lost.isEmpty { problems.append(.notExpressible(question.id, lost, skipped: false)) }
      problems += ExportLoss.grades(question)
    }
    xml += "</quiz>\n"
    return (xml, problems)
  }

  private static func element(_ question: Question, lost: inout [InteropProblem.Feature]) -> String {
    let type: String
    var body: [String] = []
    switch question.kind {
    case .single(let choices):
      type = "multichoice"
      body += [
        "<single>true</single>", "<shuffleanswers>true</shuffleanswers>", "<answernumbering>abc</answernumbering>",
      ]
      body += choices.map { answer($0.text, fraction: $0.fraction, feedback: $0.feedback) }
    case .multiple(let choices, let scoring):
      type = "multichoice"
      if scoring == .allOrNothing { lost.append(.scoringMode) }
      body += [
        "<single>false</single>", "<shuffleanswers>true</shuffleanswers>", "<answernumbering>abc</answernumbering>",
      ]
      body += zip(choices, ExportLoss.moodleFractions(choices, scoring: scoring)).map {
        answer($0.text, fraction: $1, feedback: $0.feedback)
      }
    case .trueFalse(let statement):
      type = "truefalse"
      body.append(answer("true", fraction: statement.answer ? 1 : 0, feedback: statement.feedbackTrue, plain: true))
      body.append(answer("false", fraction: statement.answer ? 0 : 1, feedback: statement.feedbackFalse, plain: true))
    case .short(let short):
      type = "shortanswer"
      body.append("<usecase>\(short.caseSensitive ? 1 : 0)</usecase>")
      body += short.answers.map { answer($0.text, fraction: $0.fraction, feedback: $0.feedback, plain: true) }
    case .numeric(let numeric):
      type = "numerical"
      body += numeric.answers.map { accepted in
        let margin = accepted.tolerance.allowance(around: accepted.value)
        return answer(
          QuestionBankWriter.format(accepted.value), fraction: accepted.fraction, feedback: accepted.feedback,
          plain: true, extra: "<tolerance>\(QuestionBankWriter.format(margin))</tolerance>")
      }
      if let unit = numeric.unit {
        body.append("<units><unit><multiplier>1</multiplier><unit_name>\(escaped(unit))</unit_name></unit></units>")
        body.append("<unitgradingtype>0</unitgradingtype><unitpenalty>0.1000000</unitpenalty>")
        body.append("<showunits>3</showunits><unitsleft>0</unitsleft>")
      }
    case .matching(let matching):
      type = "matching"
      body.append("<shuffleanswers>true</shuffleanswers>")
      for pair in matching.pairs {
        body.append(
          "<subquestion format=\"markdown\">\(text(pair.prompt))<answer>\(text(pair.answer))</answer></subquestion>")
      }
      for distractor in matching.distractors {
        body.append("<subquestion format=\"markdown\"><text></text><answer>\(text(distractor))</answer></subquestion>")
      }
    case .scenario:
      // Left out before this is reached (`write`).
      return ""
    case .ordering(let ordering):
      type = "ordering"
      let grading = ordering.scoring == .allOrNothing ? "ALL_OR_NOTHING" : "LONGEST_ORDERED_SUBSET"
      body += [
        "<layouttype>VERTICAL</layouttype>", "<selecttype>ALL</selecttype>", "<selectcount>0</selectcount>",
        "<gradingtype>\(grading)</gradingtype>", "<showgrading>SHOW</showgrading>",
      ]
      body += ordering.items.enumerated().map { index, item in
        "<answer fraction=\"\(index + 1)\" format=\"markdown\">\(text(item))</answer>"
      }
    case .open(let rubric):
      type = "essay"
      var guide = rubric.modelAnswer
      if !rubric.isGradedByPerson {
        lost.append(.rubric)
        // The grader in Moodle still sees what the rubric looks for.
        let points = rubric.points.map { "- \($0.text)（\(QuestionBankWriter.format($0.weight))）" }
        guide = ([guide, points.joined(separator: "\n")]).filter { !$0.isEmpty }.joined(separator: "\n\n")
      }
      body += [
        "<responseformat>editor</responseformat>", "<responserequired>1</responserequired>",
        "<responsefieldlines>15</responsefieldlines>", "<attachments>0</attachments>",
        "<attachmentsrequired>0</attachmentsrequired>",
        "<graderinfo format=\"markdown\">\(text(guide))</graderinfo>",
        "<responsetemplate format=\"markdown\"><text></text></responsetemplate>",
      ]
    }
    var lines = [
      "<question type=\"\(type)\">",
      "<name>\(text(question.id))</name>",
      "<questiontext format=\"markdown\">\(text(question.prompt))</questiontext>",
      "<generalfeedback format=\"markdown\">\(text(question.explanation))</generalfeedback>",
      "<defaultgrade>\(QuestionBankWriter.format(question.weight))</defaultgrade>",
      "<penalty>0.3333333</penalty>",
      "<hidden>0</hidden>",
      "<idnumber>\(escaped(question.id))</idnumber>",
    ]
    lines += body
    if !question.tags.isEmpty {
      lines.append("<tags>" + question.tags.map { "<tag>\(text($0))</tag>" }.joined() + "</tags>")
    }
    return "  " + lines.joined(separator: "\n    ").replacingOccurrences(of: "\n    <question", with: "\n  <question")
      + "\n  </question>\n"
  }

  private static func answer(
    _ body: String, fraction: Double, feedback: String?, plain: Bool = false, extra: String = ""
  ) -> String {
    let format = plain ? "moodle_auto_format" : "markdown"
    let response = feedback.map { "<feedback format=\"markdown\">\(text($0))</feedback>" } ?? ""
    return
      "<answer fraction=\"\(MoodleGrades.percent(fraction))\" format=\"\(format)\">\(text(body))\(extra)\(response)</answer>"
  }

  /// `<text>…</text>` with the text escaped.
  private static func text(_ value: String) -> String { "<text>\(escaped(value))</text>" }

  /// XML's special characters escaped; characters XML 1.0 cannot hold left out.
  static func escaped(_ value: String) -> String {
    var output = ""
    output.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "\t", "\n": output.unicodeScalars.append(scalar)
      case "\r": output += "&#13;"
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
