import Foundation
import Testing

@testable import QuizCore

/// FSRS-6 against the reference implementation, and its promises to learners.
@Suite struct FSRSTests {
  struct Vectors: Decodable {
    struct Sequence: Decodable {
      var desiredRetention: Double
      var reviews: [Review]
      enum CodingKeys: String, CodingKey {
        case desiredRetention = "desired_retention"
        case reviews
      }
    }
    struct Review: Decodable {
      var reviewAt: String
      var rating: Int
      var state: String
      var step: Int?
      var stability: Double
      var difficulty: Double
      var due: String
      enum CodingKeys: String, CodingKey {
        case reviewAt = "review_at"
        case rating, state, step, stability, difficulty, due
      }
    }
    var parameters: [Double]
    var sequences: [Sequence]
  }

  static let vectors: Vectors = {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/py-fsrs-6.3.2-vectors.json")
    return try! JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
  }()

  static func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)!
  }

  @Test func theDefaultParametersAreTheReferenceOnes() {
    #expect(Self.vectors.parameters == Scheduler.defaultParameters)
  }

  @Test(arguments: 0..<40)
  func reproducesTheReferenceImplementation(_ index: Int) throws {
    let sequence = Self.vectors.sequences[index]
    let scheduler = try Scheduler(desiredRetention: sequence.desiredRetention, fuzz: false)
    var card = Card(due: Self.date(sequence.reviews[0].reviewAt))
    for (number, expected) in sequence.reviews.enumerated() {
      let rating = try #require(Rating(rawValue: expected.rating))
      card = scheduler.review(card, rating: rating, at: Self.date(expected.reviewAt))
      let label = "sequence \(index), review \(number)"
      #expect(card.state.rawValue == expected.state, "\(label)")
      #expect(card.step == expected.step, "\(label)")
      #expect(card.due == Self.date(expected.due), "\(label): due \(card.due) vs \(expected.due)")
      #expect(abs(card.stability! - expected.stability) <= 1e-6 * expected.stability, "\(label) stability")
      #expect(abs(card.difficulty! - expected.difficulty) <= 1e-6 * expected.difficulty, "\(label) difficulty")
    }
  }

  @Test func retentionMustBeBetween70And97Percent() {
    #expect(throws: SchedulerError.retentionOutOfRange(0.5)) { try Scheduler(desiredRetention: 0.5) }
    #expect(throws: SchedulerError.retentionOutOfRange(0.99)) { try Scheduler(desiredRetention: 0.99) }
    #expect((try? Scheduler(desiredRetention: 0.70)) != nil)
    #expect((try? Scheduler(desiredRetention: 0.97)) != nil)
  }

  @Test func higherRetentionMeansShorterIntervals() throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var intervals: [TimeInterval] = []
    for retention in [0.75, 0.85, 0.95] {
      let scheduler = try Scheduler(desiredRetention: retention, fuzz: false)
      var card = Card(due: start)
      card = scheduler.review(card, rating: .easy, at: start)
      intervals.append(card.due.timeIntervalSince(start))
    }
    #expect(intervals[0] > intervals[1] && intervals[1] > intervals[2])
  }

  @Test func fuzzStaysWithinItsRangeAndIsReproducible() throws {
    let fuzzy = try Scheduler(fuzz: true)
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var seen = Set<Int>()
    for seed in 0..<200 {
      var card = Card(due: start)
      var generator = SeededGenerator(seed: UInt64(seed))
      var twin = SeededGenerator(seed: UInt64(seed))
      var when = start
      for rating in [Rating.easy, .good, .good] {
        card = fuzzy.review(card, rating: rating, at: when, using: &generator)
        when = card.due
      }
      seen.insert(Int(card.due.timeIntervalSince(card.lastReview!) / 86_400))
      // The same seed gives the same schedule.
      var again = Card(due: start)
      var at = start
      for rating in [Rating.easy, .good, .good] {
        again = fuzzy.review(again, rating: rating, at: at, using: &twin)
        at = again.due
      }
      #expect(again == card)
    }
    #expect(seen.count > 1, "fuzz spreads the intervals")
    for days in [3, 7, 20, 100, 36_500] {
      let range = fuzzy.fuzzRange(days: days)
      #expect(range.contains(days))
      #expect(range.lowerBound >= 2 && range.upperBound <= 36_500)
    }
    // 100 days: delta = 1 + 0.15 × 4.5 + 0.1 × 13 + 0.05 × 80 = 6.975, so 93…107.
    #expect(fuzzy.fuzzRange(days: 100) == 93...107)
  }

  @Test func fuzzNeverTouchesShortIntervals() throws {
    let fuzzy = try Scheduler(fuzz: true)
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var generator = SeededGenerator(seed: 1)
    let card = fuzzy.review(Card(due: start), rating: .again, at: start, using: &generator)
    #expect(card.due.timeIntervalSince(start) == 60, "learning steps are exact")
  }

  @Test func aLearnerReviewingOverSimulatedWeeks() throws {
    // Answer everything right, reviewing each card exactly when due, for ten weeks:
    // intervals grow, retrievability at the due time stays near the target.
    let scheduler = try Scheduler(desiredRetention: 0.9, fuzz: false)
    var now = Date(timeIntervalSince1970: 1_800_000_000)
    var card = Card(due: now)
    var intervals: [TimeInterval] = []
    let end = now.addingTimeInterval(70 * 86_400)
    while card.due <= end {
      now = card.due
      if card.state == .review {
        let recall = scheduler.retrievability(of: card, at: now)
        #expect(recall > 0.85 && recall <= 1, "recall \(recall) when due")
      }
      card = scheduler.review(card, rating: .good, at: now)
      intervals.append(card.due.timeIntervalSince(now))
    }
    #expect(card.state == .review)
    #expect(intervals.count >= 4)
    #expect(zip(intervals, intervals.dropFirst()).allSatisfy { $0 <= $1 }, "intervals never shrink on good answers")
    // A lapse sends the card to relearning with a 10-minute step and lowers stability.
    let before = card.stability!
    let lapsed = scheduler.review(card, rating: .again, at: card.due)
    #expect(lapsed.state == .relearning && lapsed.step == 0)
    #expect(lapsed.due.timeIntervalSince(card.due) == 600)
    #expect(lapsed.stability! < before)
  }

  @Test func ratingsFollowGrades() {
    #expect(Rating(.correct) == .good)
    #expect(Rating(.partial) == .hard)
    #expect(Rating(.incorrect) == .again)
  }

  @Test func retrievabilityFallsWithTime() throws {
    let scheduler = try Scheduler(fuzz: false)
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let card = scheduler.review(Card(due: start), rating: .easy, at: start)
    #expect(scheduler.retrievability(of: Card(due: start), at: start) == 0)
    let values = [0, 5, 30, 365].map {
      scheduler.retrievability(of: card, at: start.addingTimeInterval(Double($0) * 86_400))
    }
    #expect(values[0] == 1)
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 })
  }
}

@Suite struct ReviewPlannerTests {
  let now = Date(timeIntervalSince1970: 1_800_000_000)

  func entry(_ id: String, dueIn days: Double, stability: Double, lastDaysAgo: Double) -> ReviewPlanner.Entry {
    ReviewPlanner.Entry(
      questionID: id,
      card: Card(
        state: .review, step: nil, stability: stability, difficulty: 5, due: now.addingTimeInterval(days * 86_400),
        lastReview: now.addingTimeInterval(-lastDaysAgo * 86_400)))
  }

  @Test func dueCardsComeLowestRecallFirstWithNewOnesMixedIn() throws {
    let scheduler = try Scheduler(fuzz: false)
    let cards = [
      entry("slightly-due", dueIn: -1, stability: 10, lastDaysAgo: 11),
      entry("very-overdue", dueIn: -30, stability: 5, lastDaysAgo: 40),
      entry("not-due", dueIn: 3, stability: 20, lastDaysAgo: 1),
      entry("overdue", dueIn: -5, stability: 8, lastDaysAgo: 13),
    ]
    let queue = ReviewPlanner.queue(
      cards: cards, newQuestions: ["n1", "n2", "n3"], now: now, scheduler: scheduler, limit: 10, newLimit: 2,
      newEvery: 2)
    #expect(queue == ["very-overdue", "overdue", "n1", "slightly-due", "n2"])
    let limited = ReviewPlanner.queue(
      cards: cards, newQuestions: ["n1"], now: now, scheduler: scheduler, limit: 2, newLimit: 5, newEvery: 2)
    #expect(limited == ["very-overdue", "overdue"])
  }

  @Test func beforeAnExamTakesWhatWouldBeForgottenByThen() throws {
    let scheduler = try Scheduler(fuzz: false)
    let cards = [
      entry("weak", dueIn: 2, stability: 3, lastDaysAgo: 1),
      entry("strong", dueIn: 100, stability: 400, lastDaysAgo: 1),
      entry("medium", dueIn: 10, stability: 12, lastDaysAgo: 2),
    ]
    let exam = now.addingTimeInterval(14 * 86_400)
    #expect(ReviewPlanner.atRisk(cards: cards, by: exam, scheduler: scheduler, limit: 10) == ["weak", "medium"])
  }
}
