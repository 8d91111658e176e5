import Foundation
import QuizCore

/// A learner's review card for one question, as stored.
public struct CardRecord: Sendable, Hashable {
  public var learnerID: Int64
  public var questionID: String
  public var lessonID: String
  /// The scheduler's state of the card.
  public var card: Card
  /// How many times the card has been reviewed.
  public var reviews: Int
  /// How many times it was forgotten after reaching review.
  public var lapses: Int

  public init(learnerID: Int64, questionID: String, lessonID: String, card: Card, reviews: Int = 0, lapses: Int = 0) {
    self.learnerID = learnerID
    self.questionID = questionID
    self.lessonID = lessonID
    self.card = card
    self.reviews = reviews
    self.lapses = lapses
  }

  /// When the card is due.
  public var due: Date { card.due }

  /// The card after a review with `rating` at `date`; a new card when there was none.
  public static func reviewed(
    _ previous: CardRecord?, learner: Int64, question: String, lesson: String, review: CardReview
  ) -> CardRecord {
    let before = previous?.card ?? Card(due: review.at)
    let after = review.scheduler.review(before, rating: review.rating, at: review.at)
    let lapse = before.state == .review && review.rating == .again
    return CardRecord(
      learnerID: learner, questionID: question, lessonID: lesson, card: after,
      reviews: (previous?.reviews ?? 0) + 1, lapses: (previous?.lapses ?? 0) + (lapse ? 1 : 0))
  }
}

/// A review to apply to a question's card, inside the transaction that records the answer.
public struct CardReview: Sendable {
  public var rating: Rating
  public var scheduler: Scheduler
  public var at: Date

  public init(rating: Rating, scheduler: Scheduler, at: Date) {
    self.rating = rating
    self.scheduler = scheduler
    self.at = at
  }
}

/// What recording an answer wrote.
public struct RecordedAnswer: Sendable, Hashable {
  /// The answer with its id.
  public var answer: AnswerRecord
  /// The card as it was before this answer (read inside the same transaction).
  public var cardBefore: CardRecord?
  /// The card as this answer left it; `nil` when the answer did not review the card.
  public var cardAfter: CardRecord?

  package init(answer: AnswerRecord, cardBefore: CardRecord?, cardAfter: CardRecord?) {
    self.answer = answer
    self.cardBefore = cardBefore
    self.cardAfter = cardAfter
  }
}

/// How many cards are due by when.
public struct DueCounts: Sendable, Hashable {
  public var now: Int
  public var today: Int
  public var week: Int

  public init(now: Int, today: Int, week: Int) {
    self.now = now
    self.today = today
    self.week = week
  }
}
