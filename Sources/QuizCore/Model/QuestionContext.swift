/// The shared material a question is about: a case, a passage, a table. Shown with the
/// prompt, and again when the learner types `case` (`案例`).
public enum QuestionContext: Sendable, Hashable {
  /// Markdown written in the question bank.
  case text(String)
  /// A lesson section (the case as the lesson tells it), shown in full.
  case section(SectionReference)
}
