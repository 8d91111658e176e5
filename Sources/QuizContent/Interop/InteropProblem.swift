import QuizCore

/// What is wrong, or worth knowing, when questions come in from GIFT, Aiken or Moodle XML,
/// or go out to GIFT or Moodle XML. Rendered in both languages like every content problem.
public enum InteropProblem: Sendable, Hashable {
  // MARK: GIFT

  /// `::title` without the closing `::`.
  case unclosedTitle
  /// `{` without its `}` (or another `{` before it).
  case unclosedBrace
  /// `}` with no `{` before it.
  case unexpectedClosingBrace
  /// A second `{…}` in one question: GIFT has one answer set per question.
  case secondAnswerSet
  /// `->` outside the pairs of a matching question.
  case strayArrow
  /// A matching question's answer without `->`.
  case matchingNeedsArrow
  /// A weight that is not `%n%` with n in −100…100.
  case badWeight(String)
  /// `=%50%…` in a multiple-choice question: `=` is always full credit.
  case weightOnRightAnswer
  /// Fewer answers than the type needs.
  case tooFewAnswers(needed: Int)
  /// An answer with no text.
  case emptyAnswer
  /// A numeric question without answers.
  case noNumericAnswer
  /// A numeric answer that is not `n`, `n:margin` or `min..max`.
  case badNumber(String)
  /// `{true}` or `{t}`: Moodle reads only `T`, `TRUE`, `F` and `FALSE` as true/false.
  case lowercaseTrueFalse(String)
  /// Text without an answer set (Moodle's description), left out.
  case descriptionSkipped(String)

  // MARK: Aiken

  /// A question that ends without its `ANSWER:` line.
  case aikenNoAnswer
  /// `ANSWER: X` where X is not one of the options' letters.
  case aikenAnswerNotAnOption(String)
  /// A question with fewer than two options.
  case aikenTooFewOptions
  /// An option (`A) …`) or an `ANSWER:` line with no question text before it.
  case aikenNotStarted

  // MARK: Moodle XML

  /// The XML parser stopped, with libxml2's error number.
  case xmlSyntax(code: Int)
  /// The root element is not `<quiz>`.
  case notMoodleXML(root: String)
  /// A question type this program has no equivalent for, left out.
  case unsupportedType(String)
  /// A required element is missing.
  case missingElement(String)
  /// A number field that is not a number.
  case notANumber(field: String, String)
  /// An ordering question graded in a way this program does not have (Moodle's
  /// `ABSOLUTE_POSITION` and others): it is graded by the longest ordered subset instead.
  case orderingGradingChanged(String)
  /// An ordering question that shows learners only some of its items: all are shown here.
  case orderingSubsetShownWhole

  // MARK: Any source

  /// The question had no general feedback; its explanation is a placeholder to fill in.
  case noGeneralFeedback(String)
  /// Embedded files (images) are not brought in.
  case filesDropped(Int)
  /// A numeric question's feedback for any other answer (Moodle's `*`): there is no such answer here.
  case catchAllDropped(String)
  /// The question breaks a rule of the course format; it is left out.
  indirect case invalidQuestion(String, ContentProblem)
  /// The question is brought in, with a warning of the course format.
  indirect case questionWarning(String, ContentProblem)

  // MARK: Export

  /// A fraction that is not one of Moodle's grades (100%, 90%, 83.33333%…): Moodle refuses
  /// the question unless its import is set to round to the nearest grade.
  case notAMoodleGrade(String, Double)
  /// What a question has that the target format cannot say; the question is written without
  /// it, or left out when `skipped`.
  case notExpressible(String, [Feature], skipped: Bool)

  /// A part of a question that GIFT or Moodle XML cannot express.
  public enum Feature: String, Sendable, Hashable, CaseIterable {
    /// The ordering type (GIFT has none).
    case ordering
    /// A call simulation (neither GIFT nor Moodle XML has one).
    case scenario
    /// A keyword rubric (exported as an essay a person grades).
    case rubric
    /// Partial or all-or-nothing scoring of a several-answer question (Moodle sums fractions).
    case scoringMode = "scoring"
    /// All-or-nothing scoring of an ordering question.
    case orderingScoring = "ordering-scoring"
    /// Case-sensitive matching of short answers (GIFT has none).
    case caseSensitive = "case-sensitive"
    /// A numeric unit (GIFT has none).
    case unit
    /// A model answer (GIFT has none).
    case modelAnswer = "model-answer"
    /// The question's weight (GIFT has none).
    case weight
    /// `->` in the text of an answer: GIFT has no escape for it (the question is left out).
    case arrowInAnswer = "arrow"
    /// Difficulty, source section and case context: this program's own fields.
    case difficulty
    case source
    case context
  }
}
