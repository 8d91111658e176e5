import Foundation
import QuizCore
import QuizTrust

/// The store port in memory, for tests: the same behaviour as `SQLiteStore` (the contract
/// suite checks both), nothing on disk. Thread-safe; every call is atomic.
public final class InMemoryStore: ProgressStore, @unchecked Sendable {
  private struct State {
    var learners: [Learner] = []
    var lastLearner: String?
    var sessions: [SessionRecord] = []
    var answers: [AnswerRecord] = []
    var cards: [String: CardRecord] = [:]
    var reads: [String: (first: Date, last: Date)] = [:]
    var nextID: Int64 = 1
    var attempts: [ExamAttempt] = []
    var events: [String: [AttemptEventRecord]] = [:]
    var grades: [ManualGrade] = []
    var audit: [AuditEntry] = []
    var checkpoints: [Signed<AuditCheckpoint>] = []
    var certificates: [StoredCertificate] = []

    mutating func append(
      at date: Date, kind: String, payload: [String: CanonicalJSON], signer: (any Signer)?
    ) throws(StoreError) {
      audit.append(try Ledger.entry(after: audit.last, at: date, kind: kind, payload: payload, signer: signer))
    }

    mutating func checkpoint(at date: Date, by organisation: OrganisationKey) -> Signed<AuditCheckpoint> {
      let checkpoint = AuditCheckpoint(head: audit.last, time: date).signed(by: organisation)
      checkpoints.append(checkpoint)
      return checkpoint
    }

    func attempt(_ id: String) -> (index: Int, attempt: ExamAttempt)? {
      attempts.firstIndex { $0.id == id }.map { ($0, attempts[$0]) }
    }

    mutating func id() -> Int64 {
      defer { nextID += 1 }
      return nextID
    }
  }

  private let lock = NSLock()
  private var state = State()
  private var log: [String] = []

  /// Every write so far, by name (`answer`, `skip`, `plan`, `end finished`, …), one per
  /// transaction a database would run: tests count them.
  public var writes: [String] {
    lock.lock()
    defer { lock.unlock() }
    return log
  }

  public let location = "memory"

  public init() {}

  private func withState<T>(_ body: (inout State) throws(StoreError) -> T) throws(StoreError) -> T {
    lock.lock()
    defer { lock.unlock() }
    var copy = state
    let value = try body(&copy)
    state = copy  // all or nothing, like a transaction
    return value
  }

  /// A write: logged, then run as one transaction.
  private func writing<T>(_ name: String, _ body: (inout State) throws(StoreError) -> T) throws(StoreError) -> T {
    let value = try withState(body)
    lock.lock()
    log.append(name)
    lock.unlock()
    return value
  }

  /// What a database's foreign keys enforce: answers belong to a learner and a session that exist.
  private static func requireReferences(learner: Int64, session: Int64?, in state: State) throws(StoreError) {
    guard state.learners.contains(where: { $0.id == learner }),
      session.map({ id in state.sessions.contains { $0.id == id } }) ?? true
    else {
      throw .io(path: "memory", detail: "FOREIGN KEY constraint failed")
    }
  }

  private static func cardKey(_ learner: Int64, _ question: String) -> String { "\(learner)\u{1F}\(question)" }

  // MARK: Learners

  public func learners() throws(StoreError) -> [Learner] {
    try withState { $0.learners.sorted { $0.name < $1.name } }
  }

  public func learner(named name: String) throws(StoreError) -> Learner? {
    try withState { state in state.learners.first { $0.name == name } }
  }

  public func createLearner(named name: String, displayName: String?, at date: Date) throws(StoreError) -> Learner {
    guard case .success(let valid) = Learner.validName(name), valid == name else {
      throw .invalid(
        detail: "a learner's name must be 1–\(Learner.maximumNameLength) characters without control characters")
    }
    return try writing("learner") { (state: inout State) throws(StoreError) in
      if let existing = state.learners.first(where: { $0.name == name }) { return existing }
      let learner = Learner(id: state.id(), name: name, displayName: displayName ?? name, createdAt: date)
      state.learners.append(learner)
      try state.append(at: date, kind: AuditKind.learnerCreated, payload: Ledger.learnerCreated(learner), signer: nil)
      return learner
    }
  }

  public func lastLearner() throws(StoreError) -> Learner? {
    try withState { state in state.lastLearner.flatMap { name in state.learners.first { $0.name == name } } }
  }

  public func setLastLearner(_ learner: Learner) throws(StoreError) {
    try writing("last learner") { $0.lastLearner = learner.name }
  }

  // MARK: Sessions

  public func start(_ session: NewSession) throws(StoreError) -> SessionRecord {
    try writing("start") { (state: inout State) throws(StoreError) in
      try Self.requireReferences(learner: session.learnerID, session: nil, in: state)
      let record = SessionRecord(
        id: state.id(), learnerID: session.learnerID, kind: session.kind, scope: session.scope,
        courseID: session.courseID, contentVersion: session.contentVersion, startedAt: session.startedAt,
        endedAt: nil, status: .active, plan: session.plan, reschedules: session.reschedules)
      state.sessions.append(record)
      return record
    }
  }

  public func savePlan(_ plan: SessionPlan, session: Int64) throws(StoreError) {
    try writing("plan") { state in
      if let index = state.sessions.firstIndex(where: { $0.id == session }) { state.sessions[index].plan = plan }
    }
  }

  public func end(session: Int64, status: SessionStatus, at date: Date) throws(StoreError) {
    try writing("end \(status.rawValue)") { state in
      if let index = state.sessions.firstIndex(where: { $0.id == session }) {
        state.sessions[index].status = status
        state.sessions[index].endedAt = date
      }
    }
  }

  public func interruptedSession(learner: Int64) throws(StoreError) -> SessionRecord? {
    try withState { state in state.sessions.last { $0.learnerID == learner && $0.status == .active } }
  }

  public func abandonInterrupted(learner: Int64, at date: Date) throws(StoreError) -> Int {
    try writing("abandon") { state in
      var count = 0
      for index in state.sessions.indices
      where state.sessions[index].learnerID == learner && state.sessions[index].status == .active
        && !state.attempts.contains(where: { $0.sessionID == state.sessions[index].id && $0.status == .running })
      {
        state.sessions[index].status = .abandoned
        state.sessions[index].endedAt = date
        count += 1
      }
      return count
    }
  }

  public func sessions(learner: Int64) throws(StoreError) -> [SessionRecord] {
    try withState { state in state.sessions.filter { $0.learnerID == learner } }
  }

  public func history(learner: Int64, limit: Int) throws(StoreError) -> [SessionSummary] {
    try withState { state in
      state.sessions.filter { $0.learnerID == learner }.reversed().prefix(max(limit, 0)).map { session in
        SessionSummary(session: session, answers: state.answers.filter { $0.sessionID == session.id })
      }
    }
  }

  // MARK: Answers and cards

  public func record(_ answer: NewAnswer, review: CardReview?, plan: SessionPlan?) throws(StoreError)
    -> RecordedAnswer
  {
    try writing("answer") { (state: inout State) throws(StoreError) in
      try Self.requireReferences(learner: answer.learnerID, session: answer.sessionID, in: state)
      let saved = AnswerRecord(id: state.id(), answer)
      state.answers.append(saved)
      var before: CardRecord?
      var after: CardRecord?
      if let review {
        let key = Self.cardKey(answer.learnerID, answer.questionID)
        before = state.cards[key]
        let next = CardRecord.reviewed(
          before, learner: answer.learnerID, question: answer.questionID, lesson: answer.lessonID, review: review)
        state.cards[key] = next
        after = next
      }
      if let plan, let session = answer.sessionID, let index = state.sessions.firstIndex(where: { $0.id == session }) {
        state.sessions[index].plan = plan
      }
      return RecordedAnswer(answer: saved, cardBefore: before, cardAfter: after)
    }
  }

  public func recordSittings(_ sittings: [PaperSitting], creating create: Set<String>, at date: Date)
    throws(StoreError) -> Int
  {
    for name in create {
      guard case .success(let valid) = Learner.validName(name), valid == name else {
        throw .invalid(
          detail: "a learner's name must be 1–\(Learner.maximumNameLength) characters without control characters")
      }
    }
    return try writing("sittings") { (state: inout State) throws(StoreError) in
      var ids: [String: Int64] = [:]
      for name in Set(sittings.map(\.learner)).sorted() {
        if let existing = state.learners.first(where: { $0.name == name }) {
          ids[name] = existing.id
        } else if create.contains(name) {
          let learner = Learner(id: state.id(), name: name, displayName: name, createdAt: date)
          state.learners.append(learner)
          try state.append(
            at: date, kind: AuditKind.learnerCreated, payload: Ledger.learnerCreated(learner), signer: nil)
          ids[name] = learner.id
        } else {
          throw .invalid(detail: "no learner \(name)")
        }
      }
      for sitting in sittings {
        guard let learner = ids[sitting.learner] else { continue }
        let session = sitting.session
        let record = SessionRecord(
          id: state.id(), learnerID: learner, kind: session.kind, scope: session.scope, courseID: session.courseID,
          contentVersion: session.contentVersion, startedAt: session.startedAt, endedAt: session.startedAt,
          status: .finished, plan: session.plan, reschedules: session.reschedules)
        state.sessions.append(record)
        for var answer in sitting.answers {
          answer.learnerID = learner
          answer.sessionID = record.id
          state.answers.append(AnswerRecord(id: state.id(), answer))
        }
      }
      return sittings.count
    }
  }

  public func recordSkip(
    learner: Int64, session: Int64, question: String, lesson: String, review: CardReview?, plan: SessionPlan
  ) throws(StoreError) {
    try writing("skip") { (state: inout State) throws(StoreError) in
      try Self.requireReferences(learner: learner, session: session, in: state)
      if let review {
        let key = Self.cardKey(learner, question)
        state.cards[key] = CardRecord.reviewed(
          state.cards[key], learner: learner, question: question, lesson: lesson, review: review)
      }
      if let index = state.sessions.firstIndex(where: { $0.id == session }) { state.sessions[index].plan = plan }
    }
  }

  public func replaceCard(_ expected: CardRecord, with replacement: CardRecord) throws(StoreError) -> Bool {
    try writing("card") { state in
      let key = Self.cardKey(expected.learnerID, expected.questionID)
      guard state.cards[key] == expected else { return false }
      state.cards[key] = replacement
      return true
    }
  }

  public func answers(session: Int64) throws(StoreError) -> [AnswerRecord] {
    try withState { state in state.answers.filter { $0.sessionID == session } }
  }

  public func answers(learner: Int64) throws(StoreError) -> [AnswerRecord] {
    try withState { state in state.answers.filter { $0.learnerID == learner } }
  }

  public func card(learner: Int64, question: String) throws(StoreError) -> CardRecord? {
    try withState { $0.cards[Self.cardKey(learner, question)] }
  }

  public func cards(learner: Int64) throws(StoreError) -> [CardRecord] {
    try withState { state in
      state.cards.values.filter { $0.learnerID == learner }.sorted { $0.questionID < $1.questionID }
    }
  }

  public func dueCounts(learner: Int64, now: Date, endOfDay: Date) throws(StoreError) -> DueCounts {
    let cards = try cards(learner: learner)
    let week = now.addingTimeInterval(7 * 86_400)
    return DueCounts(
      now: cards.filter { $0.due <= now }.count, today: cards.filter { $0.due <= endOfDay }.count,
      week: cards.filter { $0.due <= week }.count)
  }

  public func reviewsDone(learner: Int64, since start: Date) throws(StoreError) -> (all: Int, new: Int) {
    try withState { state in
      let reviewSessions = Set(state.sessions.filter { $0.kind == .review }.map(\.id))
      var seen: Set<String> = []
      var all = 0
      var new = 0
      for answer in state.answers where answer.learnerID == learner {
        let first = seen.insert(answer.questionID).inserted
        guard let session = answer.sessionID, reviewSessions.contains(session), answer.answeredAt >= start else {
          continue
        }
        all += 1
        if first { new += 1 }
      }
      return (all, new)
    }
  }

  // MARK: Reading

  public func markRead(learner: Int64, lesson: String, section: String, at date: Date) throws(StoreError) {
    try writing("read") { state in
      let key = "\(learner)\u{1F}\(lesson)\u{1F}\(section)"
      state.reads[key] = (state.reads[key]?.first ?? date, date)
    }
  }

  public func readLessons(learner: Int64) throws(StoreError) -> [String: Date] {
    try withState { state in
      var lessons: [String: Date] = [:]
      for (key, value) in state.reads {
        let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == String(learner) else { continue }
        lessons[parts[1]] = max(lessons[parts[1]] ?? value.last, value.last)
      }
      return lessons
    }
  }

  // MARK: Progress

  /// The sessions of certification attempts that are not final: their answers stay out of the
  /// learner's scores, mastery and notebook until a manager has sealed the attempt.
  private func sealedAway() throws(StoreError) -> Set<Int64> {
    try withState { state in Set(state.attempts.filter { $0.status != .final }.map(\.sessionID)) }
  }

  /// A learner's answers that progress views may use (`sealedAway` left out).
  private func visibleAnswers(learner: Int64) throws(StoreError) -> [AnswerRecord] {
    let hidden = try sealedAway()
    return try answers(learner: learner).filter { $0.sessionID.map { !hidden.contains($0) } ?? true }
  }

  public func lessonMastery(learner: Int64) throws(StoreError) -> [LessonMastery] {
    let answers = try visibleAnswers(learner: learner).filter { !$0.needsReview }
    var latest: [String: AnswerRecord] = [:]
    var best: [String: Double] = [:]
    for answer in answers {
      latest[answer.questionID] = answer
      best[answer.questionID] = max(best[answer.questionID] ?? 0, answer.fraction)
    }
    var byLesson: [String: LessonMastery] = [:]
    for (question, answer) in latest {
      var entry =
        byLesson[answer.lessonID] ?? LessonMastery(lessonID: answer.lessonID, answered: 0, latestSum: 0, bestSum: 0)
      entry.answered += 1
      entry.latestSum += answer.fraction
      entry.bestSum += best[question] ?? 0
      byLesson[answer.lessonID] = entry
    }
    return byLesson.values.sorted { $0.lessonID < $1.lessonID }
  }

  /// The ids of the answers that count for scores: per session and question the first (the
  /// latest in an exam), each answer outside a session on its own; none waiting for review.
  private func countedAnswers(learner: Int64?) throws(StoreError) -> [AnswerRecord] {
    let hidden = try sealedAway()
    return try withState { state in
      let exams = Set(state.sessions.filter { $0.kind == .exam }.map(\.id))
      var chosen: [String: AnswerRecord] = [:]
      for answer in state.answers where learner == nil || answer.learnerID == learner {
        if let session = answer.sessionID, hidden.contains(session) { continue }
        let key = "\(answer.sessionID.map(String.init) ?? "a\(answer.id)")|\(answer.questionID)"
        if chosen[key] == nil || answer.sessionID.map(exams.contains) == true { chosen[key] = answer }
      }
      return chosen.values.filter { !$0.needsReview }.sorted { $0.id < $1.id }
    }
  }

  public func accuracyByType(learner: Int64) throws(StoreError) -> [Accuracy] {
    try accuracy(learner: learner) { [$0.questionType] }
  }

  public func accuracyByTag(learner: Int64) throws(StoreError) -> [Accuracy] {
    try accuracy(learner: learner) { $0.tags }
  }

  private func accuracy(learner: Int64, keys: (AnswerRecord) -> [String]) throws(StoreError) -> [Accuracy] {
    var groups: [String: [Double]] = [:]
    for answer in try countedAnswers(learner: learner) {
      for key in keys(answer) { groups[key, default: []].append(answer.fraction) }
    }
    return groups.keys.sorted().map { key in
      let values = groups[key] ?? []
      let recent = values.suffix(values.count / 2)
      return Accuracy(
        key: key, answers: values.count, mean: values.reduce(0, +) / Double(values.count),
        recentMean: values.count >= 4 ? recent.reduce(0, +) / Double(recent.count) : nil)
    }
  }

  public func mistakes(learner: Int64) throws(StoreError) -> [Mistake] {
    let answers = try visibleAnswers(learner: learner)
    var lastWrong: [String: AnswerRecord] = [:]
    var attempts: [String: Int] = [:]
    for answer in answers {
      attempts[answer.questionID, default: 0] += 1
      // An answer waiting for a person is not known to be wrong.
      if !answer.isCorrect && !answer.needsReview { lastWrong[answer.questionID] = answer }
    }
    let open = lastWrong.values.filter { wrong in
      !answers.contains { other in
        other.questionID == wrong.questionID && other.isCorrect && other.id > wrong.id
          && (wrong.sessionID == nil || other.sessionID == nil || other.sessionID != wrong.sessionID)
      }
    }
    return open.sorted { $0.id > $1.id }.map {
      Mistake(
        questionID: $0.questionID, lessonID: $0.lessonID, fraction: $0.fraction, answeredAt: $0.answeredAt,
        attempts: attempts[$0.questionID] ?? 1)
    }
  }

  public func readSections(learner: Int64) throws(StoreError) -> [String: Set<String>] {
    try withState { state in
      var sections: [String: Set<String>] = [:]
      for key in state.reads.keys {
        let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == String(learner), !parts[2].isEmpty else { continue }
        sections[parts[1], default: []].insert(parts[2])
      }
      return sections
    }
  }

  public func studyDays(learner: Int64, calendar: Calendar) throws(StoreError) -> Set<Date> {
    let answered = try answers(learner: learner).map(\.answeredAt)
    let read: [Date] = try withState { state in
      state.reads.filter { $0.key.hasPrefix("\(learner)\u{1F}") }.map(\.value.last)
    }
    return Set((answered + read).map { calendar.startOfDay(for: $0) })
  }

  public func summary() throws(StoreError) -> [LearnerSummary] {
    let counted = try countedAnswers(learner: nil)
    return try withState { state in
      state.learners.sorted { $0.name < $1.name }.map { learner in
        let answers = state.answers.filter { $0.learnerID == learner.id }
        let scores = counted.filter { $0.learnerID == learner.id }.map(\.fraction)
        return LearnerSummary(
          learnerID: learner.id, name: learner.name, answers: answers.count,
          questions: Set(answers.map(\.questionID)).count,
          mean: scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count),
          lastAnsweredAt: answers.map(\.answeredAt).max())
      }
    }
  }

  // MARK: Maintenance

  public func backup(to destination: String) throws(StoreError) {
    throw .io(path: destination, detail: "an in-memory store has no file to back up")
  }

  public func check() throws(StoreError) -> StoreCheck {
    try withState { state in
      StoreCheck(
        integrity: ["ok"], schemaVersion: Schema.latestVersion, learners: state.learners.count,
        sessions: state.sessions.count, answers: state.answers.count)
    }
  }

  // MARK: Certification

  public func startAttempt(_ session: NewSession, attempt new: NewAttempt, unlockedBy organisation: OrganisationKey?)
    throws(StoreError) -> ExamAttempt
  {
    guard new.proctored == (new.grant != nil), !new.proctored || organisation != nil else {
      throw .invalid(detail: "a proctored attempt needs its key grant and the organisation key")
    }
    return try writing("attempt start") { (state: inout State) throws(StoreError) in
      try Self.requireReferences(learner: session.learnerID, session: nil, in: state)
      guard state.attempt(new.id) == nil else { throw .io(path: "memory", detail: "UNIQUE constraint failed") }
      let record = SessionRecord(
        id: state.id(), learnerID: session.learnerID, kind: session.kind, scope: session.scope,
        courseID: session.courseID, contentVersion: session.contentVersion, startedAt: session.startedAt,
        endedAt: nil, status: .active, plan: session.plan, reschedules: session.reschedules)
      state.sessions.append(record)
      let attempt = ExamAttempt(
        id: new.id, learnerID: session.learnerID, sessionID: record.id, examID: new.examID, examTitle: new.examTitle,
        courseID: session.courseID, contentVersion: session.contentVersion, contentHash: new.contentHash,
        passMark: new.passMark, proctored: new.proctored, startedAt: session.startedAt, deadline: new.deadline,
        queue: new.queue, status: .running, submittedAt: nil, submission: nil, grants: new.grant.map { [$0] } ?? [],
        score: nil,
        passed: nil, finalizedAt: nil)
      state.attempts.append(attempt)
      try state.append(
        at: session.startedAt, kind: new.proctored ? AuditKind.examUnlocked : AuditKind.examStarted,
        payload: Ledger.attemptStarted(attempt, grant: new.grant), signer: organisation)
      if let organisation { _ = state.checkpoint(at: session.startedAt, by: organisation) }
      return attempt
    }
  }

  public func unlock(attempt id: String, grant: Signed<AttemptGrant>, at date: Date, by organisation: OrganisationKey)
    throws(StoreError)
  {
    try writing("attempt unlock") { (state: inout State) throws(StoreError) in
      guard let (index, attempt) = state.attempt(id), attempt.status == .running, attempt.proctored else {
        throw .invalid(detail: "attempt \(id) is not a running proctored attempt")
      }
      state.attempts[index].grants.append(grant)
      try state.append(
        at: date, kind: AuditKind.examResumed, payload: Ledger.unlocked(attempt: id, grant: grant),
        signer: organisation)
      _ = state.checkpoint(at: date, by: organisation)
    }
  }

  public func record(_ answer: NewAnswer, plan: SessionPlan, attempt context: AttemptAnswer) throws(StoreError)
    -> RecordedAnswer
  {
    try writing("answer") { (state: inout State) throws(StoreError) in
      guard let (_, attempt) = state.attempt(context.attemptID), attempt.status == .running,
        attempt.sessionID == answer.sessionID
      else {
        throw .invalid(detail: "attempt \(context.attemptID) is not running in this session")
      }
      try Self.requireReferences(learner: answer.learnerID, session: answer.sessionID, in: state)
      let saved = AnswerRecord(id: state.id(), answer)
      state.answers.append(saved)
      let sequence = (state.events[attempt.id]?.count ?? 0) + 1
      let event = Ledger.event(for: answer, sequence: sequence, attempt: context)
      state.events[attempt.id, default: []].append(
        AttemptEventRecord(event: event, signed: context.key.map { $0.sign(event) }, answerID: saved.id))
      try state.append(
        at: answer.answeredAt, kind: context.key == nil ? AuditKind.examAnswerUnproctored : AuditKind.examAnswer,
        payload: Ledger.answered(event, answerID: saved.id), signer: context.key)
      if let index = state.sessions.firstIndex(where: { $0.id == attempt.sessionID }) {
        state.sessions[index].plan = plan
      }
      return RecordedAnswer(answer: saved, cardBefore: nil, cardAfter: nil)
    }
  }

  public func submitAttempt(_ id: String, at date: Date, key: AttemptKey?) throws(StoreError) -> ExamAttempt {
    try writing("attempt submit") { (state: inout State) throws(StoreError) in
      guard let (index, attempt) = state.attempt(id), attempt.status == .running else {
        throw .invalid(detail: "attempt \(id) is not running")
      }
      let events = state.events[id] ?? []
      let signed = events.compactMap(\.signed)
      let submission = key != nil && signed.count == events.count ? key?.submit(signed, at: date) : nil
      state.attempts[index].status = .submitted
      state.attempts[index].submittedAt = date
      state.attempts[index].submission = submission
      if let session = state.sessions.firstIndex(where: { $0.id == attempt.sessionID }) {
        state.sessions[session].status = .finished
        state.sessions[session].endedAt = date
      }
      try state.append(
        at: date, kind: submission == nil ? AuditKind.examClosed : AuditKind.examSubmitted,
        payload: Ledger.submitted(
          attempt: id, at: date, events: events.count, digest: submission?.statement.eventsDigest),
        signer: submission == nil ? nil : key)
      return state.attempts[index]
    }
  }

  public func attempts(learner: Int64?) throws(StoreError) -> [ExamAttempt] {
    try withState { state in state.attempts.filter { learner == nil || $0.learnerID == learner } }
  }

  public func attempt(id: String) throws(StoreError) -> ExamAttempt? {
    try withState { state in state.attempt(id)?.attempt }
  }

  public func attempt(session: Int64) throws(StoreError) -> ExamAttempt? {
    try withState { state in state.attempts.first { $0.sessionID == session } }
  }

  public func attemptEvents(_ id: String) throws(StoreError) -> [AttemptEventRecord] {
    try withState { state in state.events[id] ?? [] }
  }

  public func gradeManually(_ grade: ManualGrade, by organisation: OrganisationKey) throws(StoreError) {
    guard grade.marks >= 0, grade.marks <= grade.maximumMarks + Credit.tolerance, grade.maximumMarks > 0 else {
      throw .invalid(detail: "marks must be from 0 to \(grade.maximumMarks)")
    }
    try writing("manual grade") { (state: inout State) throws(StoreError) in
      guard let (_, attempt) = state.attempt(grade.attemptID), attempt.status == .submitted else {
        throw .invalid(detail: "attempt \(grade.attemptID) is not waiting for grading")
      }
      // Only an answer that was signed as waiting for a person (no marks in its event) is
      // graded by one, and only once.
      guard let event = (state.events[attempt.id] ?? []).first(where: { $0.answerID == grade.answerID }),
        event.event.marks == nil, !state.grades.contains(where: { $0.answerID == grade.answerID }),
        let index = state.answers.firstIndex(where: { $0.id == grade.answerID })
      else {
        throw .invalid(detail: "answer \(grade.answerID) of attempt \(grade.attemptID) is not waiting for a person")
      }
      state.grades.append(grade)
      state.answers[index].fraction = grade.fraction
      state.answers[index].outcome = Outcome(fraction: grade.fraction)
      state.answers[index].needsReview = false
      try state.append(
        at: grade.gradedAt, kind: AuditKind.manualGrade, payload: Ledger.manualGradePayload(grade),
        signer: organisation)
      _ = state.checkpoint(at: grade.gradedAt, by: organisation)
    }
  }

  public func manualGrades(attempt: String) throws(StoreError) -> [ManualGrade] {
    try withState { state in state.grades.filter { $0.attemptID == attempt } }
  }

  public func finalize(
    attempt id: String, score: Double, passed: Bool, answersDigest: String, at date: Date,
    by organisation: OrganisationKey
  ) throws(StoreError) -> ExamAttempt {
    try writing("attempt final") { (state: inout State) throws(StoreError) in
      guard let (index, attempt) = state.attempt(id), attempt.status == .submitted else {
        throw .invalid(detail: "attempt \(id) is not submitted")
      }
      // The answers that count are the latest event of each item (as in every store).
      let waitingIDs = Set(state.answers.filter { $0.sessionID == attempt.sessionID && $0.needsReview }.map(\.id))
      let waiting = Ledger.latestByItem(state.events[id] ?? []).filter { waitingIDs.contains($0.answerID) }.count
      guard waiting == 0 else { throw .invalid(detail: "attempt \(id) has \(waiting) answers to grade") }
      state.attempts[index].status = .final
      state.attempts[index].score = score
      state.attempts[index].passed = passed
      state.attempts[index].finalizedAt = date
      try state.append(
        at: date, kind: AuditKind.attemptFinal,
        payload: Ledger.finalPayload(attempt: id, score: score, passed: passed, answersDigest: answersDigest),
        signer: organisation)
      _ = state.checkpoint(at: date, by: organisation)
      return state.attempts[index]
    }
  }

  public func issue(
    at date: Date, by organisation: OrganisationKey,
    _ make: (Signed<AuditCheckpoint>) throws(StoreError) -> StoredCertificate
  ) throws(StoreError) -> StoredCertificate {
    try writing("certificate") { (state: inout State) throws(StoreError) in
      let checkpoint = state.checkpoint(at: date, by: organisation)
      let certificate = try make(checkpoint)
      guard let (_, attempt) = state.attempt(certificate.attemptID), attempt.status == .final, attempt.passed == true
      else {
        throw .invalid(detail: "attempt \(certificate.attemptID) is not a final pass")
      }
      guard !state.certificates.contains(where: { $0.attemptID == certificate.attemptID || $0.id == certificate.id })
      else {
        throw .invalid(detail: "attempt \(certificate.attemptID) already has a certificate")
      }
      state.certificates.append(certificate)
      try state.append(
        at: date, kind: AuditKind.certificateIssued, payload: Ledger.issuedPayload(certificate), signer: organisation)
      _ = state.checkpoint(at: date, by: organisation)
      return certificate
    }
  }

  public func certificates() throws(StoreError) -> [StoredCertificate] {
    try withState { state in state.certificates }
  }

  public func revoke(certificate id: String, reason: String, at date: Date, by organisation: OrganisationKey)
    throws(StoreError) -> StoredCertificate
  {
    try writing("revoke") { (state: inout State) throws(StoreError) in
      guard let index = state.certificates.firstIndex(where: { $0.id == id }) else {
        throw .invalid(detail: "no certificate \(id)")
      }
      guard state.certificates[index].revocation == nil else {
        throw .invalid(detail: "certificate \(id) is already revoked")
      }
      let revocation = RevocationList([.init(certificateID: id, reason: reason, revokedAt: date)]).signed(
        by: organisation)
      state.certificates[index].revocation = revocation
      try state.append(
        at: date, kind: AuditKind.certificateRevoked, payload: Ledger.revokedPayload(id: id, revocation: revocation),
        signer: organisation)
      _ = state.checkpoint(at: date, by: organisation)
      return state.certificates[index]
    }
  }

  public func auditLog() throws(StoreError) -> [AuditEntry] {
    try withState { state in state.audit }
  }

  /// The in-memory store takes no results bundles in.
  public func importedSources() throws(StoreError) -> [ImportedSource] { [] }

  public func checkpoints() throws(StoreError) -> [Signed<AuditCheckpoint>] {
    try withState { state in state.checkpoints }
  }

  public func checkpoint(at date: Date, by organisation: OrganisationKey) throws(StoreError)
    -> Signed<AuditCheckpoint>
  {
    try writing("checkpoint") { state in state.checkpoint(at: date, by: organisation) }
  }

}
