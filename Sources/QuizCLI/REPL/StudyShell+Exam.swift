import Foundation
import QuizContent
import QuizCore
import QuizStore

extension StudyShell {
  /// `exam ID`: a mock exam on a blueprint: the same draw, time limit, navigation and
  /// deferred feedback as the certification, recorded apart (scope `mock:ID`); it is not a
  /// certification attempt and issues no certificate.
  func exam(_ arguments: [String]) throws {
    guard let id = arguments.first else {
      listExams()
      return
    }
    guard let blueprint = course.exam(withID: id) else {
      let close = Suggestion.closest(to: id, among: course.exams.map(\.id))
      Console.line(
        language.text("exam.no-such-exam", MarkdownRenderer.inert(id))
          + (close.map { language.text("exam.did-you-mean", $0) } ?? ""))
      listExams()
      return
    }
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
              "exam.list-line", "\(exam.questionCount)", DurationText.format(exam.timeLimit),
              "\(Int((exam.passMark * 100).rounded()))")))
    }
    Console.line(style.dim(language.text("exam.usage")))
  }

  /// The blueprint a mock attempt was drawn from.
  func blueprint(ofScope scope: String) -> ExamBlueprint? {
    guard scope.hasPrefix("mock:") else { return nil }
    return course.exam(withID: String(scope.dropFirst(5)))
  }
}
