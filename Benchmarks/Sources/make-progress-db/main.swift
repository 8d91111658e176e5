// Writes a progress database with LEARNERS learners and ANSWERS answers each (default
// 1,000 × 1,000), through the real store schema, for report benchmarks.
import Foundation
import QuizCore
import QuizStore

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
  print("usage: make-progress-db FILE [LEARNERS] [ANSWERS]")
  exit(64)
}
let learners = arguments.count > 1 ? Int(arguments[1]) ?? 1_000 : 1_000
let answers = arguments.count > 2 ? Int(arguments[2]) ?? 1_000 : 1_000
try? FileManager.default.removeItem(atPath: path)
let store = try SQLiteStore.open(at: path)
try store.bulkLoadForBenchmarks(learners: learners, answersEach: answers)
print("wrote \(learners) learners × \(answers) answers to \(path)")
