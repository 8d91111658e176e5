import Foundation
import QuizContent
import QuizCore
import QuizStore
import QuizTrust

extension StudyShell {
  /// `exam ID`: a certification attempt on a blueprint. The rules of the blueprint decide
  /// whether it may start (attempts, cooldowns, a valid pass); a proctored exam needs the
  /// manager's passphrase, which certifies a fresh attempt key that signs every answer.
  ///
  /// `refuse` reports why an attempt may not start (the shell prints it; `exam ID` on the
  /// command line writes it to standard error and exits 1).
  func certify(_ arguments: [String], refuse: (String) throws -> Void = { Console.line($0) }) throws {
    if arguments.first == "results" || arguments.first == "成绩" {
      try showResults(Array(arguments.dropFirst()))
      return
    }
    guard let blueprint = chosenBlueprint(arguments) else { return }
    let sitting = ExamSitting(course: course, store: store, now: { [context] in context.now() })
    for closed in try attempt({ () throws(StoreError) in try sitting.closeExpired(learner: learner) }) {
      Console.line(language.text("certexam.closed-at-deadline", closed.examTitle))
    }
    switch try attempt({ () throws(StoreError) in try sitting.permission(learner: learner, blueprint: blueprint) }) {
    case .running(let running):
      Console.line(language.text("certexam.running", running.examTitle))
      let sessions = try attempt { () throws(StoreError) in try store.sessions(learner: learner.id) }
      if let session = sessions.first(where: { $0.id == running.sessionID }) {
        try resume(session)
      }
      return
    case .waitingForGrading:
      try refuse(language.text("certexam.waiting-for-grading", blueprint.title))
      return
    case .refused(let reason):
      try refuse(Self.refusal(reason, language))
      return
    case .allowed(let left):
      Console.line(style.dim(language.text("certexam.attempts-left", "\(left)")))
    }
    var organisation: OrganisationKey?
    if blueprint.proctored {
      Console.line(language.text("certexam.proctor-needed", blueprint.title))
      do {
        organisation = try context.unlockOrganisationKey(passphraseFile: passphraseFile, secret: secret)
      } catch {
        Console.line(language.text("certexam.not-unlocked"))
        return
      }
    }
    let started = try attempt { () throws(StoreError) in
      try sitting.start(learner: learner, blueprint: blueprint, seed: context.randomSeed(), organisation: organisation)
    }
    organisation = nil  // the organisation key is dropped: only the attempt key signs from here
    switch started {
    case .failure(let shortfall):
      Console.line(
        language.text("exam.cannot-draw", "\(shortfall.rule + 1)", "\(shortfall.count)", "\(shortfall.available)"))
    case .success(let (session, run)):
      say(
        language.text(
          "certexam.started", blueprint.title, "\(session.plan?.queue.count ?? 0)",
          DurationText.spoken(blueprint.timeLimit, language)),
        style.bold)
      try finish(self.run(session, certified: run))
    }
  }

  /// Why an attempt may not start, with the date it may.
  static func refusal(_ reason: ExamEligibility, _ language: Language) -> String {
    switch reason {
    case .alreadyCertified(let until): return language.text("certexam.already-certified", DurationText.clock(until))
    case .noAttemptsLeft(let opens): return language.text("certexam.no-attempts-left", DurationText.clock(opens))
    case .coolingDown(let until): return language.text("certexam.cooling-down", DurationText.clock(until))
    case .allowed: return ""
    }
  }

  /// The blueprint an `exam`/`mock` command names, or nil after listing the exams.
  func chosenBlueprint(_ arguments: [String]) -> ExamBlueprint? {
    guard let id = arguments.first else {
      listExams()
      return nil
    }
    guard let blueprint = course.exam(withID: id) else {
      let close = Suggestion.closest(to: id, among: course.exams.map(\.id))
      Console.line(
        language.text("exam.no-such-exam", MarkdownRenderer.inert(id))
          + (close.map { language.text("exam.did-you-mean", $0) } ?? ""))
      listExams()
      return nil
    }
    return blueprint
  }

  /// `mock ID`: a mock exam on a blueprint: the same draw, time limit, navigation and
  /// deferred feedback as the certification, recorded apart (scope `mock:ID`); it is not a
  /// certification attempt and issues no certificate.
  func mock(_ arguments: [String]) throws {
    guard let blueprint = chosenBlueprint(arguments) else { return }
    let scope = Self.mockScope(blueprint.id)
    let earlier = try attempt { () throws(StoreError) in try store.history(learner: learner.id, limit: 1_000) }
      .filter { $0.session.kind == .exam && $0.session.scope == scope }
    let seen = Set(earlier.flatMap { $0.session.plan?.queue ?? [] })
    let seed = context.randomSeed()
    let ids: [String]
    switch ExamDraw.draw(blueprint, from: course.questions, seed: seed, seen: seen) {
    case .success(let drawn): ids = drawn
    case .failure(let shortfall):
      Console.line(
        language.text("exam.cannot-draw", "\(shortfall.rule + 1)", "\(shortfall.count)", "\(shortfall.available)"))
      return
    }
    say(language.text("exam.mock-notice"), style.dim)
    let plan = SessionPlan(queue: ids, seed: seed, deadline: now().addingTimeInterval(blueprint.timeLimit))
    try runSession(plan: plan, scope: scope, title: blueprint.title, kind: .exam, reschedules: false)
  }

  /// Where mock attempts of an exam are recorded.
  static func mockScope(_ examID: String) -> String { "mock:\(examID)" }

  func listExams() {
    guard !course.exams.isEmpty else {
      Console.line(language.text("exam.none"))
      return
    }
    Console.line(style.bold(language.text("exam.list-title")))
    for exam in course.exams {
      Console.line(
        "  " + style.cyan(exam.id) + "  " + exam.title + "  "
          + style.dim(
            language.text(
              "exam.list-line", "\(exam.questionCount)", DurationText.spoken(exam.timeLimit, language),
              "\(Int((exam.passMark * 100).rounded()))")))
      for line in attemptLines(exam: exam.id) { Console.line("      " + line) }
    }
    Console.line(style.dim(language.text("exam.usage")))
  }

  /// The blueprint a mock or certification attempt was drawn from.
  func blueprint(ofScope scope: String) -> ExamBlueprint? {
    guard scope.hasPrefix("mock:") || scope.hasPrefix("exam:") else { return nil }
    return course.exam(withID: String(scope.dropFirst(5)))
  }
}
