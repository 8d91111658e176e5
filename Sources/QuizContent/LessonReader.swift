import QuizCore
import Yams

/// A lesson file read from disk, with where its parts were written.
struct LessonSite {
  var id: String?
  var idLocation: SourceLocation
  var lesson: Lesson?
  /// Where each heading is, for diagnostics about sections.
  var file: String
}

/// Reads `lessons/*.md`: a YAML front matter between `---` lines, then Markdown.
enum LessonReader {
  static let fields = ["id", "title", "objectives", "minutes"]

  static func read(_ source: SourceText, log: inout DiagnosticLog) -> LessonSite {
    let top = SourceLocation(file: source.path, line: 1, column: 1)
    var site = LessonSite(idLocation: top, file: source.path)
    let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    guard lines.first?.trimmingSpaces() == "---" else {
      log.error(.noFrontMatter, at: top)
      return site
    }
    guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingSpaces() == "---" }) else {
      log.error(.unclosedFrontMatter, at: top)
      return site
    }
    let frontMatter = lines[1..<close].joined(separator: "\n")
    var reader = YAMLReader(file: source.path, lineOffset: 1)
    defer { log.append(contentsOf: reader.log.diagnostics) }
    guard let node = reader.parse(frontMatter) else {
      if !reader.log.hasErrors {
        reader.log.error(.emptyFrontMatter, at: top)
      }
      return site
    }
    guard let mapping = reader.mapping(node, as: .frontMatter) else { return site }
    let f = reader.fields(of: mapping, in: .lessonFrontMatter, allowed: fields, required: fields, at: node)
    if let node = f["id"], let id = reader.text(node, field: "id") {
      site.idLocation = reader.location(node)
      if QuestionDecoder.isValidID(id) {
        site.id = id
      } else {
        reader.log.error(.invalidID(.lesson, id), at: site.idLocation)
      }
    }
    let title = f["title"].flatMap { reader.text($0, field: "title") }
    var objectives = f["objectives"].flatMap { reader.texts($0, field: "objectives") }
    if let list = objectives, list.isEmpty, let node = f["objectives"] {
      reader.log.error(.noObjectives, at: reader.location(node))
      objectives = nil
    }
    let minutes = f["minutes"].flatMap { reader.integer($0, field: "minutes", in: 1...600) }

    let bodyFirstLine = close + 2
    let body = lines[(close + 1)...].joined(separator: "\n")
    let document = MarkdownDocument(parsing: body, firstLine: bodyFirstLine)
    var seen: [String: Int] = [:]
    var sections: [Section] = []
    for heading in document.headings {
      if heading.text.isEmpty {
        reader.log.error(.emptyHeading, at: SourceLocation(file: source.path, line: heading.line, column: 1))
        continue
      }
      if let first = seen[heading.text] {
        reader.log.warning(
          .duplicateHeading(heading.text, firstLine: first),
          at: SourceLocation(file: source.path, line: heading.line, column: 1))
      }
      seen[heading.text] = seen[heading.text] ?? heading.line
      sections.append(Section(title: heading.text, level: heading.level, line: heading.line - bodyFirstLine + 1))
    }
    if body.trimmingSpaces().isEmpty {
      reader.log.error(.noLessonBody, at: SourceLocation(file: source.path, line: close + 1, column: 1))
    }
    if let id = site.id, let title, let objectives, let minutes, !reader.log.hasErrors {
      site.lesson = Lesson(
        id: id, title: title, objectives: objectives, minutes: minutes, body: body, sections: sections)
    }
    return site
  }
}
