import Foundation
import QuizCore
import QuizStore
import QuizTrust

/// What a learner sees of their certification: where each attempt stands, their result once a
/// manager has sealed it, and their certificates with the days left.
extension StudyShell {
  /// How soon before expiry the dashboard warns.
  static let expiryWarning: TimeInterval = 30 * 86_400

  /// The learner's attempts and certificates (empty when the store cannot say).
  func certificationRecord() -> (attempts: [ExamAttempt], certificates: [StoredCertificate]) {
    let attempts = (try? store.attempts(learner: learner.id)) ?? []
    guard !attempts.isEmpty else { return ([], []) }
    let certificates = ((try? store.certificates()) ?? []).filter { $0.learnerID == learner.id }
    return (attempts, certificates)
  }

  /// The learner's latest valid certificate of an exam, if any.
  static func current(_ certificates: [StoredCertificate], exam: String, at now: Date) -> StoredCertificate? {
    certificates.filter { $0.examID == exam && $0.revocation == nil && $0.expiresAt > now }.max {
      $0.expiresAt < $1.expiresAt
    }
  }

  /// Dashboard lines: a certificate expiring within 30 days (or expired with no newer one),
  /// and a result that a manager has sealed since the attempt.
  func certificationNotices() -> [String] {
    let (attempts, certificates) = certificationRecord()
    let current = now()
    var lines: [String] = []
    for exam in Set(attempts.map(\.examID)).sorted() {
      let title = attempts.last { $0.examID == exam }?.examTitle ?? exam
      if let valid = Self.current(certificates, exam: exam, at: current) {
        let days = Int(ceil(valid.expiresAt.timeIntervalSince(current) / 86_400))
        if valid.expiresAt.timeIntervalSince(current) <= Self.expiryWarning {
          lines.append(
            style.yellow(
              language.text("certificate.expires-soon", title, "\(days)", DurationText.clock(valid.expiresAt))))
        }
      } else if let lapsed = certificates.filter({ $0.examID == exam && $0.revocation == nil }).max(by: {
        $0.expiresAt < $1.expiresAt
      }) {
        lines.append(style.yellow(language.text("certificate.expired", title, DurationText.clock(lapsed.expiresAt))))
      }
      if let last = attempts.last(where: { $0.examID == exam }), last.status == .submitted {
        lines.append(language.text("certificate.waiting", title))
      }
    }
    return lines
  }

  /// One line per attempt of `exam`, for `exam` without arguments: where it stands or its result.
  func attemptLines(exam: String) -> [String] {
    let (attempts, certificates) = certificationRecord()
    return attempts.filter { $0.examID == exam }.map { attempt in
      let date = DurationText.clock(attempt.startedAt)
      switch attempt.status {
      case .running: return language.text("certificate.attempt-running", date)
      case .submitted: return language.text("certificate.attempt-waiting", date)
      case .final:
        let percent = "\(Int(((attempt.score ?? 0) * 100).rounded()))"
        guard attempt.passed == true else { return language.text("certificate.attempt-failed", date, percent) }
        let certificate = certificates.first { $0.attemptID == attempt.id }
        let until = certificate.map { DurationText.clock($0.expiresAt) } ?? "—"
        return certificate?.revocation != nil
          ? language.text("certificate.attempt-revoked", date, percent)
          : language.text("certificate.attempt-passed", date, percent, until)
      }
    }
  }

  /// The history line's score and status of a certification session: its sealed result, or
  /// that it waits for grading (never the provisional score).
  func certificationStatus(of session: SessionRecord) -> String? {
    guard session.scope.hasPrefix("exam:"), let attempt = try? store.attempt(session: session.id) else { return nil }
    switch attempt.status {
    case .running: return language.text("certificate.history-running")
    case .submitted: return language.text("certificate.history-waiting")
    case .final:
      let percent = "\(Int(((attempt.score ?? 0) * 100).rounded()))"
      return attempt.passed == true
        ? language.text("certificate.history-passed", percent) : language.text("certificate.history-failed", percent)
    }
  }
}

extension StudyShell {
  /// `exam results [ID]`: the learner's latest sealed attempt (of `ID`, or of any exam), item
  /// by item: the answer, the final marks (a person's grade and comment where there was one)
  /// and the explanation. Before a manager has sealed it, only that it is waiting.
  func showResults(_ arguments: [String]) throws {
    let attempts = try attempt { () throws(StoreError) in try store.attempts(learner: learner.id) }
    let chosen = arguments.first.map { id in attempts.filter { $0.examID == id } } ?? attempts
    guard let latest = chosen.last else {
      Console.line(language.text("results.none"))
      return
    }
    guard latest.status == .final, let sealed = chosen.last(where: { $0.status == .final }) else {
      Console.line(language.text("results.not-yet", latest.examTitle))
      return
    }
    let events = try attempt { () throws(StoreError) in try store.attemptEvents(sealed.id) }
    let answers = Dictionary(
      try attempt { () throws(StoreError) in try store.answers(session: sealed.sessionID) }.map { ($0.id, $0) },
      uniquingKeysWith: { first, _ in first })
    let grades = Dictionary(
      try attempt { () throws(StoreError) in try store.manualGrades(attempt: sealed.id) }.map { ($0.answerID, $0) },
      uniquingKeysWith: { first, _ in first })
    let plan = try attempt { () throws(StoreError) in try store.sessions(learner: learner.id) }
      .first { $0.id == sealed.sessionID }?.plan
    let percent = "\(Int(((sealed.score ?? 0) * 100).rounded()))"
    let mark = "\(Int((sealed.passMark * 100).rounded()))"
    Console.line(
      style.bold(
        sealed.passed == true
          ? language.text("results.passed", sealed.examTitle, percent, mark)
          : language.text("results.failed", sealed.examTitle, percent, mark)))
    let engine = plan.map {
      SessionEngine(
        plan: $0, questions: course.questions, configuration: SessionConfiguration(kind: .exam, feedback: .deferred))
    }
    let answered = Dictionary(Ledger.latestByItem(events).map { ($0.event.item, $0) }, uniquingKeysWith: { a, _ in a })
    let items = plan?.queue ?? Ledger.latestByItem(events).map(\.event.questionID)
    let renderer = ExplanationRenderer(width: width, style: style, language: language)
    for (index, id) in items.enumerated() {
      Console.line("")
      guard let question = course.question(withID: id) else {
        Console.line(language.text("results.question-gone", "\(index + 1)", id))
        continue
      }
      let prompt = MarkdownRenderer.stripInline(question.prompt).replacingOccurrences(of: "\n", with: " ")
      Console.line(style.bold("[\(index + 1)/\(items.count)] ") + TextWrapper.truncate(prompt, to: max(10, width - 8)))
      guard let record = answered[index + 1], let answer = answers[record.answerID], let response = answer.response
      else {
        Console.line(language.text("results.unanswered"))
        continue
      }
      Console.line(language.text("grading.answer") + MarkdownRenderer.inert(answer.typed))
      // The explanation is today's grader's; the marks are the sealed ones (a person's grade,
      // or the score signed when the answer was given).
      var grade = Grader.grade(response, for: question)
      grade.fraction = answer.fraction
      grade.outcome = Outcome(fraction: answer.fraction)
      grade.marks = answer.fraction * grade.maximumMarks
      if grades[answer.id] != nil {
        grade.isProvisional = false
        grade.confidence = 1
        grade.reviewReasons = []
      }
      let layout = engine?.layout(for: question) ?? .identity(for: question)
      for line in renderer.render(
        Explanation(grade: grade, response: response, question: question, layout: layout, language: language))
      {
        Console.line(line)
      }
      if let manual = grades[answer.id] {
        Console.line(
          style.cyan(
            language.text(
              "results.manual", DurationText.number(manual.marks), DurationText.number(manual.maximumMarks),
              manual.comment.isEmpty ? "—" : MarkdownRenderer.inert(manual.comment),
              MarkdownRenderer.inert(manual.grader))))
      }
    }
  }
}
