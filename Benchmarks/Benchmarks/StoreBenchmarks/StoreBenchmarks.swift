import Benchmark
import Foundation
import QuizCore
import QuizStore

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(5))

  Benchmark(
    "record one answer (one transaction, synchronous=FULL)",
    configuration: .init(metrics: [.wallClock], maxDuration: .seconds(10), maxIterations: 2_000)
  ) { benchmark in
    let store = try Fixture.freshStore()
    let learner = try store.createLearner(named: "bench", displayName: nil, at: Date()).id
    let session = try store.start(
      NewSession(
        learnerID: learner, kind: .practice, scope: "all", courseID: "c", contentVersion: "1", startedAt: Date(),
        plan: SessionPlan(queue: (0..<200).map { "q\($0)" }, seed: 1)))
    var plan = session.plan ?? SessionPlan(queue: [], seed: 1)
    var index = 0
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      index += 1
      plan.position = index % 200
      // What one answered question costs: the answer, its card's review and the plan, in one transaction.
      let review = CardReview(rating: .good, scheduler: .standard, at: Date())
      _ = try store.record(Fixture.answer(learner: learner, session: session.id, index: index), review: review, plan: plan)
    }
  }

  Benchmark("per-lesson mastery of one learner (1,000 answers)") { benchmark in
    let store = try Fixture.reportStore()
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(try store.lessonMastery(learner: 500)) }
  }

  Benchmark(
    "summary of 1,000 learners × 1,000 answers",
    configuration: .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 20)
  ) { benchmark in
    let store = try Fixture.reportStore()
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(try store.summary()) }
  }

  Benchmark("FSRS review", configuration: .init(metrics: [.wallClock, .throughput])) { benchmark in
    let scheduler = try Scheduler(fuzz: false)
    var card = Card(due: Date(timeIntervalSince1970: 1_767_225_600))
    for _ in benchmark.scaledIterations {
      card = scheduler.review(card, rating: .good, at: card.due)
      if card.due.timeIntervalSince1970 > 3_000_000_000 { card = Card(due: Date(timeIntervalSince1970: 1_767_225_600)) }
    }
    blackHole(card)
  }
}

enum Fixture {
  static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rt-store-bench")

  static func freshStore() throws -> SQLiteStore {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("record-\(UUID().uuidString).sqlite").path
    return try SQLiteStore.open(at: path)
  }

  static func reportStore() throws -> SQLiteStore {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("report-1000x1000.sqlite").path
    if !FileManager.default.fileExists(atPath: path) {
      let store = try SQLiteStore.open(at: path)
      try store.bulkLoadForBenchmarks(learners: 1_000, answersEach: 1_000)
      return store
    }
    return try SQLiteStore.open(at: path)
  }

  static func answer(learner: Int64, session: Int64, index: Int) -> NewAnswer {
    NewAnswer(
      learnerID: learner, sessionID: session, questionID: "q\(index % 200)", questionHash: "h",
      lessonID: "l\(index % 8)", questionType: "single", tags: ["合规"], typed: "A", shown: "A", canonical: "1",
      response: .choices([0]), fraction: 1, durationMS: 1000, answeredAt: Date())
  }
}
