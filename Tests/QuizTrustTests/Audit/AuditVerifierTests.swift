import Foundation
import QuizTrust
import Testing

@Suite struct AuditVerifierTests {
  let verifier = AuditVerifier(
    organisation: Sample.organisation.publicKey,
    policy: AuditPolicy(requiring: ["exam.answer": .attemptKey, "certificate.issued": .organisation]))
  let entries = Sample.log(10)

  func failure(_ entries: [AuditEntry], _ checkpoints: [Signed<AuditCheckpoint>] = []) -> AuditFailure? {
    verifier.verify(entries, checkpoints: checkpoints).failure
  }

  /// The log with entry `sequence` replaced and every later entry re-chained, as someone who
  /// knows the format (but not the keys) would do.
  func rewritten(_ entries: [AuditEntry], at sequence: Int, payload: CanonicalJSON) throws -> [AuditEntry] {
    var out = Array(entries.prefix(sequence - 1))
    for entry in entries.dropFirst(sequence - 1) {
      let body = entry.sequence == sequence ? payload : try CanonicalJSON(parsing: Data(entry.payload.utf8))
      out.append(try AuditEntry(after: out.last, time: entry.time, kind: entry.kind, payload: body))
    }
    return out
  }

  @Test func anIntactLogVerifiesAndSaysHowFarCheckpointsVouchForIt() throws {
    let stored = try JSONDecoder().decode([AuditEntry].self, from: JSONEncoder().encode(entries))
    let checkpoints = [Sample.checkpoint(entries, at: 4), Sample.checkpoint(entries, at: 8)]
    #expect(
      verifier.verify(stored, checkpoints: checkpoints)
        == .intact(AuditSummary(entryCount: 10, headHash: entries[9].hash, anchoredThrough: 8)))
  }

  @Test func anEditedAuditRowIsNamed() {
    var entries = self.entries
    let row = entries[5]
    entries[5] = AuditEntry(
      sequence: row.sequence, time: row.time, kind: row.kind, payload: #"{"n":99}"#, previousHash: row.previousHash,
      hash: row.hash, signature: row.signature)
    #expect(failure(entries) == AuditFailure(sequence: 6, problem: .editedEntry))
  }

  @Test func anEditedAuditTimestampIsNamed() {
    var entries = self.entries
    let row = entries[2]
    entries[2] = AuditEntry(
      sequence: row.sequence, time: row.time.addingTimeInterval(-3600), kind: row.kind, payload: row.payload,
      previousHash: row.previousHash, hash: row.hash, signature: row.signature)
    #expect(failure(entries) == AuditFailure(sequence: 3, problem: .editedEntry))
  }

  @Test func anEditedAndRechainedLogDisagreesWithALaterCheckpoint() throws {
    let checkpoints = [Sample.checkpoint(entries, at: 3), Sample.checkpoint(entries, at: 8)]
    let forged = try rewritten(entries, at: 5, payload: .object(["n": .integer(99)]))
    #expect(
      failure(forged, checkpoints) == AuditFailure(sequence: 8, problem: .checkpointMismatch(earliestSuspect: 4)))
  }

  @Test func aRemovedEntryIsNamed() {
    var entries = self.entries
    entries.remove(at: 4)
    #expect(failure(entries) == AuditFailure(sequence: 5, problem: .missingEntry))
  }

  @Test func reorderedEntriesAreNamed() {
    var entries = self.entries
    entries.swapAt(6, 7)
    #expect(failure(entries) == AuditFailure(sequence: 7, problem: .outOfOrder))
  }

  @Test func anEntryInsertedWithoutTheChainIsNamed() {
    var entries = self.entries
    let draft = AuditEntry(
      sequence: 5, time: Sample.minutes(5), kind: "note", payload: "{}",
      previousHash: String(repeating: "1", count: 64), hash: "", signature: nil)
    entries[4] = AuditEntry(
      sequence: 5, time: draft.time, kind: draft.kind, payload: draft.payload, previousHash: draft.previousHash,
      hash: draft.computedHash, signature: nil)
    #expect(failure(entries) == AuditFailure(sequence: 5, problem: .brokenLink))
  }

  @Test func anAnswerAppendedOutOfBandWithoutASignatureIsNamed() throws {
    var entries = self.entries
    entries.append(try AuditEntry(after: entries.last, time: Sample.minutes(11), kind: "exam.answer", payload: .null))
    #expect(failure(entries) == AuditFailure(sequence: 11, problem: .missingSignature(.attemptKey)))
  }

  @Test func anEntrySignedByAnUncertifiedKeyIsNamed() throws {
    var entries = self.entries
    entries.append(
      try AuditEntry(
        after: entries.last, time: Sample.minutes(11), kind: "certificate.issued", payload: .null,
        signedBy: Sample.intruder))
    #expect(failure(entries) == AuditFailure(sequence: 11, problem: .untrustedSigner))
  }

  @Test func answersSignedByACertifiedAttemptKeyInItsWindowAreAccepted() throws {
    let key = Sample.attemptKey()
    let verifier = AuditVerifier(
      organisation: Sample.organisation.publicKey, policy: AuditPolicy(requiring: ["exam.answer": .attemptKey]),
      attemptCertificates: [key.certificate])
    var entries = Array(self.entries.prefix(2))
    entries.append(
      try AuditEntry(after: entries.last, time: Sample.minutes(3), kind: "exam.answer", payload: .null, signedBy: key))
    #expect(verifier.verify(entries).isIntact)
    entries.append(
      try AuditEntry(after: entries.last, time: Sample.minutes(50), kind: "exam.answer", payload: .null, signedBy: key))
    #expect(verifier.verify(entries).failure == AuditFailure(sequence: 4, problem: .untrustedSigner))
  }

  @Test func aStrippedSignatureIsNamed() throws {
    var entries = self.entries
    let signed = try AuditEntry(
      after: entries.last, time: Sample.minutes(11), kind: "certificate.issued", payload: .null,
      signedBy: Sample.organisation)
    #expect(verifier.verify(entries + [signed]).isIntact)
    entries.append(
      AuditEntry(
        sequence: signed.sequence, time: signed.time, kind: signed.kind, payload: signed.payload,
        previousHash: signed.previousHash, hash: signed.hash, signature: nil))
    #expect(failure(entries) == AuditFailure(sequence: 11, problem: .missingSignature(.organisation)))
  }

  @Test func deletingTheLastEntriesIsDetectedOnceACheckpointCoversThem() {
    let checkpoint = Sample.checkpoint(entries, at: 10)
    #expect(
      failure(Array(entries.prefix(7)), [checkpoint])
        == AuditFailure(sequence: 10, problem: .truncated(lastSequence: 7)))
  }

  @Test func restoringAnOlderCopyIsDetectedOnceALaterCheckpointIsKnownFromACertificate() throws {
    let older = Array(entries.prefix(6))
    let issued = Sample.certificate(checkpoint: Sample.checkpoint(entries, at: 9)).issued(by: Sample.organisation)
    let verdict = CertificateVerifier(trustedIssuers: [Sample.organisation.publicKey])
      .verify(jwt: issued.jwt, at: Sample.minutes(90))
    let checkpoint = try #require(verdict.certificate?.certificate.checkpoint)
    #expect(failure(older, [checkpoint]) == AuditFailure(sequence: 9, problem: .truncated(lastSequence: 6)))
  }

  @Test func anOlderCopyUsedAgainAfterALaterCheckpointIsDetected() throws {
    let checkpoint = Sample.checkpoint(entries, at: 8)
    var continued = Array(entries.prefix(5))
    for n in 6...9 {
      continued.append(
        try AuditEntry(after: continued.last, time: Sample.minutes(Double(n) + 100), kind: "note", payload: .null))
    }
    #expect(
      failure(continued, [checkpoint]) == AuditFailure(sequence: 8, problem: .checkpointMismatch(earliestSuspect: 1)))
  }

  @Test func aCheckpointNotSignedByTheOrganisationIsRefused() {
    let forged = Sample.checkpoint(entries, at: 4, by: Sample.intruder)
    #expect(failure(entries, [forged]) == AuditFailure(sequence: 4, problem: .checkpointNotFromOrganisation))
  }

  /// The limit docs/security.md states: without a later checkpoint, an older copy is a valid log.
  @Test func anOlderCopyVerifiesWhenNoLaterCheckpointLeftTheMachine() {
    let checkpoint = Sample.checkpoint(entries, at: 4)
    #expect(verifier.verify(Array(entries.prefix(6)), checkpoints: [checkpoint]).isIntact)
  }
}
