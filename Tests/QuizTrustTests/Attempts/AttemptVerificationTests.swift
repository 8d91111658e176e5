import Foundation
import QuizTrust
import Testing

@Suite struct AttemptVerificationTests {
  let key = Sample.attemptKey()
  var events: [Signed<AnswerEvent>] { (1...5).map { key.sign(Sample.event($0)) } }

  func verify(_ events: [Signed<AnswerEvent>], submission: Signed<AttemptSubmission>? = nil) -> AttemptVerification {
    AttemptVerification.verify(
      events: events, submission: submission, certificate: key.certificate,
      organisation: Sample.organisation.publicKey)
  }

  /// The event as the database would hold it after someone edited its stored JSON.
  func edited(_ event: Signed<AnswerEvent>, _ from: String, _ to: String) throws -> Signed<AnswerEvent> {
    let text = event.jsonText()
    let changed = text.replacingOccurrences(of: from, with: to)
    try #require(changed != text)
    return try Signed<AnswerEvent>(jsonText: Data(changed.utf8))
  }

  @Test func signedEventsAndTheirSubmissionVerifyAfterAStoredRoundTrip() throws {
    let stored = try events.map { try Signed<AnswerEvent>(jsonText: Data($0.jsonText().utf8)) }
    let submission = key.submit(events, at: Sample.minutes(40))
    #expect(stored == events)
    #expect(verify(stored, submission: submission) == .intact(answered: 5, submitted: true))
    #expect(verify(Array(stored.prefix(2))) == .intact(answered: 2, submitted: false))
  }

  @Test func anEditedScoreInAnAnswerEventIsDetected() throws {
    var events = self.events
    events[2] = try edited(events[2], "\"marks\":0.5", "\"marks\":1")
    #expect(verify(events) == .broken(.badSignature(sequence: 3)))
  }

  @Test func anEditedAnswerIsDetected() throws {
    var events = self.events
    events[1] = try edited(events[1], "\"response\":\"B\"", "\"response\":\"A\"")
    #expect(verify(events) == .broken(.badSignature(sequence: 2)))
  }

  @Test func anEditedTimestampIsDetected() throws {
    var events = self.events
    let recorded = Int(events[3].statement.recordedAt.timeIntervalSinceReferenceDate)
    events[3] = try edited(events[3], "\"recordedAt\":\(recorded)", "\"recordedAt\":\(recorded - 60)")
    #expect(verify(events) == .broken(.badSignature(sequence: 4)))
  }

  @Test func deletingTheLastAnswersOfASubmittedAttemptIsDetected() {
    let submission = key.submit(events, at: Sample.minutes(40))
    #expect(verify(Array(events.prefix(3)), submission: submission) == .broken(.missingEvent(sequence: 4)))
  }

  @Test func aDeletedMiddleAnswerIsDetected() {
    var events = self.events
    events.remove(at: 1)
    #expect(verify(events) == .broken(.missingEvent(sequence: 2)))
  }

  @Test func reorderedAnswersAreDetected() {
    var events = self.events
    events.swapAt(1, 3)
    #expect(verify(events) == .broken(.outOfOrder(sequence: 2)))
  }

  @Test func anAnswerSignedWithAnotherKeyIsDetected() {
    var events = self.events
    events[4] = Sample.attemptKey().sign(Sample.event(5, marks: 1))
    #expect(verify(events) == .broken(.badSignature(sequence: 5)))
  }

  @Test func anAttemptKeyTheOrganisationDidNotCertifyIsRefused() {
    let rogue = Sample.attemptKey(certifiedBy: Sample.intruder)
    let verification = AttemptVerification.verify(
      events: [rogue.sign(Sample.event(1))], submission: nil, certificate: rogue.certificate,
      organisation: Sample.organisation.publicKey)
    #expect(verification == .broken(.keyNotCertified))
  }

  @Test func anAnswerSignedOutsideTheAttemptWindowIsRefused() {
    let late = key.sign(Sample.event(1, at: Sample.minutes(46)))
    #expect(verify([late]) == .broken(.outsideKeyValidity(sequence: 1)))
  }

  @Test func aReplacedAnswerUnderTheRightKeyDoesNotMatchTheSubmission() {
    var events = self.events
    let submission = key.submit(events, at: Sample.minutes(40))
    events[4] = key.sign(Sample.event(5, marks: 1))  // only possible while the key is in memory
    #expect(verify(events, submission: submission) == .broken(.eventsDoNotMatchSubmission))
  }
}
