import Foundation
import QuizTrust

/// Fixed keys, times and records the tests build on.
enum Sample {
  /// RFC 8032 §7.1 test 1 secret key.
  static let rfcSeed = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!
  static let organisation = try! OrganisationKey(seed: rfcSeed)
  static let intruder = try! OrganisationKey(seed: Data(repeating: 7, count: 32))
  /// Cheap scrypt parameters so tests do not spend seconds deriving keys.
  static let fastScrypt = ScryptParameters(log2Rounds: 10, blockSize: 8, parallelism: 1)

  static let start = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30
  static func minutes(_ count: Double) -> Date { start.addingTimeInterval(count * 60) }

  static func attemptKey(certifiedBy organisation: OrganisationKey = organisation) -> AttemptKey {
    AttemptKey(
      attemptID: "attempt-1", learner: "zhangsan", examID: "cert", notBefore: start, notAfter: minutes(45),
      certifiedBy: organisation)
  }

  static func event(_ sequence: Int, marks: Double? = 0.5, at time: Date? = nil) -> AnswerEvent {
    AnswerEvent(
      attemptID: "attempt-1", sequence: sequence, item: sequence, questionID: "q\(sequence)",
      questionHash: "hash-\(sequence)", response: "B", marks: marks, maximumMarks: 1,
      recordedAt: time ?? minutes(Double(sequence)))
  }

  /// Entries 1…count, each `kind` `note` with payload `{"n":i}`, a minute apart.
  static func log(_ count: Int, from first: [AuditEntry] = []) -> [AuditEntry] {
    var entries = first
    while entries.count < count {
      let n = entries.count + 1
      entries.append(
        try! AuditEntry(
          after: entries.last, time: minutes(Double(n)), kind: "note", payload: .object(["n": .integer(Int64(n))])))
    }
    return entries
  }

  /// A checkpoint over the first `count` entries, signed by `key`.
  static func checkpoint(_ entries: [AuditEntry], at count: Int, by key: OrganisationKey = organisation)
    -> Signed<AuditCheckpoint>
  {
    AuditCheckpoint(head: count == 0 ? nil : entries[count - 1], time: minutes(Double(count) + 0.5)).signed(by: key)
  }

  static func certificate(checkpoint: Signed<AuditCheckpoint>? = nil) -> Certificate {
    Certificate(
      id: "urn:uuid:6a1f0c2e-0000-4000-8000-000000000001", learnerID: "zhangsan", learnerName: "张三",
      examID: "cert", examTitle: "认证考试", courseID: "loan-recovery", courseVersion: "1.2.0",
      contentHash: "sha256:abc", score: 0.85, passMark: 0.8, examDate: minutes(30), issuedAt: minutes(60),
      expiresAt: minutes(60 + 365 * 24 * 60), attemptID: "attempt-1",
      answersDigest: GradedAnswer.digest(of: [
        GradedAnswer(questionID: "q1", questionHash: "h1", response: "B", marks: 1, maximumMarks: 1)
      ]),
      checkpoint: checkpoint ?? Sample.checkpoint(log(3), at: 3))
  }

  /// A compact JWS over exactly these header and payload bytes, signed by `key`.
  static func jws(header: String, payload: Data, by key: OrganisationKey) -> String {
    let input = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(payload)
    return input + "." + Base64URL.encode(key.signature(for: Data(input.utf8)))
  }

  static func parts(_ jwt: String) -> [String] { jwt.split(separator: ".").map(String.init) }
}
