import Foundation

/// How well a learner recalled a question, the input of the scheduler.
public enum Rating: Int, Sendable, Codable, CaseIterable, Comparable {
  case again = 1
  case hard = 2
  case good = 3
  case easy = 4

  /// The rating a grade earns: fully correct → good, partly correct → hard, incorrect → again.
  public init(_ outcome: Outcome) {
    switch outcome {
    case .correct: self = .good
    case .partial: self = .hard
    case .incorrect: self = .again
    }
  }

  public static func < (lhs: Rating, rhs: Rating) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a card is in its life.
public enum CardState: String, Sendable, Codable, CaseIterable {
  /// New or being learned, in short steps (1 min, 10 min).
  case learning
  /// Scheduled in days.
  case review
  /// Forgotten, being learned again in short steps.
  case relearning
}

/// A learner's memory of one question, as FSRS models it.
public struct Card: Sendable, Codable, Hashable {
  public var state: CardState
  /// Index into the learning or relearning steps; `nil` in review.
  public var step: Int?
  /// Days for recall probability to fall to 90 %; `nil` before the first review.
  public var stability: Double?
  /// 1 (easy) … 10 (hard); `nil` before the first review.
  public var difficulty: Double?
  /// When the card should be reviewed next.
  public var due: Date
  /// When it was last reviewed.
  public var lastReview: Date?

  /// A new card, due now.
  public init(due: Date) {
    state = .learning
    step = 0
    self.due = due
  }

  /// A card with every field given.
  public init(state: CardState, step: Int?, stability: Double?, difficulty: Double?, due: Date, lastReview: Date?) {
    self.state = state
    self.step = step
    self.stability = stability
    self.difficulty = difficulty
    self.due = due
    self.lastReview = lastReview
  }
}

/// Why a scheduler cannot be made with the given settings.
public enum SchedulerError: Error, Sendable, Equatable, CustomStringConvertible {
  case retentionOutOfRange(Double)
  case wrongParameterCount(Int)

  public var description: String {
    switch self {
    case .retentionOutOfRange(let value): "desired retention \(value) is outside 0.70–0.97"
    case .wrongParameterCount(let count): "FSRS-6 needs 21 parameters, got \(count)"
    }
  }
}

/// The FSRS-6 scheduler: pure functions of a card, a rating and the time of the review.
///
/// It reproduces the reference implementation (py-fsrs 6.3.2) exactly with fuzz off; with
/// fuzz on, review intervals of 3 days or more are spread a little, with the random
/// generator passed in, so reviews do not bunch up on one day.
public struct Scheduler: Sendable {
  /// The 21 default parameters of FSRS-6.
  public static let defaultParameters: [Double] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
    1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
  ]
  /// The retention a learner may ask for.
  public static let retentionRange = 0.70...0.97

  public let parameters: [Double]
  public let desiredRetention: Double
  public let learningSteps: [TimeInterval]
  public let relearningSteps: [TimeInterval]
  public let maximumInterval: Int
  public let fuzz: Bool
  private let decay: Double
  private let factor: Double

  /// FSRS-6's default parameters at 90% desired retention, with fuzz.
  public static let standard = Scheduler(checked: Scheduler.defaultParameters, desiredRetention: 0.9)

  /// Valid parameters, known at compile time.
  private init(checked parameters: [Double], desiredRetention: Double) {
    self.parameters = parameters
    self.desiredRetention = desiredRetention
    learningSteps = [60, 600]
    relearningSteps = [600]
    maximumInterval = 36_500
    fuzz = true
    decay = -parameters[20]
    factor = pow(0.9, 1 / decay) - 1
  }

  /// Creates a scheduler; the defaults are FSRS-6's.
  public init(
    parameters: [Double] = Scheduler.defaultParameters, desiredRetention: Double = 0.9,
    learningSteps: [TimeInterval] = [60, 600], relearningSteps: [TimeInterval] = [600], maximumInterval: Int = 36_500,
    fuzz: Bool = true
  ) throws(SchedulerError) {
    guard parameters.count == 21 else { throw .wrongParameterCount(parameters.count) }
    guard Self.retentionRange.contains(desiredRetention) else { throw .retentionOutOfRange(desiredRetention) }
    self.parameters = parameters
    self.desiredRetention = desiredRetention
    self.learningSteps = learningSteps
    self.relearningSteps = relearningSteps
    self.maximumInterval = maximumInterval
    self.fuzz = fuzz
    decay = -parameters[20]
    factor = pow(0.9, 1 / decay) - 1
  }

  /// The predicted probability of recalling the card at `date` (0 for a card never reviewed).
  public func retrievability(of card: Card, at date: Date) -> Double {
    guard let last = card.lastReview, let stability = card.stability else { return 0 }
    let elapsed = max(0, Self.wholeDays(from: last, to: date))
    return pow(1 + factor * Double(elapsed) / stability, decay)
  }

  /// The card after a review, with the due date of the next one.
  public func review<G: RandomNumberGenerator>(
    _ card: Card, rating: Rating, at date: Date, using generator: inout G
  ) -> Card {
    var card = card
    let daysSince = card.lastReview.map { Self.wholeDays(from: $0, to: date) }
    var interval: TimeInterval

    func updateMemory(updatingDifficulty: Bool) {
      if let stability = card.stability, let difficulty = card.difficulty {
        if let daysSince, daysSince < 1 {
          card.stability = shortTermStability(stability, rating)
        } else {
          card.stability = nextStability(
            difficulty: difficulty, stability: stability, retrievability: retrievability(of: card, at: date),
            rating: rating)
        }
        if updatingDifficulty { card.difficulty = nextDifficulty(difficulty, rating) }
      }
    }

    switch card.state {
    case .learning, .relearning:
      let steps = card.state == .learning ? learningSteps : relearningSteps
      if card.stability == nil || card.difficulty == nil {
        card.stability = initialStability(rating)
        card.difficulty = clampDifficulty(initialDifficulty(rating))
      } else {
        updateMemory(updatingDifficulty: true)
      }
      let step = card.step ?? 0
      if steps.isEmpty || (step >= steps.count && rating != .again) {
        card.state = .review
        card.step = nil
        interval = days(nextInterval(card.stability!))
      } else {
        switch rating {
        case .again:
          card.step = 0
          interval = steps[0]
        case .hard:
          if step == 0 && steps.count == 1 {
            interval = steps[0] * 1.5
          } else if step == 0 && steps.count >= 2 {
            interval = (steps[0] + steps[1]) / 2
          } else {
            interval = steps[step]
          }
        case .good:
          if step + 1 == steps.count {
            card.state = .review
            card.step = nil
            interval = days(nextInterval(card.stability!))
          } else {
            card.step = step + 1
            interval = steps[step + 1]
          }
        case .easy:
          card.state = .review
          card.step = nil
          interval = days(nextInterval(card.stability!))
        }
      }
    case .review:
      updateMemory(updatingDifficulty: true)
      if rating == .again && !relearningSteps.isEmpty {
        card.state = .relearning
        card.step = 0
        interval = relearningSteps[0]
      } else {
        interval = days(nextInterval(card.stability!))
      }
    }
    if fuzz && card.state == .review {
      interval = fuzzed(interval, using: &generator)
    }
    card.due = date.addingTimeInterval(interval)
    card.lastReview = date
    return card
  }

  /// The review with fuzz, if on, drawn from a generator seeded by the time of the review.
  public func review(_ card: Card, rating: Rating, at date: Date) -> Card {
    var generator = SeededGenerator(seed: UInt64(bitPattern: Int64(date.timeIntervalSince1970 * 1000)))
    return review(card, rating: rating, at: date, using: &generator)
  }

  /// The smallest and largest fuzzed interval for an interval of `days` days.
  public func fuzzRange(days: Int) -> ClosedRange<Int> {
    var delta = 1.0
    for (start, end, factor) in [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, Double.infinity, 0.05)] {
      delta += factor * max(min(Double(days), end) - start, 0)
    }
    var low = Int((Double(days) - delta).rounded(.toNearestOrEven))
    var high = Int((Double(days) + delta).rounded(.toNearestOrEven))
    low = max(2, low)
    high = min(high, maximumInterval)
    low = min(low, high)
    return low...high
  }

  // MARK: The model

  private func days(_ count: Int) -> TimeInterval { TimeInterval(count) * 86_400 }

  /// Whole days between two dates, rounded down (Python's `timedelta.days`).
  static func wholeDays(from start: Date, to end: Date) -> Int {
    Int((end.timeIntervalSince(start) / 86_400).rounded(.down))
  }

  private func fuzzed<G: RandomNumberGenerator>(_ interval: TimeInterval, using generator: inout G) -> TimeInterval {
    let days = Int((interval / 86_400).rounded(.down))
    guard Double(days) >= 2.5 else { return interval }
    let range = fuzzRange(days: days)
    let draw = Double.random(in: 0..<1, using: &generator) * Double(range.count) + Double(range.lowerBound)
    return self.days(min(Int(draw.rounded(.toNearestOrEven)), maximumInterval))
  }

  private func clampDifficulty(_ value: Double) -> Double { min(max(value, 1), 10) }
  private func clampStability(_ value: Double) -> Double { max(value, 0.001) }

  private func initialStability(_ rating: Rating) -> Double {
    clampStability(parameters[rating.rawValue - 1])
  }

  private func initialDifficulty(_ rating: Rating) -> Double {
    parameters[4] - exp(parameters[5] * Double(rating.rawValue - 1)) + 1
  }

  private func nextInterval(_ stability: Double) -> Int {
    let raw = (stability / factor) * (pow(desiredRetention, 1 / decay) - 1)
    let rounded = Int(raw.rounded(.toNearestOrEven))
    return min(max(rounded, 1), maximumInterval)
  }

  private func shortTermStability(_ stability: Double, _ rating: Rating) -> Double {
    var increase =
      exp(parameters[17] * (Double(rating.rawValue) - 3 + parameters[18])) * pow(stability, -parameters[19])
    if rating != .again { increase = max(increase, 1) }
    return clampStability(stability * increase)
  }

  private func nextDifficulty(_ difficulty: Double, _ rating: Rating) -> Double {
    let delta = -(parameters[6] * (Double(rating.rawValue) - 3))
    let damped = difficulty + (10 - difficulty) * delta / 9
    let reverted = parameters[7] * initialDifficulty(.easy) + (1 - parameters[7]) * damped
    return clampDifficulty(reverted)
  }

  private func nextStability(difficulty: Double, stability: Double, retrievability: Double, rating: Rating) -> Double {
    let next: Double
    if rating == .again {
      let longTerm =
        parameters[11] * pow(difficulty, -parameters[12]) * (pow(stability + 1, parameters[13]) - 1)
        * exp((1 - retrievability) * parameters[14])
      let shortTerm = stability / exp(parameters[17] * parameters[18])
      next = min(longTerm, shortTerm)
    } else {
      let hardPenalty = rating == .hard ? parameters[15] : 1
      let easyBonus = rating == .easy ? parameters[16] : 1
      next =
        stability
        * (1 + exp(parameters[8]) * (11 - difficulty) * pow(stability, -parameters[9])
          * (exp((1 - retrievability) * parameters[10]) - 1) * hardPenalty * easyBonus)
    }
    return clampStability(next)
  }
}
