import Foundation

/// One study session (practice, review, mistakes or an exam) as a state machine: events
/// in, effects out.
///
/// The engine is a value and does no I/O: it parses and grades typed answers, decides what
/// to ask next, when to show grades (the `FeedbackPolicy`), what to save and when the
/// session is over. A host feeds it events with the time they happened and carries out the
/// effects in order (see `SessionEffect`). Practice and exams are the same engine with two
/// feedback policies.
public struct SessionEngine: Sendable {
  /// Where the session is between two events.
  public enum Phase: Sendable, Hashable {
    /// `start(at:)` has not been called yet.
    case ready
    /// A question is on screen.
    case answering
    /// A correct answer was explained; waiting for "too easy?" (`easy` or `proceed`).
    case awaitingEase
    /// "Submit now?" was asked.
    case confirmingSubmit
    /// The session is over; further events do nothing.
    case ended
  }

  /// How the session behaves.
  public let configuration: SessionConfiguration
  /// The plan, as saved with every answer.
  public private(set) var plan: SessionPlan
  /// Where the session is.
  public private(set) var phase: Phase = .ready

  private let questions: [String: Question]
  private var shownAt: Date?
  /// Whether a saved call was dropped because its question changed (said at the start).
  private var restartedCalls = false
  private var pendingEase: RatingChange?

  /// A session over `plan`; questions the plan names that are not in `questions` (content
  /// changed since the plan was made) are dropped.
  public init(plan: SessionPlan, questions: [Question], configuration: SessionConfiguration) {
    var byID: [String: Question] = [:]
    for question in questions where byID[question.id] == nil { byID[question.id] = question }
    var plan = plan
    plan.keep(onlyIDs: Set(byID.keys))
    // Calls saved with a question that has changed since start again.
    for (id, progress) in plan.calls ?? [:] {
      guard case .scenario(let scenario)? = byID[id]?.kind, progress.fits(scenario) else {
        plan.setCall(nil, for: id)
        restartedCalls = true
        continue
      }
    }
    if configuration.feedback == .deferred { plan.position = min(plan.position, max(plan.queue.count - 1, 0)) }
    self.plan = plan
    self.questions = byID
    self.configuration = configuration
  }

  private var isDeferred: Bool { configuration.feedback == .deferred }

  /// The question on screen, if any.
  public var current: Question? {
    guard phase != .ended, plan.position < plan.queue.count else { return nil }
    return questions[plan.queue[plan.position]]
  }

  /// The score so far, by the one rule of `SessionResult`.
  public var result: SessionResult { SessionResult(plan: plan, feedback: configuration.feedback) }

  /// How many other questions come between a wrong answer and its second attempt.
  public static let retrySpacing = 3

  /// The layout of a question in this session: the same every time it is shown, also after
  /// a resume; a second attempt gets another order, so that it is not answered by position.
  public func layout(for question: Question) -> Layout {
    guard plan.shufflesChoices else { return Layout.identity(for: question) }
    let retry = !isDeferred && plan.scores[question.id] != nil
    var generator = SeededGenerator(seed: plan.seed, salt: retry ? question.id + "#retry" : question.id)
    let layout = Layout.shuffled(for: question, using: &generator)
    guard retry else { return layout }
    var first = SeededGenerator(seed: plan.seed, salt: question.id)
    let before = Layout.shuffled(for: question, using: &first)
    // Where the orders happen to coincide, turn the new one by one place.
    guard layout == before else { return layout }
    return Layout(
      choices: Self.rotated(layout.choices), options: Self.rotated(layout.options), items: layout.items)
  }

  private static func rotated(_ values: [Int]) -> [Int] {
    values.count > 1 ? Array(values.dropFirst()) + [values[0]] : values
  }

  /// Starts (or resumes) the session: shows the current question, or ends it when there is
  /// nothing left; a timed attempt whose deadline has passed is submitted.
  public mutating func start(at date: Date) -> [SessionEffect] {
    guard phase == .ready else { return [] }
    if isDeferred && plan.submitted {
      phase = .ended
      return [.end(SessionEnd(reason: .submitted, result: result))]
    }
    if let expired = expireIfDue(at: date) { return expired }
    if restartedCalls {
      restartedCalls = false
      return [.savePlan(plan), .notice(.callRestarted)] + showCurrentOrEnd(at: date)
    }
    return showCurrentOrEnd(at: date)
  }

  /// Handles one event at `date`; returns what the host should do, in order.
  public mutating func handle(_ event: SessionEvent, at date: Date) -> [SessionEffect] {
    switch phase {
    case .ended:
      return []
    case .ready:
      var effects = start(at: date)
      if phase != .ended { effects += handle(event, at: date) }
      return effects
    case .answering, .awaitingEase, .confirmingSubmit:
      break
    }
    if let expired = expireIfDue(at: date) { return expired }
    switch phase {
    case .awaitingEase:
      return afterEase(event, at: date)
    case .confirmingSubmit:
      return confirming(event, at: date)
    default:
      return answering(event, at: date)
    }
  }

  // MARK: Answering

  private mutating func answering(_ event: SessionEvent, at date: Date) -> [SessionEffect] {
    guard let question = current else { return showCurrentOrEnd(at: date) }
    switch event {
    case .text(let typed):
      let word = typed.trimmingSpaces().lowercased()
      let words = word.split(separator: " ")
      // A shell command typed at a question (`mistakes`, or `read compliant-collection` with
      // its arguments) is a slip, not an answer; Latin command words only start such a line.
      if configuration.commandWords.contains(word)
        || (words.count <= 3 && word.count <= 40
          && words.first.map(String.init).map {
            $0.allSatisfy(\.isASCII) && configuration.commandWords.contains($0)
          } == true)
      {
        return [.notice(.commandNotAnswer(String(words.first ?? "")))]
      }
      if case .scenario(let scenario) = question.kind {
        return turn(of: scenario, question, typed: typed, at: date)
      }
      let layout = layout(for: question)
      switch AnswerParser.parse(typed, for: question, layout: layout) {
      case .failure(let problem):
        return [.problem(problem)]
      case .success(let response):
        return answered(question, typed: typed, response: response, layout: layout, at: date)
      }
    case .hint:
      guard !isDeferred else { return [.notice(.onlyInPractice)] }
      plan.hints += 1
      return [.hint(questionID: question.id)]
    case .help:
      return [.help(configuration.feedback)]
    case .context:
      return [.context(questionID: question.id)]
    case .skip:
      guard isDeferred else { return skipped(question, at: date) }
      // In an exam, skip is next; at the last question it stays, and says how to go on.
      return plan.position + 1 < plan.queue.count ? move(to: plan.position + 1, at: date) : [.notice(.lastQuestion)]
    case .quit:
      if isDeferred { return paused() }
      return end(.quit)
    case .pause:
      return paused()
    case .next:
      return isDeferred ? move(to: plan.position + 1, at: date) : [.notice(.onlyInExams)]
    case .previous:
      return isDeferred ? move(to: plan.position - 1, at: date) : [.notice(.onlyInExams)]
    case .goTo(let number):
      return isDeferred ? move(to: number - 1, at: date) : [.notice(.onlyInExams)]
    case .flag:
      guard isDeferred else { return [.notice(.onlyInExams)] }
      let flagged = !plan.flagged.contains(question.id)
      if flagged { plan.flagged.append(question.id) } else { plan.flagged.removeAll { $0 == question.id } }
      return [.savePlan(plan), .notice(.flagged(flagged)), .show(item(question, at: date))]
    case .submit:
      guard isDeferred else { return [.notice(.onlyInExams)] }
      phase = .confirmingSubmit
      return [.confirmSubmit(submitReview)]
    case .confirm, .easy, .proceed, .tick:
      return []
    }
  }

  /// One reply in a call: the next line of the other party (the call saved so far), or, when
  /// the call ends, the whole call answered as one response.
  private mutating func turn(of scenario: Scenario, _ question: Question, typed: String, at date: Date)
    -> [SessionEffect]
  {
    var progress = plan.call(question.id) ?? CallProgress()
    guard let walk = scenario.walk(progress.replies), !walk.isOver, let node = scenario.node(walk.current) else {
      // A call that is over before anyone speaks has nothing to ask: it is answered as it is.
      if progress.replies.isEmpty, scenario.walk([])?.isOver == true {
        return answered(question, typed: "", response: .path([]), layout: layout(for: question), at: date)
      }
      plan.setCall(nil, for: question.id)
      return [.savePlan(plan), .notice(.callRestarted), .show(item(question, at: date))]
    }
    switch AnswerParser.parseReply(typed, at: node) {
    case .failure(let problem):
      return [.problem(problem)]
    case .success(let reply):
      progress.replies.append(reply)
      progress.typed.append(typed.trimmingSpaces())
      if scenario.walk(progress.replies)?.isOver ?? true {
        plan.setCall(nil, for: question.id)
        return answered(
          question, typed: progress.typed.joined(separator: "\n"), response: .path(progress.replies),
          layout: layout(for: question), at: date)
      }
      if let walked = scenario.walk(progress.replies) { progress.nodes = walked.steps.map(\.node) + [walked.current] }
      plan.setCall(progress, for: question.id)
      return [.savePlan(plan), .show(item(question, at: date))]
    }
  }

  private mutating func answered(
    _ question: Question, typed: String, response: Response, layout: Layout, at date: Date
  ) -> [SessionEffect] {
    var grade = Grader.grade(response, for: question)
    if configuration.manualGrading.contains(question.type) { grade.gradedByPerson = true }
    let id = question.id
    let duration = shownAt.map { max(0, Int((date.timeIntervalSince($0) * 1000).rounded())) } ?? 0
    let shown = ResponseFormatter.typed(response, for: question, layout: layout)
    if isDeferred {
      plan.scores[id] = grade.fraction
      plan.responses[id] = response
      plan.pending.removeAll { $0 == id }
      if grade.needsReview { plan.pending.append(id) }
      let entry = AnswerEntry(
        questionID: id, typed: typed, response: response, shown: shown, grade: grade, rating: nil,
        durationMS: duration, answeredAt: date, isRetry: false, plan: nextDeferredPosition())
      plan = entry.plan
      return [.record(entry), .notice(.saved)] + showCurrentOrEnd(at: date)
    }
    let isRetry = plan.scores[id] != nil
    if isRetry {
      plan.retries[id] = grade.fraction
    } else {
      plan.scores[id] = grade.fraction
      if grade.needsReview { plan.pending.append(id) }
    }
    plan.position += 1
    var comesBack = false
    // An answer a person grades is not wrong yet: it does not come back.
    if grade.outcome != .correct && !grade.gradedByPerson && !isRetry && !plan.requeued.contains(id) {
      // Back a few questions later (not straight away), with its choices in a new order.
      plan.requeued.append(id)
      plan.queue.insert(id, at: min(plan.position + Self.retrySpacing, plan.queue.count))
      comesBack = true
    }
    // A second attempt, a few questions after the explanation, says little about recall: it
    // leaves the review schedule alone.
    // Nor does an answer a person has not graded yet, which is neither right nor wrong.
    let rating = configuration.reschedules && !isRetry && !grade.gradedByPerson ? Rating(grade.outcome) : nil
    let entry = AnswerEntry(
      questionID: id, typed: typed, response: response, shown: shown, grade: grade, rating: rating,
      durationMS: duration, answeredAt: date, isRetry: isRetry, plan: plan)
    var effects: [SessionEffect] = [
      .record(entry), .feedback(FeedbackItem(questionID: id, response: response, grade: grade, layout: layout)),
    ]
    if comesBack { effects.append(.notice(.comesBackLater)) }
    if grade.outcome == .correct && configuration.asksEase && !isRetry {
      pendingEase = RatingChange(questionID: id, rating: .easy, answeredAt: date)
      phase = .awaitingEase
      return effects + [.askEase]
    }
    return effects + showCurrentOrEnd(at: date)
  }

  /// The plan with the position moved past the answered question: to the next one, else to
  /// the first one not answered yet, else it stays (everything answered: time to submit).
  private func nextDeferredPosition() -> SessionPlan {
    var next = plan
    let count = next.queue.count
    if next.position + 1 < count {
      next.position += 1
    } else if let open = next.queue.firstIndex(where: { next.scores[$0] == nil }) {
      next.position = open
    }
    return next
  }

  private mutating func skipped(_ question: Question, at date: Date) -> [SessionEffect] {
    plan.setCall(nil, for: question.id)
    plan.position += 1
    if !plan.skipped.contains(question.id) { plan.skipped.append(question.id) }
    let entry = SkipEntry(
      questionID: question.id, rating: configuration.reschedules ? .again : nil, at: date, plan: plan)
    return [.skip(entry), .notice(.skipped)] + showCurrentOrEnd(at: date)
  }

  private mutating func move(to index: Int, at date: Date) -> [SessionEffect] {
    guard plan.queue.indices.contains(index) else { return [.notice(.noSuchItem(index + 1))] }
    plan.position = index
    return [.savePlan(plan)] + showCurrentOrEnd(at: date)
  }

  // MARK: Other phases

  private mutating func afterEase(_ event: SessionEvent, at date: Date) -> [SessionEffect] {
    let change = pendingEase
    pendingEase = nil
    phase = .answering
    switch event {
    case .pause:
      return paused()
    case .quit:
      return end(.quit)
    case .easy, .text("e"), .text("E"):
      let effects: [SessionEffect] = change.map { [.rerate($0), .notice(.markedEasy)] } ?? []
      return effects + showCurrentOrEnd(at: date)
    default:
      return showCurrentOrEnd(at: date)
    }
  }

  private mutating func confirming(_ event: SessionEvent, at date: Date) -> [SessionEffect] {
    switch event {
    case .confirm(true):
      return submit(.submitted)
    case .confirm(false):
      phase = .answering
      return [.notice(.submitCancelled)] + showCurrentOrEnd(at: date)
    case .text(let typed):
      switch Self.yesOrNo(typed) {
      case true?: return submit(.submitted)
      case false?:
        phase = .answering
        return [.notice(.submitCancelled)] + showCurrentOrEnd(at: date)
      case nil: return [.notice(.answerYesOrNo), .confirmSubmit(submitReview)]
      }
    case .pause, .quit:
      phase = .answering
      return paused()
    case .tick:
      return []
    default:
      return [.notice(.answerYesOrNo), .confirmSubmit(submitReview)]
    }
  }

  /// `y`/`yes`/`是`/`好` or `n`/`no`/`否`/`不`; anything else is not an answer.
  public static func yesOrNo(_ typed: String) -> Bool? {
    let word = typed.trimmingSpaces().lowercased()
    if ["y", "yes", "是", "好", "确定", "交卷"].contains(word) { return true }
    if ["n", "no", "否", "不", "取消"].contains(word) { return false }
    return nil
  }

  // MARK: Ending

  private var submitReview: SubmitReview {
    let unanswered = plan.queue.indices.filter { plan.scores[plan.queue[$0]] == nil }.map { $0 + 1 }
    let flagged = plan.queue.indices.filter { plan.flagged.contains(plan.queue[$0]) }.map { $0 + 1 }
    return SubmitReview(unanswered: unanswered, flagged: flagged, total: plan.queue.count)
  }

  /// A timed attempt past its deadline is submitted, whatever the event was.
  private mutating func expireIfDue(at date: Date) -> [SessionEffect]? {
    guard isDeferred, let deadline = plan.deadline, date >= deadline else { return nil }
    return [.notice(.timeUp)] + submit(.timeUp)
  }

  private mutating func submit(_ reason: SessionEnd.Reason) -> [SessionEffect] {
    plan.submitted = true
    phase = .ended
    var effects: [SessionEffect] = [.savePlan(plan)]
    for id in plan.queue {
      guard let question = questions[id], let response = plan.responses[id] else { continue }
      let grade = Grader.grade(response, for: question)
      effects.append(
        .feedback(FeedbackItem(questionID: id, response: response, grade: grade, layout: layout(for: question))))
    }
    return effects + [.end(SessionEnd(reason: reason, result: result))]
  }

  private mutating func paused() -> [SessionEffect] {
    phase = .ended
    return [.end(SessionEnd(reason: .paused, result: result))]
  }

  private mutating func end(_ reason: SessionEnd.Reason) -> [SessionEffect] {
    phase = .ended
    return [.end(SessionEnd(reason: reason, result: result))]
  }

  private mutating func showCurrentOrEnd(at date: Date) -> [SessionEffect] {
    guard plan.position < plan.queue.count, let question = questions[plan.queue[plan.position]] else {
      return end(.completed)
    }
    phase = .answering
    shownAt = date
    return [.show(item(question, at: date))]
  }

  private func item(_ question: Question, at date: Date) -> SessionItem {
    let layout = layout(for: question)
    let answered =
      isDeferred ? plan.responses[question.id].map { ResponseFormatter.typed($0, for: question, layout: layout) } : nil
    return SessionItem(
      questionID: question.id, layout: layout, number: min(plan.position + 1, plan.queue.count),
      total: plan.queue.count, isRetry: !isDeferred && plan.scores[question.id] != nil,
      isFlagged: plan.flagged.contains(question.id), answered: answered,
      timeLeft: plan.deadline.map { max(0, $0.timeIntervalSince(date)) },
      call: plan.call(question.id)?.replies ?? [])
  }
}
