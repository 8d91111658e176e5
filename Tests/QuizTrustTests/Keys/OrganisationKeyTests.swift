import Foundation
import QuizTrust
import Testing

@Suite struct OrganisationKeyTests {
  let passphrase = Passphrase("正确的马 battery staple")

  @Test func aSealedKeyOpensWithItsPassphraseAndSignsAsBefore() throws {
    let key = OrganisationKey.generate()
    let text = try key.sealed(with: passphrase, parameters: Sample.fastScrypt).jsonText()
    let opened = try OrganisationKey(opening: try OrganisationKeyFile(jsonText: Data(text.utf8)), with: passphrase)
    #expect(opened.publicKey == key.publicKey)
    #expect(key.publicKey.isValidSignature(opened.signature(for: Data("x".utf8)), for: Data("x".utf8)))
  }

  @Test func theRecommendedParametersRoundTripAndAreRecordedInTheFile() throws {
    let file = try Sample.organisation.sealed(with: passphrase)
    #expect(file.kdf.parameters == .recommended)
    let text = file.jsonText()
    #expect(text.contains("\"log2Rounds\" : \(ScryptParameters.recommended.log2Rounds)"))
    #expect(try OrganisationKey(opening: file, with: passphrase).publicKey == Sample.organisation.publicKey)
  }

  @Test func aWrongPassphraseCannotOpenTheKey() throws {
    let file = try Sample.organisation.sealed(with: passphrase, parameters: Sample.fastScrypt)
    #expect(throws: TrustError.wrongPassphrase) { try OrganisationKey(opening: file, with: Passphrase("guess")) }
    #expect(throws: TrustError.wrongPassphrase) { try OrganisationKey(opening: file, with: Passphrase("")) }
  }

  @Test func thePassphraseIsNeverInTheFileOrADescription() throws {
    let text = try Sample.organisation.sealed(with: passphrase, parameters: Sample.fastScrypt).jsonText()
    #expect(!text.contains("battery"))
    #expect(!"\(passphrase)".contains("battery"))
    var dumped = ""
    dump(passphrase, to: &dumped)
    #expect(!dumped.contains("battery"))
  }

  @Test func anEmptyPassphraseIsRefusedWhenSealing() {
    #expect(throws: TrustError.emptyPassphrase) { try Sample.organisation.sealed(with: Passphrase("")) }
  }

  @Test func weakenedParametersOrASwappedPublicKeyInTheFileDoNotOpen() throws {
    var file = try Sample.organisation.sealed(with: passphrase, parameters: Sample.fastScrypt)
    var weakened = file
    weakened.kdf.parameters.log2Rounds = 9
    #expect(throws: TrustError.wrongPassphrase) { try OrganisationKey(opening: weakened, with: passphrase) }
    file.publicKey = Sample.intruder.publicKey
    #expect(throws: TrustError.wrongPassphrase) { try OrganisationKey(opening: file, with: passphrase) }
  }

  @Test func aNewerOrHostileFileIsATypedError() throws {
    let text = try Sample.organisation.sealed(with: passphrase, parameters: Sample.fastScrypt).jsonText()
    let newer = text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2")
    #expect(throws: TrustError.unsupportedKeyFileVersion(2)) { try OrganisationKeyFile(jsonText: Data(newer.utf8)) }
    #expect(throws: TrustError.self) { try OrganisationKeyFile(jsonText: Data("{}".utf8)) }
    var file = try OrganisationKeyFile(jsonText: Data(text.utf8))
    file.kdf.parameters.log2Rounds = 30
    #expect(throws: TrustError.invalidKeyDerivationParameters("log2Rounds must be 1…24")) {
      try OrganisationKey(opening: file, with: passphrase)
    }
  }
}
