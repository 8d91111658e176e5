import QuizCore

// The English catalogue. Tools read these texts (`content lint --format json`, editors that
// parse `path:line:column: error: message`), so a text changes only when it is wrong; the
// broken-course fixtures hold every one that a course can produce.

extension ContentProblem {
  /// The English text.
  var english: String {
    switch self {
    case .fileTooLarge(let megabytes, let limit):
      "file is too large (\(megabytes) MB); a content file may be at most \(limit) MB — split it into several files"
    case .unreadableFile(let reason):
      "cannot read file: \(reason)"
    case .notUTF8(let byte):
      "file is not valid UTF-8 text (byte \(byte)); save it as UTF-8"

    case .yamlUnparsable(let detail):
      "cannot parse YAML: \(detail)"
    case .yamlSyntax(let problem, let context, let line):
      "YAML syntax error: \(problem)\(context.map { " (\($0) at line \(line))" } ?? "")"
    case .yamlUnreadable(let problem):
      "YAML cannot read the text: \(problem)"
    case .duplicateKeys(let keys):
      "duplicate key \(keys.map { "`\($0)`" }.joined(separator: ", ")) in the same mapping"
    case .anchorsNotAllowed:
      "YAML anchors and aliases (&name, *name) are not allowed in course files; write the value out"
    case .notAMapping(let part, let found):
      "\(part.english) must be a mapping (key: value lines), found \(found.english)"
    case .notAList(let part, let found):
      "\(part.english) must be a list, found \(found.english)"
    case .notText(let field, let found):
      "`\(field)` must be text, found \(found.english)"
    case .emptyField(let field):
      "`\(field)` is empty"
    case .notANumber(let field, let found):
      "`\(field)` must be a number such as 30 or 0.5, found \(found.english)"
    case .notAWholeNumber(let field, let range, let found):
      "`\(field)` must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(found.english)"
    case .notABoolean(let field, let found):
      "`\(field)` must be true or false, found \(found.english)"
    case .keyNotAName(let part, let found):
      "keys of \(part.english) must be plain names, found \(found.english)"
    case .unknownField(let name, let part, .belongsTo(let types)):
      "unknown field `\(name)` in \(part.english) (`\(name)` belongs to \(types.map(\.rawValue).joined(separator: "/")) questions)"
    case .unknownField(let name, let part, .didYouMean(let suggestion)):
      "unknown field `\(name)` in \(part.english); did you mean `\(suggestion)`?"
    case .unknownField(let name, let part, .allowed(let fields)):
      "unknown field `\(name)` in \(part.english); allowed fields are \(fields.map { "`\($0)`" }.joined(separator: ", "))"
    case .missingField(let field, let part):
      "\(part.english) is missing the required field `\(field)`"

    case .noLessonsFolder:
      "the course has no `lessons` folder"
    case .emptyCourseFile:
      "course.yaml is empty: give `id`, `title`, `version` and `lessons`"
    case .invalidID(let owner, let id):
      "\(owner.english) id `\(id)` may only use a-z, 0-9, `.` and `-`"
    case .duplicateLessonID(let id, let first):
      "duplicate lesson id `\(id)`; also defined at \(first.file):\(first.line):\(first.column)"
    case .duplicateQuestionID(let id, let first):
      "duplicate question id `\(id)`; also defined at \(first.file):\(first.line):\(first.column)"
    case .lessonListedTwice(let id):
      "lesson `\(id)` is listed twice"
    case .listedLessonMissing(let id, let hint):
      "lesson `\(id)` is listed but no file in lessons/ has this id\(hint.english)"
    case .lessonNotListed(let id):
      "lesson `\(id)` is not listed in course.yaml `lessons`, so learners will not see it"
    case .unknownLesson(let id, let hint):
      "unknown lesson `\(id)`\(hint.english)"
    case .noSource:
      "question has no `source`; add the lesson section to re-read (`lesson-id#heading`)"
    case .lessonWithoutQuestions(let id):
      "lesson `\(id)` has no questions"
    case .noQuestionsInFile:
      "the file holds no questions"
    case .referenceToUnknownLesson(let field, let lesson, let hint):
      "`\(field)` names unknown lesson `\(lesson)`\(hint.english)"
    case .referenceToUnknownHeading(let field, let heading, let lesson, let hint):
      "`\(field)` names heading `\(heading)`, which lesson `\(lesson)` does not have\(hint.english)"
    case .fractionsAsDefault:
      "`fractions` cannot be a default: it is chosen per question when its choices carry fractions; use partial or all-or-nothing"
    case .unknownDefaultScoring(let value):
      "unknown scoring `\(value)`; use partial or all-or-nothing"

    case .noFrontMatter:
      "a lesson must start with a front matter: a line `---`, then `id:`, `title:`, `objectives:`, `minutes:`, then `---`"
    case .unclosedFrontMatter:
      "the front matter is not closed: add a line `---` after it"
    case .emptyFrontMatter:
      "the front matter is empty: give `id`, `title`, `objectives` and `minutes`"
    case .noObjectives:
      "`objectives` is empty; list what the learner can do after the lesson"
    case .emptyHeading:
      "empty heading"
    case .duplicateHeading(let heading, let firstLine):
      "heading `\(heading)` appears twice in this lesson (first on line \(firstLine)); `source` references to it are ambiguous"
    case .noLessonBody:
      "the lesson has no text after its front matter"

    case .notADuration(let field, let found):
      "`\(field)` is `\(found)`, which is not a duration; write it like `45m`, `1h30m`, `24h` or `365d`"
    case .examIDNotFileName(let id, let file):
      "the exam id `\(id)` differs from its file name `\(file)`; make them the same"
    case .duplicateExamID(let id, let first):
      "duplicate exam id `\(id)`; also defined at \(first.file):\(first.line):\(first.column)"
    case .drawCannotBeFilled(let rule, let count, let available):
      "draw rule \(rule + 1) asks for \(count) questions, but only \(available) in the course match it and are not taken by other rules"
    case .drawUnknownLesson(let lesson, let hint):
      "a draw rule names unknown lesson `\(lesson)`\(hint.english)"
    case .manualGradingUnused(let type):
      "`manual_grading` lists \(type.rawValue), but the draw never picks such a question"
    case .duplicateRuleID(let id):
      "rule id `\(id)` is used twice"
    case .unknownRule(let id, let hint):
      "`flags` names rule `\(id)`, which rules.yaml does not have\(hint.english)"
    case .duplicateNodeID(let id):
      "node id `\(id)` is used twice in this scenario"
    case .unknownNode(let id, let field, let hint):
      "`\(field)` names node `\(id)`, which this scenario does not have\(hint.english)"
    case .unreachableNode(let id):
      "node `\(id)` can never be reached from `start`"
    case .startIsAnEnding(let id):
      "`start` names node `\(id)`, which is an ending: the call would be over before it began"
    case .ruleDiffersFromTable(let id):
      "the scenario's own rule `\(id)` differs from the rule of that id in rules.yaml; remove it here or give it a new id"
    case .deadEnd(let id):
      "node `\(id)` has neither `replies` nor an `ending`: the call would stop there without a verdict"
    case .repliesAndEnding(let id):
      "node `\(id)` has both replies and an ending; an ending has no replies"
    case .noWayOut(let ids):
      "no ending can be reached from node " + ids.map { "`\($0)`" }.joined(separator: ", ")
        + ": the call would go round for ever"
    case .goalNotListed(let goal):
      "a reply reaches goal `\(goal)`, which the scenario does not list under `goals`"
    case .freeTextReplyWithoutKeywords(let node, let reply):
      "node `\(node)` takes free text (`free_text`), but reply \(reply) has no `keywords` to match the learner's words"
    case .replyWordsDoNotPickIt(let node, let reply, let others):
      others.isEmpty
        ? "the words of reply \(reply) of node `\(node)` do not match its own `keywords`: a learner who says just that is asked for a number"
        : "the words of reply \(reply) of node `\(node)` also match the `keywords` of reply "
          + others.map(String.init).joined(separator: ", ")
          + ": keep the replies' keywords apart (with `+` or `~` where needed)"
    case .noFullCreditPath(let best):
      "no way through the call earns full credit (the best scores \(QuestionDecoder.format(best))): check the goals and the penalties"
    case .notPositive(let field):
      "`\(field)` must be a positive number"
    case .notASectionReference(let field):
      "`\(field)` must be written `lesson-id#heading`"
    case .contextNeedsTextOrSection:
      "`context` needs either `text` or `section`"
    case .unknownQuestionType(let name, let hint):
      "unknown question type `\(name)`\(hint.english)"
    case .typeNeedsField(let type, let field):
      "a \(type.rawValue) question needs `\(field)`"
    case .singleNeedsOneFullChoice(let found):
      "a single question needs exactly one choice with full credit (`correct: true`), found \(found)"
    case .fractionsNeedFractionScoring:
      "choices carry `fraction`, which needs `scoring: fractions`; remove the fractions or the scoring"
    case .fractionsDoNotAddUp(let sum):
      "the positive fractions of the choices add up to \(QuestionDecoder.format(sum)), not 1"
    case .multipleNeedsTwoCorrect(let found):
      "a multiple question needs at least two correct choices, found \(found); use `single` for one"
    case .matchingNeedsTwoPairs:
      "a matching question needs at least two pairs"
    case .orderingNeedsTwoItems:
      "an ordering question needs at least two items"
    case .orderingItemsRepeat:
      "the items of an ordering question must all be different"
    case .choiceQuestionNeedsTwoChoices:
      "a choice question needs at least two choices"
    case .fractionOutOfRange(let value, let range):
      "`fraction` \(QuestionDecoder.format(value)) is out of range \(QuestionDecoder.format(range.lowerBound))…\(QuestionDecoder.format(range.upperBound))"
    case .negativeTolerance:
      "`tolerance` cannot be negative"
    case .unknownValue(let field, let value, let hint):
      "unknown \(field) `\(value)`\(hint.english)"
    case .noFullCreditAnswer:
      "no answer gives full credit; give one answer `fraction: 1` (the default)"

    case .rubricNeedsPoint:
      "a rubric needs at least one point"
    case .pointWithoutKeywords:
      "rubric point has no `keywords`; add at least one group of keywords"
    case .misconceptionNeedsPenalty:
      "a misconception needs `penalty` (0 to 1), or `critical: true` to make it a red line"
    case .notAFraction(let field):
      "`\(field)` must be between 0 and 1"
    case .capWithoutCritical:
      "`cap` applies only to red lines; add `critical: true`"
    case .redLineWithoutRule:
      "a red line should cite the rule it enforces and its tier: add `rule`, e.g. `《民法典》第六百九十二条（法律）`"
    case .invalidBand:
      "`band` must be two scores [low, high] with 0 ≤ low ≤ high ≤ 1"
    case .noKeywords:
      "`keywords` is empty; add at least one group of keywords"
    case .emptyKeywordGroup:
      "a keyword group is empty"
    case .unknownConcept(let name, let hint):
      "unknown concept `\(name)`\(hint.english)"
    case .blankKeyword(let keyword):
      "keyword `\(keyword)` is only punctuation or spaces, so it would match every answer"
    case .weakKeyword(let problem):
      problem.english
    case .genericPoint(let words):
      "this point is met by generic words alone (\(words.map { "`\($0)`" }.joined(separator: " + "))); require a word that only an answer covering the point would use"
    case .rejectionStillCharged(let rejection, let claim):
      "a learner who rejects this idea (“\(rejection)”) is still charged: a keyword holds a connective or spans clauses; write the claim itself, such as `\(claim)`"
    case .modelAnswerFallsShort(let score, let summary):
      "the model answer scores \(QuestionDecoder.format(score)) on its own rubric; \(summary.english)"
    case .sampleMismatch(let mismatches, let summary):
      "sample \(mismatches.map(\.english).joined(separator: " and ")); \(summary.english)"
    case .modelAnswerBelongsInRubric:
      "with a rubric, `model_answer` goes inside `rubric`; a question-level `model_answer` is only for an open question without a rubric, which a person grades"
    case .interop(let problem):
      problem.english

    case .conceptNamePrefix(let name):
      "concept name `\(name)` cannot start with `$`, `~` or `+`; write the bare name"
    case .nestedConcept(let name, let nested):
      "concept `\(name)` refers to `\(nested)`; concepts cannot refer to other concepts, list the words"
    case .blankConceptWord(let name):
      "concept `\(name)` has a word that is only punctuation or spaces"
    case .weakConceptWord(let name, let problem):
      "concept `\(name)`: \(problem.english)"
    }
  }
}

extension ContentProblem.Part {
  var english: String {
    switch self {
    case .courseFile: "course.yaml"
    case .conceptsFile: "concepts.yaml"
    case .questionFile: "a question file"
    case .question(nil): "a question"
    case .question(let type?): "a \(type.rawValue) question"
    case .frontMatter: "the front matter"
    case .lessonFrontMatter: "the lesson front matter"
    case .field(let name): "`\(name)`"
    case .answer: "an answer"
    case .numericAnswer: "a numeric answer"
    case .pair: "a pair"
    case .choice: "a choice"
    case .rubric: "a rubric"
    case .rubricPoint: "a rubric point"
    case .misconception: "a misconception"
    case .sample: "a sample"
    case .exam: "an exam blueprint"
    case .drawRule: "a draw rule"
    case .rulesFile: "rules.yaml"
    case .rule: "a compliance rule"
    case .scenarioNode: "a scenario node"
    case .reply: "a reply"
    case .ending: "an ending"
    }
  }
}

extension ContentProblem.Found {
  var english: String {
    switch self {
    case .mapping: "a mapping"
    case .list: "a list"
    case .alias: "an alias"
    case .nothing: "nothing"
    case .scalar(let text): "`\(text)`"
    }
  }
}

extension ContentProblem.Hint {
  var english: String {
    switch self {
    case .none: ""
    case .didYouMean(let name): "; did you mean `\(name)`?"
    case .oneOf(let names): "; use one of " + names.joined(separator: ", ")
    case .defineConcept: "; define it in concepts.yaml"
    }
  }
}

extension ContentProblem.IDOwner {
  var english: String {
    switch self {
    case .course: "course"
    case .lesson: "lesson"
    case .question: "question"
    case .exam: "exam"
    case .rule: "rule"
    case .node: "node"
    }
  }
}

extension ContentProblem.KeywordProblem {
  var english: String {
    switch self {
    case .functionWord(let word):
      "keyword `\(word)` is a common function word that almost any answer contains; use words of the point itself"
    case .singleCharacter(let word):
      "keyword `\(word)` is one character, so it also matches inside unrelated words; use a word of two or more characters"
    }
  }
}

extension ContentProblem.SampleMismatch {
  var english: String {
    switch self {
    case .outsideBand(let score, let band):
      "scores \(QuestionDecoder.format(score)), outside its band "
        + "[\(QuestionDecoder.format(band.lowerBound)), \(QuestionDecoder.format(band.upperBound))]"
    case .notFlaggedForReview(let confidence):
      "is not flagged for review (confidence \(QuestionDecoder.format(confidence)))"
    case .flaggedForReview(let confidence):
      "is flagged for review (confidence \(QuestionDecoder.format(confidence)))"
    case .crossesNoRedLine:
      "crosses no red line"
    case .crossesRedLine:
      "crosses a red line"
    }
  }
}

extension ContentProblem.GradeSummary {
  var english: String {
    var text = "points covered: " + (covered.isEmpty ? "none" : covered.map(String.init).joined(separator: ", "))
    if !found.isEmpty { text += "; misconceptions found: " + found.map(String.init).joined(separator: ", ") }
    return text
  }
}
