import ArgumentParser
import Foundation
import QuizStore
import QuizStorePostgres

extension AdminCommand {
  /// The organisation database named by `--database`, `RECOVERY_TRAINER_DATABASE` or the
  /// config file, or a usage error: these commands never fall back to the local file.
  static func organisationURL(_ context: AppContext) throws -> String {
    guard let url = context.databaseURL else {
      Console.error("recovery-trainer: " + context.language.text("database.none"))
      throw ExitCode(64)
    }
    return url
  }

  /// `admin init-organisation`: the schema, the roles `rt_manager` and `rt_learner`, and the
  /// rules the server enforces for them; safe to run again (after an upgrade, it must be).
  struct InitOrganisation: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init-organisation", abstract: Interface.text("help.admin.init-organisation"))
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let context = AppContext(global)
      let url = try AdminCommand.organisationURL(context)
      do {
        let location = try OrganisationDatabase.initialise(url: url, environment: context.terminal.environment)
        Console.line(context.language.text("organisation.initialised", location))
      } catch {
        throw context.fail(error)
      }
    }
  }

  /// `admin add-learner NAME --role ROLE [--create-learner]`.
  struct AddLearner: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-learner", abstract: Interface.text("help.admin.add-learner"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.admin.add-learner-name"), valueName: "name"))
    var name: String
    @Option(help: ArgumentHelp(Interface.text("help.admin.role"), valueName: "role"))
    var role: String
    @Flag(help: ArgumentHelp(Interface.text("help.admin.create-learner")))
    var createLearner = false

    func run() throws {
      let context = AppContext(global)
      let url = try AdminCommand.organisationURL(context)
      do {
        let learner = try OrganisationDatabase.addLearner(
          named: name, role: role, create: createLearner, at: context.now(), url: url,
          environment: context.terminal.environment)
        Console.line(context.language.text("organisation.learner-added", role, learner.name))
      } catch {
        throw context.fail(error)
      }
    }
  }

  /// `admin add-manager --role ROLE`.
  struct AddManager: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-manager", abstract: Interface.text("help.admin.add-manager"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(Interface.text("help.admin.role"), valueName: "role"))
    var role: String

    func run() throws {
      let context = AppContext(global)
      let url = try AdminCommand.organisationURL(context)
      do {
        try OrganisationDatabase.addManager(role: role, url: url, environment: context.terminal.environment)
        Console.line(context.language.text("organisation.manager-added", role))
      } catch {
        throw context.fail(error)
      }
    }
  }
}

extension AdminCommand {
  /// `admin migrate-to URL`: this machine's SQLite database moved up to an empty organisation
  /// database: every row with its id, the audit log and its signatures, checked through the
  /// store port before it is committed. The local file is not changed.
  struct MigrateTo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "migrate-to", abstract: Interface.text("help.admin.migrate-to"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.admin.migrate-to-url"), valueName: "url"))
    var url: String

    func run() throws {
      let context = AppContext(global)
      let file = context.dataDirectory.file("progress.sqlite")
      guard FileManager.default.fileExists(atPath: file) else {
        Console.error(
          "recovery-trainer: "
            + context.language.text("globaloptions.there-is-no-progress-here-no", context.dataDirectory.path))
        throw ExitCode(66)
      }
      do {
        let counts = try OrganisationDatabase.migrate(
          fromSQLite: file, url: url, environment: context.terminal.environment)
        Console.line(
          context.language.text(
            "organisation.migrated", file, url, "\(counts["learner"] ?? 0)", "\(counts["answer"] ?? 0)",
            "\(counts["exam_attempt"] ?? 0)", "\(counts["certificate"] ?? 0)", "\(counts["audit_entry"] ?? 0)"))
      } catch {
        throw context.fail(error)
      }
    }
  }
}

extension AdminCommand {
  /// `admin migrate`: brings the database's schema up to date now (every program does it when it
  /// opens the database, under a lock, so clients starting together take turns); for an
  /// organisation database, also extends its rules to new tables.
  struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: Interface.text("help.admin.migrate"))
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let context = AppContext(global)
      if let url = context.databaseURL {
        do {
          let (location, version) = try OrganisationDatabase.migrate(
            url: url, environment: context.terminal.environment)
          Console.line(context.language.text("organisation.migrated-schema", location, version))
        } catch {
          throw context.fail(error)
        }
        return
      }
      let store = try context.openStore()
      do {
        Console.line(
          context.language.text("organisation.migrated-schema", store.location, try store.check().schemaVersion))
      } catch {
        throw context.fail(error)
      }
    }
  }
}
