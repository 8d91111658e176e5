import ArgumentParser
import Foundation
import QuizContent
import QuizCore

extension ContentCommand {
  /// `content new question --type T --lesson ID [--id ID]`: appends a commented template to the
  /// lesson's bank; the course still lints clean, and the author replaces the placeholders.
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "new", abstract: Interface.text("help.content.new"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.content.new-what"), valueName: "question"))
    var what: String
    @Option(help: ArgumentHelp(Interface.text("help.content.new-type"), valueName: "type"))
    var type: String
    @Option(help: ArgumentHelp(Interface.text("help.content.new-lesson"), valueName: "lesson"))
    var lesson: String
    @Option(help: ArgumentHelp(Interface.text("help.content.new-id"), valueName: "id"))
    var id: String?

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      guard what == "question" else {
        Console.error("recovery-trainer: " + language.text("new.only-questions", MarkdownRenderer.inert(what)))
        throw ExitCode(64)
      }
      guard let kind = PracticeRequest.type(named: type) else {
        Console.error(
          "recovery-trainer: " + language.text("studyshell-practice.type-is-one-of", PracticeRequest.typeList(language))
        )
        throw ExitCode(64)
      }
      let folder = try context.courseFolder(nil)
      let course = try context.loadCourse()
      try context.requireLesson(lesson, in: course)
      let ids = Set(course.questions.map(\.id))
      let newID: String
      if let id {
        guard id.range(of: #"^[a-z0-9][a-z0-9.\-]*$"#, options: .regularExpression) != nil else {
          Console.error("recovery-trainer: " + language.text("new.bad-id", MarkdownRenderer.inert(id)))
          throw ExitCode(64)
        }
        guard !ids.contains(id) else {
          Console.error("recovery-trainer: " + language.text("new.id-taken", id))
          throw ExitCode(65)
        }
        newID = id
      } else {
        newID = (1...).lazy.map { "\(lesson).new-\($0)" }.first { !ids.contains($0) }!
      }
      let bank = Self.bankFile(folder: folder, lesson: lesson, course: course)
      let existing = FileManager.default.contents(atPath: bank).map { String(decoding: $0, as: UTF8.self) } ?? ""
      let separator = existing.isEmpty || existing.hasSuffix("\n\n") ? "" : existing.hasSuffix("\n") ? "\n" : "\n\n"
      let text = existing + separator + Self.template(kind, id: newID, lesson: lesson)
      // A failure leaves the bank as it was.
      try Import.write(text, to: bank, language: language)
      Console.line(language.text("new.written", newID, bank))
    }

    /// The file that holds the lesson's questions (`questions/<lesson>.yaml` when none does yet).
    static func bankFile(folder: String, lesson: String, course: Course) -> String {
      let questions = URL(fileURLWithPath: folder).appendingPathComponent("questions")
      let named = questions.appendingPathComponent("\(lesson).yaml").path
      if FileManager.default.fileExists(atPath: named) { return named }
      let files = (try? FileManager.default.contentsOfDirectory(atPath: questions.path)) ?? []
      for file in files.sorted() where file.hasSuffix(".yaml") {
        let path = questions.appendingPathComponent(file).path
        let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        if text.contains("lesson: \(lesson)\n") { return path }
      }
      return named
    }

    /// A question of `type` with placeholders, each field explained by a comment.
    static func template(_ type: QuestionType, id: String, lesson: String) -> String {
      var lines = [
        "# New \(type.rawValue) question: replace every （待填写） and check with content lint, content preview \(id).",
        "- id: \(id)",
        "  lesson: \(lesson)",
        "  type: \(type.rawValue)",
        "  difficulty: 1          # 1 easy, 2 medium, 3 hard",
        "  tags: [待分类]",
        "  source: \(lesson)      # or \(lesson)#<heading> for the section it is taught in",
        "  prompt: （待填写：题干）",
      ]
      switch type {
      case .single:
        lines += [
          "  choices:              # exactly one correct; feedback is shown when it is picked",
          "    - {text: （待填写：正确选项）, correct: true, feedback: （待填写）}",
          "    - {text: （待填写：干扰项）, feedback: （待填写：错在哪里）}",
          "    - {text: （待填写：干扰项）, feedback: （待填写：错在哪里）}",
        ]
      case .multiple:
        lines += [
          "  choices:              # one or more correct",
          "    - {text: （待填写：正确选项一）, correct: true, feedback: （待填写）}",
          "    - {text: （待填写：正确选项二）, correct: true, feedback: （待填写）}",
          "    - {text: （待填写：干扰项）, feedback: （待填写：错在哪里）}",
        ]
      case .truefalse:
        lines += [
          "  answer: true           # true or false",
          "  feedback_true: （待填写：答“对”时看到的反馈）",
          "  feedback_false: （待填写：答“错”时看到的反馈）",
        ]
      case .short:
        lines += [
          "  answers:              # accepted answers; * matches any text",
          "    - {text: （待填写：标准答案）}",
        ]
      case .numeric:
        lines += [
          "  unit: 元               # or remove for a plain number",
          "  answers:              # value ± tolerance; a wrong value can carry its own feedback",
          "    - {value: 100, tolerance: 0.5}",
        ]
      case .matching:
        lines += [
          "  pairs:                # each prompt with its answer; distractors are extra answers",
          "    - {prompt: （待填写：项目一）, answer: （待填写：对应一）}",
          "    - {prompt: （待填写：项目二）, answer: （待填写：对应二）}",
          "  distractors: [（待填写：多余的对应项）]",
        ]
      case .ordering:
        lines += ["  items: [（待填写：第一步）, （待填写：第二步）, （待填写：第三步）]   # in the right order"]
      case .open:
        lines += [
          "  rubric:               # the points a good answer makes, with the words that show each",
          "    points:",
          "      - {text: （待填写：要点一）, weight: 1, keywords: [[待填写关键词一]]}",
          "      - {text: （待填写：要点二）, weight: 1, keywords: [[待填写关键词二]]}",
          "    model_answer: （待填写：参考答案，须覆盖每个要点：待填写关键词一，待填写关键词二）",
        ]
      case .scenario:
        lines += [
          "  party: （待填写：对方的称呼）",
          "  goals: {right-party: 1}  # right-party, reason, promise, plan, dispute, contact, callback, with weights",
          "  start: open",
          "  nodes:                # what the other party says, and the replies; flags name rules in rules.yaml",
          "    - id: open",
          "      line: （待填写：对方的第一句话）",
          "      replies:",
          "        - {text: （待填写：好的回复）, next: done, progress: [right-party], note: （待填写：为什么好）}",
          "        - {text: （待填写：不好的回复）, next: lost, note: （待填写：错在哪里）}",
          "    - id: done",
          "      ending: {result: success, summary: （待填写：结果）}",
          "    - id: lost",
          "      ending: {result: failure, summary: （待填写：结果）}",
        ]
      }
      lines.append("  explanation: （待填写：解析，说明为什么、依据是什么）")
      return lines.joined(separator: "\n") + "\n"
    }
  }
}
