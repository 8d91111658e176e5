import ArgumentParser
import Foundation
import LineEditing
import QuizTrust

/// `--passphrase-file FILE`, for every command that needs the organisation key.
struct PassphraseOption: ParsableArguments {
  @Option(
    name: .customLong("passphrase-file"),
    help: ArgumentHelp(Interface.text("help.admin.passphrase-file"), valueName: "file"))
  var file: String?

  /// The organisation key, opened with the passphrase from the file or typed at the terminal.
  func unlock(_ context: AppContext) throws -> OrganisationKey {
    try context.unlockOrganisationKey(passphraseFile: file, secret: AppContext.terminalSecret)
  }
}

/// How a passphrase is asked for when it is not in a file: a prompt, and the text typed
/// without echo (nil at the end of input).
typealias SecretReader = (_ prompt: String) -> String?

extension AppContext {
  /// Reads the sealed organisation key (exit 66 when there is none, 65 when unreadable).
  func organisationKeyFileContents() throws -> OrganisationKeyFile {
    let path = organisationKeyFile
    guard let data = FileManager.default.contents(atPath: path) else {
      Console.error("recovery-trainer: " + language.text("key.missing", path))
      throw ExitCode(66)
    }
    do {
      return try OrganisationKeyFile(jsonText: data)
    } catch {
      Console.error("recovery-trainer: " + language.text("key.unreadable", path, error.description))
      throw ExitCode(65)
    }
  }

  /// The organisation's public key, when the data folder has one.
  func organisationPublicKey() -> PublicKey? {
    FileManager.default.contents(atPath: organisationKeyFile).flatMap { try? OrganisationKeyFile(jsonText: $0) }?
      .publicKey
  }

  /// Where wrong passphrases in a row are counted, so that starting again does not reset the delay.
  var passphraseFailuresFile: String { dataDirectory.file("organisation-key.failures") }

  /// The delay before a wrong passphrase is reported, after `failures` wrong ones in a row
  /// (this one included): 1 s, 2 s, 4 s… up to 30 s.
  static func passphraseDelay(failures: Int) -> TimeInterval {
    min(30, pow(2, Double(max(0, failures - 1))))
  }

  /// Opens the organisation key with the manager's passphrase: from `--passphrase-file`, or
  /// asked through `secret` (no echo), up to three times. Each wrong passphrase is refused
  /// after a delay that doubles with every wrong one in a row, counted in the data folder;
  /// the right one resets the count. Exit 77 when no right passphrase was given.
  func unlockOrganisationKey(passphraseFile: String?, secret: SecretReader) throws -> OrganisationKey {
    let file = try organisationKeyFileContents()
    let tries = passphraseFile == nil ? 3 : 1
    for _ in 0..<tries {
      let passphrase: Passphrase
      if let passphraseFile {
        passphrase = try self.passphrase(file: passphraseFile, confirm: false)
      } else {
        guard let typed = secret(language.text("key.passphrase-prompt")) else {
          Console.error("recovery-trainer: " + language.text("key.passphrase-needed"))
          throw ExitCode(64)
        }
        passphrase = Passphrase(typed)
      }
      do {
        let key = try OrganisationKey(opening: file, with: passphrase)
        try? FileManager.default.removeItem(atPath: passphraseFailuresFile)
        return key
      } catch .wrongPassphrase {
        let failures = recordPassphraseFailure()
        dependencies.sleep(Self.passphraseDelay(failures: failures))
        Console.error("recovery-trainer: " + language.text("key.wrong-passphrase"))
      } catch {
        Console.error("recovery-trainer: " + language.text("key.unreadable", organisationKeyFile, error.description))
        throw ExitCode(65)
      }
    }
    throw ExitCode(77)
  }

  /// Counts one more wrong passphrase; returns the count.
  private func recordPassphraseFailure() -> Int {
    let path = passphraseFailuresFile
    let previous =
      FileManager.default.contents(atPath: path).flatMap {
        Int(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
      } ?? 0
    let count = previous + 1
    FileManager.default.createFile(
      atPath: path, contents: Data("\(count)\n".utf8), attributes: [.posixPermissions: 0o600])
    return count
  }

  /// The terminal's no-echo reader, or, when standard input is not a terminal, nothing.
  static var terminalSecret: SecretReader { { LineReader.readSecret(prompt: $0) } }
}
