import ArgumentParser
import Foundation
import QuizCore
import QuizStore
import QuizTrust

extension AdminCommand {
  /// `admin export-results FILE [--name NAME]`: this PC's results as a bundle sealed by the
  /// organisation key, for `admin import-results` on the organisation database.
  struct ExportResults: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export-results", abstract: Interface.text("help.admin.export-results"),
      discussion: Interface.text("help.admin.export-results-discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.admin.results-file"), valueName: "file"))
    var file: String
    @Option(help: ArgumentHelp(Interface.text("help.admin.results-name"), valueName: "name"))
    var name: String?
    @OptionGroup var passphrase: PassphraseOption

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      guard context.databaseURL == nil else {
        Console.error("recovery-trainer: " + language.text("results.export-organisation"))
        throw ExitCode(64)
      }
      let label = (name ?? ProcessInfo.processInfo.hostName).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !label.isEmpty, !label.contains(where: \.isNewline) else {
        Console.error("recovery-trainer: " + language.text("results.bad-name"))
        throw ExitCode(64)
      }
      if FileManager.default.fileExists(atPath: file) {
        Console.error("recovery-trainer: " + language.text("out.exists", file))
        throw ExitCode(73)
      }
      let store = try context.openStore(existing: true)
      guard let local = store as? SQLiteStore else {
        Console.error("recovery-trainer: " + language.text("results.export-organisation"))
        throw ExitCode(64)
      }
      let organisation = try passphrase.unlock(context)
      try requireIntact(store, organisation: organisation, context: context)
      let contents: ResultBundleContents
      do { contents = try local.exportResults(name: label, at: context.now()) } catch { throw context.fail(error) }
      try Self.writeNew(ResultBundle.write(contents, signedBy: organisation), to: file, language: language)

      func count(_ table: String) -> String {
        "\(contents.tables.first { $0.name == table }?.rows.count ?? 0)"
      }
      Console.line(
        language.text(
          "results.exported", label, file, count("learner"), count("session"), count("answer"),
          count("exam_attempt"), count("certificate"), "\(contents.log.count)"))
      if !contents.notFinal.isEmpty {
        Console.line(
          language.text(
            "results.not-final", "\(contents.notFinal.count)", contents.notFinal.joined(separator: ", ")))
      }
      Console.line(language.text("results.stay-here"))
    }

    /// Written under a temporary name, then linked into place, which fails rather than replace
    /// a file that appeared meanwhile: a failure leaves nothing half-written and nothing lost.
    static func writeNew(_ data: Data, to path: String, language: Language) throws {
      let temporary = path + ".partial-\(getpid())"
      defer { unlink(temporary) }
      guard FileManager.default.createFile(atPath: temporary, contents: data) else {
        Console.error("recovery-trainer: " + language.text("out.cannot-write", path))
        throw ExitCode(73)
      }
      guard link(temporary, path) == 0 else {
        let exists = errno == EEXIST
        Console.error("recovery-trainer: " + language.text(exists ? "out.exists" : "out.cannot-write", path))
        throw ExitCode(73)
      }
    }
  }

  /// `admin import-results FILE`: a bundle from `admin export-results` loaded into this
  /// database (the organisation's, usually): checked first, then added in one transaction;
  /// a bundle imported before adds nothing.
  struct ImportResults: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import-results", abstract: Interface.text("help.admin.import-results"),
      discussion: Interface.text("help.admin.import-results-discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.admin.results-file"), valueName: "file"))
    var file: String
    @OptionGroup var passphrase: PassphraseOption

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      guard let data = FileManager.default.contents(atPath: file) else {
        Console.error("recovery-trainer: " + Interface.text("file.cannot-read", file))
        throw ExitCode(66)
      }
      let organisation = try passphrase.unlock(context)
      let bundle: ResultBundle
      do { bundle = try ResultBundle.read(data, organisation: organisation.publicKey) } catch {
        Console.error("recovery-trainer: " + language.text("results.refused", file, error.message(language)))
        throw ExitCode(error.exitStatus)
      }
      let store = try context.openStore()
      // A database that does not verify now would be blamed on the bundle afterwards.
      try requireIntact(store, organisation: organisation, context: context)
      guard let importer = store as? any ResultImporting else {
        Console.error("recovery-trainer: " + language.text("results.cannot-import", store.location))
        throw ExitCode(64)
      }
      let summary: ImportSummary
      do { summary = try importer.importResults(bundle, at: context.now(), by: organisation) } catch {
        guard case .bundle = error else { throw context.fail(error) }
        Console.error("recovery-trainer: " + language.text("results.refused", file, error.message(language)))
        throw ExitCode(error.exitStatus)
      }
      let exported = Date(timeIntervalSince1970: Double(bundle.seal.statement.exportedAt) / 1000)
      let when = ISO8601DateFormatter().string(from: exported)
      if summary.isUnchanged {
        Console.line(language.text("results.unchanged", summary.name, when))
      } else {
        Console.line(
          language.text(
            "results.imported", summary.name, when, "\(summary.learnersCreated.count)",
            "\(summary.learnersMatched)", "\(summary.sessions)", "\(summary.answers)", "\(summary.attempts)",
            "\(summary.certificates)", "\(summary.entries)"))
        if !summary.learnersCreated.isEmpty {
          Console.line(language.text("results.learners-created", summary.learnersCreated.joined(separator: ", ")))
        }
        if summary.sessionsUpdated + summary.revocations > 0 {
          Console.line(language.text("results.updated", "\(summary.sessionsUpdated)", "\(summary.revocations)"))
        }
      }
      if !summary.notFinal.isEmpty {
        Console.line(language.text("results.left-on-pc", "\(summary.notFinal.count)", summary.name))
      }
      let report: IntegrityReport
      do { report = try store.verifyIntegrity(organisation: organisation.publicKey) } catch {
        throw context.fail(error)
      }
      if report.isIntact {
        Console.line(language.text("results.verified", "\(report.attempts)", "\(report.certificates)"))
      } else {
        let first =
          report.audit.failure.map { "audit entry \($0.sequence) \($0.problem)" } ?? report.problems.first?.description
        Console.error("recovery-trainer: " + language.text("results.verify-failed", first ?? ""))
        throw ExitCode(1)
      }
    }
  }
}
