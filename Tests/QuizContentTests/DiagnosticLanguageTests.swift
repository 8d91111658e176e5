import Foundation
import QuizContent
import QuizCore
import Testing

/// Every content diagnostic reads as Chinese in Chinese mode and as English in English mode.
///
/// A message cannot exist in one language only: the two catalogues switch over every case of
/// `ContentProblem`, so a case without a translation does not compile. These tests check that
/// what each catalogue says is in the right language, for an example of every case and for
/// everything the broken courses and hostile inputs of the other tests produce.
@Suite struct DiagnosticLanguageTests {
  /// One value of every case of `ContentProblem`, with realistic payloads.
  static let examples: [ContentProblem] = [
    .fileTooLarge(megabytes: 100, limit: 32),
    .unreadableFile(reason: "The file “basics.yaml” couldn’t be opened because you don’t have permission to view it."),
    .notUTF8(byte: 41),
    .yamlUnparsable(detail: "unexpected error of the parser"),
    .yamlSyntax(problem: "found unexpected end of stream", context: "while scanning a quoted scalar", contextLine: 4),
    .yamlSyntax(problem: "something libyaml says one day", context: "while reading something new", contextLine: 2),
    .yamlSyntax(problem: "mapping values are not allowed in this context", context: nil, contextLine: 0),
    .yamlUnreadable(problem: "control characters are not allowed"),
    .duplicateKeys(["answer", "prompt"]),
    .anchorsNotAllowed,
    .notAMapping(.courseFile, found: .list),
    .notAList(.field("tags"), found: .mapping),
    .notText(field: "prompt", found: .list),
    .emptyField("prompt"),
    .notANumber(field: "value", found: .scalar("三十")),
    .notAWholeNumber(field: "minutes", range: 1...600, found: .scalar("many")),
    .notABoolean(field: "correct", found: .scalar("yes please")),
    .keyNotAName(.choice, found: .alias),
    .unknownField("answer", in: .question(.single), hint: .belongsTo([.truefalse])),
    .unknownField("promt", in: .question(.single), hint: .didYouMean("prompt")),
    .unknownField("level", in: .lessonFrontMatter, hint: .allowed(["id", "title", "objectives", "minutes"])),
    .missingField("version", in: .courseFile),
    .missingField("explanation", in: .question(nil)),
    .noLessonsFolder,
    .emptyCourseFile,
    .invalidID(.lesson, "Extra Lesson"),
    .duplicateLessonID("basics", first: QuizContent.SourceLocation(file: "course/lessons/a.md", line: 2, column: 5)),
    .duplicateQuestionID(
      "b.first-step", first: QuizContent.SourceLocation(file: "course/questions/a.yaml", line: 1, column: 7)),
    .lessonListedTwice("basics"),
    .listedLessonMissing("extra", hint: .didYouMean("extras")),
    .lessonNotListed("extra"),
    .unknownLesson("basic", hint: .didYouMean("basics")),
    .noSource,
    .lessonWithoutQuestions("basics"),
    .noQuestionsInFile,
    .referenceToUnknownLesson(field: "source", lesson: "nowhere", hint: .none),
    .referenceToUnknownHeading(field: "context", heading: "电话催", lesson: "basics", hint: .didYouMean("basics#电话催收")),
    .fractionsAsDefault,
    .unknownDefaultScoring("partially"),
    .noFrontMatter,
    .unclosedFrontMatter,
    .emptyFrontMatter,
    .noObjectives,
    .emptyHeading,
    .duplicateHeading("电话催收", firstLine: 8),
    .noLessonBody,
    .notPositive(field: "weight"),
    .notASectionReference(field: "source"),
    .contextNeedsTextOrSection,
    .unknownQuestionType("choice", hint: .oneOf(QuestionType.allCases.map(\.rawValue))),
    .typeNeedsField(.truefalse, field: "answer"),
    .singleNeedsOneFullChoice(found: 2),
    .fractionsNeedFractionScoring,
    .fractionsDoNotAddUp(0.8),
    .multipleNeedsTwoCorrect(found: 1),
    .matchingNeedsTwoPairs,
    .orderingNeedsTwoItems,
    .orderingItemsRepeat,
    .choiceQuestionNeedsTwoChoices,
    .fractionOutOfRange(1.5, range: -1...1),
    .negativeTolerance,
    .unknownValue(field: "scope", value: "paragraph", hint: .oneOf(["sentence", "clause", "answer"])),
    .noFullCreditAnswer,
    .rubricNeedsPoint,
    .pointWithoutKeywords,
    .misconceptionNeedsPenalty,
    .notAFraction(field: "cap"),
    .capWithoutCritical,
    .redLineWithoutRule,
    .invalidBand,
    .noKeywords,
    .emptyKeywordGroup,
    .unknownConcept("$催收方式", hint: .defineConcept),
    .blankKeyword("。"),
    .weakKeyword(.functionWord("首先")),
    .weakKeyword(.singleCharacter("快")),
    .genericPoint(["情形", "成本"]),
    .rejectionStillCharged(rejection: "不能认为可以威胁", claim: "可以威胁"),
    .modelAnswerFallsShort(score: 0.5, ContentProblem.GradeSummary(covered: [1], found: [2])),
    .sampleMismatch(
      [
        .outsideBand(score: 0.3, band: 0.7...1), .notFlaggedForReview(confidence: 0.8),
        .flaggedForReview(confidence: 0.4), .crossesNoRedLine, .crossesRedLine,
      ], ContentProblem.GradeSummary(covered: [], found: [])),
    .conceptNamePrefix("$催收"),
    .nestedConcept("催收", refersTo: "$电话"),
    .blankConceptWord("催收"),
    .weakConceptWord("催收", .singleCharacter("催")),
    .notADuration(field: "time_limit", found: "45 分钟"),
    .examIDNotFileName(id: "cert", file: "certification.yaml"),
    .duplicateExamID("cert", first: SourceLocation(file: "exams/a.yaml", line: 1, column: 5)),
    .drawCannotBeFilled(rule: 1, count: 5, available: 3),
    .drawUnknownLesson("recovery", hint: .didYouMean("recovery-methods")),
    .manualGradingUnused(.open),
    .duplicateRuleID("third-party-disclosure"),
    .unknownRule("third-party-disclosur", hint: .didYouMean("third-party-disclosure")),
    .duplicateNodeID("open"),
    .unknownNode("confrim", field: "next", hint: .didYouMean("confirm")),
    .unreachableNode("orphan"),
    .startIsAnEnding("done"),
    .ruleDiffersFromTable("identity-first"),
    .deadEnd("stuck"),
    .repliesAndEnding("done"),
    .noWayOut(["loop-a", "loop-b"]),
    .goalNotListed("promise"),
    .freeTextReplyWithoutKeywords(node: "open", reply: 2),
    .noFullCreditPath(best: 0.75),
    .replyWordsDoNotPickIt(node: "open", reply: 1, others: []),
    .replyWordsDoNotPickIt(node: "open", reply: 2, others: [1, 3]),
    .invalidID(.rule, "Bad_ID"),
    .invalidID(.node, "节点"),
    .modelAnswerBelongsInRubric,
    .interop(.unclosedTitle),
    .interop(.unclosedBrace),
    .interop(.unexpectedClosingBrace),
    .interop(.secondAnswerSet),
    .interop(.strayArrow),
    .interop(.matchingNeedsArrow),
    .interop(.badWeight("%abc%")),
    .interop(.weightOnRightAnswer),
    .interop(.tooFewAnswers(needed: 2)),
    .interop(.emptyAnswer),
    .interop(.noNumericAnswer),
    .interop(.badNumber("3,5")),
    .interop(.lowercaseTrueFalse("true")),
    .interop(.descriptionSkipped("Intro")),
    .interop(.aikenNoAnswer),
    .interop(.aikenAnswerNotAnOption("E")),
    .interop(.aikenTooFewOptions),
    .interop(.aikenNotStarted),
    .interop(.xmlSyntax(code: 76)),
    .interop(.notMoodleXML(root: "questions")),
    .interop(.unsupportedType("cloze")),
    .interop(.missingElement("questiontext")),
    .interop(.notANumber(field: "defaultgrade", "one")),
    .interop(.orderingGradingChanged("ABSOLUTE_POSITION")),
    .interop(.orderingSubsetShownWhole),
    .interop(.noGeneralFeedback("basics.q1")),
    .interop(.filesDropped(2)),
    .interop(.catchAllDropped("Completely wrong")),
    .interop(.invalidQuestion("basics.q1", .fractionsDoNotAddUp(0.9))),
    .interop(.questionWarning("basics.q1", .noSource)),
    .interop(.notAMoodleGrade("basics.q1", 0.33)),
    .interop(.notExpressible("basics.q1", InteropProblem.Feature.allCases, skipped: false)),
    .interop(.notExpressible("basics.q2", [.ordering], skipped: true)),
  ]

  @Test(arguments: examples)
  func everyProblemReadsAsChineseAndAsEnglish(_ problem: ContentProblem) {
    Self.expectChinese(problem.message(.zh), english: problem.message(.en))
  }

  @Test func theExamplesCoverEveryCase() throws {
    let source = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/QuizContent/ContentProblem.swift"),
      encoding: .utf8)
    // The cases of `ContentProblem` itself are the ones indented by two spaces.
    let declared = Set(
      source.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("  case ") else { return nil }
        return String(line.dropFirst(7).prefix { $0.isLetter || $0.isNumber })
      })
    let covered = Set(Self.examples.map(Self.caseName))
    #expect(declared.count > 70)
    #expect(declared.subtracting(covered).isEmpty, "cases without an example: \(declared.subtracting(covered))")
    // And every case of the import and export problems.
    let interop = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/QuizContent/Interop/InteropProblem.swift"),
      encoding: .utf8)
    let interopCases = Set(
      interop.split(separator: "\n").compactMap { line -> String? in
        let body =
          line.hasPrefix("  indirect case ") ? line.dropFirst(16) : line.hasPrefix("  case ") ? line.dropFirst(7) : nil
        return body.map { String($0.prefix { $0.isLetter || $0.isNumber }) }
      })
    let coveredInterop = Set(
      Self.examples.compactMap { problem -> String? in
        guard case .interop(let inner) = problem else { return nil }
        return String("\(inner)".prefix { $0.isLetter || $0.isNumber })
      })
    #expect(interopCases.count > 25)
    #expect(interopCases.subtracting(coveredInterop).isEmpty, "\(interopCases.subtracting(coveredInterop))")
  }

  @Test func brokenCoursesReadAsChinese() throws {
    var seen = 0
    for name in Fixtures.brokenNames {
      let parent = try Fixtures.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: parent) }
      let course = try Fixtures.brokenCourse(name, in: parent)
      for diagnostic in CourseLoader().load(folder: course.path).diagnostics {
        Self.expectChinese(diagnostic.message(.zh), english: diagnostic.message, "\(name)")
        seen += 1
      }
    }
    #expect(seen > 40)
  }

  @Test func hostileAndFuzzedInputsReadAsChinese() throws {
    var diagnostics: [Diagnostic] = []
    var yaml = "- &a [lol, lol]\n- *a\n"
    diagnostics += CourseLoader.parseQuestionBank(yaml, file: "bomb.yaml").diagnostics
    yaml = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    diagnostics += CourseLoader.parseQuestionBank(yaml, file: "deep.yaml").diagnostics
    diagnostics += CourseLoader.parseQuestionBank("", file: "empty.yaml").diagnostics
    diagnostics += CourseLoader.parseQuestionBank("- id: a\n  prompt: x\u{0}y\n", file: "nul.yaml").diagnostics
    diagnostics += CourseLoader.parseLesson("# 标题\n正文\n", file: "l.md").diagnostics
    diagnostics += CourseLoader.parseLesson("---\nid: a\ntitle: b\n", file: "l.md").diagnostics
    diagnostics += CourseLoader.parseLesson("---\n---\n", file: "l.md").diagnostics
    diagnostics +=
      CourseLoader.parseLesson(
        "---\nid: a\ntitle: b\nobjectives: [x]\nminutes: -3\n---\n\n## 一\n正文\n## 一\n#\n", file: "l.md"
      ).diagnostics
    for target in ["bank", "lesson"] {
      for file in FuzzRegressionTests.inputs(target) {
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        diagnostics +=
          target == "bank"
          ? CourseLoader.parseQuestionBank(text, file: file.lastPathComponent).diagnostics
          : CourseLoader.parseLesson(text, file: file.lastPathComponent).diagnostics
      }
    }
    #expect(diagnostics.count > 10)
    for diagnostic in diagnostics {
      Self.expectChinese(diagnostic.message(.zh), english: diagnostic.message, "\(diagnostic.file)")
    }
  }

  @Test func theDescriptionKeepsThePlaceAndNamesTheSeverityInTheLanguage() {
    let error = Diagnostic(file: "c/q.yaml", line: 5, column: 11, severity: .error, problem: .emptyField("prompt"))
    let warning = Diagnostic(file: "c/l.md", line: 0, column: 0, severity: .warning, problem: .noSource)
    #expect(error.description == "c/q.yaml:5:11: error: `prompt` is empty")
    #expect(error.description(.en) == error.description)
    #expect(error.description(.zh) == "c/q.yaml:5:11: 错误：`prompt` 不能为空")
    #expect(warning.description(.zh).hasPrefix("c/l.md:1:1: 警告："))
  }

  @Test func chineseSpacingSeparatesLatinFromChinese() {
    #expect(ContentProblem.missingField("version", in: .courseFile).message(.zh) == "course.yaml 缺少必填字段 `version`")
    #expect(ContentProblem.missingField("id", in: .question(.truefalse)).message(.zh) == "判断题缺少必填字段 `id`")
    #expect(
      ContentProblem.notAList(.field("tags"), found: .scalar("x")).message(.zh) == "`tags` 必须是列表，实际是 `x`")
  }

  // MARK: Helpers

  /// The case name of a problem, such as `missingField`.
  static func caseName(_ problem: ContentProblem) -> String {
    Mirror(reflecting: problem).children.first?.label ?? String(describing: problem)
  }

  /// Three or more English words in a row, outside backticks, mean a sentence left untranslated.
  static func englishSentence(in text: String) -> String? {
    let outsideCode = text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset.isMultiple(of: 2) }.map(\.element).joined(separator: " ¦ ")
    let pattern = #/[A-Za-z]+(?:[ ,;:]+[A-Za-z]+){2,}/#
    return outsideCode.firstMatch(of: pattern).map { String($0.output) }
  }

  static func expectChinese(
    _ chinese: String, english: String, _ context: String = "",
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let hasHan = chinese.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    #expect(hasHan, "no Chinese in “\(chinese)” \(context)", sourceLocation: sourceLocation)
    let leftover = englishSentence(in: chinese)
    #expect(leftover == nil, "English “\(leftover ?? "")” in “\(chinese)” \(context)", sourceLocation: sourceLocation)
    #expect(!english.isEmpty && english != chinese, "\(context)", sourceLocation: sourceLocation)
    #expect(
      !english.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } || english.contains("`"),
      "Chinese outside backticks in English “\(english)” \(context)", sourceLocation: sourceLocation)
  }
}
