import Foundation
import QuizCore

/// Reads Moodle XML (`question/format/xml/format.php`): multichoice, truefalse, shortanswer,
/// numerical, matching, essay and ordering questions, categories (to tags), tags, id numbers,
/// default grades (to weights), per-answer and general feedback. Text in HTML becomes
/// Markdown. Descriptions and types with no equivalent (cloze, calculated, drag and drop…)
/// are left out with a warning; malformed XML is an error at the parser's line and column.
public struct MoodleXMLReader {
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

  /// The questions of a Moodle XML text.
  public func read(_ source: String) -> ImportedBank {
    var assembler = ImportAssembler(lesson: lesson, taken: taken, defaults: defaults)
    let root: XMLItem
    switch XMLItem.parse(source) {
    case .failure(let error):
      assembler.log.error(
        .interop(.xmlSyntax(code: error.code)), at: SourceLocation(file: file, line: error.line, column: error.column))
      return assembler.bank
    case .success(let tree):
      root = tree
    }
    // A whole quiz, or one question on its own (as Moodle's question-type fixtures are).
    let questions: [XMLItem]
    switch root.name {
    case "quiz": questions = root.children("question")
    case "question": questions = [root]
    default:
      assembler.log.error(.interop(.notMoodleXML(root: root.name)), at: location(root))
      return assembler.bank
    }
    var category: String?
    for element in questions {
      let type = element.attributes["type"] ?? ""
      if type == "category" {
        category = element.textOf("category").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        continue
      }
      var reader = QuestionReader(element: element, file: file)
      if let draft = reader.read(type: type, category: category) {
        assembler.log.append(contentsOf: reader.log.diagnostics)
        assembler.add(draft)
      } else {
        assembler.log.append(contentsOf: reader.log.diagnostics)
      }
    }
    return assembler.bank
  }

  func location(_ element: XMLItem) -> SourceLocation {
    SourceLocation(file: file, line: element.line, column: element.column)
  }

  /// One `<question>`.
  struct QuestionReader {
    let element: XMLItem
    let file: String
    var log = DiagnosticLog()
    /// Embedded files and images left out of this question.
    var droppedFiles = 0

    init(element: XMLItem, file: String) {
      self.element = element
      self.file = file
    }

    func location(_ element: XMLItem) -> SourceLocation {
      SourceLocation(file: file, line: element.line, column: element.column)
    }

    static let unsupported: Set<String> = [
      "cloze", "multianswer", "calculated", "calculatedsimple", "calculatedmulti", "ddwtos", "ddimageortext",
      "ddmarker", "gapselect", "randomsamatch", "random",
    ]

    mutating func read(type: String, category: String?) -> ImportDraft? {
      let name = element.textOf("name").map { HTMLText.markdown($0).text } ?? ""
      if type == "description" {
        log.warning(.interop(.descriptionSkipped(name)), at: location(element))
        return nil
      }
      guard
        ["multichoice", "truefalse", "shortanswer", "numerical", "match", "matching", "essay", "ordering"]
          .contains(type)
      else {
        log.warning(.interop(.unsupportedType(type.isEmpty ? "?" : type)), at: location(element))
        return nil
      }
      guard let promptElement = element.child("questiontext") else {
        log.error(.interop(.missingElement("questiontext")), at: location(element))
        return nil
      }
      let prompt = text(of: promptElement)
      let explanation = element.child("generalfeedback").map { text(of: $0) } ?? ""
      var weight = 1.0
      if let written = element.value("defaultgrade"), !written.isEmpty {
        guard let value = Double(written) else {
          log.error(.interop(.notANumber(field: "defaultgrade", written)), at: location(element.child("defaultgrade")!))
          return nil
        }
        if value > 0 { weight = value }
      }
      var tags: [String] = []
      for tag in element.child("tags")?.children("tag") ?? [] {
        let text = (tag.child("text")?.text ?? tag.text).trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty && !tags.contains(text) { tags.append(text) }
      }
      if let category, let leaf = GIFTReader.QuestionParser.categoryTag(category), !tags.contains(leaf) {
        tags.append(leaf)
      }
      guard let kind = kind(type) else { return nil }
      // Moodle 1.9's picture of the question.
      droppedFiles += element.children("image").filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }.count
      if droppedFiles > 0 { log.warning(.interop(.filesDropped(droppedFiles)), at: location(element)) }
      let idNumber = element.value("idnumber").flatMap { $0.isEmpty ? nil : HTMLText.decodeEntities($0) }
      return ImportDraft(
        question: Question(
          id: "", lesson: "", prompt: prompt, explanation: explanation, weight: weight, tags: tags, kind: kind),
        idNumber: idNumber, title: name.isEmpty ? nil : name, location: location(element))
    }

    private mutating func kind(_ type: String) -> QuestionKind? {
      switch type {
      case "multichoice": return multichoice()
      case "truefalse": return trueFalse()
      case "shortanswer": return short()
      case "numerical": return numeric()
      case "match", "matching": return matching()
      case "essay":
        let model = element.child("graderinfo").map { text(of: $0) } ?? ""
        return .open(Rubric(points: [], modelAnswer: model))
      default: return ordering()
      }
    }

    /// `true`, `1` or `yes` (Moodle writes `true`/`false`, older files `1`/`0`).
    private func flag(_ name: String) -> Bool? {
      guard let value = element.value(name)?.lowercased(), !value.isEmpty else { return nil }
      return ["true", "1", "yes"].contains(value)
    }

    /// An answer's fraction, a percentage in Moodle XML (`33.33333`, `-50`).
    private mutating func fraction(_ answer: XMLItem) -> Double? {
      let written = (answer.attributes["fraction"] ?? "0").trimmingCharacters(in: .whitespaces)
      guard let percent = Double(written), percent.isFinite else {
        log.error(.interop(.notANumber(field: "answer fraction", written)), at: location(answer))
        return nil
      }
      return MoodleGrades.fraction(percent: percent)
    }

    private mutating func feedback(_ answer: XMLItem) -> String? {
      guard let element = answer.child("feedback") else { return nil }
      let text = self.text(of: element)
      return text.isEmpty ? nil : text
    }

    private mutating func answers() -> [XMLItem]? {
      let answers = element.children("answer")
      if answers.isEmpty { log.error(.interop(.missingElement("answer")), at: location(element)) }
      return answers.isEmpty ? nil : answers
    }

    private mutating func multichoice() -> QuestionKind? {
      guard let answers = answers() else { return nil }
      let single = flag("single") ?? true
      var choices: [Choice] = []
      for answer in answers {
        guard let fraction = fraction(answer) else { return nil }
        let explicit = single ? fraction != 0 && fraction != 1 : fraction != 0
        choices.append(
          Choice(text: text(of: answer), fraction: fraction, hasExplicitFraction: explicit, feedback: feedback(answer)))
      }
      return single ? .single(choices: choices) : .multiple(choices: choices, scoring: .fractions)
    }

    private mutating func trueFalse() -> QuestionKind? {
      guard let answers = answers() else { return nil }
      var answer: Bool?
      var onTrue: String?
      var onFalse: String?
      for item in answers {
        let word = text(of: item).lowercased()
        guard let fraction = fraction(item) else { return nil }
        let isTrue = word == "true" || word == "yes" || word == "1"
        if isTrue { onTrue = feedback(item) } else { onFalse = feedback(item) }
        if Credit.isFull(fraction) { answer = isTrue }
      }
      guard let answer else {
        log.error(.interop(.missingElement("answer fraction=\"100\"")), at: location(element))
        return nil
      }
      return .trueFalse(TrueFalse(answer: answer, feedbackTrue: onTrue, feedbackFalse: onFalse))
    }

    private mutating func short() -> QuestionKind? {
      guard let answers = answers() else { return nil }
      var accepted: [AcceptedText] = []
      for answer in answers {
        guard let fraction = fraction(answer) else { return nil }
        accepted.append(AcceptedText(text: plain(answer), fraction: fraction, feedback: feedback(answer)))
      }
      return .short(ShortAnswer(answers: accepted, caseSensitive: flag("usecase") ?? false))
    }

    private mutating func numeric() -> QuestionKind? {
      guard let answers = answers() else { return nil }
      var accepted: [AcceptedNumber] = []
      for answer in answers {
        guard let fraction = fraction(answer) else { return nil }
        let written = plain(answer)
        if written == "*" {
          log.warning(.interop(.catchAllDropped(feedback(answer) ?? "")), at: location(answer))
          continue
        }
        guard let value = YAMLReader.parseNumber(written) else {
          log.error(.interop(.notANumber(field: "answer", written)), at: location(answer))
          return nil
        }
        let toleranceText = answer.value("tolerance") ?? "0"
        guard let tolerance = YAMLReader.parseNumber(toleranceText.isEmpty ? "0" : toleranceText), tolerance >= 0
        else {
          log.error(.interop(.notANumber(field: "tolerance", toleranceText)), at: location(answer.child("tolerance")!))
          return nil
        }
        accepted.append(
          AcceptedNumber(value: value, tolerance: .absolute(tolerance), fraction: fraction, feedback: feedback(answer)))
      }
      // The unit whose multiplier is 1 is the one answers are written in.
      let units = element.child("units")?.children("unit") ?? []
      let unit = units.first { ($0.value("multiplier").flatMap(Double.init) ?? 1) == 1 }?.value("unit_name")
      return .numeric(NumericAnswer(answers: accepted, unit: unit.flatMap { $0.isEmpty ? nil : $0 }))
    }

    private mutating func matching() -> QuestionKind? {
      let items = element.children("subquestion")
      guard !items.isEmpty else {
        log.error(.interop(.missingElement("subquestion")), at: location(element))
        return nil
      }
      var pairs: [MatchingPair] = []
      var distractors: [String] = []
      for item in items {
        let prompt = text(of: item)
        let answer = item.child("answer").map { plain($0) } ?? ""
        if answer.isEmpty { continue }
        if prompt.isEmpty {
          distractors.append(answer)
        } else {
          pairs.append(MatchingPair(prompt: prompt, answer: answer))
        }
      }
      return .matching(Matching(pairs: pairs, distractors: distractors))
    }

    private mutating func ordering() -> QuestionKind? {
      guard let answers = answers() else { return nil }
      // Each answer's `fraction` is its place in the right order.
      var placed: [(Double, Int, String)] = []
      for (index, answer) in answers.enumerated() {
        let written = answer.attributes["fraction"] ?? "\(index + 1)"
        placed.append((Double(written) ?? Double(index + 1), index, text(of: answer)))
      }
      let items = placed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
      let grading = (element.value("gradingtype") ?? "").uppercased()
      var scoring = OrderingScoring.longestOrderedSubset
      switch grading {
      case "ALL_OR_NOTHING", "-1": scoring = .allOrNothing
      case "LONGEST_ORDERED_SUBSET", "5", "": break
      default: log.warning(.interop(.orderingGradingChanged(grading)), at: location(element))
      }
      let select = (element.value("selecttype") ?? "").uppercased()
      if !["", "ALL", "0"].contains(select) {
        log.warning(.interop(.orderingSubsetShownWhole), at: location(element))
      }
      return .ordering(Ordering(items: items, scoring: scoring))
    }

    /// The Markdown of an element holding `<text>` in the element's `format`; the files it
    /// embeds (its `<file>` elements, or the images and links that use them) are counted.
    private mutating func text(of holder: XMLItem) -> String {
      let raw = holder.child("text")?.text ?? ""
      let format = holder.attributes["format"] ?? "moodle_auto_format"
      var converted = raw
      var references = 0
      if format == "html" || (!["plain_text", "markdown"].contains(format) && HTMLText.looksLikeHTML(raw)) {
        (converted, references) = HTMLText.markdown(raw)
      }
      droppedFiles += max(holder.children("file").count, references)
      return converted.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A text kept as written (short answers, numbers, matching answers): only trimmed.
    private func plain(_ holder: XMLItem) -> String {
      (holder.child("text")?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }
}
