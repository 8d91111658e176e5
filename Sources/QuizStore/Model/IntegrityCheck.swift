import Foundation
import QuizCore
import QuizTrust

/// What `verifyIntegrity` found: the audit log's verdict, and every stored row that does not
/// agree with what was signed for it.
public struct IntegrityReport: Sendable, Hashable {
  /// The hash chain, its signatures and the checkpoints.
  public var audit: AuditVerification
  /// Rows that differ from their signed record, in the order found.
  public var problems: [IntegrityProblem]
  /// How many checkpoints were checked, and how many of them came from outside the database.
  public var checkpoints: Int
  public var outsideCheckpoints: Int
  /// Attempts and certificates checked.
  public var attempts: Int
  public var certificates: Int
  /// The other databases whose imported logs were checked, and their entries.
  public var importedSources = 0
  public var importedEntries = 0

  /// Whether nothing was found.
  public var isIntact: Bool { audit.isIntact && problems.isEmpty }
}

/// A stored row that does not agree with what was signed for it.
public enum IntegrityProblem: Sendable, Hashable, CustomStringConvertible {
  /// The attempt's signed answer events are broken (changed, removed, reordered, re-signed).
  case attemptRecord(attempt: String, AttemptProblem)
  /// A proctored attempt has an answer event without the attempt key's signature.
  case unsignedEvent(attempt: String, sequence: Int)
  /// The answer row differs from its signed event (answer, question, time or score).
  case answerDiffers(attempt: String, sequence: Int, answer: Int64, field: String)
  /// The answer row an event describes is gone.
  case answerMissing(attempt: String, sequence: Int, answer: Int64)
  /// An answer in the attempt's session that no event records (inserted afterwards).
  case answerNotRecorded(attempt: String, answer: Int64)
  /// A row has no audit entry that pins it, or its entry says something else.
  case notInAuditLog(what: String)
  /// A manual grade differs from the signed one, or its answer's score differs from it.
  case gradeDiffers(attempt: String, answer: Int64)
  /// An attempt's stored result or rules differ from what was signed at its start or seal.
  case attemptDiffers(attempt: String, field: String)
  /// A stored certificate is not a genuine certificate of the organisation.
  case certificateForged(id: String, reason: String)
  /// A stored certificate's row differs from its signed VC-JWT.
  case certificateDiffers(id: String, field: String)
  /// The log records something twice that happens once (an entry appended to mask a change).
  case duplicateEntry(kind: String, key: String)
  /// The log records an attempt, an answer or a certificate whose row is gone.
  case rowMissing(what: String)
  /// The audit log kept for results imported from another database does not verify.
  case importedLog(source: String, AuditFailure)
  /// The audit log kept for results imported from another database is not the one its
  /// latest `results.imported` entry recorded.
  case importedLogDiffers(source: String)

  public var description: String {
    switch self {
    case .attemptRecord(let attempt, let problem): "attempt \(attempt): \(problem)"
    case .unsignedEvent(let attempt, let sequence): "attempt \(attempt): answer \(sequence) is not signed"
    case .answerDiffers(let attempt, let sequence, let answer, let field):
      "attempt \(attempt): answer \(sequence) (row \(answer)) was changed: its \(field) differs from the signed record"
    case .answerMissing(let attempt, let sequence, let answer):
      "attempt \(attempt): answer \(sequence) (row \(answer)) was deleted"
    case .answerNotRecorded(let attempt, let answer):
      "attempt \(attempt): answer row \(answer) was added afterwards (no signed record)"
    case .notInAuditLog(let what): "\(what) has no matching audit entry"
    case .gradeDiffers(let attempt, let answer):
      "attempt \(attempt): the manual grade of answer row \(answer) differs from the signed one"
    case .attemptDiffers(let attempt, let field): "attempt \(attempt): its \(field) differs from the signed record"
    case .certificateForged(let id, let reason): "certificate \(id) is not genuine: \(reason)"
    case .certificateDiffers(let id, let field): "certificate \(id): its \(field) differs from the signed certificate"
    case .duplicateEntry(let kind, let key): "the audit log records \(kind) for \(key) more than once"
    case .rowMissing(let what): "\(what) is in the audit log but its row was deleted"
    case .importedLog(let source, let failure): "the audit log imported from \(source) is broken: \(failure)"
    case .importedLogDiffers(let source):
      "the audit log imported from \(source) differs from the one its import recorded"
    }
  }
}

extension ProgressStore {
  /// Checks everything certification wrote against its signatures: the audit log (chain,
  /// signatures, the stored checkpoints, those inside stored certificates and `outside`
  /// ones given by the caller), each attempt's signed answers against the answer rows, manual
  /// grades, results, and certificates against their VC-JWT.
  public func verifyIntegrity(organisation: PublicKey, outside: [Signed<AuditCheckpoint>] = [])
    throws(StoreError) -> IntegrityReport
  {
    let entries = try auditLog()
    let attempts = try attempts(learner: nil)
    let certificates = try certificates()
    var problems: [IntegrityProblem] = []

    // Which rows the log pins, by kind and by the row's key. Each happens once, except a
    // resume (signed by the organisation key each time).
    var pinned: [String: (text: String, payload: CanonicalJSON)] = [:]
    var keys: [String: Set<String>] = [:]
    func key(of entry: AuditEntry, _ payload: CanonicalJSON) -> String? {
      func integer(_ value: CanonicalJSON?) -> String {
        if case .integer(let number) = value { return String(number) }
        return "?"
      }
      return switch entry.kind {
      case AuditKind.examAnswer, AuditKind.examAnswerUnproctored:
        payload["attempt"]?.stringValue.map { "\($0)#\(integer(payload["sequence"]))" }
      case AuditKind.manualGrade: integer(payload["answer"])
      case AuditKind.certificateIssued, AuditKind.certificateRevoked: payload["certificate"]?.stringValue
      case AuditKind.examResumed, AuditKind.learnerCreated, AuditKind.resultsImported: nil
      default: payload["attempt"]?.stringValue
      }
    }
    func pin(_ entry: AuditEntry, text: String, payload: CanonicalJSON, imported: Bool) {
      guard let key = key(of: entry, payload) else { return }
      if pinned[entry.kind + " " + key] != nil {
        // A certificate revoked both here and on the PC it came from is revoked once.
        if imported && entry.kind == AuditKind.certificateRevoked { return }
        problems.append(.duplicateEntry(kind: entry.kind, key: key))
      }
      pinned[entry.kind + " " + key] = (text, payload)
      keys[entry.kind, default: []].insert(key)
    }
    var claims: [String: ImportClaim] = [:]
    for entry in entries {
      guard let payload = Ledger.payload(of: entry) else { continue }
      if entry.kind == AuditKind.resultsImported, let claim = ImportClaim(payload) {
        claims[claim.source, default: claim].merge(claim)
      }
      pin(entry, text: entry.payload, payload: payload, imported: false)
    }

    // Results imported from other databases: each source's log, as its latest import recorded
    // it, pins the attempts and certificates those imports brought, in this database's ids.
    let sources = try importedSources()
    var sourceOfCertificate: [String: Int] = [:]
    for (index, source) in sources.enumerated() {
      guard let claim = claims[source.source] else {
        problems.append(.notInAuditLog(what: "the results imported from \(source.name)"))
        continue
      }
      if claim.entries != source.log.count || claim.head != (source.log.last?.hash ?? AuditEntry.genesisHash)
        || claim.ids != source.idsDigest
      {
        problems.append(.importedLogDiffers(source: source.name))
      }
      for id in claim.certificates { sourceOfCertificate[id] = index }
      for entry in source.log {
        guard let payload = Ledger.payload(of: entry) else { continue }
        let attempt = payload["attempt"]?.stringValue
        let certificate = payload["certificate"]?.stringValue
        guard attempt.map(claim.attempts.contains) == true || certificate.map(claim.certificates.contains) == true
        else { continue }
        let translated = source.translated(payload)
        pin(entry, text: (try? translated.text()) ?? "", payload: translated, imported: true)
      }
    }
    for source in claims.keys.sorted() where !sources.contains(where: { $0.source == source }) {
      problems.append(.rowMissing(what: "the record of the results imported from \(claims[source]?.name ?? source)"))
    }
    // Everything the log records must still have its row.
    let attemptIDs = Set(attempts.map(\.id))
    for id in (keys[AuditKind.examUnlocked] ?? []).union(keys[AuditKind.examStarted] ?? []).sorted()
    where !attemptIDs.contains(id) {
      problems.append(.rowMissing(what: "attempt \(id)"))
    }
    let certificateIDs = Set(certificates.map(\.id))
    for id in (keys[AuditKind.certificateIssued] ?? []).sorted() where !certificateIDs.contains(id) {
      problems.append(.rowMissing(what: "certificate \(id)"))
    }
    // Payloads compare as canonical text (a number 1.0 and an integer 1 are written alike).
    func pin(_ kind: String, _ key: String) -> String? { pinned[kind + " " + key]?.text }
    func text(_ payload: [String: CanonicalJSON]) -> String { (try? CanonicalJSON.object(payload).text()) ?? "" }

    let verifier = CertificateVerifier(trustedIssuers: [organisation])
    var fromCertificates: [Signed<AuditCheckpoint>] = []
    var fromImportedCertificates: [Int: [Signed<AuditCheckpoint>]] = [:]
    for stored in certificates {
      let verdict = verifier.verify(jwt: stored.jwt, at: stored.issuedAt)
      guard let issued = verdict.certificate else {
        if case .forged(let reason) = verdict {
          problems.append(.certificateForged(id: stored.id, reason: reason.description))
        }
        continue
      }
      let certificate = issued.certificate
      let source = sourceOfCertificate[stored.id]
      if let source {
        fromImportedCertificates[source, default: []].append(certificate.checkpoint)
      } else {
        fromCertificates.append(certificate.checkpoint)
      }
      if certificate.id != stored.id { problems.append(.certificateDiffers(id: stored.id, field: "id")) }
      if certificate.attemptID != stored.attemptID {
        problems.append(.certificateDiffers(id: stored.id, field: "attempt"))
      }
      if certificate.examID != stored.examID { problems.append(.certificateDiffers(id: stored.id, field: "exam")) }
      // An imported certificate names the PC's learner id: the one that learner has here counts.
      let learnerHere = source.map { sources[$0].learners[certificate.learnerID] } ?? Int64(certificate.learnerID)
      if learnerHere != stored.learnerID {
        problems.append(.certificateDiffers(id: stored.id, field: "learner"))
      }
      if abs(certificate.expiresAt.timeIntervalSince(stored.expiresAt)) >= 1 {
        problems.append(.certificateDiffers(id: stored.id, field: "expiry"))
      }
      if abs(certificate.issuedAt.timeIntervalSince(stored.issuedAt)) >= 1 {
        problems.append(.certificateDiffers(id: stored.id, field: "issue date"))
      }
      if pin(AuditKind.certificateIssued, stored.id) != text(Ledger.issuedPayload(stored)) {
        problems.append(.notInAuditLog(what: "certificate \(stored.id)"))
      }
      if let revocation = stored.revocation {
        if !revocation.isSigned(by: organisation) || revocation.statement.revocation(of: stored.id) == nil
          || pin(AuditKind.certificateRevoked, stored.id)
            != text(Ledger.revokedPayload(id: stored.id, revocation: revocation))
        {
          problems.append(.certificateDiffers(id: stored.id, field: "revocation"))
        }
      } else if pin(AuditKind.certificateRevoked, stored.id) != nil {
        problems.append(.certificateDiffers(id: stored.id, field: "revocation (removed)"))
      }
    }

    for attempt in attempts {
      let events = try attemptEvents(attempt.id)
      let answers = try answers(session: attempt.sessionID)
      let byID = Dictionary(answers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      let grades = Dictionary(
        try manualGrades(attempt: attempt.id).map { ($0.answerID, $0) }, uniquingKeysWith: { first, _ in first })
      if !attempt.proctored && (!attempt.grants.isEmpty || pin(AuditKind.examUnlocked, attempt.id) != nil) {
        problems.append(.attemptDiffers(attempt: attempt.id, field: "proctoring"))
      }
      let start = pin(attempt.proctored ? AuditKind.examUnlocked : AuditKind.examStarted, attempt.id)
      if start != text(Ledger.attemptStarted(attempt, grant: attempt.grants.first)) {
        problems.append(
          start == nil
            ? .notInAuditLog(what: "attempt \(attempt.id)")
            : .attemptDiffers(
              attempt: attempt.id, field: "start (exam, deadline, pass mark or content)"))
      }
      if attempt.proctored {
        let signed = events.compactMap(\.signed)
        if let unsigned = events.first(where: { $0.signed == nil }) {
          problems.append(.unsignedEvent(attempt: attempt.id, sequence: unsigned.event.sequence))
        } else if case .broken(let problem) = AttemptVerification.verify(
          events: signed, submission: attempt.submission, certificates: attempt.grants, organisation: organisation)
        {
          problems.append(.attemptRecord(attempt: attempt.id, problem))
        }
        if attempt.grants.isEmpty { problems.append(.attemptRecord(attempt: attempt.id, .keyNotCertified)) }
      }
      let loggedAnswers = (keys[AuditKind.examAnswer] ?? []).union(keys[AuditKind.examAnswerUnproctored] ?? [])
        .filter { $0.hasPrefix(attempt.id + "#") }.count
      if loggedAnswers > events.count {
        problems.append(.rowMissing(what: "\(loggedAnswers - events.count) answer(s) of attempt \(attempt.id)"))
      }
      let closing = pin(AuditKind.examSubmitted, attempt.id) ?? pin(AuditKind.examClosed, attempt.id)
      if attempt.status == .running {
        if closing != nil { problems.append(.attemptDiffers(attempt: attempt.id, field: "status")) }
      } else if closing == nil {
        problems.append(.notInAuditLog(what: "the submission of attempt \(attempt.id)"))
      } else if closing
        != text(
          Ledger.submitted(
            attempt: attempt.id, at: attempt.submittedAt ?? .distantPast, events: events.count,
            digest: attempt.submission?.statement.eventsDigest))
      {
        problems.append(.attemptDiffers(attempt: attempt.id, field: "submission (time, answers or signature)"))
      }
      for record in events {
        let event = record.signed?.statement ?? record.event
        if event.item < 1 || event.item > attempt.queue.count || attempt.queue[event.item - 1] != event.questionID {
          problems.append(
            .answerDiffers(attempt: attempt.id, sequence: event.sequence, answer: record.answerID, field: "item"))
        }
        if record.signed != nil && record.signed?.statement != record.event {
          problems.append(
            .answerDiffers(attempt: attempt.id, sequence: event.sequence, answer: record.answerID, field: "event"))
        }
        let kind = attempt.proctored ? AuditKind.examAnswer : AuditKind.examAnswerUnproctored
        if pin(kind, "\(attempt.id)#\(event.sequence)") != text(Ledger.answered(event, answerID: record.answerID)) {
          problems.append(.notInAuditLog(what: "attempt \(attempt.id) answer \(event.sequence)"))
        }
        guard let answer = byID[record.answerID] else {
          problems.append(.answerMissing(attempt: attempt.id, sequence: event.sequence, answer: record.answerID))
          continue
        }
        func differs(_ field: String) {
          problems.append(
            .answerDiffers(attempt: attempt.id, sequence: event.sequence, answer: answer.id, field: field))
        }
        if answer.questionID != event.questionID || answer.questionHash != event.questionHash { differs("question") }
        if Ledger.eventResponse(of: answer.answer) != event.response { differs("answer") }
        if abs(answer.answeredAt.timeIntervalSince(event.recordedAt)) > 0.0005 { differs("time") }
        if let grade = grades[answer.id] {
          if pin(AuditKind.manualGrade, "\(answer.id)") != text(Ledger.manualGradePayload(grade)) || event.marks != nil
            || abs(answer.fraction - grade.fraction) > 1e-9 || answer.needsReview
            || abs(grade.maximumMarks - event.maximumMarks) > 1e-9
          {
            problems.append(.gradeDiffers(attempt: attempt.id, answer: answer.id))
          }
        } else if let marks = event.marks {
          if answer.needsReview || abs(answer.fraction * event.maximumMarks - marks) > 1e-9 { differs("score") }
        } else if !answer.needsReview {
          differs("score (marked graded without a signed grade)")
        }
      }
      for record in events
      where grades[record.answerID] == nil && pin(AuditKind.manualGrade, "\(record.answerID)") != nil {
        problems.append(.gradeDiffers(attempt: attempt.id, answer: record.answerID))
      }
      let recorded = Set(events.map(\.answerID))
      for answer in answers where !recorded.contains(answer.id) {
        problems.append(.answerNotRecorded(attempt: attempt.id, answer: answer.id))
      }
      let sealed = pinned[AuditKind.attemptFinal + " " + attempt.id]
      if attempt.status == .final {
        let digest = GradedAnswer.digest(of: Ledger.gradedAnswers(events: events, answers: answers))
        let expected = text(
          Ledger.finalPayload(
            attempt: attempt.id, score: attempt.score ?? -1, passed: attempt.passed ?? false, answersDigest: digest))
        if sealed?.text != expected {
          problems.append(
            sealed == nil
              ? .notInAuditLog(what: "the result of attempt \(attempt.id)")
              : .attemptDiffers(attempt: attempt.id, field: "result"))
        }
      } else if sealed != nil {
        problems.append(.attemptDiffers(attempt: attempt.id, field: "status"))
      }
    }

    let stored = try checkpoints()
    let known = stored + fromCertificates + outside
    let audit = AuditVerifier(
      organisation: organisation, policy: AuditKind.policy, attemptCertificates: attempts.flatMap(\.grants)
    ).verify(entries, checkpoints: known)
    for (index, source) in sources.enumerated() {
      let verdict = AuditVerifier(
        organisation: organisation, policy: AuditKind.policy, attemptCertificates: source.grants
      ).verify(source.log, checkpoints: source.checkpoints + (fromImportedCertificates[index] ?? []))
      if let failure = verdict.failure { problems.append(.importedLog(source: source.name, failure)) }
    }
    return IntegrityReport(
      audit: audit, problems: problems, checkpoints: known.count, outsideCheckpoints: outside.count,
      attempts: attempts.count, certificates: certificates.count, importedSources: sources.count,
      importedEntries: sources.map(\.log.count).reduce(0, +))
  }
}

/// What the `results.imported` entries of one source say came in: the head of its log at the
/// latest import, and every attempt and certificate any of them brought.
struct ImportClaim {
  var source: String
  var name: String
  var entries: Int
  var head: String
  /// The digest of the id maps as of the latest import.
  var ids: String?
  var attempts: Set<String>
  var certificates: Set<String>

  init?(_ payload: CanonicalJSON) {
    guard let source = payload["source"]?.stringValue, let head = payload["head"]?.stringValue,
      case .integer(let entries) = payload["entries"]
    else { return nil }
    func strings(_ key: String) -> Set<String> {
      guard case .array(let values) = payload[key] else { return [] }
      return Set(values.compactMap(\.stringValue))
    }
    self.source = source
    name = payload["name"]?.stringValue ?? source
    self.entries = Int(entries)
    self.head = head
    ids = payload["ids"]?.stringValue
    attempts = strings("attempts")
    certificates = strings("certificates")
  }

  /// A later import of the same source: its head replaces this one's.
  mutating func merge(_ later: ImportClaim) {
    name = later.name
    entries = later.entries
    head = later.head
    ids = later.ids
    attempts.formUnion(later.attempts)
    certificates.formUnion(later.certificates)
  }
}

extension ImportedSource {
  /// An entry's payload with the source's learner, session and answer ids replaced by the ids
  /// those rows have here.
  func translated(_ payload: CanonicalJSON) -> CanonicalJSON {
    guard case .object(var fields) = payload else { return payload }
    for (key, map) in [("learner", learners), ("session", sessions), ("answer", answers)] {
      if case .integer(let local) = fields[key], let here = map[String(local)] { fields[key] = .integer(here) }
    }
    return .object(fields)
  }

}
