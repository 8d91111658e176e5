// Writes a progress database with LEARNERS learners and ANSWERS answers each (default
// 1,000 × 1,000), through the real store schema, for report benchmarks. With QUESTIONS (a
// file of `id<TAB>lesson<TAB>type` lines, e.g. from `content dump`), the answers are to those
// questions, in finished practice sessions of 25 answers.
import Foundation
import QuizCore
import QuizStore

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
  print("usage: make-progress-db FILE [LEARNERS] [ANSWERS] [QUESTIONS]")
  exit(64)
}
let learners = arguments.count > 1 ? Int(arguments[1]) ?? 1_000 : 1_000
let answers = arguments.count > 2 ? Int(arguments[2]) ?? 1_000 : 1_000
try? FileManager.default.removeItem(atPath: path)
let store = try SQLiteStore.open(at: path)
var questions: [(id: String, lesson: String, type: String)] = []
if arguments.count > 3, let text = try? String(contentsOfFile: arguments[3], encoding: .utf8) {
  questions = text.split(separator: "\n").compactMap { line in
    let parts = line.split(separator: "\t").map(String.init)
    return parts.count == 3 ? (parts[0], parts[1], parts[2]) : nil
  }
}
try store.bulkLoadForBenchmarks(
  learners: learners, answersEach: answers, questions: questions, sessionSize: questions.isEmpty ? 0 : 25)
print("wrote \(learners) learners × \(answers) answers to \(path)")
