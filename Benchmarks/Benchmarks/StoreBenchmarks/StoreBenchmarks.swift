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
    let learner = try store.learner(named: "bench", now: Date()).id!
    var index = 0
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      index += 1
      try store.record(Fixture.answer(learner: learner, index: index))
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

  static func freshStore() throws -> ProgressStore {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("record-\(UUID().uuidString).sqlite").path
    return try ProgressStore.open(at: path)
  }

  static func reportStore() throws -> ProgressStore {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("report-1000x1000.sqlite").path
    if !FileManager.default.fileExists(atPath: path) {
      let store = try ProgressStore.open(at: path)
      try store.bulkLoadForBenchmarks(learners: 1_000, answersEach: 1_000)
      return store
    }
    return try ProgressStore.open(at: path)
  }

  static func answer(learner: Int64, index: Int) -> AnswerRecord {
    AnswerRecord(
      learnerID: learner, sessionID: nil, questionID: "q\(index % 200)", questionHash: "h", lessonID: "l\(index % 8)",
      questionType: "single", tags: ["合规"], raw: "A", parsed: "A", response: "{}", fraction: 1, outcome: "correct",
      durationMS: 1000, answeredAt: Date())
  }
}
