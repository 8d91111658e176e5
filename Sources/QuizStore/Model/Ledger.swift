import Foundation
import QuizCore
import QuizTrust

/// What every store writes for certification, built the same way by each implementation: the
/// audit entries (kind, payload, signature), the answer events, and the payloads that pin
/// each stored row, so that `IntegrityCheck` can compare the rows with what was signed.
public enum Ledger {
  /// The next audit entry after `head`.
  package static func entry(
    after head: AuditEntry?, at date: Date, kind: String, payload: [String: CanonicalJSON], signer: (any Signer)?
  ) throws(StoreError) -> AuditEntry {
    do {
      return try AuditEntry(after: head, time: date, kind: kind, payload: .object(payload), signedBy: signer)
    } catch {
      throw .invalid(detail: "an audit entry cannot be written: \(error)")
    }
  }

  /// The text an answer event signs for an answer: what was typed, what was shown, the
  /// canonical answer and the parsed response, exactly as the answer row keeps them.
  public static func eventResponse(of answer: NewAnswer) -> String {
    (try? CanonicalJSON.object([
      "typed": .string(answer.typed), "shown": .string(answer.shown), "canonical": .string(answer.canonical),
      "response": .string(answer.response?.encoded() ?? "null"),
    ]).text()) ?? ""
  }

  /// The marks an event records for an answer: nil while it waits for a person.
  public static func eventMarks(of answer: NewAnswer, maximumMarks: Double) -> Double? {
    answer.needsReview ? nil : answer.fraction * maximumMarks
  }

  /// The answer event for `answer`, the `sequence`-th of its attempt.
  package static func event(for answer: NewAnswer, sequence: Int, attempt: AttemptAnswer) -> AnswerEvent {
    AnswerEvent(
      attemptID: attempt.attemptID, sequence: sequence, item: attempt.item, questionID: answer.questionID,
      questionHash: answer.questionHash, response: eventResponse(of: answer),
      marks: eventMarks(of: answer, maximumMarks: attempt.maximumMarks), maximumMarks: attempt.maximumMarks,
      recordedAt: answer.answeredAt)
  }

  package static func eventJSON(_ event: AnswerEvent) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: (try? encoder.encode(event)) ?? Data(), as: UTF8.self)
  }

  package static func decodeEvent(_ text: String) -> AnswerEvent? {
    try? JSONDecoder().decode(AnswerEvent.self, from: Data(text.utf8))
  }

  package static func decode<Statement: SignableStatement>(_ text: String?) -> Signed<Statement>? {
    guard let text else { return nil }
    return try? Signed<Statement>(jsonText: Data(text.utf8))
  }

  /// The latest event of each item answered, in item order: the answers that count.
  public static func latestByItem(_ events: [AttemptEventRecord]) -> [AttemptEventRecord] {
    var latest: [Int: AttemptEventRecord] = [:]
    for record in events where (latest[record.event.item]?.event.sequence ?? 0) < record.event.sequence {
      latest[record.event.item] = record
    }
    return latest.keys.sorted().compactMap { latest[$0] }
  }

  /// The graded answers of an attempt, as its seal and certificate cover them: for each item
  /// answered, in item order, its latest answer with the marks it has now (after any manual
  /// grade). Answers still waiting for a person are left out (an attempt is sealed without any).
  public static func gradedAnswers(events: [AttemptEventRecord], answers: [AnswerRecord]) -> [GradedAnswer] {
    let byID = Dictionary(answers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    return latestByItem(events).compactMap { record in
      guard let answer = byID[record.answerID], !answer.needsReview else { return nil }
      return GradedAnswer(
        questionID: answer.questionID, questionHash: answer.questionHash, response: eventResponse(of: answer.answer),
        marks: answer.fraction * record.event.maximumMarks, maximumMarks: record.event.maximumMarks)
    }
  }

  // MARK: Payloads

  package static func learnerCreated(_ learner: Learner) -> [String: CanonicalJSON] {
    ["learner": .integer(learner.id), "name": .string(learner.name)]
  }

  package static func attemptStarted(_ attempt: ExamAttempt, grant: Signed<AttemptGrant>?) -> [String: CanonicalJSON] {
    var payload: [String: CanonicalJSON] = [
      "attempt": .string(attempt.id), "learner": .integer(attempt.learnerID), "exam": .string(attempt.examID),
      "title": .string(attempt.examTitle), "course": .string(attempt.courseID),
      "version": .string(attempt.contentVersion), "contentHash": .string(attempt.contentHash),
      "started": .integer(milliseconds(attempt.startedAt)), "deadline": .integer(milliseconds(attempt.deadline)),
      "passMark": .number(attempt.passMark), "proctored": .bool(attempt.proctored),
      "queue": .array(attempt.queue.map { .string($0) }), "session": .integer(attempt.sessionID),
    ]
    if let grant { payload["grant"] = .string(Digest.sha256(grant.jsonText())) }
    return payload
  }

  package static func unlocked(attempt: String, grant: Signed<AttemptGrant>) -> [String: CanonicalJSON] {
    ["attempt": .string(attempt), "grant": .string(Digest.sha256(grant.jsonText()))]
  }

  package static func answered(_ event: AnswerEvent, answerID: Int64) -> [String: CanonicalJSON] {
    [
      "attempt": .string(event.attemptID), "sequence": .integer(Int64(event.sequence)),
      "answer": .integer(answerID), "event": .string(Digest.sha256(eventJSON(event))),
    ]
  }

  /// What `exam.submitted` / `exam.closed` pin: when, how many events, and the submission's digest.
  package static func submitted(attempt: String, at date: Date, events: Int, digest: String?) -> [String: CanonicalJSON]
  {
    [
      "attempt": .string(attempt), "at": .integer(milliseconds(date)), "events": .integer(Int64(events)),
      "digest": digest.map { .string($0) } ?? .null,
    ]
  }

  /// What `grade.manual` pins of a manual grade.
  public static func manualGradePayload(_ grade: ManualGrade) -> [String: CanonicalJSON] {
    [
      "answer": .integer(grade.answerID), "attempt": .string(grade.attemptID), "marks": .number(grade.marks),
      "maximumMarks": .number(grade.maximumMarks), "comment": .string(Digest.sha256(grade.comment)),
      "grader": .string(grade.grader),
    ]
  }

  /// What `attempt.final` pins of a final attempt.
  public static func finalPayload(attempt: String, score: Double, passed: Bool, answersDigest: String)
    -> [String: CanonicalJSON]
  {
    [
      "attempt": .string(attempt), "score": .number(score), "passed": .bool(passed),
      "answersDigest": .string(answersDigest),
    ]
  }

  /// What `certificate.issued` pins of a certificate.
  public static func issuedPayload(_ certificate: StoredCertificate) -> [String: CanonicalJSON] {
    [
      "certificate": .string(certificate.id), "attempt": .string(certificate.attemptID),
      "jwt": .string(Digest.sha256(certificate.jwt)),
    ]
  }

  package static func revokedPayload(id: String, revocation: Signed<RevocationList>) -> [String: CanonicalJSON] {
    ["certificate": .string(id), "revocation": .string(Digest.sha256(revocation.jsonText()))]
  }

  /// What `results.imported` pins of an import: the source, the bundle's digest, the head of
  /// the source's log as imported, and which attempts and certificates came in (or were
  /// revoked since).
  package static func importedPayload(
    source: String, name: String, bundle: String, log: [AuditEntry], attempts: [String], certificates: [String],
    revoked: [String], answers: Int, ids: String
  ) -> [String: CanonicalJSON] {
    [
      "source": .string(source), "name": .string(name), "bundle": .string(bundle),
      "entries": .integer(Int64(log.count)), "head": .string(log.last?.hash ?? AuditEntry.genesisHash),
      "attempts": .array(attempts.map { .string($0) }), "certificates": .array(certificates.map { .string($0) }),
      "revoked": .array(revoked.map { .string($0) }), "answers": .integer(Int64(answers)), "ids": .string(ids),
    ]
  }

  package static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

  /// The payload of an entry as stored, or nil when it is not a JSON object.
  public static func payload(of entry: AuditEntry) -> CanonicalJSON? {
    guard let value = try? CanonicalJSON(parsing: Data(entry.payload.utf8)), case .object = value else { return nil }
    return value
  }
}
