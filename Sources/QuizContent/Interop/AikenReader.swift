import Foundation
import QuizCore

/// Reads the Aiken format with Moodle's semantics (`question/format/aiken/format.php`): a line
/// of question text, options `A) …` or `A. …`, then `ANSWER: A`; each question is a
/// one-answer question. Errors carry Moodle's line numbers; where Moodle drops a question
/// silently (no `ANSWER:` at the end of the file) this reader says so.
public struct AikenReader {
  /// The path shown in diagnostics.
  public let file: String
  /// The lesson the questions go to.
  public let lesson: String
  /// Ids already used in the course.
  public let taken: Set<String>
  /// The course's defaults, which validation applies.
  public let defaults: CourseDefaults

  /// Creates a reader.
  public init(file: String, lesson: String, taken: Set<String> = [], defaults: CourseDefaults = .init()) {
    self.file = file
    self.lesson = lesson
    self.taken = taken
    self.defaults = defaults
  }

  private struct Open {
    var prompt: String
    var line: Int
    var options: [(letter: Character, text: String)] = []
  }

  /// The questions of an Aiken text.
  public func read(_ source: String) -> ImportedBank {
    var assembler = ImportAssembler(lesson: lesson, taken: taken, defaults: defaults)
    var open: Open?
    var number = 0
    func at(_ line: Int, _ column: Int = 1) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    let lines = source.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    for raw in lines {
      number += 1
      var line = Substring(raw)
      if number == 1 && line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      let indent = line.prefix { $0.isWhitespace }.count
      let text = line.trimmingCharacters(in: .whitespaces)
      guard text.count >= 2 else { continue }
      let characters = Array(text)
      if characters[0].isASCII && characters[0].isUppercase && (characters[1] == ")" || characters[1] == ".") {
        guard open != nil else {
          assembler.log.error(.interop(.aikenNotStarted), at: at(number, indent + 1))
          continue
        }
        open?.options.append((characters[0], String(characters.dropFirst(2)).trimmingCharacters(in: .whitespaces)))
      } else if text.hasPrefix("ANSWER:") {
        guard let question = open else {
          assembler.log.error(.interop(.aikenNotStarted), at: at(number, indent + 1))
          continue
        }
        open = nil
        guard question.options.count >= 2 else {
          assembler.log.error(.interop(.aikenTooFewOptions), at: at(number, indent + 1))
          continue
        }
        let letter = text.dropFirst("ANSWER:".count).first { !$0.isWhitespace }
        guard let letter, let right = question.options.firstIndex(where: { $0.letter == letter }) else {
          let written = letter.map(String.init) ?? ""
          assembler.log.error(.interop(.aikenAnswerNotAnOption(written)), at: at(number, indent + 1))
          continue
        }
        let choices = question.options.enumerated().map { Choice(text: $1.text, fraction: $0 == right ? 1 : 0) }
        let draft = ImportDraft(
          question: Question(
            id: "", lesson: lesson, prompt: question.prompt, explanation: "", kind: .single(choices: choices)),
          idNumber: nil, title: nil, location: at(question.line))
        assembler.add(draft)
      } else {
        if open != nil { assembler.log.error(.interop(.aikenNoAnswer), at: at(number, indent + 1)) }
        open = Open(prompt: text, line: number)
      }
    }
    if open != nil { assembler.log.error(.interop(.aikenNoAnswer), at: at(number)) }
    return assembler.bank
  }
}
