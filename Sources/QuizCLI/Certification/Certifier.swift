import Foundation
import QuizContent
import QuizCore
import QuizStore
import QuizTrust

/// One answer waiting for a person, with what the grader needs to see.
struct PendingAnswer {
  var attempt: ExamAttempt
  var learner: Learner?
  var answer: AnswerRecord
  /// The item's position in the exam and its marks.
  var item: Int
  var maximumMarks: Double
  /// The question as graded, when the course still has it.
  var question: Question?
}

/// The manager's side of certification: the grading queue, sealing final attempts and
/// issuing certificates, all signed with the organisation key.
struct Certifier {
  var course: Course
  var store: any ProgressStore
  var now: () -> Date

  /// Every answer waiting for a person, in queue order: oldest submitted attempt first, then
  /// by item. Only submitted attempts (a running attempt's answers can still change).
  func queue() throws(StoreError) -> [PendingAnswer] {
    let learners = Dictionary(try store.learners().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var pending: [PendingAnswer] = []
    let submitted = try store.attempts(learner: nil).filter { $0.status == .submitted }
      .sorted { ($0.submittedAt ?? $0.startedAt, $0.id) < ($1.submittedAt ?? $1.startedAt, $1.id) }
    for attempt in submitted {
      let events = try store.attemptEvents(attempt.id)
      let answers = Dictionary(
        try store.answers(session: attempt.sessionID).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      for record in Ledger.latestByItem(events) {
        guard let answer = answers[record.answerID], answer.needsReview else { continue }
        pending.append(
          PendingAnswer(
            attempt: attempt, learner: learners[attempt.learnerID], answer: answer, item: record.event.item,
            maximumMarks: record.event.maximumMarks, question: course.question(withID: answer.questionID)))
      }
    }
    return pending
  }

  /// The attempt's score: the mean over every item drawn of its latest answer's fraction
  /// (unanswered items count 0), the rule the learner's summary uses.
  func score(of attempt: ExamAttempt) throws(StoreError) -> Double {
    let events = try store.attemptEvents(attempt.id)
    let graded = Ledger.gradedAnswers(events: events, answers: try store.answers(session: attempt.sessionID))
    let count = max(attempt.queue.count, 1)
    let total = graded.reduce(0.0) { $0 + ($1.maximumMarks > 0 ? $1.marks / $1.maximumMarks : 0) }
    return Credit.normalized(total / Double(count))
  }

  /// Seals every submitted attempt that has nothing waiting (proctored ones; unproctored ones
  /// only when listed in `approving`), and issues a certificate for each pass.
  func sealReady(by organisation: OrganisationKey, approving: Set<String> = []) throws(StoreError) -> [Sealed] {
    let waiting = Set(try queue().map(\.attempt.id))
    var sealed: [Sealed] = []
    for attempt in try store.attempts(learner: nil)
    where attempt.status == .submitted && !waiting.contains(attempt.id)
      && (attempt.proctored || approving.contains(attempt.id))
    {
      sealed.append(try seal(attempt, by: organisation))
    }
    // A pass sealed earlier whose certificate was not issued (the program stopped in between).
    let issued = Set(try store.certificates().map(\.attemptID))
    for attempt in try store.attempts(learner: nil)
    where attempt.status == .final && attempt.passed == true && !issued.contains(attempt.id)
      && !sealed.contains(where: { $0.attempt.id == attempt.id })
    {
      sealed.append(Sealed(attempt: attempt, certificate: try issueCertificate(for: attempt, by: organisation)))
    }
    return sealed
  }

  /// What sealing an attempt gave.
  struct Sealed {
    var attempt: ExamAttempt
    var certificate: StoredCertificate?
  }

  /// Seals one attempt (its score and result signed) and issues its certificate if it passed.
  func seal(_ attempt: ExamAttempt, by organisation: OrganisationKey) throws(StoreError) -> Sealed {
    // An unproctored attempt's rules were never signed: they must still be the exam's.
    if !attempt.proctored {
      guard let blueprint = course.exam(withID: attempt.examID), !blueprint.proctored,
        abs(blueprint.passMark - attempt.passMark) < Credit.tolerance
      else {
        throw .invalid(detail: "attempt \(attempt.id) does not follow the rules of exam \(attempt.examID) any more")
      }
    }
    let score = try score(of: attempt)
    let passed = score + Credit.tolerance >= attempt.passMark
    let digest = GradedAnswer.digest(
      of: Ledger.gradedAnswers(
        events: try store.attemptEvents(attempt.id), answers: try store.answers(session: attempt.sessionID)))
    let final = try store.finalize(
      attempt: attempt.id, score: score, passed: passed, answersDigest: digest, at: now(), by: organisation)
    return Sealed(attempt: final, certificate: passed ? try issueCertificate(for: final, by: organisation) : nil)
  }

  /// Issues the certificate of a final pass: valid for the blueprint's `validity` from now.
  func issueCertificate(for attempt: ExamAttempt, by organisation: OrganisationKey) throws(StoreError)
    -> StoredCertificate
  {
    guard let blueprint = course.exam(withID: attempt.examID) else {
      throw .invalid(detail: "the course has no exam \(attempt.examID) any more; its validity is unknown")
    }
    let learner = try store.learners().first { $0.id == attempt.learnerID }
    let issuedAt = now()
    let answersDigest = GradedAnswer.digest(
      of: Ledger.gradedAnswers(
        events: try store.attemptEvents(attempt.id), answers: try store.answers(session: attempt.sessionID)))
    return try store.issue(at: issuedAt, by: organisation) { checkpoint throws(StoreError) in
      let certificate = Certificate(
        id: Certificate.newID(), learnerID: String(attempt.learnerID), learnerName: learner?.displayName ?? "",
        examID: attempt.examID, examTitle: attempt.examTitle, courseID: attempt.courseID,
        courseVersion: attempt.contentVersion, contentHash: attempt.contentHash, score: attempt.score ?? 0,
        passMark: attempt.passMark, examDate: attempt.submittedAt ?? attempt.startedAt, issuedAt: issuedAt,
        expiresAt: issuedAt.addingTimeInterval(blueprint.validity), attemptID: attempt.id,
        answersDigest: answersDigest, checkpoint: checkpoint)
      let issued = certificate.issued(by: organisation)
      return StoredCertificate(
        id: certificate.id, learnerID: attempt.learnerID, attemptID: attempt.id, examID: attempt.examID,
        issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt, jwt: issued.jwt, revocation: nil)
    }
  }

  /// A stored certificate read back from its VC-JWT (nil when it is not genuine).
  static func read(_ stored: StoredCertificate) -> IssuedCertificate? {
    CertificateVerifier().verify(jwt: stored.jwt, at: stored.issuedAt).certificate
  }
}
