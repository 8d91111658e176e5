/// A question of the bank: what every type shares, and its kind.
public struct Question: Sendable, Hashable, Identifiable {
  /// The author-given id, unique in the course, `[a-z0-9.-]+`.
  public var id: String
  /// The id of the lesson the question belongs to.
  public var lesson: String
  /// The question text, Markdown.
  public var prompt: String
  /// Why the right answer is right; shown after every answer.
  public var explanation: String
  /// 1 (basic) to 3 (hard).
  public var difficulty: Int
  /// The marks of the question; a grade's marks are `weight × fraction`.
  public var weight: Double
  /// Topic tags such as `合规` or `计算`.
  public var tags: [String]
  /// The section to re-read, if the author named one.
  public var source: SectionReference?
  /// The type-specific part: choices, answers, rubric, ...
  public var kind: QuestionKind
  /// The case or passage the question is about, if it has one.
  public var context: QuestionContext? = nil

  /// Creates a question.
  public init(
    id: String, lesson: String, prompt: String, explanation: String, difficulty: Int = 1,
    weight: Double = 1, tags: [String] = [], source: SectionReference? = nil, kind: QuestionKind
  ) {
    self.id = id
    self.lesson = lesson
    self.prompt = prompt
    self.explanation = explanation
    self.difficulty = difficulty
    self.weight = weight
    self.tags = tags
    self.source = source
    self.kind = kind
  }

  /// The type of the question, as written in the `type` field.
  public var type: QuestionType { kind.type }
}

/// The nine question types, with the names used in content files.
public enum QuestionType: String, Sendable, Hashable, CaseIterable, Codable {
  case single
  case multiple
  case truefalse
  case short
  case numeric
  case matching
  case ordering
  case open
  case scenario
}

/// The type-specific content of a question.
public enum QuestionKind: Sendable, Hashable {
  /// One choice is right.
  case single(choices: [Choice])
  /// Several choices are right; scored by `scoring`.
  case multiple(choices: [Choice], scoring: MultipleScoring)
  /// A statement that is true or false.
  case trueFalse(TrueFalse)
  /// A short text answer matched against accepted answers.
  case short(ShortAnswer)
  /// A number, with tolerance and unit.
  case numeric(NumericAnswer)
  /// Prompts to be matched with answers.
  case matching(Matching)
  /// Items to be put in order.
  case ordering(Ordering)
  /// A free answer scored against a keyword rubric.
  case open(Rubric)
  /// A simulated call, scored for its outcome and its compliance.
  case scenario(Scenario)

  /// The type name of this kind.
  public var type: QuestionType {
    switch self {
    case .single: .single
    case .multiple: .multiple
    case .trueFalse: .truefalse
    case .short: .short
    case .numeric: .numeric
    case .matching: .matching
    case .ordering: .ordering
    case .open: .open
    case .scenario: .scenario
    }
  }
}

/// One option of a `single` or `multiple` question.
public struct Choice: Sendable, Hashable {
  /// The option text.
  public var text: String
  /// The credit for picking it, −1…1: 1 for a correct choice, 0 otherwise, unless set.
  public var fraction: Double
  /// Whether the author wrote an explicit `fraction` (switches `multiple` to fractions mode).
  public var hasExplicitFraction: Bool
  /// Shown when the learner picks this choice, or misses it when it is correct.
  public var feedback: String?

  /// Creates a choice.
  public init(text: String, fraction: Double, hasExplicitFraction: Bool = false, feedback: String? = nil) {
    self.text = text
    self.fraction = fraction
    self.hasExplicitFraction = hasExplicitFraction
    self.feedback = feedback
  }

  /// Whether the choice earns credit.
  public var isCorrect: Bool { fraction > 0 }
}

/// How a `multiple` question turns the picked choices into a fraction.
public enum MultipleScoring: String, Sendable, Hashable, CaseIterable, Codable {
  /// 少选按比例得分、错选不得分: 0 if any wrong choice is picked, else picked ÷ correct.
  case partial
  /// 1 only for exactly the correct set.
  case allOrNothing = "all-or-nothing"
  /// Moodle semantics: the clamped sum of the picked choices' fractions.
  case fractions
}

/// A true/false statement.
public struct TrueFalse: Sendable, Hashable {
  /// Whether the statement is true.
  public var answer: Bool
  /// Shown when the learner answers "true".
  public var feedbackTrue: String?
  /// Shown when the learner answers "false".
  public var feedbackFalse: String?

  /// Creates a true/false statement.
  public init(answer: Bool, feedbackTrue: String? = nil, feedbackFalse: String? = nil) {
    self.answer = answer
    self.feedbackTrue = feedbackTrue
    self.feedbackFalse = feedbackFalse
  }
}

/// Accepted texts of a short-answer question.
public struct ShortAnswer: Sendable, Hashable {
  /// Accepted answers; `*` matches any run of characters.
  public var answers: [AcceptedText]
  /// Whether letter case matters.
  public var caseSensitive: Bool

  /// Creates a short-answer question body.
  public init(answers: [AcceptedText], caseSensitive: Bool = false) {
    self.answers = answers
    self.caseSensitive = caseSensitive
  }
}

/// One accepted text of a short answer.
public struct AcceptedText: Sendable, Hashable {
  /// The pattern, with `*` as a wildcard.
  public var text: String
  /// The credit, 0…1, default 1.
  public var fraction: Double
  /// Shown when this text is the best match.
  public var feedback: String?

  /// Creates an accepted text.
  public init(text: String, fraction: Double = 1, feedback: String? = nil) {
    self.text = text
    self.fraction = fraction
    self.feedback = feedback
  }
}

/// The answers of a numeric question.
public struct NumericAnswer: Sendable, Hashable {
  /// Accepted values; the best fraction among those within tolerance wins.
  public var answers: [AcceptedNumber]
  /// The unit, such as `天`, `万元` or `%`.
  public var unit: String?

  /// Creates a numeric question body.
  public init(answers: [AcceptedNumber], unit: String? = nil) {
    self.answers = answers
    self.unit = unit
  }
}

/// One accepted value of a numeric question.
public struct AcceptedNumber: Sendable, Hashable {
  /// The value.
  public var value: Double
  /// How far off an answer may be and still match.
  public var tolerance: Tolerance
  /// The credit, 0…1, default 1.
  public var fraction: Double
  /// Shown when this value is the best match.
  public var feedback: String?

  /// Creates an accepted value.
  public init(value: Double, tolerance: Tolerance = .absolute(0), fraction: Double = 1, feedback: String? = nil) {
    self.value = value
    self.tolerance = tolerance
    self.fraction = fraction
    self.feedback = feedback
  }
}

/// A numeric tolerance: absolute (`0.5`) or relative (`"1%"`).
public enum Tolerance: Sendable, Hashable {
  /// |given − value| ≤ amount.
  case absolute(Double)
  /// |given − value| ≤ |value| × percent ÷ 100.
  case relative(percent: Double)

  /// The largest distance accepted around `value`.
  public func allowance(around value: Double) -> Double {
    switch self {
    case .absolute(let amount): abs(amount)
    case .relative(let percent): abs(value) * abs(percent) / 100
    }
  }
}

/// Prompts to be matched with answers.
public struct Matching: Sendable, Hashable {
  /// The pairs, prompt to correct answer.
  public let pairs: [MatchingPair]
  /// Extra answers that match no prompt.
  public let distractors: [String]
  /// The options a learner matches prompts with: every distinct answer, then the distractors.
  public let options: [String]

  /// Creates a matching question body.
  public init(pairs: [MatchingPair], distractors: [String] = []) {
    self.pairs = pairs
    self.distractors = distractors
    var seen = Set<String>()
    options = (pairs.map(\.answer) + distractors).filter { seen.insert($0).inserted }
  }
}

/// One prompt and its answer.
public struct MatchingPair: Sendable, Hashable {
  /// The left-hand side, numbered 1, 2, 3... on screen.
  public var prompt: String
  /// The right-hand side, lettered A, B, C... on screen.
  public var answer: String

  /// Creates a pair.
  public init(prompt: String, answer: String) {
    self.prompt = prompt
    self.answer = answer
  }
}

/// Items to be put in order.
public struct Ordering: Sendable, Hashable {
  /// The items in the correct order.
  public var items: [String]
  /// How a partly right order is scored.
  public var scoring: OrderingScoring

  /// Creates an ordering question body.
  public init(items: [String], scoring: OrderingScoring = .longestOrderedSubset) {
    self.items = items
    self.scoring = scoring
  }
}

/// How an ordering answer is scored.
public enum OrderingScoring: String, Sendable, Hashable, CaseIterable, Codable {
  /// Length of the longest subsequence in the right relative order ÷ number of items.
  case longestOrderedSubset = "longest-ordered-subset"
  /// 1 only for the exact order.
  case allOrNothing = "all-or-nothing"
}

/// The rubric of an open question.
///
/// Matching is at clause grain and reads negation; the rules are in `docs/grading.md`. The
/// keywords are compiled once, when the rubric is made or changed, so grading stays fast.
public struct Rubric: Sendable, Hashable {
  /// The key points a good answer covers.
  public var points: [RubricPoint] { didSet { compiled = CompiledRubricBox(self) } }
  /// A full good answer, shown after grading.
  public var modelAnswer: String
  /// Mistakes that cost marks when found; `critical` ones are red lines that cap the score.
  public var misconceptions: [Misconception] { didSet { compiled = CompiledRubricBox(self) } }
  /// The compiled keywords; equal for all rubrics, so it never affects `==` or hashing.
  var compiled = CompiledRubricBox.empty

  /// Whether the rubric has no points, so that a person grades every answer (an essay brought
  /// in from Moodle, say); the machine gives no estimate.
  public var isGradedByPerson: Bool { points.isEmpty }

  /// Creates a rubric.
  public init(points: [RubricPoint], modelAnswer: String, misconceptions: [Misconception] = []) {
    self.points = points
    self.modelAnswer = modelAnswer
    self.misconceptions = misconceptions
    compiled = CompiledRubricBox(self)
  }
}

/// Keyword groups: matched when every group has at least one alternative in the same clause
/// or sentence.
///
/// An alternative may start with `~` (it counts only when negated in its clause, as in
/// `保证期间不中断`) or `+` (only when asserted, not negated).
public typealias KeywordGroups = [[String]]

/// How far apart the keyword groups of a point or misconception may be.
public enum MatchScope: String, Sendable, Hashable, CaseIterable, Codable {
  /// Within one clause: text between `，` `；` `：` `。` and the like, or whitespace.
  case clause
  /// Within one sentence: text between `。` `！` `？` `；` or a line break.
  case sentence
  /// Anywhere in the answer (the old rule; only for points that really span sentences).
  case answer
}

/// A key point of a rubric.
public struct RubricPoint: Sendable, Hashable {
  /// What the point is, shown as covered or missed.
  public var text: String
  /// Its share of the marks.
  public var weight: Double
  /// Groups of alternatives; every group must be found within `scope`.
  public var keywords: KeywordGroups
  /// How close the groups must be; a sentence unless the author says otherwise.
  public var scope: MatchScope

  /// Creates a rubric point.
  public init(text: String, weight: Double = 1, keywords: KeywordGroups, scope: MatchScope = .sentence) {
    self.text = text
    self.weight = weight
    self.keywords = keywords
    self.scope = scope
  }
}

/// A mistaken idea that costs marks when an answer asserts it (never when it rejects it).
public struct Misconception: Sendable, Hashable {
  /// Groups of alternatives; every group must be found, asserted, within `scope`.
  public var keywords: KeywordGroups
  /// The fraction subtracted, 0…1.
  public var penalty: Double
  /// Why the idea is wrong.
  public var feedback: String
  /// A red line: asserting it caps the score at `cap`, whatever else the answer says.
  public var critical: Bool
  /// The highest score an answer that crosses this red line can get, 0…1 (default 0).
  public var cap: Double
  /// The rule crossed, with its tier, e.g. `《民法典》第六百九十二条（法律）`.
  public var rule: String?
  /// How close the groups must be; a clause unless the author says otherwise.
  public var scope: MatchScope

  /// Creates a misconception.
  public init(
    keywords: KeywordGroups, penalty: Double, feedback: String, critical: Bool = false, cap: Double = 0,
    rule: String? = nil, scope: MatchScope = .clause
  ) {
    self.keywords = keywords
    self.penalty = penalty
    self.feedback = feedback
    self.critical = critical
    self.cap = cap
    self.rule = rule
    self.scope = scope
  }
}
