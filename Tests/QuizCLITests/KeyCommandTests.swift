import Foundation
import QuizTrust
import Testing

/// The organisation key as a manager creates and shares it.
@Suite(.serialized) struct KeyCommandTests {
  @Test func initSealsTheKeyUnderThePassphraseAndNeverOverwritesIt() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let secret = data.appendingPathComponent("passphrase.txt")
    try Data("正确的马 battery staple\n".utf8).write(to: secret)
    let created = try CLI.run(["admin", "init", "--passphrase-file", secret.path], dataDir: data)
    #expect(created.status == 0, "\(created.stderr)")
    let path = data.appendingPathComponent("organisation-key.json").path
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600, "readable by its owner only")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(!text.contains("正确的马") && !text.contains("battery"), "the passphrase is not in the file")
    // The file opens with the passphrase as written (without its line break), and not otherwise.
    let file = try OrganisationKeyFile(jsonText: Data(text.utf8))
    let key = try OrganisationKey(opening: file, with: Passphrase("正确的马 battery staple"))
    #expect(key.publicKey == file.publicKey)
    #expect(throws: TrustError.wrongPassphrase) {
      try OrganisationKey(opening: file, with: Passphrase("正确的马 battery staple\n"))
    }
    #expect(created.stdout.contains(file.did))
    // A second init refuses, and the key is the same file, byte for byte.
    let again = try CLI.run(["admin", "init", "--passphrase-file", secret.path], dataDir: data)
    #expect(again.status == 74 && again.stderr.contains("不会被覆盖"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    let exported = try CLI.run(["admin", "export-key", "--format", "did"], dataDir: data)
    #expect(exported.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == file.did)
    let pem = try CLI.run(["admin", "export-key", "--format", "pem"], dataDir: data)
    #expect(try PublicKey(parsing: pem.stdout) == file.publicKey)
  }

  @Test func aPassphraseIsNeverTakenFromTheCommandLineOrWithoutATerminal() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let option = try CLI.run(["admin", "init", "--passphrase", "secret"], dataDir: data)
    #expect(option.status == 64)
    let piped = try CLI.run(["admin", "init"], input: "secret\nsecret\n", dataDir: data)
    #expect(piped.status == 64 && piped.stderr.contains("--passphrase-file"))
    let empty = data.appendingPathComponent("empty.txt")
    try Data("\n".utf8).write(to: empty)
    #expect(try CLI.run(["admin", "init", "--passphrase-file", empty.path], dataDir: data).status == 65)
    #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("organisation-key.json").path))
    let missing = try CLI.run(["admin", "export-key"], dataDir: data)
    #expect(missing.status == 66 && missing.stderr.contains("admin init"))
  }
}
