import Foundation
import QuizContent
import QuizCore
import QuizStore
import QuizTrust
import Testing

@testable import QuizCLI

/// Every report format on one seeded organisation of 50 learners (the fixture course, a fixed
/// clock): practice on several days, reading, answers waiting for a person, and sealed
/// certification attempts with certificates, one of them revoked. A failing golden shows a diff.
@Suite struct ReportGoldenTests {
  static let now = Date(timeIntervalSince1970: 1_796_464_800)  // 2026-12-05 08:00 UTC
  static let surnames = Array("张王李赵刘陈杨黄周吴")
  static let given = ["伟", "芳", "娜", "敏", "静"]

  static func organisation() throws -> (InMemoryStore, Course) {
    let course = SessionHostTests.course
    let store = InMemoryStore()
    let key = try OrganisationKey(seed: Data(repeating: 3, count: 32))
    var random = SeededGenerator(seed: 50)
    for index in 0..<50 {
      let name = "\(surnames[index % 10])\(given[index / 10])"
      let learner = try store.createLearner(named: name, displayName: nil, at: now.addingTimeInterval(-40 * 86_400))
      let skill = Double(index % 10) / 10
      for day in 0..<(1 + index % 4) {
        let started = now.addingTimeInterval(Double(-30 + day * 7 + index % 5) * 86_400)
        let questions = course.questions.filter { $0.type != .open }.map(\.id)
        let session = try store.start(
          NewSession(
            learnerID: learner.id, kind: .practice, scope: "all", courseID: course.id, contentVersion: course.version,
            startedAt: started, plan: SessionPlan(queue: questions, seed: UInt64(index))))
        for (offset, id) in questions.enumerated() {
          let question = try #require(course.question(withID: id))
          let right = Double.random(in: 0..<1, using: &random) < 0.3 + 0.6 * skill
          _ = try store.record(
            NewAnswer(
              learnerID: learner.id, sessionID: session.id, questionID: id, questionHash: CourseJSON.hash(of: question),
              lessonID: question.lesson, questionType: question.type.rawValue, tags: question.tags, typed: "x",
              shown: "x", canonical: "x",
              response: question.type == .single
                ? .choices([right ? 0 : 1]) : question.type == .truefalse ? .truth(right) : nil,
              fraction: right ? 1 : 0, durationMS: 20_000 + 1_000 * offset,
              answeredAt: started.addingTimeInterval(Double(offset * 30))),
            review: nil, plan: nil)
        }
        try store.end(session: session.id, status: .finished, at: started.addingTimeInterval(600))
      }
      if index % 3 == 0 {
        try store.markRead(learner: learner.id, lesson: "basics", section: "电话催收", at: now.addingTimeInterval(-86_400))
      }
      if index % 7 == 0 {
        // An open answer waiting for a person.
        let open = try #require(course.question(withID: "b.routes"))
        _ = try store.record(
          NewAnswer(
            learnerID: learner.id, sessionID: nil, questionID: open.id, questionHash: CourseJSON.hash(of: open),
            lessonID: open.lesson, questionType: "open", tags: open.tags, typed: "电话", shown: "电话", canonical: "电话",
            response: .text("电话"), fraction: 0.5, durationMS: 60_000, answeredAt: now.addingTimeInterval(-3_600),
            needsReview: true),
          review: nil, plan: nil)
      }
      if index % 5 == 0 {
        try sit(store, course: course, learner: learner, key: key, right: index % 10 < 6, at: index)
      }
    }
    if let revoked = try store.certificates().last {
      _ = try store.revoke(certificate: revoked.id, reason: "复核发现作弊", at: now.addingTimeInterval(-86_400), by: key)
    }
    return (store, course)
  }

  /// A proctored attempt at `cert`, answered right or wrong, graded and sealed.
  static func sit(
    _ store: InMemoryStore, course: Course, learner: Learner, key: OrganisationKey, right: Bool, at index: Int
  ) throws {
    let clock = now.addingTimeInterval(Double(-300 + index * 5) * 86_400)
    let blueprint = try #require(course.exam(withID: "cert"))
    let sitting = ExamSitting(course: course, store: store, now: { clock })
    guard
      case .success(let (session, run)) = try sitting.start(
        learner: learner, blueprint: blueprint, seed: 1, organisation: key)
    else { return }
    for (item, id) in (session.plan?.queue ?? []).enumerated() {
      let question = try #require(course.question(withID: id))
      var answer = NewAnswer(
        learnerID: learner.id, sessionID: session.id, questionID: id, questionHash: CourseJSON.hash(of: question),
        lessonID: question.lesson, questionType: question.type.rawValue, tags: question.tags, typed: "x", shown: "x",
        canonical: "x", response: .text("x"), fraction: right ? 1 : 0, durationMS: 30_000,
        answeredAt: clock.addingTimeInterval(Double(item * 60)))
      answer.needsReview = question.type == .open
      _ = try store.record(
        answer, plan: session.plan!,
        attempt: AttemptAnswer(attemptID: run.attempt.id, item: item + 1, maximumMarks: question.weight, key: run.key))
    }
    _ = try store.submitAttempt(run.attempt.id, at: clock.addingTimeInterval(300), key: run.key)
    let certifier = Certifier(course: course, store: store, now: { clock.addingTimeInterval(3_600) })
    for pending in try certifier.queue() {
      try store.gradeManually(
        ManualGrade(
          answerID: pending.answer.id, attemptID: pending.attempt.id, marks: right ? 1 : 0, maximumMarks: 1,
          comment: "",
          grader: "李经理", gradedAt: clock.addingTimeInterval(3_600)), by: key)
    }
    _ = try certifier.sealReady(by: key)
  }

  static func context() throws -> AppContext {
    var context = AppContext(
      try GlobalOptions.parse(["--lang", "zh"]),
      terminal: Terminal(environment: [:], isTTY: false, width: 100, usesColor: false),
      dependencies: Dependencies(now: { now }, seed: { 1 }))
    context.language = .zh
    return context
  }

  static func report(_ store: InMemoryStore, _ course: Course, _ filter: TrainingReport.Filter = .init()) throws
    -> TrainingReport
  {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return try TrainingReport.build(store: store, course: course, filter: filter, now: now, calendar: calendar)
  }

  @Test func everyReportFormatOnFiftyLearners() throws {
    let (store, course) = try Self.organisation()
    let report = try Self.report(store, course)
    #expect(report.rows.count == 50)
    let context = try Self.context()
    try CLI.expectGolden("report-50-text", report.table(context: context).joined(separator: "\n") + "\n")
    try CLI.expectGolden("report-50-json", report.json() + "\n")
    let csv = report.csv()
    try CLI.expectGolden("report-50-csv", csv)
    try CLI.expectGolden("report-50-html", report.html(language: .zh, courseTitle: course.title))
    // The CSV reads back: the header, 50 rows, the Chinese names intact.
    #expect(csv.hasPrefix("\u{FEFF}"))
    let rows = CSV.rows(String(csv.dropFirst()))
    #expect(rows.first?.cells.map(\.text) == TrainingReport.csvColumns + ["mastery_basics", "mastery_extra"])
    let body = rows.dropFirst().filter { !($0.cells.count == 1 && $0.cells[0].text.isEmpty) }
    #expect(body.count == 50)
    #expect(Set(body.map { $0.cells[0].text }) == Set(report.rows.map(\.learner)))
    #expect(body.contains { $0.cells[0].text == "张伟" })
    let certificates = Dictionary(grouping: report.rows, by: \.certificate).mapValues(\.count)
    #expect(certificates[.revoked] == 1 && (certificates[.valid] ?? 0) + (certificates[.expiring] ?? 0) >= 1)
    #expect(report.rows.filter { $0.waiting > 0 }.count == 8)
  }

  @Test func itemAnalysisFormatsOnFiftyLearners() throws {
    let (store, course) = try Self.organisation()
    let data = try ItemData.fromStore(store, course: course, exam: nil).choosing(.first)
    #expect(data.attempts.count == 50)
    let report = ItemReport(data: data, course: course)
    try CLI.expectGolden("stats-50-table", report.table(context: try Self.context()).joined(separator: "\n") + "\n")
    try CLI.expectGolden("stats-50-json", report.json() + "\n")
    try CLI.expectGolden("stats-50-csv", report.csv())
    let exam = try ItemData.fromStore(store, course: course, exam: "cert")
    #expect(exam.attempts.count == 10, "the sealed attempts of the exam")
  }
}
