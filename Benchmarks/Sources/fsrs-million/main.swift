// Schedules a million FSRS reviews (50,000 cards × 20 reviews each) with fuzz off and
// prints the time taken and a checksum, for comparison with the reference Python package.
import Foundation
import QuizCore

let cards = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 50_000
let reviewsPerCard = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 20
let scheduler = try! Scheduler(fuzz: false)
let ratings: [Rating] = [.good, .good, .hard, .good, .again, .good, .easy, .good]
let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
let clock = ContinuousClock()
var checksum = 0.0
let elapsed = clock.measure {
  for index in 0..<cards {
    var card = Card(due: start)
    var now = start
    for review in 0..<reviewsPerCard {
      card = scheduler.review(card, rating: ratings[(index + review) % ratings.count], at: now)
      now = card.due
    }
    checksum += card.stability ?? 0
  }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(
  "reviews=\(cards * reviewsPerCard) seconds=\(seconds) rate=\(Int(Double(cards * reviewsPerCard) / seconds))/s checksum=\(checksum)"
)
