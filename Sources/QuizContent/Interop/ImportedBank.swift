import Crypto
import Foundation
import QuizCore

/// Questions brought in from another format, and everything worth saying about them.
public struct ImportedBank: Sendable {
  /// The questions, with ids assigned, valid by the course format's own rules.
  public var questions: [Question]
  /// Errors (questions left out) and warnings (questions changed or skipped), located in
  /// the source file.
  public var diagnostics: [Diagnostic]

  /// Whether any error was found: an importer writes nothing then.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A question read from a source file, before it has an id.
struct ImportDraft {
  /// The question; its `id` is assigned by `ImportAssembler`.
  var question: Question
  /// The source's own id (GIFT's `[id:…]`, Moodle's `idnumber`), if it gave one.
  var idNumber: String?
  /// The source's title (GIFT's `::title::`, Moodle's `name`), if it gave one.
  var title: String?
  /// Where the question starts in the source.
  var location: SourceLocation
}

/// What the readers share: ids, the placeholder explanation, and validation by the course
/// format's own rules, so that an imported question is exactly as valid as a written one.
struct ImportAssembler {
  /// The lesson the questions go to.
  let lesson: String
  /// Ids already used in the course.
  var taken: Set<String>
  /// The course's defaults, which validation applies.
  let defaults: CourseDefaults
  var log = DiagnosticLog()
  private(set) var questions: [Question] = []

  /// What an imported question without general feedback explains, for the author to replace.
  static let missingExplanation = "（待填写：原题没有总体反馈，请写明为什么这个答案正确。）"

  init(lesson: String, taken: Set<String>, defaults: CourseDefaults) {
    self.lesson = lesson
    self.taken = taken
    self.defaults = defaults
  }

  /// Adds a draft: gives it a unique valid id, fills a missing explanation, and checks it by
  /// the course format's rules, reporting what fails at the draft's location.
  mutating func add(_ draft: ImportDraft) {
    var question = draft.question
    question.lesson = lesson
    // The lesson the instructor put it in is what a learner re-reads, until a section is named.
    if question.source == nil { question.source = SectionReference(lesson: lesson, heading: nil) }
    question.id = uniqueID(for: draft)
    if question.explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      question.explanation = Self.missingExplanation
      log.warning(.interop(.noGeneralFeedback(question.id)), at: draft.location)
    }
    let found = QuestionCheck.problems(of: question, defaults: defaults)
    for (severity, problem) in found where problem != .noSource {
      if severity == .error {
        log.error(.interop(.invalidQuestion(question.id, problem)), at: draft.location)
      } else {
        log.warning(.interop(.questionWarning(question.id, problem)), at: draft.location)
      }
    }
    if found.contains(where: { $0.0 == .error }) { return }
    taken.insert(question.id)
    questions.append(question)
  }

  var bank: ImportedBank { ImportedBank(questions: questions, diagnostics: log.diagnostics.sorted()) }

  /// The source's id, else one made from its title, else `lesson.q-` and a digest of the
  /// prompt, made valid (`[a-z0-9.-]`) and unique with `-2`, `-3`…
  func uniqueID(for draft: ImportDraft) -> String {
    let base =
      draft.idNumber.flatMap(Self.slug) ?? draft.title.flatMap(Self.slug).map { "\(lesson).\($0)" }
      ?? "\(lesson).q-\(Self.digest(draft.question.prompt))"
    if !taken.contains(base) { return base }
    return (2...).lazy.map { "\(base)-\($0)" }.first { !taken.contains($0) }!
  }

  /// `Grant's Tomb 2` → `grant-s-tomb-2`; nil when nothing of it is usable (a Chinese title).
  static func slug(_ text: String) -> String? {
    var output = ""
    for scalar in text.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." {
        output.unicodeScalars.append(scalar)
      } else if !output.hasSuffix("-") {
        output += "-"
      }
    }
    while output.hasSuffix("-") || output.hasSuffix(".") { output.removeLast() }
    while output.hasPrefix("-") || output.hasPrefix(".") { output.removeFirst() }
    while output.contains("..") { output = output.replacingOccurrences(of: "..", with: ".") }
    let words = output.split(separator: "-")
    // Long titles make long ids: keep the first words, up to about 40 characters.
    var kept = ""
    for word in words {
      if !kept.isEmpty && kept.count + word.count + 1 > 40 { break }
      kept += (kept.isEmpty ? "" : "-") + word
    }
    return kept.isEmpty ? nil : kept
  }

  /// Six hexadecimal digits of the SHA-256 of `text`: the same prompt always gets the same id.
  static func digest(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).prefix(3).map { String(format: "%02x", $0) }.joined()
  }
}

/// The course format's rules for one question, applied by writing it out and reading it back.
enum QuestionCheck {
  /// The problems `content lint` would find in `question` on its own (not those that span
  /// files, such as a missing lesson).
  static func problems(of question: Question, defaults: CourseDefaults) -> [(Diagnostic.Severity, ContentProblem)] {
    let text = QuestionBankWriter.yaml([question], defaults: defaults)
    var reader = YAMLReader(file: "import")
    guard let root = reader.parse(text), let items = reader.sequence(root, as: .questionFile), let node = items.first
    else {
      return reader.log.diagnostics.map { ($0.severity, $0.problem) }
    }
    let decoder = QuestionDecoder(defaults: defaults)
    _ = decoder.decode(node, reader: &reader)
    return reader.log.diagnostics.map { ($0.severity, $0.problem) }
  }
}
