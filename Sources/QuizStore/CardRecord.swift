import Foundation
import GRDB
import QuizCore

/// A learner's review card for one question, as stored.
public struct CardRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "card"
  public var learnerID: Int64
  public var questionID: String
  public var lessonID: String
  public var state: CardState
  public var step: Int?
  public var stability: Double?
  public var difficulty: Double?
  public var due: Date
  public var lastReview: Date?
  /// How many times the card has been reviewed.
  public var reviews: Int
  /// How many times it was forgotten after reaching review.
  public var lapses: Int

  public init(learnerID: Int64, questionID: String, lessonID: String, card: Card, reviews: Int = 0, lapses: Int = 0) {
    self.learnerID = learnerID
    self.questionID = questionID
    self.lessonID = lessonID
    state = card.state
    step = card.step
    stability = card.stability
    difficulty = card.difficulty
    due = card.due
    lastReview = card.lastReview
    self.reviews = reviews
    self.lapses = lapses
  }

  /// The scheduler's view of the card.
  public var card: Card {
    Card(state: state, step: step, stability: stability, difficulty: difficulty, due: due, lastReview: lastReview)
  }

  enum CodingKeys: String, CodingKey {
    case state, step, stability, difficulty, due, reviews, lapses
    case learnerID = "learner_id"
    case questionID = "question_id"
    case lessonID = "lesson_id"
    case lastReview = "last_review"
  }
}

/// How many cards are due by when.
public struct DueCounts: Sendable, Hashable {
  public var now: Int
  public var today: Int
  public var week: Int
}

extension ProgressStore {
  /// A learner's card for a question, if the question was ever reviewed.
  public func card(learner: Int64, question: String) throws(StoreError) -> CardRecord? {
    try read { db in
      try CardRecord.filter(Column("learner_id") == learner && Column("question_id") == question).fetchOne(db)
    }
  }

  /// Every card of a learner.
  public func cards(learner: Int64) throws(StoreError) -> [CardRecord] {
    try read { db in try CardRecord.filter(Column("learner_id") == learner).fetchAll(db) }
  }

  /// Records an answer, the question's updated card and the session's next plan in one
  /// transaction: all or nothing, so a crash can neither lose the answer nor ask it twice.
  @discardableResult
  public func record(_ answer: AnswerRecord, card: CardRecord?, plan: String? = nil) throws(StoreError) -> AnswerRecord
  {
    try write { db in
      var answer = answer
      try answer.insert(db)
      try card?.save(db)
      if let plan, let session = answer.sessionID {
        try db.execute(sql: "UPDATE session SET plan = ? WHERE id = ?", arguments: [plan, session])
      }
      return answer
    }
  }

  /// Saves a card on its own (a question skipped after it was seen, or marked easy).
  public func save(_ card: CardRecord) throws(StoreError) {
    try write { db in try card.save(db) }
  }

  /// Cards due now, today (before `endOfDay`) and within a week.
  public func dueCounts(learner: Int64, now: Date, endOfDay: Date) throws(StoreError) -> DueCounts {
    try read { db in
      let week = now.addingTimeInterval(7 * 86_400)
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT SUM(due <= ?) AS now, SUM(due <= ?) AS today, SUM(due <= ?) AS week
          FROM card WHERE learner_id = ?
          """, arguments: [now, endOfDay, week, learner])
      return DueCounts(now: row?["now"] ?? 0, today: row?["today"] ?? 0, week: row?["week"] ?? 0)
    }
  }

  /// How many answers the learner gave in review sessions since `start`, and how many of
  /// them were to questions seen for the first time, for the daily limits.
  public func reviewsDone(learner: Int64, since start: Date) throws(StoreError) -> (all: Int, new: Int) {
    try read { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) AS all_answers,
                 SUM(NOT EXISTS (SELECT 1 FROM answer b WHERE b.learner_id = a.learner_id
                                 AND b.question_id = a.question_id AND b.id < a.id)) AS first_answers
          FROM answer a JOIN session s ON s.id = a.session_id
          WHERE a.learner_id = ? AND s.kind = 'review' AND a.answered_at >= ?
          """, arguments: [learner, start])
      return (row?["all_answers"] ?? 0, row?["first_answers"] ?? 0)
    }
  }
}
