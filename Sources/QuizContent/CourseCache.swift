import Crypto
import Foundation
import QuizCore

/// A validated course saved in a compact binary form, so the program starts without parsing
/// YAML again when the content has not changed.
///
/// The cache is keyed by the program version and the path, size and modification time of
/// every content file; any change means a full load and validation. A cache that cannot be
/// read is ignored, never trusted. `content lint` never uses it.
public struct CourseCache: Sendable {
  /// The folder the cache files live in.
  public var folder: String
  /// Changes the key whenever the program (and so the format or the validation) changes.
  public var programVersion: String

  public init(folder: String, programVersion: String) {
    self.folder = folder
    self.programVersion = programVersion
  }

  /// The course in `courseFolder`: from the cache when it is current, else loaded (and, when
  /// it has no errors, cached for next time).
  public func load(courseFolder: String) -> CourseLoadResult {
    guard let key = Self.key(for: courseFolder, version: programVersion) else {
      return CourseLoader().load(folder: courseFolder)
    }
    let file = (folder as NSString).appendingPathComponent("course-\(key.prefix(32)).bin")
    if let data = FileManager.default.contents(atPath: file), let course = Self.decode(data, key: key) {
      return CourseLoadResult(course: course, diagnostics: [])
    }
    let result = CourseLoader().load(folder: courseFolder)
    if let course = result.course, result.diagnostics.isEmpty {
      try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let temporary = file + ".\(getpid()).tmp"
      if FileManager.default.createFile(atPath: temporary, contents: Self.encode(course, key: key)) {
        _ = rename(temporary, file)
      }
    }
    return result
  }

  /// A digest of the program version and of every content file's path, size and time.
  static func key(for courseFolder: String, version: String) -> String? {
    let manager = FileManager.default
    var items: [String] = ["v=\(version)", "folder=\((courseFolder as NSString).standardizingPath)"]
    var files = ["course.yaml"]
    for optional in ["concepts.yaml", "rules.yaml"]
    where manager.fileExists(atPath: (courseFolder as NSString).appendingPathComponent(optional)) {
      files.append(optional)
    }
    for sub in ["lessons", "questions", "exams"] {
      guard let names = try? manager.contentsOfDirectory(atPath: (courseFolder as NSString).appendingPathComponent(sub))
      else { continue }
      files += names.sorted().map { "\(sub)/\($0)" }
    }
    for file in files {
      var info = stat()
      guard stat((courseFolder as NSString).appendingPathComponent(file), &info) == 0 else { return nil }
      items.append("\(file)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)|\(info.st_ino)")
    }
    return SHA256.hash(data: Array(items.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()
  }

  // MARK: Format

  static let magic = Array("RTCOURSE4".utf8)

  static func encode(_ course: Course, key: String) -> Data {
    var writer = BinaryWriter()
    writer.bytes(magic)
    writer.string(key)
    writer.string(course.id)
    writer.string(course.title)
    writer.string(course.version)
    writer.optional(course.description) { $0.string($1) }
    writer.int(course.defaults.difficulty)
    writer.string(course.defaults.scoring.rawValue)
    writer.array(course.lessons) { writer, lesson in
      writer.string(lesson.id)
      writer.string(lesson.title)
      writer.array(lesson.objectives) { $0.string($1) }
      writer.int(lesson.minutes)
      writer.string(lesson.body)
      writer.array(lesson.sections) { writer, section in
        writer.string(section.title)
        writer.int(section.level)
        writer.int(section.line)
      }
    }
    writer.array(course.questions) { writer, question in
      writer.string(question.id)
      writer.string(question.lesson)
      writer.string(question.prompt)
      writer.string(question.explanation)
      writer.int(question.difficulty)
      writer.double(question.weight)
      writer.array(question.tags) { $0.string($1) }
      writer.optional(question.source) { writer, source in
        writer.string(source.lesson)
        writer.optional(source.heading) { $0.string($1) }
      }
      writer.kind(question.kind)
      writer.optional(question.context) { writer, context in
        switch context {
        case .text(let text):
          writer.int(0)
          writer.string(text)
        case .section(let reference):
          writer.int(1)
          writer.string(reference.lesson)
          writer.optional(reference.heading) { $0.string($1) }
        }
      }
    }
    writer.array(course.exams) { writer, exam in
      writer.string(exam.id)
      writer.string(exam.title)
      writer.double(exam.timeLimit)
      writer.double(exam.passMark)
      writer.array(exam.draw) { writer, rule in
        writer.array(rule.lessons) { $0.string($1) }
        writer.array(rule.tags) { $0.string($1) }
        writer.array(rule.types) { $0.string($1.rawValue) }
        writer.array(rule.difficulty) { $0.int($1) }
        writer.int(rule.count)
      }
      writer.bool(exam.shuffleChoices)
      writer.int(exam.attempts)
      writer.array(exam.cooldown) { $0.double($1) }
      writer.double(exam.validity)
      writer.bool(exam.proctored)
      writer.array(exam.manualGrading.map(\.rawValue).sorted()) { $0.string($1) }
      writer.string(exam.feedback.rawValue)
    }
    return Data(writer.output)
  }

  static func decode(_ data: Data, key: String) -> Course? {
    var reader = BinaryReader(Array(data))
    guard reader.bytes(magic.count) == magic, reader.string() == key else { return nil }
    guard let id = reader.string(), let title = reader.string(), let version = reader.string(),
      let description = reader.optional({ $0.string() }), let difficulty = reader.int(),
      let scoring = reader.string().flatMap(MultipleScoring.init(rawValue:))
    else { return nil }
    let lessons = reader.array { reader -> Lesson? in
      guard let id = reader.string(), let title = reader.string(), let objectives = reader.array({ $0.string() }),
        let minutes = reader.int(), let body = reader.string(),
        let sections = reader.array({ reader -> Section? in
          guard let title = reader.string(), let level = reader.int(), let line = reader.int() else { return nil }
          return Section(title: title, level: level, line: line)
        })
      else { return nil }
      return Lesson(id: id, title: title, objectives: objectives, minutes: minutes, body: body, sections: sections)
    }
    let questions = reader.array { reader -> Question? in
      guard let id = reader.string(), let lesson = reader.string(), let prompt = reader.string(),
        let explanation = reader.string(), let difficulty = reader.int(), let weight = reader.double(),
        let tags = reader.array({ $0.string() }),
        let source = reader.optional({ reader -> SectionReference? in
          guard let lesson = reader.string(), let heading = reader.optional({ $0.string() }) else { return nil }
          return SectionReference(lesson: lesson, heading: heading)
        }),
        let kind = reader.kind(),
        let context = reader.optional({ reader -> QuestionContext? in
          switch reader.int() {
          case 0: return reader.string().map(QuestionContext.text)
          case 1:
            guard let lesson = reader.string(), let heading = reader.optional({ $0.string() }) else { return nil }
            return .section(SectionReference(lesson: lesson, heading: heading))
          default: return nil
          }
        })
      else { return nil }
      var question = Question(
        id: id, lesson: lesson, prompt: prompt, explanation: explanation, difficulty: difficulty, weight: weight,
        tags: tags, source: source, kind: kind)
      question.context = context
      return question
    }
    let exams = reader.array { reader -> ExamBlueprint? in
      guard let id = reader.string(), let title = reader.string(), let timeLimit = reader.double(),
        let passMark = reader.double(),
        let draw = reader.array({ reader -> DrawRule? in
          guard let lessons = reader.array({ $0.string() }), let tags = reader.array({ $0.string() }),
            let types = reader.array({ $0.string().flatMap(QuestionType.init(rawValue:)) }),
            let difficulty = reader.array({ $0.int() }), let count = reader.int()
          else { return nil }
          return DrawRule(lessons: lessons, tags: tags, types: types, difficulty: difficulty, count: count)
        }),
        let shuffle = reader.bool(), let attempts = reader.int(), let cooldown = reader.array({ $0.double() }),
        let validity = reader.double(), let proctored = reader.bool(),
        let manual = reader.array({ $0.string().flatMap(QuestionType.init(rawValue:)) }),
        let feedback = reader.string().flatMap(ExamFeedback.init(rawValue:))
      else { return nil }
      return ExamBlueprint(
        id: id, title: title, timeLimit: timeLimit, passMark: passMark, draw: draw, shuffleChoices: shuffle,
        attempts: attempts, cooldown: cooldown, validity: validity, proctored: proctored,
        manualGrading: Set(manual), feedback: feedback)
    }
    guard let lessons, let questions, let exams, reader.isAtEnd else { return nil }
    var course = Course(
      id: id, title: title, version: version, description: description,
      defaults: CourseDefaults(difficulty: difficulty, scoring: scoring), lessons: lessons, questions: questions)
    course.exams = exams
    return course
  }
}

/// Little-endian, length-prefixed binary writing.
struct BinaryWriter {
  var output: [UInt8] = []

  mutating func bytes(_ bytes: [UInt8]) { output += bytes }
  mutating func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { output += $0 } }
  mutating func double(_ value: Double) { withUnsafeBytes(of: value.bitPattern.littleEndian) { output += $0 } }
  mutating func bool(_ value: Bool) { output.append(value ? 1 : 0) }
  mutating func string(_ value: String) {
    let utf8 = Array(value.utf8)
    int(utf8.count)
    output += utf8
  }
  mutating func array<T>(_ values: [T], _ element: (inout BinaryWriter, T) -> Void) {
    int(values.count)
    for value in values { element(&self, value) }
  }
  mutating func optional<T>(_ value: T?, _ body: (inout BinaryWriter, T) -> Void) {
    bool(value != nil)
    if let value { body(&self, value) }
  }
  mutating func choices(_ choices: [Choice]) {
    array(choices) { writer, choice in
      writer.string(choice.text)
      writer.double(choice.fraction)
      writer.bool(choice.hasExplicitFraction)
      writer.optional(choice.feedback) { $0.string($1) }
    }
  }
  mutating func groups(_ groups: KeywordGroups) {
    array(groups) { writer, group in writer.array(group) { $0.string($1) } }
  }
  mutating func kind(_ kind: QuestionKind) {
    switch kind {
    case .single(let choices):
      int(0)
      self.choices(choices)
    case .multiple(let choices, let scoring):
      int(1)
      self.choices(choices)
      string(scoring.rawValue)
    case .trueFalse(let tf):
      int(2)
      bool(tf.answer)
      optional(tf.feedbackTrue) { $0.string($1) }
      optional(tf.feedbackFalse) { $0.string($1) }
    case .short(let short):
      int(3)
      array(short.answers) { writer, answer in
        writer.string(answer.text)
        writer.double(answer.fraction)
        writer.optional(answer.feedback) { $0.string($1) }
      }
      bool(short.caseSensitive)
    case .numeric(let numeric):
      int(4)
      array(numeric.answers) { writer, answer in
        writer.double(answer.value)
        switch answer.tolerance {
        case .absolute(let amount):
          writer.int(0)
          writer.double(amount)
        case .relative(let percent):
          writer.int(1)
          writer.double(percent)
        }
        writer.double(answer.fraction)
        writer.optional(answer.feedback) { $0.string($1) }
      }
      optional(numeric.unit) { $0.string($1) }
    case .matching(let matching):
      int(5)
      array(matching.pairs) { writer, pair in
        writer.string(pair.prompt)
        writer.string(pair.answer)
      }
      array(matching.distractors) { $0.string($1) }
    case .ordering(let ordering):
      int(6)
      array(ordering.items) { $0.string($1) }
      string(ordering.scoring.rawValue)
    case .open(let rubric):
      int(7)
      array(rubric.points) { writer, point in
        writer.string(point.text)
        writer.double(point.weight)
        writer.groups(point.keywords)
        writer.string(point.scope.rawValue)
      }
      string(rubric.modelAnswer)
      array(rubric.misconceptions) { writer, misconception in
        writer.groups(misconception.keywords)
        writer.double(misconception.penalty)
        writer.string(misconception.feedback)
        writer.bool(misconception.critical)
        writer.double(misconception.cap)
        writer.optional(misconception.rule) { $0.string($1) }
        writer.string(misconception.scope.rawValue)
      }
    case .scenario(let scenario):
      int(8)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      string(String(decoding: (try? encoder.encode(scenario)) ?? Data(), as: UTF8.self))
    }
  }
}

/// Reading what `BinaryWriter` wrote; every read returns `nil` past the end or on nonsense.
struct BinaryReader {
  private let input: [UInt8]
  private var position = 0

  init(_ input: [UInt8]) { self.input = input }

  var isAtEnd: Bool { position == input.count }

  mutating func bytes(_ count: Int) -> [UInt8]? {
    guard count >= 0, position + count <= input.count else { return nil }
    defer { position += count }
    return Array(input[position..<position + count])
  }
  mutating func int() -> Int? {
    guard let raw = bytes(8) else { return nil }
    return Int(Int64(littleEndian: raw.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }))
  }
  mutating func double() -> Double? {
    guard let raw = bytes(8) else { return nil }
    return Double(bitPattern: UInt64(littleEndian: raw.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }))
  }
  mutating func bool() -> Bool? { bytes(1).map { $0[0] != 0 } }
  mutating func string() -> String? {
    guard let count = int(), count <= input.count - position, let raw = bytes(count) else { return nil }
    return String(validating: raw, as: UTF8.self)
  }
  mutating func array<T>(_ element: (inout BinaryReader) -> T?) -> [T]? {
    guard let count = int(), count >= 0, count <= input.count - position else { return nil }
    var result: [T] = []
    result.reserveCapacity(count)
    for _ in 0..<count {
      guard let value = element(&self) else { return nil }
      result.append(value)
    }
    return result
  }
  /// `.some(nil)` for an absent value, `nil` for a read failure.
  mutating func optional<T>(_ body: (inout BinaryReader) -> T?) -> T?? {
    guard let present = bool() else { return nil }
    guard present else { return .some(nil) }
    guard let value = body(&self) else { return nil }
    return .some(value)
  }
  mutating func choices() -> [Choice]? {
    array { reader -> Choice? in
      guard let text = reader.string(), let fraction = reader.double(), let explicit = reader.bool(),
        let feedback = reader.optional({ $0.string() })
      else { return nil }
      return Choice(text: text, fraction: fraction, hasExplicitFraction: explicit, feedback: feedback)
    }
  }
  mutating func groups() -> KeywordGroups? {
    array { reader in reader.array { $0.string() } }
  }
  mutating func kind() -> QuestionKind? {
    switch int() {
    case 0: return choices().map { .single(choices: $0) }
    case 1:
      guard let choices = choices(), let scoring = string().flatMap(MultipleScoring.init(rawValue:)) else { return nil }
      return .multiple(choices: choices, scoring: scoring)
    case 2:
      guard let answer = bool(), let yes = optional({ $0.string() }), let no = optional({ $0.string() }) else {
        return nil
      }
      return .trueFalse(TrueFalse(answer: answer, feedbackTrue: yes, feedbackFalse: no))
    case 3:
      guard
        let answers = array({ reader -> AcceptedText? in
          guard let text = reader.string(), let fraction = reader.double(),
            let feedback = reader.optional({ $0.string() })
          else { return nil }
          return AcceptedText(text: text, fraction: fraction, feedback: feedback)
        }), let caseSensitive = bool()
      else { return nil }
      return .short(ShortAnswer(answers: answers, caseSensitive: caseSensitive))
    case 4:
      guard
        let answers = array({ reader -> AcceptedNumber? in
          guard let value = reader.double(), let kind = reader.int(), let amount = reader.double(),
            let fraction = reader.double(), let feedback = reader.optional({ $0.string() })
          else { return nil }
          let tolerance: Tolerance = kind == 0 ? .absolute(amount) : .relative(percent: amount)
          return AcceptedNumber(value: value, tolerance: tolerance, fraction: fraction, feedback: feedback)
        }), let unit = optional({ $0.string() })
      else { return nil }
      return .numeric(NumericAnswer(answers: answers, unit: unit))
    case 5:
      guard
        let pairs = array({ reader -> MatchingPair? in
          guard let prompt = reader.string(), let answer = reader.string() else { return nil }
          return MatchingPair(prompt: prompt, answer: answer)
        }), let distractors = array({ $0.string() })
      else { return nil }
      return .matching(Matching(pairs: pairs, distractors: distractors))
    case 6:
      guard let items = array({ $0.string() }), let scoring = string().flatMap(OrderingScoring.init(rawValue:)) else {
        return nil
      }
      return .ordering(Ordering(items: items, scoring: scoring))
    case 7:
      guard
        let points = array({ reader -> RubricPoint? in
          guard let text = reader.string(), let weight = reader.double(), let keywords = reader.groups(),
            let scope = reader.string().flatMap(MatchScope.init(rawValue:))
          else {
            return nil
          }
          return RubricPoint(text: text, weight: weight, keywords: keywords, scope: scope)
        }), let model = string(),
        let misconceptions = array({ reader -> Misconception? in
          guard let keywords = reader.groups(), let penalty = reader.double(), let feedback = reader.string(),
            let critical = reader.bool(), let cap = reader.double(), let rule = reader.optional({ $0.string() }),
            let scope = reader.string().flatMap(MatchScope.init(rawValue:))
          else {
            return nil
          }
          return Misconception(
            keywords: keywords, penalty: penalty, feedback: feedback, critical: critical, cap: cap, rule: rule,
            scope: scope)
        })
      else { return nil }
      return .open(Rubric(points: points, modelAnswer: model, misconceptions: misconceptions))
    case 8:
      guard let text = string(), let scenario = try? JSONDecoder().decode(Scenario.self, from: Data(text.utf8)) else {
        return nil
      }
      return .scenario(scenario)
    default:
      return nil
    }
  }
}
