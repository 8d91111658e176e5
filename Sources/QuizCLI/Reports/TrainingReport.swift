import Foundation
import QuizContent
import QuizCore
import QuizStore

/// Who is trained: one row per learner, as a value built from the store port. Renderers
/// (`TrainingReport+Rendering`) turn it into a terminal table, CSV or JSON; no query or
/// formatting happens in the command.
struct TrainingReport {
  /// A certificate's standing for the report.
  enum CertificateStatus: String {
    case valid, expiring, expired, revoked, none
  }

  struct Row {
    var learner: String
    var displayName: String
    var sectionsRead: Int
    var sectionsTotal: Int
    /// Distinct questions answered (of the lessons reported).
    var practised: Int
    var questionsTotal: Int
    /// Answers that count (first per question and session; the latest in an exam).
    var counted: Int
    /// Their mean score (partial credit counts in part): the one score `progress` and the
    /// session summaries show.
    var firstAttemptAccuracy: Double?
    /// Mastery per lesson (latest fraction over the lesson's questions), by lesson id.
    var mastery: [String: Double]
    var dueNow: Int
    /// Reviews due before today began.
    var overdue: Int
    /// Time spent answering, in seconds.
    var secondsAnswering: Int
    var hints: Int
    var skips: Int
    /// Answers waiting for a person.
    var waiting: Int
    var lastActive: Date?
    var examAttempts: Int
    /// The best sealed score of a certification attempt.
    var bestExamScore: Double?
    var passed: Bool?
    var certificate: CertificateStatus
    var certificateExpires: Date?
  }

  var rows: [Row]
  /// Every sealed certification score of the learners reported (the score distribution).
  var examScores: [Double] = []
  /// Answers per day over the 30 days up to the report, oldest first (activity over time).
  var activity: [(day: Date, answers: Int)] = []
  /// The lessons reported, in course order.
  var lessons: [(id: String, title: String)]
  var generatedAt: Date
  /// The certification exam's pass mark, when the course has exams.
  var passMark: Double?

  /// What a manager asked for.
  struct Filter {
    var since: Date?
    var lesson: String?
    var notCertified = false
    var learner: String?
  }

  /// The report of every learner (or those the filter keeps) at `now`.
  static func build(
    store: any ProgressStore, course: Course, filter: Filter, now: Date, calendar: Calendar
  ) throws(StoreError) -> TrainingReport {
    let lessons = course.lessons.filter { filter.lesson == nil || $0.id == filter.lesson }
    let lessonIDs = Set(lessons.map(\.id))
    let questionIDs = Set(course.questions.filter { lessonIDs.contains($0.lesson) }.map(\.id))
    let certificates = try store.certificates()
    let startOfDay = calendar.startOfDay(for: now)
    let windowStart = calendar.date(byAdding: .day, value: -29, to: startOfDay) ?? startOfDay
    var rows: [Row] = []
    var examScores: [Double] = []
    var perDay: [Date: Int] = [:]
    for learner in try store.learners() where filter.learner == nil || learner.name == filter.learner {
      let attempts = try store.attempts(learner: learner.id)
      let unsealed = Set(attempts.filter { $0.status != .final }.map(\.sessionID))
      let everything = try store.answers(learner: learner.id)
      let answers = everything.filter { $0.sessionID.map { !unsealed.contains($0) } ?? true }
      let sessions = try store.sessions(learner: learner.id)
      let exams = Dictionary(sessions.map { ($0.id, $0.kind == .exam) }, uniquingKeysWith: { first, _ in first })
      var counted: [String: AnswerRecord] = [:]
      for answer in answers where questionIDs.contains(answer.questionID) && !answer.needsReview {
        let key = "\(answer.sessionID.map(String.init) ?? "a\(answer.id)")|\(answer.questionID)"
        if counted[key] == nil || answer.sessionID.flatMap({ exams[$0] }) == true { counted[key] = answer }
      }
      let read = try store.readSections(learner: learner.id)
      let mastery = Dictionary(
        try store.lessonMastery(learner: learner.id).map { ($0.lessonID, $0) }, uniquingKeysWith: { first, _ in first })
      let cards = try store.cards(learner: learner.id).filter { questionIDs.contains($0.questionID) }
      let reads = try store.readLessons(learner: learner.id).values
      let lastActive = (answers.map(\.answeredAt) + reads).max()
      if let since = filter.since, (lastActive ?? .distantPast) < since { continue }
      let sealed = attempts.filter { $0.status == .final }
      let mine = certificates.filter { $0.learnerID == learner.id }
      let status: CertificateStatus
      let expires: Date?
      if let valid = mine.filter({ $0.revocation == nil && $0.expiresAt > now }).max(by: { $0.expiresAt < $1.expiresAt }
      ) {
        status = valid.expiresAt.timeIntervalSince(now) <= StudyShell.expiryWarning ? .expiring : .valid
        expires = valid.expiresAt
      } else if let lapsed = mine.filter({ $0.revocation == nil }).max(by: { $0.expiresAt < $1.expiresAt }) {
        (status, expires) = (.expired, lapsed.expiresAt)
      } else if let revoked = mine.last {
        (status, expires) = (.revoked, revoked.expiresAt)
      } else {
        (status, expires) = (.none, nil)
      }
      if filter.notCertified && (status == .valid || status == .expiring) { continue }
      let best = sealed.compactMap(\.score).max()
      examScores += sealed.compactMap(\.score)
      // Only the last 30 days are charted: the calendar is asked only about those answers.
      for answer in answers where answer.answeredAt >= windowStart && questionIDs.contains(answer.questionID) {
        perDay[calendar.startOfDay(for: answer.answeredAt), default: 0] += 1
      }
      let reported = sessions.filter { !unsealed.contains($0.id) }
      rows.append(
        Row(
          learner: learner.name, displayName: learner.displayName,
          sectionsRead: lessons.reduce(0) { total, lesson in
            let titles = lesson.sections.isEmpty ? [lesson.title] : lesson.sections.map(\.title)
            return total + titles.filter { (read[lesson.id] ?? []).contains($0) }.count
          },
          sectionsTotal: lessons.reduce(0) { $0 + max($1.sections.count, 1) },
          practised: Set(answers.map(\.questionID)).intersection(questionIDs).count, questionsTotal: questionIDs.count,
          counted: counted.count,
          firstAttemptAccuracy: counted.isEmpty
            ? nil : counted.values.reduce(0) { $0 + $1.fraction } / Double(counted.count),
          mastery: Dictionary(
            lessons.map { lesson in
              (lesson.id, mastery[lesson.id]?.latest(of: course.questions(in: lesson.id).count) ?? 0)
            }, uniquingKeysWith: { first, _ in first }),
          dueNow: cards.filter { $0.due <= now }.count, overdue: cards.filter { $0.due < startOfDay }.count,
          secondsAnswering: answers.filter { questionIDs.contains($0.questionID) }.reduce(0) { $0 + $1.durationMS }
            / 1000,
          hints: reported.reduce(0) { $0 + ($1.plan?.hints ?? 0) },
          skips: reported.reduce(0) { $0 + ($1.plan?.skipped.count ?? 0) },
          waiting: everything.filter { $0.needsReview && questionIDs.contains($0.questionID) }.count,
          lastActive: lastActive,
          examAttempts: attempts.count, bestExamScore: best,
          passed: sealed.isEmpty ? nil : sealed.contains { $0.passed == true }, certificate: status,
          certificateExpires: expires))
    }
    let days = (0..<30).reversed().compactMap { calendar.date(byAdding: .day, value: -$0, to: startOfDay) }
    return TrainingReport(
      rows: rows, examScores: examScores, activity: days.map { ($0, perDay[$0] ?? 0) },
      lessons: lessons.map { ($0.id, $0.title) }, generatedAt: now,
      passMark: course.exam(withID: "certification")?.passMark ?? course.exams.first?.passMark)
  }
}
