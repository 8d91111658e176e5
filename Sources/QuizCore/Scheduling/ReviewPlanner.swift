import Foundation

/// Chooses what a review session asks: due cards first, lowest predicted recall first, with
/// new questions mixed in at a set rate, within the day's limits.
public enum ReviewPlanner {
  /// A question's card, for planning.
  public struct Entry: Sendable, Hashable {
    public var questionID: String
    public var card: Card

    public init(questionID: String, card: Card) {
      self.questionID = questionID
      self.card = card
    }
  }

  /// The question ids of a normal review session.
  ///
  /// - Parameters:
  ///   - cards: the learner's cards (only those due by `now` are taken).
  ///   - newQuestions: questions never seen, in study order.
  ///   - limit: at most this many questions in all (what is left of the daily limit).
  ///   - newLimit: at most this many new questions (what is left of the daily new limit).
  ///   - newEvery: one new question after every `newEvery` due ones.
  public static func queue(
    cards: [Entry], newQuestions: [String], now: Date, scheduler: Scheduler, limit: Int, newLimit: Int,
    newEvery: Int = 4
  ) -> [String] {
    let due = cards.filter { $0.card.due <= now }.sorted { lhs, rhs in
      let left = scheduler.retrievability(of: lhs.card, at: now)
      let right = scheduler.retrievability(of: rhs.card, at: now)
      return left != right ? left < right : (lhs.card.due, lhs.questionID) < (rhs.card.due, rhs.questionID)
    }.map(\.questionID)
    var fresh = Array(newQuestions.prefix(max(newLimit, 0)))[...]
    var result: [String] = []
    var sinceNew = 0
    for id in due {
      guard result.count < limit else { break }
      result.append(id)
      sinceNew += 1
      if sinceNew >= max(newEvery, 1), result.count < limit, let next = fresh.popFirst() {
        result.append(next)
        sinceNew = 0
      }
    }
    while result.count < limit, let next = fresh.popFirst() { result.append(next) }
    return result
  }

  /// The question ids whose predicted recall on `date` (an exam day) falls below the
  /// scheduler's target, lowest first. Planning this does not change any card.
  public static func atRisk(cards: [Entry], by date: Date, scheduler: Scheduler, limit: Int) -> [String] {
    let recall: [(id: String, value: Double)] = cards.map {
      ($0.questionID, scheduler.retrievability(of: $0.card, at: date))
    }
    let weak = recall.filter { $0.value < scheduler.desiredRetention }
    let sorted = weak.sorted { $0.value != $1.value ? $0.value < $1.value : $0.id < $1.id }
    return sorted.prefix(max(limit, 0)).map(\.id)
  }
}
