import ArgumentParser
import Foundation
import QuizCore

/// The `recovery-trainer` command line: the study REPL by default, and subcommands for
/// lessons, content tools and (later) exams and reports.
public struct RecoveryTrainer: ParsableCommand {
  /// The program version, shown by `--version` and on the start screen.
  public static let version = "0.1.0"

  public static let configuration = CommandConfiguration(
    commandName: "recovery-trainer",
    abstract: Interface.text("help.recoverytrainer.1"),
    discussion: Interface.text("help.recoverytrainer.2"),
    version: version,
    subcommands: [
      StudyCommand.self, LessonsCommand.self, ReadCommand.self, PracticeCommand.self, ProgressCommand.self,
      GradeCommand.self, ReportCommand.self, StatsCommand.self, ExamCommand.self, ContentCommand.self,
      AdminCommand.self, CertCommand.self,
    ],
    defaultSubcommand: StudyCommand.self)

  public init() {}
}

extension RecoveryTrainer {
  /// Runs the program: fixes the interface language, refuses an unknown command word with a
  /// suggestion, parses the command line, and prints help and argument errors in the
  /// interface language.
  public static func start(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
    Interface.language = interfaceLanguage(arguments, environment: ProcessInfo.processInfo.environment)
    if let problem = unknownCommand(arguments) {
      Console.error(problem)
      Foundation.exit(64)
    }
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      Foundation.exit(0)
    } catch {
      let code = exitCode(for: error)
      let message = localized(fullMessage(for: error), language: Interface.language)
      if code == .success {
        if !message.isEmpty { Console.line(message) }
      } else if !message.isEmpty {
        Console.error(message)
      }
      Foundation.exit(code.rawValue)
    }
  }

  /// `--lang zh|en` (also `--lang=en`) wherever it is, else the environment.
  static func interfaceLanguage(_ arguments: [String], environment: [String: String]) -> Language {
    var explicit: Language?
    for (index, argument) in arguments.enumerated() {
      if argument == "--lang", index + 1 < arguments.count { explicit = Language(rawValue: arguments[index + 1]) }
      if argument.hasPrefix("--lang=") { explicit = Language(rawValue: String(argument.dropFirst(7))) }
    }
    return Language.resolve(explicit: explicit, environment: environment)
  }

  /// "Unknown command `reprot`; did you mean `report`?" for a first word that is no command
  /// (the default command, the study shell, takes no words of its own), and the same for a
  /// subcommand (`admin grad`, `cert shwo`), at every level of the command tree.
  static func unknownCommand(_ arguments: [String]) -> String? {
    var command: any ParsableCommand.Type = RecoveryTrainer.self
    var path = "recovery-trainer"
    for word in arguments {
      let subcommands = command.configuration.subcommands
      guard !subcommands.isEmpty, !word.hasPrefix("-") else { return nil }
      let names = subcommands.compactMap { $0.configuration.commandName ?? Self.defaultName($0) }
      if let next = subcommands.first(where: { ($0.configuration.commandName ?? Self.defaultName($0)) == word }) {
        command = next
        path += " " + word
        continue
      }
      if command == RecoveryTrainer.self && word == "help" { return nil }
      let shown = MarkdownRenderer.inert(String(word.prefix(40)))
      let choices = command == RecoveryTrainer.self ? names + ["help"] : names
      if let guess = Suggestion.closest(to: word, among: choices) {
        let words = path.split(separator: " ").dropFirst().map(String.init) + [guess]
        return "recovery-trainer: "
          + Interface.text("main.unknown-command-did-you-mean", shown, words.joined(separator: " "))
      }
      let usage = Interface.text("main.commands", names.joined(separator: ", "))
      return "recovery-trainer: " + Interface.text("main.unknown-command", shown) + "\n" + usage
    }
    return nil
  }

  /// A command's name when its configuration gives none: its type name in kebab case, as
  /// ArgumentParser derives it (`ExportKey` → `export-key`).
  static func defaultName(_ command: any ParsableCommand.Type) -> String {
    command._commandName
  }

  /// The argument parser's own words (headings, built-in flags, error shapes) in Chinese;
  /// everything that comes from the catalogue is already in the right language.
  static func localized(_ text: String, language: Language) -> String {
    guard language == .zh else { return text }
    var result = text
    let replacements: [(String, String)] = [
      ("OVERVIEW: ", "概述："), ("USAGE: ", "用法："), ("ARGUMENTS:", "参数："), ("OPTIONS:", "选项："),
      ("SUBCOMMANDS:", "子命令："), ("Show help information.", "显示帮助。"), ("Show the version.", "显示版本。"),
      ("(default: ", "（默认："), ("(values: ", "（可选值："),
    ]
    for (english, chinese) in replacements { result = result.replacingOccurrences(of: english, with: chinese) }
    let patterns: [(String, String)] = [
      (#"See '([^']+)' for detailed help\."#, "详细帮助请运行 $1。"),
      (#"See '([^']+)' for more information\."#, "更多说明请运行 $1。"),
      (#"(?m)^Error: "#, "错误："),
      (#"(?m)^Usage: "#, "用法："),
      (#"(?m)^Help: "#, "说明："),
      (#"Missing expected argument '([^']+)'"#, "缺少参数 $1"),
      (#"Missing value for '([^']+)'"#, "$1 缺少取值"),
      (#"Unknown option '([^']+)'"#, "没有选项 $1"),
      (#"Unexpected argument '([^']+)'"#, "多余的参数 $1"),
      (#"The value '([^']*)' is invalid for '([^']+)'"#, "$2 的取值 $1 无效"),
      (#"Please provide one of '([^']+)'"#, "请从以下取值中选一个：$1"),
      (#"Did you mean '([^']+)'\?"#, "你是想输入 $1 吗？"),
    ]
    for (pattern, template) in patterns {
      result = result.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
    }
    return result.replacingOccurrences(of: #"\(default: ([^)]*)\)"#, with: "（默认：$1）", options: .regularExpression)
  }
}
