import Foundation
import QuizCore

/// Per-lesson mastery: over the questions answered, the latest and the best fraction.
public struct LessonMastery: Sendable, Hashable {
  public var lessonID: String
  /// Distinct questions answered at least once.
  public var answered: Int
  /// Sum over those questions of the latest fraction.
  public var latestSum: Double
  /// Sum over those questions of the best fraction.
  public var bestSum: Double

  public init(lessonID: String, answered: Int, latestSum: Double, bestSum: Double) {
    self.lessonID = lessonID
    self.answered = answered
    self.latestSum = latestSum
    self.bestSum = bestSum
  }

  /// Mastery over a lesson of `total` questions: the latest fractions, unanswered counting 0.
  /// (Questions since removed from the course can make the sum exceed the total; it is capped.)
  public func latest(of total: Int) -> Double { total > 0 ? min(1, latestSum / Double(total)) : 0 }
  /// The same with the best fraction of each question.
  public func best(of total: Int) -> Double { total > 0 ? min(1, bestSum / Double(total)) : 0 }
}

/// Accuracy over a group of answers (a type, a tag).
public struct Accuracy: Sendable, Hashable {
  public var key: String
  public var answers: Int
  /// Mean fraction.
  public var mean: Double
  /// Mean fraction of the most recent half (for a trend), when there are at least 4 answers.
  public var recentMean: Double?

  public init(key: String, answers: Int, mean: Double, recentMean: Double?) {
    self.key = key
    self.answers = answers
    self.mean = mean
    self.recentMean = recentMean
  }
}

/// A question whose latest answer was not fully correct (错题本).
public struct Mistake: Sendable, Hashable {
  public var questionID: String
  public var lessonID: String
  public var fraction: Double
  public var answeredAt: Date
  /// How many times the question has been answered.
  public var attempts: Int

  public init(questionID: String, lessonID: String, fraction: Double, answeredAt: Date, attempts: Int) {
    self.questionID = questionID
    self.lessonID = lessonID
    self.fraction = fraction
    self.answeredAt = answeredAt
    self.attempts = attempts
  }
}

/// One session in a learner's history, scored by `SessionResult`'s rule.
public struct SessionSummary: Sendable, Hashable {
  public var session: SessionRecord
  /// Distinct questions answered.
  public var answered: Int
  /// The session's score: mean first-attempt fraction over the questions answered (the
  /// latest answer per question in an exam); answers waiting for a person's review are left
  /// out until then.
  public var score: Double

  public init(session: SessionRecord, answers: [AnswerRecord]) {
    self.session = session
    var chosen: [String: AnswerRecord] = [:]
    for answer in answers where session.kind == .exam || chosen[answer.questionID] == nil {
      chosen[answer.questionID] = answer
    }
    let counted = chosen.filter { !$0.value.needsReview }.mapValues(\.fraction)
    answered = counted.count
    if session.kind == .exam, let plan = session.plan {
      let pending = Set(chosen.filter(\.value.needsReview).keys)
      score = SessionResult.examScore(
        scores: chosen.mapValues(\.fraction), pending: pending, chosen: max(plan.chosen, chosen.count))
    } else {
      score = counted.isEmpty ? 0 : counted.values.reduce(0, +) / Double(counted.count)
    }
  }
}

/// One learner in a manager's summary.
public struct LearnerSummary: Sendable, Hashable {
  public var learnerID: Int64
  public var name: String
  public var answers: Int
  public var questions: Int
  public var mean: Double
  public var lastAnsweredAt: Date?

  public init(learnerID: Int64, name: String, answers: Int, questions: Int, mean: Double, lastAnsweredAt: Date?) {
    self.learnerID = learnerID
    self.name = name
    self.answers = answers
    self.questions = questions
    self.mean = mean
    self.lastAnsweredAt = lastAnsweredAt
  }
}

/// What a store's own check found.
public struct StoreCheck: Sendable, Hashable {
  public var integrity: [String]
  public var schemaVersion: String
  public var learners: Int
  public var sessions: Int
  public var answers: Int
  public var isOK: Bool { integrity == ["ok"] }

  public init(integrity: [String], schemaVersion: String, learners: Int, sessions: Int, answers: Int) {
    self.integrity = integrity
    self.schemaVersion = schemaVersion
    self.learners = learners
    self.sessions = sessions
    self.answers = answers
  }
}
