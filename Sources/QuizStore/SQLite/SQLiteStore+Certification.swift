import Foundation
import GRDB
import QuizCore
import QuizTrust

extension SQLiteStore {
  // MARK: Audit log

  static func auditHead(_ db: Database) throws -> AuditEntry? {
    try Row.fetchOne(db, sql: "SELECT * FROM audit_entry ORDER BY sequence DESC LIMIT 1").map(auditEntry)
  }

  static func auditEntry(_ row: Row) -> AuditEntry {
    let signature: String? = row["signature"]
    return AuditEntry(
      sequence: row["sequence"], time: row["time"], kind: row["kind"], payload: row["payload"],
      previousHash: row["previous_hash"], hash: row["hash"],
      signature: signature.flatMap { try? JSONDecoder().decode(AuditEntry.EntrySignature.self, from: Data($0.utf8)) })
  }

  /// Appends an entry after the current head, inside the caller's transaction.
  @discardableResult
  static func appendAudit(
    _ db: Database, at date: Date, kind: String, payload: [String: CanonicalJSON], signer: (any Signer)?
  ) throws -> AuditEntry {
    let entry = try Ledger.entry(after: try auditHead(db), at: date, kind: kind, payload: payload, signer: signer)
    let signature = entry.signature.map { signature in
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      return String(decoding: (try? encoder.encode(signature)) ?? Data(), as: UTF8.self)
    }
    try db.execute(
      sql: """
        INSERT INTO audit_entry(sequence, time, kind, payload, previous_hash, hash, signature)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [entry.sequence, entry.time, entry.kind, entry.payload, entry.previousHash, entry.hash, signature])
    return entry
  }

  /// Signs a checkpoint of the current head and stores it, inside the caller's transaction.
  @discardableResult
  static func storeCheckpoint(_ db: Database, at date: Date, by organisation: OrganisationKey) throws
    -> Signed<AuditCheckpoint>
  {
    let checkpoint = AuditCheckpoint(head: try auditHead(db), time: date).signed(by: organisation)
    try db.execute(sql: "INSERT INTO audit_checkpoint(signed) VALUES (?)", arguments: [checkpoint.jsonText()])
    return checkpoint
  }

  public func auditLog() throws(StoreError) -> [AuditEntry] {
    try read { db in try Row.fetchAll(db, sql: "SELECT * FROM audit_entry ORDER BY rowid").map(Self.auditEntry) }
  }

  public func checkpoints() throws(StoreError) -> [Signed<AuditCheckpoint>] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT signed FROM audit_checkpoint ORDER BY id").compactMap {
        try? Signed<AuditCheckpoint>(jsonText: Data($0.utf8))
      }
    }
  }

  public func checkpoint(at date: Date, by organisation: OrganisationKey) throws(StoreError)
    -> Signed<AuditCheckpoint>
  {
    try write { db in try Self.storeCheckpoint(db, at: date, by: organisation) }
  }

  // MARK: Attempts

  public func startAttempt(_ session: NewSession, attempt new: NewAttempt, unlockedBy organisation: OrganisationKey?)
    throws(StoreError) -> ExamAttempt
  {
    guard new.proctored == (new.grant != nil), !new.proctored || organisation != nil else {
      throw .invalid(detail: "a proctored attempt needs its key grant and the organisation key")
    }
    return try write { db in
      let sessionID = try Self.insertSession(session, db)
      try db.execute(
        sql: """
          INSERT INTO exam_attempt(id, learner_id, session_id, exam_id, exam_title, content_hash, pass_mark, proctored,
                                   started_at, deadline, queue, status)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')
          """,
        arguments: [
          new.id, session.learnerID, sessionID, new.examID, new.examTitle, new.contentHash, new.passMark, new.proctored,
          session.startedAt, new.deadline, Self.encodeTags(new.queue),
        ])
      if let grant = new.grant {
        try db.execute(
          sql: "INSERT INTO attempt_grant(attempt_id, position, grant) VALUES (?, 1, ?)",
          arguments: [new.id, grant.jsonText()])
      }
      let attempt = try Self.attempt(id: new.id, db)!
      try Self.appendAudit(
        db, at: session.startedAt, kind: new.proctored ? AuditKind.examUnlocked : AuditKind.examStarted,
        payload: Ledger.attemptStarted(attempt, grant: new.grant), signer: organisation)
      if let organisation { try Self.storeCheckpoint(db, at: session.startedAt, by: organisation) }
      return attempt
    }
  }

  public func unlock(attempt id: String, grant: Signed<AttemptGrant>, at date: Date, by organisation: OrganisationKey)
    throws(StoreError)
  {
    try write { db in
      guard let attempt = try Self.attempt(id: id, db), attempt.status == .running, attempt.proctored else {
        throw StoreError.invalid(detail: "attempt \(id) is not a running proctored attempt")
      }
      try db.execute(
        sql: "INSERT INTO attempt_grant(attempt_id, position, grant) VALUES (?, ?, ?)",
        arguments: [id, attempt.grants.count + 1, grant.jsonText()])
      try Self.appendAudit(
        db, at: date, kind: AuditKind.examResumed, payload: Ledger.unlocked(attempt: id, grant: grant),
        signer: organisation)
      try Self.storeCheckpoint(db, at: date, by: organisation)
    }
  }

  public func record(_ answer: NewAnswer, plan: SessionPlan, attempt context: AttemptAnswer) throws(StoreError)
    -> RecordedAnswer
  {
    try write { db in
      guard let attempt = try Self.attempt(id: context.attemptID, db), attempt.status == .running,
        attempt.sessionID == answer.sessionID
      else {
        throw StoreError.invalid(detail: "attempt \(context.attemptID) is not running in this session")
      }
      try db.execute(
        sql: "UPDATE answer SET counts = 0 WHERE session_id = ? AND question_id = ?",
        arguments: [attempt.sessionID, answer.questionID])
      let recorded = try Self.insertAnswer(answer, counts: true, db)
      let sequence =
        (try Int.fetchOne(
          db, sql: "SELECT MAX(sequence) FROM attempt_event WHERE attempt_id = ?", arguments: [attempt.id]) ?? 0) + 1
      let event = Ledger.event(for: answer, sequence: sequence, attempt: context)
      let signed = context.key.map { $0.sign(event) }
      try db.execute(
        sql: "INSERT INTO attempt_event(attempt_id, sequence, answer_id, event, signed) VALUES (?, ?, ?, ?, ?)",
        arguments: [attempt.id, sequence, recorded.id, Ledger.eventJSON(event), signed?.jsonText()])
      try Self.appendAudit(
        db, at: answer.answeredAt, kind: context.key == nil ? AuditKind.examAnswerUnproctored : AuditKind.examAnswer,
        payload: Ledger.answered(event, answerID: recorded.id), signer: context.key)
      try db.execute(sql: "UPDATE session SET plan = ? WHERE id = ?", arguments: [plan.encoded(), attempt.sessionID])
      return RecordedAnswer(answer: recorded, cardBefore: nil, cardAfter: nil)
    }
  }

  public func submitAttempt(_ id: String, at date: Date, key: AttemptKey?) throws(StoreError) -> ExamAttempt {
    try write { db in
      guard let attempt = try Self.attempt(id: id, db), attempt.status == .running else {
        throw StoreError.invalid(detail: "attempt \(id) is not running")
      }
      let events = try Self.events(attempt: id, db)
      let signedEvents = events.compactMap(\.signed)
      let submission =
        key != nil && signedEvents.count == events.count ? key?.submit(signedEvents, at: date) : nil
      try db.execute(
        sql: "UPDATE exam_attempt SET status = 'submitted', submitted_at = ?, submission = ? WHERE id = ?",
        arguments: [date, submission?.jsonText(), id])
      try db.execute(
        sql: "UPDATE session SET status = 'finished', ended_at = ? WHERE id = ?", arguments: [date, attempt.sessionID])
      try Self.appendAudit(
        db, at: date, kind: submission == nil ? AuditKind.examClosed : AuditKind.examSubmitted,
        payload: Ledger.submitted(
          attempt: id, at: date, events: events.count, digest: submission.map { $0.statement.eventsDigest }),
        signer: submission == nil ? nil : key)
      return try Self.attempt(id: id, db)!
    }
  }

  public func attempts(learner: Int64?) throws(StoreError) -> [ExamAttempt] {
    try read { db in
      let ids =
        if let learner {
          try String.fetchAll(
            db, sql: "SELECT id FROM exam_attempt WHERE learner_id = ? ORDER BY started_at, rowid",
            arguments: [learner])
        } else {
          try String.fetchAll(db, sql: "SELECT id FROM exam_attempt ORDER BY started_at, rowid")
        }
      return try ids.compactMap { try Self.attempt(id: $0, db) }
    }
  }

  public func attempt(id: String) throws(StoreError) -> ExamAttempt? {
    try read { db in try Self.attempt(id: id, db) }
  }

  public func attempt(session: Int64) throws(StoreError) -> ExamAttempt? {
    try read { db in
      guard
        let id = try String.fetchOne(db, sql: "SELECT id FROM exam_attempt WHERE session_id = ?", arguments: [session])
      else { return nil }
      return try Self.attempt(id: id, db)
    }
  }

  static func attempt(id: String, _ db: Database) throws -> ExamAttempt? {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT a.*, s.course_id, s.content_version FROM exam_attempt a JOIN session s ON s.id = a.session_id
          WHERE a.id = ?
          """, arguments: [id])
    else { return nil }
    let grants = try String.fetchAll(
      db, sql: "SELECT grant FROM attempt_grant WHERE attempt_id = ? ORDER BY position", arguments: [id]
    ).compactMap { Ledger.decode($0) as Signed<AttemptGrant>? }
    return ExamAttempt(
      id: row["id"], learnerID: row["learner_id"], sessionID: row["session_id"], examID: row["exam_id"],
      examTitle: row["exam_title"], courseID: row["course_id"], contentVersion: row["content_version"],
      contentHash: row["content_hash"], passMark: row["pass_mark"], proctored: row["proctored"],
      startedAt: row["started_at"], deadline: row["deadline"], queue: decodeTags(row["queue"]),
      status: AttemptStatus(rawValue: row["status"]) ?? .submitted, submittedAt: row["submitted_at"],
      submission: Ledger.decode(row["submission"]), grants: grants, score: row["score"], passed: row["passed"],
      finalizedAt: row["finalized_at"])
  }

  public func attemptEvents(_ id: String) throws(StoreError) -> [AttemptEventRecord] {
    try read { db in try Self.events(attempt: id, db) }
  }

  static func events(attempt id: String, _ db: Database) throws -> [AttemptEventRecord] {
    try Row.fetchAll(
      db, sql: "SELECT * FROM attempt_event WHERE attempt_id = ? ORDER BY rowid", arguments: [id]
    ).compactMap { row in
      guard let event = Ledger.decodeEvent(row["event"]) else { return nil }
      return AttemptEventRecord(event: event, signed: Ledger.decode(row["signed"]), answerID: row["answer_id"])
    }
  }

  // MARK: Grading

  public func gradeManually(_ grade: ManualGrade, by organisation: OrganisationKey) throws(StoreError) {
    guard grade.marks >= 0, grade.marks <= grade.maximumMarks + Credit.tolerance, grade.maximumMarks > 0 else {
      throw .invalid(detail: "marks must be from 0 to \(grade.maximumMarks)")
    }
    try write { db in
      guard let attempt = try Self.attempt(id: grade.attemptID, db), attempt.status == .submitted else {
        throw StoreError.invalid(detail: "attempt \(grade.attemptID) is not waiting for grading")
      }
      // Only an answer that was signed as waiting for a person (no marks in its event) is
      // graded by one, and only once.
      let event = try String.fetchOne(
        db, sql: "SELECT event FROM attempt_event WHERE answer_id = ? AND attempt_id = ?",
        arguments: [grade.answerID, grade.attemptID]
      ).flatMap(Ledger.decodeEvent)
      let graded = try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM manual_grade WHERE answer_id = ?)", arguments: [grade.answerID])!
      guard let event, event.marks == nil, !graded else {
        throw StoreError.invalid(
          detail: "answer \(grade.answerID) of attempt \(grade.attemptID) is not waiting for a person")
      }
      try db.execute(
        sql: """
          INSERT INTO manual_grade(answer_id, attempt_id, marks, maximum_marks, comment, grader, graded_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          grade.answerID, grade.attemptID, grade.marks, grade.maximumMarks, grade.comment, grade.grader, grade.gradedAt,
        ])
      let fraction = grade.fraction
      try db.execute(
        sql: "UPDATE answer SET fraction = ?, outcome = ?, needs_review = 0 WHERE id = ?",
        arguments: [fraction, Outcome(fraction: fraction).rawValue, grade.answerID])
      try Self.appendAudit(
        db, at: grade.gradedAt, kind: AuditKind.manualGrade, payload: Ledger.manualGradePayload(grade),
        signer: organisation)
      try Self.storeCheckpoint(db, at: grade.gradedAt, by: organisation)
    }
  }

  public func manualGrades(attempt: String) throws(StoreError) -> [ManualGrade] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM manual_grade WHERE attempt_id = ? ORDER BY graded_at, answer_id", arguments: [attempt]
      ).map { row in
        ManualGrade(
          answerID: row["answer_id"], attemptID: row["attempt_id"], marks: row["marks"],
          maximumMarks: row["maximum_marks"], comment: row["comment"], grader: row["grader"], gradedAt: row["graded_at"]
        )
      }
    }
  }

  public func finalize(
    attempt id: String, score: Double, passed: Bool, answersDigest: String, at date: Date,
    by organisation: OrganisationKey
  ) throws(StoreError) -> ExamAttempt {
    try write { db in
      guard let attempt = try Self.attempt(id: id, db), attempt.status == .submitted else {
        throw StoreError.invalid(detail: "attempt \(id) is not submitted")
      }
      // The answers that count are the latest event of each item (as in every store).
      let waitingIDs = Set(
        try Int64.fetchAll(
          db, sql: "SELECT id FROM answer WHERE session_id = ? AND needs_review = 1", arguments: [attempt.sessionID]))
      let waiting = Ledger.latestByItem(try Self.events(attempt: id, db)).filter { waitingIDs.contains($0.answerID) }
        .count
      guard waiting == 0 else { throw StoreError.invalid(detail: "attempt \(id) has \(waiting) answers to grade") }
      try db.execute(
        sql: "UPDATE exam_attempt SET status = 'final', score = ?, passed = ?, finalized_at = ? WHERE id = ?",
        arguments: [score, passed, date, id])
      try Self.appendAudit(
        db, at: date, kind: AuditKind.attemptFinal,
        payload: Ledger.finalPayload(attempt: id, score: score, passed: passed, answersDigest: answersDigest),
        signer: organisation)
      try Self.storeCheckpoint(db, at: date, by: organisation)
      return try Self.attempt(id: id, db)!
    }
  }

  // MARK: Certificates

  public func issue(
    at date: Date, by organisation: OrganisationKey,
    _ make: (Signed<AuditCheckpoint>) throws(StoreError) -> StoredCertificate
  ) throws(StoreError) -> StoredCertificate {
    try write { db in
      let checkpoint = try Self.storeCheckpoint(db, at: date, by: organisation)
      let certificate = try make(checkpoint)
      guard let attempt = try Self.attempt(id: certificate.attemptID, db), attempt.status == .final,
        attempt.passed == true
      else {
        throw StoreError.invalid(detail: "attempt \(certificate.attemptID) is not a final pass")
      }
      if try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM certificate WHERE attempt_id = ?)", arguments: [certificate.attemptID])!
      {
        throw StoreError.invalid(detail: "attempt \(certificate.attemptID) already has a certificate")
      }
      try db.execute(
        sql: """
          INSERT INTO certificate(id, learner_id, attempt_id, exam_id, issued_at, expires_at, jwt)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          certificate.id, certificate.learnerID, certificate.attemptID, certificate.examID, certificate.issuedAt,
          certificate.expiresAt, certificate.jwt,
        ])
      try Self.appendAudit(
        db, at: date, kind: AuditKind.certificateIssued, payload: Ledger.issuedPayload(certificate),
        signer: organisation)
      try Self.storeCheckpoint(db, at: date, by: organisation)
      return certificate
    }
  }

  public func certificates() throws(StoreError) -> [StoredCertificate] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM certificate ORDER BY issued_at, rowid").map(Self.certificate)
    }
  }

  static func certificate(_ row: Row) -> StoredCertificate {
    StoredCertificate(
      id: row["id"], learnerID: row["learner_id"], attemptID: row["attempt_id"], examID: row["exam_id"],
      issuedAt: row["issued_at"], expiresAt: row["expires_at"], jwt: row["jwt"],
      revocation: Ledger.decode(row["revocation"]))
  }

  public func revoke(certificate id: String, reason: String, at date: Date, by organisation: OrganisationKey)
    throws(StoreError) -> StoredCertificate
  {
    try write { db in
      guard
        var certificate = try Row.fetchOne(db, sql: "SELECT * FROM certificate WHERE id = ?", arguments: [id])
          .map(Self.certificate)
      else { throw StoreError.invalid(detail: "no certificate \(id)") }
      guard certificate.revocation == nil else {
        throw StoreError.invalid(detail: "certificate \(id) is already revoked")
      }
      let revocation = RevocationList([.init(certificateID: id, reason: reason, revokedAt: date)]).signed(
        by: organisation)
      try db.execute(
        sql: "UPDATE certificate SET revocation = ? WHERE id = ?", arguments: [revocation.jsonText(), id])
      try Self.appendAudit(
        db, at: date, kind: AuditKind.certificateRevoked,
        payload: Ledger.revokedPayload(id: id, revocation: revocation),
        signer: organisation)
      try Self.storeCheckpoint(db, at: date, by: organisation)
      certificate.revocation = revocation
      return certificate
    }
  }
}
