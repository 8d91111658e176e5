import Foundation
import GRDB
import PropertyBased
import QuizCore
import QuizTrust
import Testing

@testable import QuizStore

/// Results bundles: an offline PC's results exported, sealed, and imported into a central
/// database (SQLite, and PostgreSQL when `make test` runs a server). Imports are idempotent,
/// verify afterwards against the PC's own signed log, and refuse any bundle that is not
/// genuine or was edited.
@Suite struct ResultBundleTests {
  static let organisation = CertificationContractTests.organisation
  static let stranger = try! OrganisationKey(seed: Data(repeating: 9, count: 32))
  static let centralKinds = StoreKind.allCases.filter { $0 != .memory }

  /// An offline PC's database.
  final class PC {
    let file: TemporaryStore
    let store: SQLiteStore

    init() throws {
      file = try TemporaryStore()
      store = try file.open()
    }

    deinit { file.remove() }

    /// A practice session of `learner` with one answer per fraction, ended.
    func practise(_ learner: Int64, _ fractions: [Double], at date: Date) throws {
      let session = try store.start(
        NewSession(
          learnerID: learner, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1", startedAt: date,
          plan: SessionPlan(queue: fractions.indices.map { "p\($0)" }, seed: 1)))
      for (index, fraction) in fractions.enumerated() {
        try store.record(
          answer(learner, "p\(index)", fraction: fraction, session: session.id, at: date.addingTimeInterval(1)))
      }
      // Not whole seconds: the stores keep times to the millisecond, and an import compares them so.
      try store.end(session: session.id, status: .finished, at: date.addingTimeInterval(30.123_456_7))
    }

    /// A proctored attempt with one answer graded by a person, sealed.
    func finalAttempt(_ learner: Int64, at date: Date) throws -> ExamAttempt {
      let attempt = try CertificationContractTests.submittedAttempt(
        store, learner: learner, questions: ["q1", "q2"], fractions: [1, 0], waiting: ["q2"])
      let waiting = try #require(try store.answers(session: attempt.sessionID).last)
      try store.gradeManually(
        ManualGrade(
          answerID: waiting.id, attemptID: attempt.id, marks: 0.5, maximumMarks: 1, comment: "要点不全",
          grader: "manager", gradedAt: date), by: ResultBundleTests.organisation)
      let events = try store.attemptEvents(attempt.id)
      let digest = GradedAnswer.digest(
        of: Ledger.gradedAnswers(events: events, answers: try store.answers(session: attempt.sessionID)))
      return try store.finalize(
        attempt: attempt.id, score: 0.75, passed: true, answersDigest: digest, at: date.addingTimeInterval(10),
        by: ResultBundleTests.organisation)
    }

    /// A certificate for a final attempt.
    func certify(_ attempt: ExamAttempt, name: String, at date: Date) throws -> StoredCertificate {
      let digest = GradedAnswer.digest(
        of: Ledger.gradedAnswers(
          events: try store.attemptEvents(attempt.id), answers: try store.answers(session: attempt.sessionID)))
      return try store.issue(at: date, by: ResultBundleTests.organisation) { checkpoint in
        let certificate = Certificate(
          id: Certificate.newID(), learnerID: String(attempt.learnerID), learnerName: name, examID: "cert",
          examTitle: "认证", courseID: "c", courseVersion: "1", contentHash: "sha256:c", score: 0.75, passMark: 0.6,
          examDate: t0, issuedAt: date, expiresAt: date.addingTimeInterval(86_400 * 365), attemptID: attempt.id,
          answersDigest: digest, checkpoint: checkpoint)
        return StoredCertificate(
          id: certificate.id, learnerID: attempt.learnerID, attemptID: attempt.id, examID: "cert",
          issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt,
          jwt: certificate.vcJWT(signedBy: ResultBundleTests.organisation), revocation: nil)
      }
    }

    func bundle(at date: Date, signedBy key: OrganisationKey = ResultBundleTests.organisation) throws -> Data {
      ResultBundle.write(try store.exportResults(name: "分行一号机", at: date), signedBy: key)
    }
  }

  /// A PC where zhang practised and was certified, and li has an attempt still waiting for a
  /// person (not final: it stays on the PC).
  static func branch() throws -> (pc: PC, zhang: Int64, li: Int64, certificate: StoredCertificate) {
    let pc = try PC()
    let zhang = try pc.store.learnerID("zhang")
    let li = try pc.store.learnerID("li")
    try pc.practise(zhang, [1, 0, 0.5], at: t0)
    let attempt = try pc.finalAttempt(zhang, at: t0.addingTimeInterval(100))
    let certificate = try pc.certify(attempt, name: "zhang", at: t0.addingTimeInterval(200))
    _ = try CertificationContractTests.submittedAttempt(
      pc.store, learner: li, questions: ["q1", "q2"], fractions: [1, 0], waiting: ["q2"])
    return (pc, zhang, li, certificate)
  }

  /// A central database that has work of its own: wang, and a zhang who studied here too,
  /// so that the PC's ids are taken here by other rows.
  static func central(_ kind: StoreKind) throws -> StoreUnderTest {
    let subject = try StoreUnderTest(kind)
    let store = subject.store
    let wang = try store.learnerID("wang")
    let zhang = try store.learnerID("zhang")
    for learner in [wang, zhang] {
      let session = try store.start(
        NewSession(
          learnerID: learner, kind: .practice, scope: "l2", courseID: "c", contentVersion: "1", startedAt: t0,
          plan: SessionPlan(queue: ["x"], seed: 1)))
      try store.record(answer(learner, "x", fraction: 1, session: session.id))
    }
    _ = try CertificationContractTests.submittedAttempt(store, learner: wang, questions: ["q1"], fractions: [1])
    return subject
  }

  static func importer(_ store: any ProgressStore) throws -> any ResultImporting {
    try #require(store as? any ResultImporting)
  }

  /// Everything the store port reads, as text: two equal snapshots are the same rows.
  static func snapshot(_ store: any ProgressStore) throws -> String {
    var lines: [String] = []
    for learner in try store.learners() {
      lines.append("\(learner)")
      lines.append("\(try store.sessions(learner: learner.id))")
      lines.append("\(try store.answers(learner: learner.id))")
    }
    for attempt in try store.attempts(learner: nil) {
      lines.append("\(attempt)")
      lines.append("\(try store.attemptEvents(attempt.id))")
      lines.append("\(try store.manualGrades(attempt: attempt.id))")
    }
    lines.append("\(try store.certificates())")
    lines.append("\(try store.auditLog())")
    lines.append(contentsOf: try store.importedSources().map { $0.encoded() })
    return lines.joined(separator: "\n")
  }

  /// What an answer says, without its ids.
  static func content(_ answers: [AnswerRecord]) -> [String] {
    answers.map {
      "\($0.questionID) \($0.fraction) \($0.needsReview) \($0.typed) \($0.answeredAt.timeIntervalSince1970)"
    }
    .sorted()
  }

  @Test(arguments: centralKinds)
  func exportThenImportTwiceGivesTheSameRows(_ kind: StoreKind) throws {
    let (pc, zhang, _, certificate) = try Self.branch()
    let data = try pc.bundle(at: t0.addingTimeInterval(1000))
    let central = try Self.central(kind)
    let store = central.store
    let bundle = try ResultBundle.read(data, organisation: Self.organisation.publicKey)
    #expect(bundle.contents.notFinal.count == 1, "li's attempt waits for a person and stays on the PC")

    let first = try Self.importer(store).importResults(bundle, at: t0.addingTimeInterval(2000), by: Self.organisation)
    #expect(first.learnersCreated.isEmpty && first.learnersMatched == 1, "zhang is matched by name; li brought nothing")
    #expect(first.attempts == 1 && first.certificates == 1 && first.answers == 5 && first.sessions == 2)
    let zhangHere = try #require(try store.learner(named: "zhang")).id
    let pcAnswers = try pc.store.answers(learner: zhang)
    let centralAnswers = try store.answers(learner: zhangHere)
    #expect(
      Self.content(centralAnswers).filter { !$0.hasPrefix("x ") } == Self.content(pcAnswers),
      "every answer of the PC, unchanged but for its ids")
    let attempt = try #require(try store.certificates().first { $0.id == certificate.id })
    #expect(attempt.learnerID == zhangHere && attempt.jwt == certificate.jwt)
    #expect(try store.learner(named: "li") == nil, "a learner with nothing final is not created")
    let report = try store.verifyIntegrity(organisation: Self.organisation.publicKey)
    #expect(report.isIntact, "\(report.problems) \(report.audit)")
    #expect(report.certificates == 1 && report.attempts == 2)

    let before = try Self.snapshot(try central.reopened())
    let second = try Self.importer(store).importResults(bundle, at: t0.addingTimeInterval(3000), by: Self.organisation)
    #expect(second.isUnchanged)
    #expect(try Self.snapshot(try central.reopened()) == before, "the second import changed nothing")
  }

  @Test(arguments: centralKinds)
  func aLaterBundleBringsOnlyWhatIsNewAndAnOlderOneNothing(_ kind: StoreKind) throws {
    let (pc, zhang, li, certificate) = try Self.branch()
    let older = try pc.bundle(at: t0.addingTimeInterval(1000))
    let central = try Self.central(kind)
    let store = central.store
    let importer = try Self.importer(store)
    _ = try importer.importResults(
      try ResultBundle.read(older, organisation: Self.organisation.publicKey), at: t0.addingTimeInterval(1100),
      by: Self.organisation)

    // On the PC meanwhile: li's attempt graded and sealed, more practice, a revocation.
    let liAttempt = try #require(try pc.store.attempts(learner: li).first)
    let waiting = try #require(try pc.store.answers(session: liAttempt.sessionID).last)
    try pc.store.gradeManually(
      ManualGrade(
        answerID: waiting.id, attemptID: liAttempt.id, marks: 1, maximumMarks: 1, comment: "", grader: "m",
        gradedAt: t0.addingTimeInterval(1200)), by: Self.organisation)
    let digest = GradedAnswer.digest(
      of: Ledger.gradedAnswers(
        events: try pc.store.attemptEvents(liAttempt.id), answers: try pc.store.answers(session: liAttempt.sessionID)))
    _ = try pc.store.finalize(
      attempt: liAttempt.id, score: 1, passed: true, answersDigest: digest, at: t0.addingTimeInterval(1300),
      by: Self.organisation)
    try pc.practise(zhang, [1, 1], at: t0.addingTimeInterval(1400))
    _ = try pc.store.revoke(
      certificate: certificate.id, reason: "信息有误", at: t0.addingTimeInterval(1500), by: Self.organisation)

    let later = try pc.bundle(at: t0.addingTimeInterval(1600))
    let summary = try importer.importResults(
      try ResultBundle.read(later, organisation: Self.organisation.publicKey), at: t0.addingTimeInterval(1700),
      by: Self.organisation)
    #expect(summary.learnersCreated == ["li"])
    #expect(summary.attempts == 1 && summary.certificates == 0 && summary.revocations == 1)
    #expect(summary.answers == 4, "li's two exam answers and zhang's two new practice answers")
    #expect(summary.sessions == 2 && summary.notFinal.isEmpty)
    #expect(try store.certificates().first { $0.id == certificate.id }?.revoked?.reason == "信息有误")
    let report = try store.verifyIntegrity(organisation: Self.organisation.publicKey)
    #expect(report.isIntact, "\(report.problems) \(report.audit)")

    let before = try Self.snapshot(store)
    let again = try importer.importResults(
      try ResultBundle.read(older, organisation: Self.organisation.publicKey), at: t0.addingTimeInterval(1800),
      by: Self.organisation)
    #expect(again.isUnchanged, "an older bundle of the same PC brings nothing")
    #expect(try Self.snapshot(store) == before)
  }

  @Test func aBundleSealedByAnotherKeyOrEditedIsRefusedAndNothingChanges() throws {
    let (pc, _, _, _) = try Self.branch()
    let data = try pc.bundle(at: t0.addingTimeInterval(1000))
    let key = Self.organisation.publicKey
    func problem(_ data: Data) -> BundleProblem? {
      do {
        _ = try ResultBundle.read(data, organisation: key)
        return nil
      } catch {
        if case .bundle(let problem) = error { return problem }
        return .malformed(detail: "\(error)")
      }
    }
    #expect(problem(data) == nil)
    guard case .unknownKey(let signer, let organisation) = problem(try pc.bundle(at: t0, signedBy: Self.stranger))
    else {
      Issue.record("a bundle sealed by another key must be refused as such")
      return
    }
    #expect(signer == Self.stranger.publicKey.did && organisation == key.did)

    let text = String(decoding: data, as: UTF8.self)
    let newline = try #require(text.firstIndex(of: "\n"))
    let seal = String(text[..<newline])
    let body = String(text[text.index(after: newline)...])
    // A score raised in transit.
    let raised = body.replacingOccurrences(of: "0.75", with: "0.95")
    #expect(raised != body)
    #expect(problem(Data((seal + "\n" + raised).utf8)) == .edited)
    // The seal's digest changed to match edited contents: the signature no longer holds.
    let edited = seal.replacingOccurrences(of: "分行一号机", with: "分行二号机")
    #expect(problem(Data((edited + "\n" + body).utf8)) == .badSeal)
    #expect(problem(Data(body.utf8)) == .notABundle)
    #expect(problem(Data((seal + "\n" + body.dropLast(10)).utf8)) == .edited, "cut short")
    #expect(problem(Data()) == .notABundle)
  }

  @Test func anyChangedByteOfABundleIsRefused() async throws {
    let (pc, _, _, _) = try Self.branch()
    let data = Array(try pc.bundle(at: t0.addingTimeInterval(1000)))
    let key = Self.organisation.publicKey
    await propertyCheck(count: 300, input: Gen.int(in: 0...(data.count - 1)), Gen.int(in: 1...255)) { offset, delta in
      var changed = data
      changed[offset] = changed[offset] &+ UInt8(delta)
      #expect(throws: StoreError.self, "byte \(offset) changed") {
        try ResultBundle.read(Data(changed), organisation: key)
      }
    }
  }

  @Test(arguments: centralKinds)
  func aRefusedImportLeavesTheDatabaseAsItWas(_ kind: StoreKind) throws {
    let (pc, _, _, _) = try Self.branch()
    let central = try Self.central(kind)
    let store = central.store
    let before = try Self.snapshot(store)
    // Sealed and unedited, but its PC's log was changed before sealing: refused as a whole.
    var contents = try pc.store.exportResults(name: "pc", at: t0)
    let entry = contents.log[2]
    contents.log[2] = AuditEntry(
      sequence: entry.sequence, time: entry.time, kind: entry.kind, payload: entry.payload + " ",
      previousHash: entry.previousHash, hash: entry.hash,
      signature: entry.signature)
    let bundle = try ResultBundle.read(
      ResultBundle.write(contents, signedBy: Self.organisation), organisation: Self.organisation.publicKey)
    #expect {
      try Self.importer(store).importResults(bundle, at: t0, by: Self.organisation)
    } throws: { error in
      guard case StoreError.bundle(.brokenLog) = error else { return false }
      return true
    }
    #expect(try Self.snapshot(store) == before)
  }

  @Test func aPCsClockGoingBackDoesNotHideItsNewResults() throws {
    let (pc, zhang, _, _) = try Self.branch()
    let central = try Self.central(.sqlite)
    let importer = try Self.importer(central.store)
    _ = try importer.importResults(
      try ResultBundle.read(try pc.bundle(at: t0.addingTimeInterval(2000)), organisation: Self.organisation.publicKey),
      at: t0.addingTimeInterval(2100), by: Self.organisation)
    // More practice (no audit entries), exported by a PC whose clock is now behind.
    try pc.practise(zhang, [1, 0], at: t0.addingTimeInterval(2200))
    let summary = try importer.importResults(
      try ResultBundle.read(try pc.bundle(at: t0.addingTimeInterval(1500)), organisation: Self.organisation.publicKey),
      at: t0.addingTimeInterval(2300), by: Self.organisation)
    #expect(summary.answers == 2 && summary.sessions == 1, "the log orders bundles, not the PC's clock")
  }

  @Test func aDatabaseNeitherImportsItsOwnBundleNorExportsWhatItImported() throws {
    let (pc, _, _, _) = try Self.branch()
    let own = try ResultBundle.read(
      try pc.bundle(at: t0.addingTimeInterval(1000)), organisation: Self.organisation.publicKey)
    #expect(throws: StoreError.bundle(.ownResults)) {
      try pc.store.importResults(own, at: t0.addingTimeInterval(1100), by: Self.organisation)
    }
    let office = try PC()
    _ = try office.store.importResults(own, at: t0.addingTimeInterval(1200), by: Self.organisation)
    #expect(throws: StoreError.bundle(.holdsImported(sources: 1)), "the PC's rows would reach the centre twice") {
      try office.store.exportResults(name: "office", at: t0.addingTimeInterval(1300))
    }
  }

  @Test func aCopiedPCWhoseLogWentAnotherWayIsRefused() throws {
    let (pc, zhang, _, _) = try Self.branch()
    let central = try Self.central(.sqlite)
    let importer = try Self.importer(central.store)
    _ = try importer.importResults(
      try ResultBundle.read(try pc.bundle(at: t0.addingTimeInterval(1000)), organisation: Self.organisation.publicKey),
      at: t0.addingTimeInterval(1100), by: Self.organisation)
    // The same database copied to a second PC; both go on, and the first's next bundle is in.
    let copy = try TemporaryStore()
    defer { copy.remove() }
    try pc.store.backup(to: copy.path)
    let second = try copy.open()
    _ = try pc.finalAttempt(zhang, at: t0.addingTimeInterval(1200))
    _ = try importer.importResults(
      try ResultBundle.read(try pc.bundle(at: t0.addingTimeInterval(1250)), organisation: Self.organisation.publicKey),
      at: t0.addingTimeInterval(1260), by: Self.organisation)
    _ = try CertificationContractTests.submittedAttempt(second, learner: zhang, questions: ["q9"], fractions: [1])
    let diverging = ResultBundle.write(
      try second.exportResults(name: "copy", at: t0.addingTimeInterval(1300)), signedBy: Self.organisation)
    #expect {
      try importer.importResults(
        try ResultBundle.read(diverging, organisation: Self.organisation.publicKey), at: t0.addingTimeInterval(1400),
        by: Self.organisation)
    } throws: { error in
      guard case StoreError.bundle(.diverges(let name)) = error else { return false }
      return name == "分行一号机"
    }
  }

  @Test func changesToImportedRowsAreFoundByTheCheck() throws {
    let (pc, _, _, _) = try Self.branch()
    func imported() throws -> TemporaryStore {
      let file = try TemporaryStore()
      let store = try file.open()
      _ = try store.learnerID("wang")
      _ = try store.importResults(
        try ResultBundle.read(
          try pc.bundle(at: t0.addingTimeInterval(1000)), organisation: Self.organisation.publicKey),
        at: t0.addingTimeInterval(1100), by: Self.organisation)
      #expect(try store.verifyIntegrity(organisation: Self.organisation.publicKey).isIntact)
      return file
    }
    func problems(_ file: TemporaryStore) throws -> [String] {
      let report = try file.open().verifyIntegrity(organisation: Self.organisation.publicKey)
      return report.problems.map(\.description) + [report.audit.failure?.description].compactMap { $0 }
    }
    // What is changed, how, and what the check must say about it.
    let tampering: [(String, String, String)] = [
      (
        "an imported exam answer's score", "UPDATE answer SET fraction = 1 WHERE question_id = 'q2'",
        "manual grade of answer row"
      ),
      ("an imported answer deleted", "DELETE FROM attempt_event WHERE sequence = 2", "Answer 2 is missing"),
      ("an imported attempt's result", "UPDATE exam_attempt SET score = 1", "its result differs"),
      ("an imported certificate deleted", "DELETE FROM certificate", "is in the audit log but its row was deleted"),
      (
        "an imported certificate moved to another learner", "UPDATE certificate SET learner_id = 1",
        "its learner differs from the signed certificate"
      ),
      (
        "the record of the import deleted", "DELETE FROM imported_source",
        "the record of the results imported from 分行一号机"
      ),
      (
        "the imported log cut short",
        """
        UPDATE imported_source SET record = json_set(record, '$.log', json_remove(json_extract(record, '$.log'), '$[#-1]'))
        """, "differs from the one its import recorded"
      ),
      (
        "an imported certificate moved to another learner, its id map changed to match",
        """
        UPDATE imported_source SET record = json_set(record, '$.learners.1', 1);
        UPDATE exam_attempt SET learner_id = 1; UPDATE certificate SET learner_id = 1
        """, "differs from the one its import recorded"
      ),
      (
        "the import's entry in the log",
        "UPDATE audit_entry SET payload = replace(payload, '\"answers\":5', '\"answers\":4')", "was edited"
      ),
    ]
    for (what, sql, expected) in tampering {
      let file = try imported()
      defer { file.remove() }
      let queue = try DatabaseQueue(path: file.path)
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        try db.execute(sql: sql)
        #expect(db.changesCount > 0, "\(what): the statement changed nothing")
      }
      try queue.close()
      let found = try problems(file)
      #expect(found.contains { $0.contains(expected) }, "\(what): \(found)")
    }
  }
}
