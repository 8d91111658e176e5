import ArgumentParser

/// The `recovery-trainer` command line: the study REPL by default, and subcommands for
/// lessons, content tools and (later) exams and reports.
public struct RecoveryTrainer: ParsableCommand {
  /// The program version, shown by `--version` and on the start screen.
  public static let version = "0.1.0"

  public static let configuration = CommandConfiguration(
    commandName: "recovery-trainer",
    abstract: "Learn, practise and certify loan-recovery and overdue-receivables work.",
    discussion: """
      Run without a subcommand to open the study REPL. Progress is kept in --data-dir \
      (default ~/.local/share/recovery-trainer); content comes from --content \
      (default: the built-in course).
      """,
    version: version,
    subcommands: [
      StudyCommand.self, LessonsCommand.self, ReadCommand.self, PracticeCommand.self, ProgressCommand.self,
      GradeCommand.self, ReportCommand.self, ContentCommand.self, AdminCommand.self,
    ],
    defaultSubcommand: StudyCommand.self)

  public init() {}
}
