// CLIENTS simulated learners recording answers at once for SECONDS seconds, each through its
// own store (one connection or one SQLite handle), every answer one durable transaction:
// throughput, the latency of one confirmed answer (p50, p99, max), and a count of the rows
// afterwards against the answers confirmed (none lost, none duplicated).
//
//   store-load postgres URL CLIENTS SECONDS      (the password from PGPASSFILE / ~/.pgpass)
//   store-load sqlite FILE CLIENTS SECONDS
import Foundation
import QuizCore
import QuizStore
import QuizStorePostgres

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 4, let clients = Int(arguments[2]), let seconds = Double(arguments[3]) else {
  print("usage: store-load postgres|sqlite URL|FILE CLIENTS SECONDS")
  exit(64)
}
let kind = arguments[0]
let target = arguments[1]

func open() throws -> any ProgressStore {
  if kind == "sqlite" { return try SQLiteStore.open(at: target) }
  return try OrganisationDatabase.open(url: target, environment: ProcessInfo.processInfo.environment)
}

final class Results: @unchecked Sendable {
  private let lock = NSLock()
  var latencies: [Double] = []
  var confirmed: [Int64: Int] = [:]
  var failures: [String] = []
  func add(_ learner: Int64, _ times: [Double], _ failure: String?) {
    lock.lock()
    defer { lock.unlock() }
    latencies += times
    confirmed[learner, default: 0] += times.count
    if let failure { failures.append(failure) }
  }
}

// Learners and their sessions first, so that the timed part is answers only.
let setup = try open()
var sessions: [(learner: Int64, session: Int64)] = []
for index in 0..<clients {
  let learner = try setup.createLearner(named: "load-\(index)", displayName: nil, at: Date())
  let session = try setup.start(
    NewSession(
      learnerID: learner.id, kind: .practice, scope: "all", courseID: "load", contentVersion: "1", startedAt: Date(),
      plan: SessionPlan(queue: (1...40).map { "q\($0)" }, seed: UInt64(index))))
  sessions.append((learner.id, session.id))
}
let stores = try (0..<clients).map { _ in try open() }
let results = Results()
let start = Date()
let deadline = start.addingTimeInterval(seconds)
// One thread per learner (not a pool the width of the machine), all released at once.
let done = DispatchGroup()
let ready = DispatchSemaphore(value: 0)
for index in 0..<clients {
  done.enter()
  let thread = Thread {
    defer { done.leave() }
    ready.wait()
    runClient(index)
  }
  thread.stackSize = 1 << 20
  thread.start()
}
func runClient(_ index: Int) {
  let store = stores[index]
  let (learner, session) = sessions[index]
  var times: [Double] = []
  var failure: String?
  var number = 0
  while Date() < deadline {
    number += 1
    let answer = NewAnswer(
      learnerID: learner, sessionID: session, questionID: "q\(number % 40 + 1)", questionHash: "h", lessonID: "l1",
      questionType: "single", tags: ["合规"], typed: "B", shown: "B", canonical: "2", response: .choices([1]),
      fraction: number % 3 == 0 ? 0 : 1, durationMS: 1_500, answeredAt: Date())
    let before = DispatchTime.now().uptimeNanoseconds
    do {
      _ = try store.record(answer, review: nil, plan: nil)
      times.append(Double(DispatchTime.now().uptimeNanoseconds - before) / 1e6)
    } catch {
      failure = "\(error)"
      break
    }
  }
  results.add(learner, times, failure)
}
for _ in 0..<clients { ready.signal() }
done.wait()
let elapsed = Date().timeIntervalSince(start)
var stored = 0
var mismatched = 0
for (learner, _) in sessions {
  let count = try setup.answers(learner: learner).count
  stored += count
  if count != results.confirmed[learner, default: 0] { mismatched += 1 }
}
let sorted = results.latencies.sorted()
func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
let confirmed = results.latencies.count
print(
  String(
    format: "%@ clients=%d seconds=%.0f answers=%d per-second=%.0f p50-ms=%.2f p99-ms=%.2f max-ms=%.2f stored=%d lost-or-extra=%d learners-mismatched=%d failures=%d",
    kind, clients, elapsed, confirmed, Double(confirmed) / elapsed, percentile(0.5), percentile(0.99),
    sorted.last ?? 0, stored, stored - confirmed, mismatched, results.failures.count))
if let first = results.failures.first { print("first failure: \(first)") }
exit(results.failures.isEmpty && mismatched == 0 && stored == confirmed ? 0 : 1)
