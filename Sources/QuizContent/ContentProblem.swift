import QuizCore

/// What is wrong in course content, as a value both message catalogues can render.
///
/// Every case has an English text (`ContentProblem+English.swift`) and a Chinese text
/// (`ContentProblem+Chinese.swift`); both catalogues switch over every case, so a message
/// without a translation does not compile. The English text is what tools read (`message`
/// in `content lint --format json`, and `Diagnostic.description`), so it changes only when it
/// is wrong.
public enum ContentProblem: Sendable, Hashable {
  // MARK: Files

  /// The file exceeds `limit` megabytes.
  case fileTooLarge(megabytes: Int, limit: Int)
  /// The file cannot be read; `reason` is the system's own explanation.
  case unreadableFile(reason: String)
  /// The file is not UTF-8; `byte` is the 1-based offset of the first bad byte.
  case notUTF8(byte: Int)

  // MARK: YAML

  /// The YAML parser failed in a way it did not locate.
  case yamlUnparsable(detail: String)
  /// A YAML syntax error: the parser's `problem`, and what it was reading since which line.
  case yamlSyntax(problem: String, context: String?, contextLine: Int)
  /// The YAML reader refused the characters of the text.
  case yamlUnreadable(problem: String)
  /// The same key appears more than once in one mapping.
  case duplicateKeys([String])
  /// An anchor (`&name`) or alias (`*name`).
  case anchorsNotAllowed
  /// `part` should be a mapping.
  case notAMapping(Part, found: Found)
  /// `part` should be a list.
  case notAList(Part, found: Found)
  /// A field should be text.
  case notText(field: String, found: Found)
  /// A text field (or list) is empty.
  case emptyField(String)
  /// A field should be a number.
  case notANumber(field: String, found: Found)
  /// A field should be a whole number within `range`.
  case notAWholeNumber(field: String, range: ClosedRange<Int>, found: Found)
  /// A field should be `true` or `false`.
  case notABoolean(field: String, found: Found)
  /// A key of `part` is not a plain name.
  case keyNotAName(Part, found: Found)
  /// `part` has a field it does not allow.
  case unknownField(String, in: Part, hint: FieldHint)
  /// `part` lacks a required field.
  case missingField(String, in: Part)

  // MARK: Course and cross-file checks

  /// The course folder has no `lessons` folder.
  case noLessonsFolder
  /// `course.yaml` holds nothing.
  case emptyCourseFile
  /// An id uses characters other than `a-z`, `0-9`, `.` and `-`.
  case invalidID(IDOwner, String)
  /// Two lesson files have the same id; `first` is where the first one is.
  case duplicateLessonID(String, first: SourceLocation)
  /// Two questions have the same id; `first` is where the first one is.
  case duplicateQuestionID(String, first: SourceLocation)
  /// An id appears twice in `course.yaml` `lessons`.
  case lessonListedTwice(String)
  /// `course.yaml` `lessons` names an id no lesson file has.
  case listedLessonMissing(String, hint: Hint)
  /// A lesson file is not listed in `course.yaml` `lessons`.
  case lessonNotListed(String)
  /// A question's `lesson` names no lesson.
  case unknownLesson(String, hint: Hint)
  /// A question has no `source`.
  case noSource
  /// A lesson has no questions.
  case lessonWithoutQuestions(String)
  /// A question file holds no questions.
  case noQuestionsInFile
  /// `field` (`source` or `context`) names a lesson that does not exist.
  case referenceToUnknownLesson(field: String, lesson: String, hint: Hint)
  /// `field` names a heading the lesson does not have.
  case referenceToUnknownHeading(field: String, heading: String, lesson: String, hint: Hint)
  /// `defaults` `scoring` is `fractions`, which cannot be a default.
  case fractionsAsDefault
  /// `defaults` `scoring` is not a scoring.
  case unknownDefaultScoring(String)

  // MARK: Lessons

  /// A lesson does not start with `---`.
  case noFrontMatter
  /// The front matter has no closing `---`.
  case unclosedFrontMatter
  /// The front matter holds nothing.
  case emptyFrontMatter
  /// `objectives` is an empty list.
  case noObjectives
  /// A Markdown heading has no text.
  case emptyHeading
  /// A heading appears twice in one lesson; `firstLine` is where it first appears.
  case duplicateHeading(String, firstLine: Int)
  /// Nothing follows the front matter.
  case noLessonBody

  // MARK: Questions

  /// A number field (`weight`) is zero or negative.
  case notPositive(field: String)
  /// `field` is not written `lesson-id#heading`.
  case notASectionReference(field: String)
  /// `context` has neither `text` nor `section`, or both.
  case contextNeedsTextOrSection
  /// `type` names no question type.
  case unknownQuestionType(String, hint: Hint)
  /// A question of `type` lacks a field that type requires.
  case typeNeedsField(QuestionType, field: String)
  /// A `single` question has `found` full-credit choices instead of one.
  case singleNeedsOneFullChoice(found: Int)
  /// Choices carry `fraction` but `scoring` is not `fractions`.
  case fractionsNeedFractionScoring
  /// The positive fractions of the choices do not add up to 1.
  case fractionsDoNotAddUp(Double)
  /// A `multiple` question has fewer than two correct choices.
  case multipleNeedsTwoCorrect(found: Int)
  /// A `matching` question has fewer than two pairs.
  case matchingNeedsTwoPairs
  /// An `ordering` question has fewer than two items.
  case orderingNeedsTwoItems
  /// Two items of an `ordering` question are the same.
  case orderingItemsRepeat
  /// A choice question has fewer than two choices.
  case choiceQuestionNeedsTwoChoices
  /// A `fraction` is outside `range`.
  case fractionOutOfRange(Double, range: ClosedRange<Double>)
  /// `tolerance` is negative.
  case negativeTolerance
  /// `field` (such as `scoring` or `scope`) has a value it does not know.
  case unknownValue(field: String, value: String, hint: Hint)
  /// No accepted answer gives full credit.
  case noFullCreditAnswer

  // MARK: Rubrics

  /// A rubric has no points.
  case rubricNeedsPoint
  /// A rubric point has no `keywords`.
  case pointWithoutKeywords
  /// A misconception has neither `penalty` nor `critical: true`.
  case misconceptionNeedsPenalty
  /// `field` (`penalty` or `cap`) is outside 0…1.
  case notAFraction(field: String)
  /// `cap` is given to a misconception that is not a red line.
  case capWithoutCritical
  /// A red line has no `rule`.
  case redLineWithoutRule
  /// `band` is not `[low, high]` within 0…1.
  case invalidBand
  /// `keywords` is an empty list.
  case noKeywords
  /// A keyword group is an empty list.
  case emptyKeywordGroup
  /// `$name` names no concept in `concepts.yaml`.
  case unknownConcept(String, hint: Hint)
  /// A keyword is only punctuation or spaces.
  case blankKeyword(String)
  /// A keyword matches too much.
  case weakKeyword(KeywordProblem)
  /// Every group of a point can be met by generic words (listed).
  case genericPoint([String])
  /// A learner who rejects the misconception (in the words of `rejection`) is still charged.
  case rejectionStillCharged(rejection: String, claim: String)
  /// The model answer does not score full marks on its own rubric, or crosses a misconception.
  case modelAnswerFallsShort(score: Double, GradeSummary)
  /// A rubric sample is graded outside what its instructor wrote.
  case sampleMismatch([SampleMismatch], GradeSummary)
  /// An open question has both a `rubric` and a question-level `model_answer`.
  case modelAnswerBelongsInRubric

  // MARK: Import and export

  /// A problem of a GIFT, Aiken or Moodle XML file.
  indirect case interop(InteropProblem)

  // MARK: Concepts

  /// A concept name starts with `$`, `~` or `+`.
  case conceptNamePrefix(String)
  /// A concept refers to another concept.
  case nestedConcept(String, refersTo: String)
  /// A word of a concept is only punctuation or spaces.
  case blankConceptWord(String)
  /// A word of a concept matches too much.
  case weakConceptWord(String, KeywordProblem)

  // MARK: Exam blueprints

  /// A duration that is not written like `45m`, `1h30m` or `365d`.
  case notADuration(field: String, found: String)
  /// An exam's `id` differs from its file name.
  case examIDNotFileName(id: String, file: String)
  /// Two blueprints with one id.
  case duplicateExamID(String, first: SourceLocation)
  /// A draw rule that the course cannot fill.
  case drawCannotBeFilled(rule: Int, count: Int, available: Int)
  /// A draw rule names a lesson the course does not have.
  case drawUnknownLesson(String, hint: Hint)
  /// `manual_grading` names a type no drawn question has (nothing would go to a person).
  case manualGradingUnused(QuestionType)

  // MARK: Call simulations and their rules

  /// Two rules with one id in `rules.yaml`.
  case duplicateRuleID(String)
  /// A reply's `flags` names a rule `rules.yaml` does not have.
  case unknownRule(String, hint: Hint)
  /// Two nodes of a scenario with one id.
  case duplicateNodeID(String)
  /// `start` or a reply's `next` names a node the scenario does not have.
  case unknownNode(String, field: String, hint: Hint)
  /// A node the call can never reach from `start`.
  case unreachableNode(String)
  /// `start` names an ending: the call would be over before anyone speaks.
  case startIsAnEnding(String)
  /// A scenario's own `rules` entry says something else than the course's rule of that id.
  case ruleDiffersFromTable(String)
  /// A node with neither replies nor an ending: the call would stop there with no verdict.
  case deadEnd(String)
  /// A node with both replies and an ending.
  case repliesAndEnding(String)
  /// Nodes from which no ending can be reached: the call would go round them for ever.
  case noWayOut([String])
  /// A reply reaches a goal the scenario does not list under `goals`.
  case goalNotListed(String)
  /// A reply of a node that takes free text has no keywords to be matched by.
  case freeTextReplyWithoutKeywords(node: String, reply: Int)
  /// No way through the call earns full credit (warning).
  case noFullCreditPath(best: Double)
  /// At a free-text turn, a reply's own words do not pick it (warning): its keywords miss
  /// them, or another reply's keywords match them too (`others`, 1-based).
  case replyWordsDoNotPickIt(node: String, reply: Int, others: [Int])
}

extension ContentProblem {
  /// The part of a file a problem is about, as messages name it.
  public enum Part: Sendable, Hashable {
    /// `course.yaml`.
    case courseFile
    /// `concepts.yaml`.
    case conceptsFile
    /// A whole question-bank file.
    case questionFile
    /// A question, of a known type or not.
    case question(QuestionType?)
    /// The front matter of a lesson, as a whole.
    case frontMatter
    /// The fields of a lesson's front matter.
    case lessonFrontMatter
    /// The value of a named field, such as `defaults` or `choices`.
    case field(String)
    /// An accepted answer of a `short` question.
    case answer
    /// An accepted answer of a `numeric` question.
    case numericAnswer
    /// A pair of a `matching` question.
    case pair
    /// A choice.
    case choice
    /// A rubric.
    case rubric
    /// A rubric point.
    case rubricPoint
    /// A misconception.
    case misconception
    /// A rubric sample.
    case sample
    /// An exam blueprint.
    case exam
    /// A rule of an exam's `draw`.
    case drawRule
    /// `rules.yaml`, the compliance rule table.
    case rulesFile
    /// A compliance rule.
    case rule
    /// A node of a scenario.
    case scenarioNode
    /// A reply of a scenario.
    case reply
    /// The ending of a scenario node.
    case ending
  }

  /// What was written where something else was expected.
  public enum Found: Sendable, Hashable {
    /// A mapping.
    case mapping
    /// A list.
    case list
    /// A YAML alias.
    case alias
    /// Nothing at all.
    case nothing
    /// A text or number, as written (at most 40 characters).
    case scalar(String)
  }

  /// What a message suggests after naming something unknown.
  public enum Hint: Sendable, Hashable {
    /// No suggestion.
    case none
    /// The closest known name.
    case didYouMean(String)
    /// Every allowed value.
    case oneOf([String])
    /// Define the concept in `concepts.yaml`.
    case defineConcept
  }

  /// What a message suggests after naming an unknown field.
  public enum FieldHint: Sendable, Hashable {
    /// The field belongs to questions of these types.
    case belongsTo([QuestionType])
    /// The closest allowed field.
    case didYouMean(String)
    /// Every allowed field.
    case allowed([String])
  }

  /// Whose id an id is.
  public enum IDOwner: Sendable, Hashable {
    /// The course's `id`.
    case course
    /// A lesson's `id`.
    case lesson
    /// A question's `id`.
    case question
    /// An exam's `id`.
    case exam
    /// A compliance rule's `id`.
    case rule
    /// A scenario node's `id`.
    case node
  }

  /// Why a keyword matches too much.
  public enum KeywordProblem: Sendable, Hashable {
    /// A function word almost any answer contains.
    case functionWord(String)
    /// One character, which matches inside unrelated words.
    case singleCharacter(String)
  }

  /// One way a rubric sample is graded otherwise than its instructor wrote.
  public enum SampleMismatch: Sendable, Hashable {
    /// The score is outside the band.
    case outsideBand(score: Double, band: ClosedRange<Double>)
    /// The grader does not ask for a person, though the sample says it must.
    case notFlaggedForReview(confidence: Double)
    /// The grader asks for a person, though the sample says it must not.
    case flaggedForReview(confidence: Double)
    /// No red line is crossed, though the sample says one must be.
    case crossesNoRedLine
    /// A red line is crossed, though the sample says none must be.
    case crossesRedLine
  }

  /// What the grader saw in an answer: 1-based numbers of the points covered and of the
  /// misconceptions found.
  public struct GradeSummary: Sendable, Hashable {
    /// Points covered, 1-based.
    public var covered: [Int]
    /// Misconceptions found, 1-based.
    public var found: [Int]

    /// Creates a summary.
    public init(covered: [Int], found: [Int]) {
      self.covered = covered
      self.found = found
    }
  }

  /// The text in `language`.
  public func message(_ language: Language) -> String {
    switch language {
    case .zh: chinese
    case .en: english
    }
  }
}
