import ArgumentParser
import Foundation
import LineEditing
import QuizCore
import QuizTrust

/// Where the organisation's signing key lives, and how a passphrase is given.
extension AppContext {
  /// The sealed organisation key in the data folder.
  var organisationKeyFile: String { dataDirectory.file("organisation-key.json") }

  /// The passphrase from `--passphrase-file` (its last line break removed), else typed at the
  /// terminal without echo; never from the command line or the environment.
  func passphrase(file: String?, confirm: Bool) throws -> Passphrase {
    if let file {
      guard let data = FileManager.default.contents(atPath: file) else {
        Console.error("recovery-trainer: " + language.text("file.cannot-read", file))
        throw ExitCode(66)
      }
      var text = String(decoding: data, as: UTF8.self)
      if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
      return Passphrase(text)
    }
    guard let typed = LineReader.readSecret(prompt: language.text("key.passphrase-prompt")) else {
      Console.error("recovery-trainer: " + language.text("key.passphrase-needed"))
      throw ExitCode(64)
    }
    if confirm {
      guard LineReader.readSecret(prompt: language.text("key.passphrase-again")) == typed else {
        Console.error("recovery-trainer: " + language.text("key.passphrases-differ"))
        throw ExitCode(64)
      }
    }
    return Passphrase(typed)
  }
}

extension AdminCommand {
  /// `admin init`: creates the organisation's signing key, sealed under the manager's passphrase.
  struct InitKey: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init", abstract: Interface.text("help.admin.init"),
      discussion: Interface.text("help.admin.init-discussion"))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var passphrase: PassphraseOption

    func run() throws {
      let context = AppContext(global)
      let path = context.organisationKeyFile
      if FileManager.default.fileExists(atPath: path) {
        Console.error("recovery-trainer: " + context.language.text("key.exists", path))
        throw ExitCode(74)
      }
      let chosen = try context.passphrase(file: passphrase.file, confirm: true)
      let key = OrganisationKey.generate()
      let sealed: OrganisationKeyFile
      do {
        sealed = try key.sealed(with: chosen)
      } catch {
        Console.error("recovery-trainer: " + context.language.text("key.passphrase-empty"))
        throw ExitCode(65)
      }
      do {
        try context.dataDirectory.create()
        // Written under a temporary name, readable by its owner only, then renamed.
        let temporary = path + ".partial-\(getpid())"
        guard
          FileManager.default.createFile(
            atPath: temporary, contents: Data(sealed.jsonText().utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown) }
        guard rename(temporary, path) == 0 else {
          try? FileManager.default.removeItem(atPath: temporary)
          throw CocoaError(.fileWriteUnknown)
        }
      } catch {
        Console.error("recovery-trainer: " + context.language.text("file.cannot-create-folder", path, "\(error)"))
        throw ExitCode(74)
      }
      Console.line(context.language.text("key.created", sealed.did, path))
    }
  }

  /// `admin export-key`: the organisation's public key, for auditors and verifiers.
  struct ExportKey: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export-key", abstract: Interface.text("help.admin.export-key"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(Interface.text("help.admin.key-format")))
    var format: KeyFormat = .all

    enum KeyFormat: String, ExpressibleByArgument, CaseIterable {
      case all, did, pem, hex
    }

    func run() throws {
      let context = AppContext(global)
      let file = try context.organisationKeyFileContents()
      let key = file.publicKey
      switch format {
      case .did: Console.line(key.did)
      case .hex: Console.line(key.hex)
      case .pem: Console.line(key.pemRepresentation.trimmingCharacters(in: .newlines))
      case .all:
        Console.line("did:key  " + key.did)
        Console.line("Ed25519  " + key.hex)
        Console.line(key.pemRepresentation.trimmingCharacters(in: .newlines))
      }
    }
  }
}
