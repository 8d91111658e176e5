import Foundation
import QuizCore
import QuizTrust

/// The store port: everything sessions, progress views and reports need from a database,
/// in domain terms. No database type or SQL dialect appears here.
///
/// Implementations: `SQLiteStore` (the embedded default, one file per machine) and
/// `InMemoryStore` (tests). Both pass the same contract suite (`StoreContractTests`), which
/// is what another implementation must pass too.
///
/// Every method that writes commits before it returns (a committed answer survives a crash),
/// and each write is one transaction: all of it or none of it.
public protocol ProgressStore: AnyObject, Sendable {
  /// Where the data is, for messages (a file path, or a description).
  var location: String { get }

  // MARK: Learners

  /// All learners, by name.
  func learners() throws(StoreError) -> [Learner]
  /// The learner with this name, if any; never creates one.
  func learner(named name: String) throws(StoreError) -> Learner?
  /// The learner with this name, created when new (the name must be valid: `Learner.validName`).
  func createLearner(named name: String, displayName: String?, at date: Date) throws(StoreError) -> Learner
  /// The learner used last on this machine.
  func lastLearner() throws(StoreError) -> Learner?
  /// Remembers the learner for the next start.
  func setLastLearner(_ learner: Learner) throws(StoreError)

  // MARK: Sessions

  /// Starts a session.
  func start(_ session: NewSession) throws(StoreError) -> SessionRecord
  /// Saves a session's plan on its own (navigation and flags; answers save it with them).
  func savePlan(_ plan: SessionPlan, session: Int64) throws(StoreError)
  /// Ends a session as finished or abandoned.
  func end(session: Int64, status: SessionStatus, at date: Date) throws(StoreError)
  /// The learner's latest session that is still active (interrupted), if any.
  func interruptedSession(learner: Int64) throws(StoreError) -> SessionRecord?
  /// Ends every active session of the learner as abandoned (there is one paused session at
  /// a time), except a certification attempt that is still running (its clock runs on and it
  /// ends by submit or deadline); returns how many there were.
  func abandonInterrupted(learner: Int64, at date: Date) throws(StoreError) -> Int
  /// The learner's sessions, oldest first, without their answers (for views that need only
  /// their kind, scope, status and plan).
  func sessions(learner: Int64) throws(StoreError) -> [SessionRecord]
  /// The learner's sessions, newest first, scored by `SessionResult`'s rule.
  func history(learner: Int64, limit: Int) throws(StoreError) -> [SessionSummary]

  // MARK: Answers and cards

  /// Records an answer, applies `review` to the question's card (read inside the same
  /// transaction) and saves the session's plan after it: one transaction, one sync to disk.
  func record(_ answer: NewAnswer, review: CardReview?, plan: SessionPlan?) throws(StoreError) -> RecordedAnswer
  /// Records a skip: the card reviewed (a seen-and-skipped question is not recalled) and the
  /// plan after it, in one transaction.
  func recordSkip(
    learner: Int64, session: Int64, question: String, lesson: String, review: CardReview?, plan: SessionPlan
  ) throws(StoreError)
  /// Replaces a card with `replacement` only if it is still `expected` (nothing else reviewed
  /// it in between); returns whether it was replaced.
  func replaceCard(_ expected: CardRecord, with replacement: CardRecord) throws(StoreError) -> Bool
  /// The answers of a session, in the order given.
  func answers(session: Int64) throws(StoreError) -> [AnswerRecord]
  /// Every answer of a learner, oldest first.
  func answers(learner: Int64) throws(StoreError) -> [AnswerRecord]
  /// A learner's card for a question, if the question was ever reviewed.
  func card(learner: Int64, question: String) throws(StoreError) -> CardRecord?
  /// Every card of a learner.
  func cards(learner: Int64) throws(StoreError) -> [CardRecord]
  /// Cards due now, today (before `endOfDay`) and within a week of `now`.
  func dueCounts(learner: Int64, now: Date, endOfDay: Date) throws(StoreError) -> DueCounts
  /// Answers given in review sessions since `start`, and how many were first answers to a
  /// question, for the daily limits.
  func reviewsDone(learner: Int64, since start: Date) throws(StoreError) -> (all: Int, new: Int)

  /// Records paper sittings in one transaction: the learners in `create` are created first
  /// (the others must exist), then each sitting as a finished session with its answers. Nothing
  /// is written when any learner is missing. Returns the sessions written.
  func recordSittings(_ sittings: [PaperSitting], creating create: Set<String>, at date: Date) throws(StoreError)
    -> Int

  // MARK: Reading

  /// Notes that a learner read a lesson (`section` empty) or one of its sections.
  func markRead(learner: Int64, lesson: String, section: String, at date: Date) throws(StoreError)
  /// The lessons a learner has read (whole or in part), with when they last read them.
  func readLessons(learner: Int64) throws(StoreError) -> [String: Date]
  /// The sections of each lesson that the learner read to the end.
  func readSections(learner: Int64) throws(StoreError) -> [String: Set<String>]

  // MARK: Progress
  //
  // The answers of a certification attempt that is not final yet are left out of every view
  // below (mastery, accuracy, the notebook, means): with feedback after grading they would
  // otherwise tell the learner what was right before a person has graded it.

  /// Mastery of every lesson the learner has answered questions in.
  func lessonMastery(learner: Int64) throws(StoreError) -> [LessonMastery]
  /// Accuracy by question type, with the trend of the recent half, by key.
  func accuracyByType(learner: Int64) throws(StoreError) -> [Accuracy]
  /// Accuracy by tag (an answer counts once for each of its question's tags), by key.
  func accuracyByTag(learner: Int64) throws(StoreError) -> [Accuracy]
  /// The wrong-answer notebook (错题本): questions answered wrongly (or partly) and not
  /// answered fully right since in a *later* session, most recent mistake first. A right
  /// answer in the same session (the retry just after the explanation) does not clear it; a
  /// right answer in a later practice, mistakes or review session does. Each entry carries
  /// the last wrong answer's score and time.
  func mistakes(learner: Int64) throws(StoreError) -> [Mistake]
  /// The days on which the learner answered or read something (start of day in `calendar`).
  func studyDays(learner: Int64, calendar: Calendar) throws(StoreError) -> Set<Date>
  /// One line per learner: answers, distinct questions, mean score, last activity; by name.
  func summary() throws(StoreError) -> [LearnerSummary]

  // MARK: Certification
  //
  // Every write below also appends its entry to the hash-chained audit log in the same
  // transaction (`AuditKind`), signed as `AuditKind.policy` requires; a write made with the
  // organisation key also stores a signed checkpoint of the log after it.

  /// Starts a certification attempt in one transaction: its session, the attempt with its
  /// first key grant (proctored), and the audit entry (`exam.unlocked` signed by
  /// `organisation`, or `exam.started` for an unproctored attempt).
  func startAttempt(_ session: NewSession, attempt: NewAttempt, unlockedBy organisation: OrganisationKey?)
    throws(StoreError) -> ExamAttempt
  /// Adds a key grant to a running attempt: a proctor unlocked it again after an interruption.
  func unlock(attempt id: String, grant: Signed<AttemptGrant>, at date: Date, by organisation: OrganisationKey)
    throws(StoreError)
  /// Records an exam answer as `record(_:review:plan:)` does, with the attempt's next answer
  /// event (signed by `attempt.key` when there is one) and its audit entry, in the same
  /// transaction. The attempt must be running.
  func record(_ answer: NewAnswer, plan: SessionPlan, attempt: AttemptAnswer) throws(StoreError) -> RecordedAnswer
  /// Submits a running attempt and ends its session, in one transaction: with `key`, the
  /// attempt key signs a submission over every stored event (`exam.submitted`); without, the
  /// attempt is closed unsigned (`exam.closed`).
  func submitAttempt(_ id: String, at date: Date, key: AttemptKey?) throws(StoreError) -> ExamAttempt
  /// Every attempt (of one learner, or all when nil), oldest first.
  func attempts(learner: Int64?) throws(StoreError) -> [ExamAttempt]
  /// The attempt with this id.
  func attempt(id: String) throws(StoreError) -> ExamAttempt?
  /// The attempt recorded in this session.
  func attempt(session: Int64) throws(StoreError) -> ExamAttempt?
  /// The attempt's answer events, in sequence.
  func attemptEvents(_ id: String) throws(StoreError) -> [AttemptEventRecord]
  /// A person's grade of an answer waiting for one, in one transaction: the grade, the answer
  /// updated to it (no longer waiting), and `grade.manual` signed by `organisation`.
  func gradeManually(_ grade: ManualGrade, by organisation: OrganisationKey) throws(StoreError)
  /// The manual grades of an attempt, oldest first.
  func manualGrades(attempt: String) throws(StoreError) -> [ManualGrade]
  /// Seals a submitted attempt with nothing waiting: its final score and result, and
  /// `attempt.final` (with `answersDigest`) signed by `organisation`.
  func finalize(
    attempt id: String, score: Double, passed: Bool, answersDigest: String, at date: Date,
    by organisation: OrganisationKey
  ) throws(StoreError) -> ExamAttempt
  /// Issues a certificate in one transaction: a signed checkpoint of the log as it is, the
  /// certificate `make` builds on that checkpoint, and `certificate.issued`. One per attempt.
  func issue(
    at date: Date, by organisation: OrganisationKey,
    _ make: (Signed<AuditCheckpoint>) throws(StoreError) -> StoredCertificate
  ) throws(StoreError) -> StoredCertificate
  /// Every certificate, oldest first.
  func certificates() throws(StoreError) -> [StoredCertificate]
  /// Revokes a certificate (its revocation signed by `organisation`), with `certificate.revoked`.
  func revoke(certificate id: String, reason: String, at date: Date, by organisation: OrganisationKey)
    throws(StoreError) -> StoredCertificate
  /// The audit log, in stored order.
  func auditLog() throws(StoreError) -> [AuditEntry]
  /// The signed checkpoints stored with the log, oldest first.
  func checkpoints() throws(StoreError) -> [Signed<AuditCheckpoint>]
  /// Signs and stores a checkpoint of the log's head now.
  func checkpoint(at date: Date, by organisation: OrganisationKey) throws(StoreError) -> Signed<AuditCheckpoint>
  /// The other databases whose results bundles were imported here (`ResultImporting`), each
  /// with its audit log as last imported; empty for a store that imports none.
  func importedSources() throws(StoreError) -> [ImportedSource]

  // MARK: Maintenance

  /// Copies everything, consistently, to a new file that must not exist.
  func backup(to destination: String) throws(StoreError)
  /// Integrity, schema version and counts.
  func check() throws(StoreError) -> StoreCheck
}

extension ProgressStore {
  /// The learner's history, the 20 latest sessions.
  public func history(learner: Int64) throws(StoreError) -> [SessionSummary] {
    try history(learner: learner, limit: 20)
  }

  /// Days studied in a row (answering or reading), counting back from today, or from
  /// yesterday when nothing has been studied yet today.
  public func streak(learner: Int64, now: Date, calendar: Calendar) throws(StoreError) -> Int {
    let days = try studyDays(learner: learner, calendar: calendar)
    var day = calendar.startOfDay(for: now)
    if !days.contains(day), let yesterday = calendar.date(byAdding: .day, value: -1, to: day) { day = yesterday }
    var count = 0
    while days.contains(day), let previous = calendar.date(byAdding: .day, value: -1, to: day) {
      count += 1
      day = previous
    }
    return count
  }
}
