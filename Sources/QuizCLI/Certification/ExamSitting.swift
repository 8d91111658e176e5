import Foundation
import QuizContent
import QuizCore
import QuizStore
import QuizTrust

/// A certification attempt being taken: the attempt, its blueprint, and the attempt key
/// (proctored attempts) that signs each answer and the submission, held only in memory.
struct CertifiedRun {
  var attempt: ExamAttempt
  var blueprint: ExamBlueprint
  var key: AttemptKey?
}

/// Whether a learner may start a certification attempt now, and if not why.
enum AttemptPermission: Equatable {
  case allowed(attemptsLeft: Int)
  /// The exam's rules say no (a valid pass, attempts used up, a cooldown).
  case refused(ExamEligibility)
  /// An earlier attempt is still waiting for grading.
  case waitingForGrading(attempt: String)
  /// An attempt of this exam is running (resume it instead).
  case running(ExamAttempt)
}

/// Starting, resuming and closing certification attempts: the rules of the blueprint
/// (eligibility, drawing, the deadline), the proctor's unlock and the attempt keys. The
/// answering itself runs on the session engine through `SessionHost`.
struct ExamSitting {
  var course: Course
  var store: any ProgressStore
  var now: () -> Date

  /// The session scope of certification attempts of an exam.
  static func scope(_ examID: String) -> String { "exam:\(examID)" }

  /// How long after the deadline an attempt key may still sign (the submission at the deadline).
  static let keyGrace: TimeInterval = 120

  /// What the rules allow now, from the learner's earlier attempts of this exam.
  func permission(learner: Learner, blueprint: ExamBlueprint) throws(StoreError) -> AttemptPermission {
    let attempts = try store.attempts(learner: learner.id).filter { $0.examID == blueprint.id }
    if let running = attempts.first(where: { $0.status == .running }) { return .running(running) }
    if let waiting = attempts.first(where: { $0.status == .submitted }) {
      return .waitingForGrading(attempt: waiting.id)
    }
    // A revoked certificate is not a valid pass.
    let revoked = Set(try store.certificates().filter { $0.revocation != nil }.map(\.attemptID))
    let finished = attempts.compactMap { attempt -> ExamEligibility.Attempt? in
      guard let ended = attempt.endedAt else { return nil }
      return ExamEligibility.Attempt(endedAt: ended, passed: attempt.passed == true && !revoked.contains(attempt.id))
    }
    switch ExamEligibility.at(now(), blueprint: blueprint, attempts: finished) {
    case .allowed(let left): return .allowed(attemptsLeft: left)
    case let other: return .refused(other)
    }
  }

  /// Closes every running attempt of the learner whose deadline has passed (the program was
  /// closed during the attempt): submitted as it stands, without a key (none survives a
  /// restart). Returns the attempts closed.
  func closeExpired(learner: Learner) throws(StoreError) -> [ExamAttempt] {
    let current = now()
    return try store.attempts(learner: learner.id).filter { $0.status == .running && $0.deadline <= current }.map {
      attempt throws(StoreError) in try store.submitAttempt(attempt.id, at: attempt.deadline, key: nil)
    }
  }

  /// Starts an attempt: draws the questions (seeded; questions of earlier attempts last), and
  /// for a proctored exam certifies a fresh attempt key with the organisation key.
  func start(
    learner: Learner, blueprint: ExamBlueprint, seed: UInt64, organisation: OrganisationKey?
  ) throws(StoreError) -> Result<(SessionRecord, CertifiedRun), ExamDraw.Shortfall> {
    let scope = Self.scope(blueprint.id)
    let earlier = try store.sessions(learner: learner.id).filter { $0.scope == scope }
    let seen = Set(earlier.flatMap { $0.plan?.queue ?? [] })
    let ids: [String]
    switch ExamDraw.draw(blueprint, from: course.questions, seed: seed, seen: seen) {
    case .success(let drawn): ids = drawn
    case .failure(let shortfall): return .failure(shortfall)
    }
    let started = now()
    let deadline = started.addingTimeInterval(blueprint.timeLimit)
    var plan = SessionPlan(queue: ids, seed: seed, deadline: deadline)
    plan.shufflesChoices = blueprint.shuffleChoices
    let id = UUID().uuidString.lowercased()
    let key =
      blueprint.proctored ? organisation.map { Self.attemptKey(id, learner, blueprint.id, started, deadline, $0) } : nil
    let new = NewSession(
      learnerID: learner.id, kind: .exam, scope: scope, courseID: course.id, contentVersion: course.version,
      startedAt: started, plan: plan, reschedules: false)
    let attempt = try store.startAttempt(
      new,
      attempt: NewAttempt(
        id: id, examID: blueprint.id, examTitle: blueprint.title, contentHash: Self.contentHash(course),
        passMark: blueprint.passMark, proctored: blueprint.proctored, deadline: deadline, queue: ids,
        grant: key?.certificate),
      unlockedBy: blueprint.proctored ? organisation : nil)
    let session = SessionRecord(
      id: attempt.sessionID, learnerID: learner.id, kind: .exam, scope: scope, courseID: course.id,
      contentVersion: course.version, startedAt: started, endedAt: nil, status: .active, plan: plan, reschedules: false)
    return .success((session, CertifiedRun(attempt: attempt, blueprint: blueprint, key: key)))
  }

  /// A proctor unlocks an interrupted proctored attempt again: a new attempt key, certified
  /// for what is left of the time.
  func resume(_ attempt: ExamAttempt, blueprint: ExamBlueprint, organisation: OrganisationKey?) throws(StoreError)
    -> CertifiedRun
  {
    guard attempt.proctored, let organisation else { return CertifiedRun(attempt: attempt, blueprint: blueprint) }
    let current = now()
    let learner = try store.learners().first { $0.id == attempt.learnerID }
    let key = Self.attemptKey(
      attempt.id, learner ?? Learner(id: attempt.learnerID, name: "", displayName: "", createdAt: current),
      attempt.examID, current, attempt.deadline, organisation)
    try store.unlock(attempt: attempt.id, grant: key.certificate, at: current, by: organisation)
    var resumed = attempt
    resumed.grants.append(key.certificate)
    return CertifiedRun(attempt: resumed, blueprint: blueprint, key: key)
  }

  static func attemptKey(
    _ id: String, _ learner: Learner, _ examID: String, _ start: Date, _ deadline: Date, _ organisation: OrganisationKey
  ) -> AttemptKey {
    AttemptKey(
      attemptID: id, learner: String(learner.id), examID: examID, notBefore: start,
      notAfter: deadline.addingTimeInterval(keyGrace), certifiedBy: organisation)
  }

  /// The hash of the whole course's questions, as graded (`CourseJSON.hash(of:)` of each, in order).
  static func contentHash(_ course: Course) -> String {
    Digest.sha256(course.questions.map { $0.id + "=" + CourseJSON.hash(of: $0) }.joined(separator: "\n"))
  }
}
