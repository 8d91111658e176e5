import Foundation
import QuizCore
import Yams

/// The outcome of loading a course: the course when it has no errors, and every finding.
public struct CourseLoadResult: Sendable {
  /// The course, or `nil` when any error was found.
  public var course: Course?
  /// Errors and warnings, sorted by file, line and column.
  public var diagnostics: [Diagnostic]

  /// The errors only.
  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  /// The warnings only.
  public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Loads a course folder into a `Course`, checking everything an instructor can get wrong.
///
/// Problems are collected, not thrown: one run reports all of them, each at its
/// `file:line:column`. Loading never crashes on any input.
public struct CourseLoader: Sendable {
  /// Creates a loader.
  public init() {}

  /// Finds the course folder: `path` itself when it holds `course.yaml`, else its only
  /// subfolder that does.
  public static func locateCourse(in path: String) throws(ContentError) -> String {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .folderNotFound(path)
    }
    if manager.fileExists(atPath: (path as NSString).appendingPathComponent("course.yaml")) { return path }
    let children = (try? manager.contentsOfDirectory(atPath: path)) ?? []
    let courses = children.sorted().filter {
      manager.fileExists(atPath: (path as NSString).appendingPathComponent("\($0)/course.yaml"))
    }
    switch courses.count {
    case 0: throw .noCourse(path)
    case 1: return (path as NSString).appendingPathComponent(courses[0])
    default: throw .severalCourses(path, courses)
    }
  }

  /// Loads the course in `folder` (which holds `course.yaml`).
  public func load(folder: String) -> CourseLoadResult {
    var log = DiagnosticLog()
    let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    func display(_ relative: String) -> String { base.isEmpty ? relative : "\(base)/\(relative)" }

    // course.yaml
    let header = readCourseFile(path: display("course.yaml"), log: &log)

    // lessons/*.md
    var lessonSites: [LessonSite] = []
    let lessonFiles = files(in: display("lessons"), extensions: ["md", "markdown"])
    if lessonFiles == nil {
      log.error(.noLessonsFolder, at: SourceLocation(file: display("course.yaml"), line: 1, column: 1))
    }
    for name in lessonFiles ?? [] {
      let path = display("lessons/\(name)")
      guard let source = SourceText.read(URL(fileURLWithPath: path), displayPath: path, log: &log) else { continue }
      lessonSites.append(LessonReader.read(source, log: &log))
    }
    var lessonsByID: [String: LessonSite] = [:]
    for site in lessonSites {
      guard let id = site.id else { continue }
      if let first = lessonsByID[id] {
        log.error(.duplicateLessonID(id, first: first.idLocation), at: site.idLocation)
      } else {
        lessonsByID[id] = site
      }
    }

    // questions/*.yaml
    // concepts.yaml, the synonym table rubrics refer to as `$name`.
    let concepts = ConceptTable.read(path: display("concepts.yaml"), log: &log)
    // rules.yaml, the compliance rules the replies of call simulations name.
    let rules = RuleTable.read(path: display("rules.yaml"), log: &log)
    let decoder = QuestionDecoder(defaults: header?.defaults ?? CourseDefaults(), concepts: concepts, rules: rules)
    // Question files are independent until the cross-file checks, so they are read in parallel.
    let bankFiles = (files(in: display("questions"), extensions: ["yaml", "yml"]) ?? []).map {
      display("questions/\($0)")
    }
    let banks = ParallelResults<([QuestionSite], [Diagnostic])>(count: bankFiles.count)
    DispatchQueue.concurrentPerform(iterations: bankFiles.count) { index in
      let path = bankFiles[index]
      var fileLog = DiagnosticLog()
      var sites: [QuestionSite] = []
      if let source = SourceText.read(URL(fileURLWithPath: path), displayPath: path, log: &fileLog) {
        sites = Self.questionSites(in: source, decoder: decoder, log: &fileLog)
      }
      banks.set(index, (sites, fileLog.diagnostics))
    }
    var questionSites: [QuestionSite] = []
    for (sites, diagnostics) in banks.values {
      questionSites += sites
      log.append(contentsOf: diagnostics)
    }

    // Checks across files.
    if let header {
      var listed = Set<String>()
      for (id, location) in header.lessons {
        if !listed.insert(id).inserted {
          log.error(.lessonListedTwice(id), at: location)
        } else if lessonsByID[id] == nil {
          let hint = Self.hint(closestTo: id, among: lessonsByID.keys)
          log.error(.listedLessonMissing(id, hint: hint), at: location)
        }
      }
      for site in lessonSites {
        if let id = site.id, !listed.contains(id), lessonsByID[id]?.file == site.file {
          log.warning(.lessonNotListed(id), at: site.idLocation)
        }
      }
    }
    var questionsByID: [String: QuestionSite] = [:]
    var questionCount: [String: Int] = [:]
    for site in questionSites {
      if let id = site.id {
        if let first = questionsByID[id] {
          let at = first.idLocation
          log.error(.duplicateQuestionID(id, first: at), at: site.idLocation)
        } else {
          questionsByID[id] = site
        }
      }
      if let lesson = site.lesson {
        questionCount[lesson, default: 0] += 1
        if lessonsByID[lesson] == nil {
          log.error(
            .unknownLesson(lesson, hint: Self.hint(closestTo: lesson, among: lessonsByID.keys)), at: site.lessonLocation
          )
        }
      }
      if let context = site.contextSection, let at = site.contextLocation {
        checkSource(context, field: "context", at: at, lessons: lessonsByID, log: &log)
      }
      if let source = site.source, let at = site.sourceLocation {
        checkSource(source, at: at, lessons: lessonsByID, log: &log)
      } else if site.sourceLocation == nil {
        log.warning(.noSource, at: site.location)
      }
    }
    for site in lessonSites {
      if let id = site.id, lessonsByID[id]?.file == site.file, questionCount[id, default: 0] == 0 {
        log.warning(.lessonWithoutQuestions(id), at: site.idLocation)
      }
    }

    // exams/*.yaml, checked against the whole course.
    var examSites: [ExamDecoder.Site] = []
    var examsByID: [String: SourceLocation] = [:]
    let allQuestions = questionSites.compactMap(\.question)
    for name in files(in: display("exams"), extensions: ["yaml", "yml"]) ?? [] {
      let path = display("exams/\(name)")
      guard let source = SourceText.read(URL(fileURLWithPath: path), displayPath: path, log: &log),
        let site = ExamDecoder.read(source, log: &log)
      else { continue }
      if let id = site.blueprint?.id {
        if let first = examsByID[id] {
          log.error(.duplicateExamID(id, first: first), at: site.idLocation)
          continue
        }
        examsByID[id] = site.idLocation
      }
      ExamDecoder.check(site, course: allQuestions, lessons: Set(lessonsByID.keys), log: &log)
      examSites.append(site)
    }

    let diagnostics = Array(Set(log.diagnostics)).sorted()
    guard !log.hasErrors, let header, let id = header.id, let title = header.title, let version = header.version
    else {
      return CourseLoadResult(course: nil, diagnostics: diagnostics)
    }
    let lessons = header.lessons.compactMap { lessonsByID[$0.id]?.lesson }
    var course = Course(
      id: id, title: title, version: version, description: header.description,
      defaults: header.defaults, lessons: lessons, questions: allQuestions)
    course.exams = examSites.compactMap(\.blueprint).sorted { $0.id < $1.id }
    return CourseLoadResult(course: course, diagnostics: diagnostics)
  }

  /// Reads the questions of one question-bank file, checking each on its own.
  ///
  /// Checks that need the whole course (lesson and `source` references, duplicate ids across
  /// files) are left to `load(folder:)`.
  /// `$name` keywords need the course's `concepts`; without them they are unknown concepts.
  /// The `flags` of call simulations name rules of `rules`.
  public static func parseQuestionBank(
    _ text: String, file: String, defaults: CourseDefaults = CourseDefaults(), concepts: ConceptTable = ConceptTable(),
    rules: RuleTable = RuleTable()
  ) -> (questions: [Question], diagnostics: [Diagnostic]) {
    var log = DiagnosticLog()
    let sites = questionSites(
      in: SourceText(path: file, text: text),
      decoder: QuestionDecoder(defaults: defaults, concepts: concepts, rules: rules), log: &log)
    return (sites.compactMap(\.question), Array(Set(log.diagnostics)).sorted())
  }

  /// Reads one lesson file: front matter and Markdown.
  public static func parseLesson(_ text: String, file: String) -> (lesson: Lesson?, diagnostics: [Diagnostic]) {
    var log = DiagnosticLog()
    let site = LessonReader.read(SourceText(path: file, text: text), log: &log)
    return (site.lesson, Array(Set(log.diagnostics)).sorted())
  }

  private static func questionSites(
    in source: SourceText, decoder: QuestionDecoder, log: inout DiagnosticLog
  ) -> [QuestionSite] {
    var sites: [QuestionSite] = []
    var reader = YAMLReader(file: source.path)
    if let root = reader.parse(source.text) {
      if let items = reader.sequence(root, as: .questionFile) {
        for item in items {
          if let site = decoder.decode(item, reader: &reader) { sites.append(site) }
        }
      }
    } else if !reader.log.hasErrors {
      reader.log.warning(.noQuestionsInFile, at: reader.location(line: 1, column: 1))
    }
    log.append(contentsOf: reader.log.diagnostics)
    return sites
  }

  private func checkSource(
    _ source: SectionReference, field: String = "source", at location: SourceLocation, lessons: [String: LessonSite],
    log: inout DiagnosticLog
  ) {
    guard let site = lessons[source.lesson] else {
      let hint = Self.hint(closestTo: source.lesson, among: lessons.keys)
      log.error(.referenceToUnknownLesson(field: field, lesson: source.lesson, hint: hint), at: location)
      return
    }
    guard let heading = source.heading, let lesson = site.lesson else { return }
    if lesson.section(titled: heading) == nil {
      let titles = lesson.sections.map(\.title)
      let containing = titles.filter { $0.contains(heading) || heading.contains($0) }
      let guess = containing.count == 1 ? containing.first : Suggestion.closest(to: heading, among: titles)
      let hint = guess.map { ContentProblem.Hint.didYouMean("\(source.lesson)#\($0)") } ?? .none
      log.error(
        .referenceToUnknownHeading(field: field, heading: heading, lesson: source.lesson, hint: hint), at: location)
    }
  }

  // MARK: course.yaml

  private struct Header {
    var id: String?
    var title: String?
    var version: String?
    var description: String?
    var defaults: CourseDefaults
    var lessons: [(id: String, location: SourceLocation)]
  }

  private func readCourseFile(path: String, log: inout DiagnosticLog) -> Header? {
    guard let source = SourceText.read(URL(fileURLWithPath: path), displayPath: path, log: &log) else { return nil }
    var reader = YAMLReader(file: path)
    defer { log.append(contentsOf: reader.log.diagnostics) }
    guard let root = reader.parse(source.text) else {
      if !reader.log.hasErrors {
        reader.log.error(.emptyCourseFile, at: reader.location(line: 1, column: 1))
      }
      return nil
    }
    guard let mapping = reader.mapping(root, as: .courseFile) else { return nil }
    let f = reader.fields(
      of: mapping, in: .courseFile, allowed: ["id", "title", "version", "description", "lessons", "defaults"],
      required: ["id", "title", "version", "lessons"], at: root)
    let id = f["id"].flatMap { reader.text($0, field: "id") }
    if let id, !QuestionDecoder.isValidID(id), let node = f["id"] {
      reader.log.error(.invalidID(.course, id), at: reader.location(node))
    }
    let title = f["title"].flatMap { reader.text($0, field: "title") }
    let version = f["version"].flatMap { reader.text($0, field: "version") }
    let description = f["description"].flatMap { reader.text($0, field: "description") }
    var lessons: [(String, SourceLocation)] = []
    if let node = f["lessons"], let items = reader.sequence(node, as: .field("lessons")) {
      if items.isEmpty { reader.log.error(.emptyField("lessons"), at: reader.location(node)) }
      for item in items {
        if let id = reader.text(item, field: "lessons") { lessons.append((id, reader.location(item))) }
      }
    }
    var defaults = CourseDefaults()
    if let node = f["defaults"], let map = reader.mapping(node, as: .field("defaults")) {
      let d = reader.fields(
        of: map, in: .field("defaults"), allowed: ["difficulty", "scoring"], required: [], at: node)
      if let value = d["difficulty"].flatMap({ reader.integer($0, field: "difficulty", in: 1...3) }) {
        defaults.difficulty = value
      }
      if let node = d["scoring"], let text = reader.text(node, field: "scoring") {
        if let scoring = MultipleScoring(rawValue: text), scoring != .fractions {
          defaults.scoring = scoring
        } else {
          reader.log.error(
            text == "fractions" ? .fractionsAsDefault : .unknownDefaultScoring(text), at: reader.location(node))
        }
      }
    }
    return Header(
      id: id, title: title, version: version, description: description, defaults: defaults, lessons: lessons)
  }

  /// A suggestion for an unknown lesson id: the closest known one, if any is close.
  private static func hint(closestTo id: String, among ids: Dictionary<String, LessonSite>.Keys) -> ContentProblem.Hint
  {
    Suggestion.closest(to: id, among: Array(ids)).map(ContentProblem.Hint.didYouMean) ?? .none
  }

  /// The names of the files with the given extensions in a folder, sorted; `nil` if no folder.
  private func files(in folder: String, extensions: Set<String>) -> [String]? {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
    return names.filter { name in
      !name.hasPrefix(".") && extensions.contains((name as NSString).pathExtension.lowercased())
    }.sorted()
  }
}

/// Results written by parallel workers, one slot each, read once all are done.
private final class ParallelResults<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  /// The values in index order (every slot must have been set).
  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return slots.compactMap { $0 }
  }
}
