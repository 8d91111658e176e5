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
