import Foundation
import QuizTrust
import Testing

@Suite struct PublicKeyTests {
  let key = Sample.organisation.publicKey

  @Test func theRFC8032KeyHasTheRawFormThatDidkitAndOpenSSLDerive() {
    #expect(key.hex == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    // did:key as didkit 0.3.3 derives it for this key (didkit.key_to_did("key", jwk)).
    #expect(key.did == "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw")
    #expect(key.verificationMethod == key.did + "#z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw")
    // PEM as `openssl pkey -pubout` writes it for the RFC seed.
    #expect(
      key.pemRepresentation
        == "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n"
    )
  }

  @Test func theRFC8032SignatureVerifies() {
    let signature = Hex.decode(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    )!
    #expect(key.isValidSignature(signature, for: Data()))
    #expect(!key.isValidSignature(signature, for: Data([0])))
  }

  @Test(arguments: ["did", "vm", "multibase", "pem", "hex", "base64url"])
  func everyWrittenFormReadsBack(form: String) throws {
    let text =
      switch form {
      case "did": key.did
      case "vm": key.verificationMethod
      case "multibase": key.multibase
      case "pem": key.pemRepresentation
      case "hex": key.hex
      default: key.base64URL
      }
    #expect(try PublicKey(parsing: text) == key)
  }

  /// One key in 64 has a base64url form starting with `z`, like a multibase: it must still
  /// read as base64url (a certificate's checkpoint signer is written that way).
  @Test func aBase64URLKeyStartingWithZIsNotTakenForMultibase() throws {
    var found: PublicKey?
    while found == nil {
      let key = OrganisationKey.generate().publicKey
      if key.base64URL.hasPrefix("z") { found = key }
    }
    let key = try #require(found)
    #expect(try PublicKey(parsing: key.base64URL) == key)
    #expect(try PublicKey(parsing: key.multibase) == key)
  }

  @Test func keysThatAreNotEd25519DidKeysAreRefused() {
    // A secp256k1 did:key (multicodec 0xe7 0x01) from the did:key spec.
    #expect(throws: TrustError.self) { try PublicKey(did: "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme") }
    #expect(throws: TrustError.self) { try PublicKey(did: key.did + "#z6MkotherFragment") }
    #expect(throws: TrustError.self) { try PublicKey(parsing: "not a key") }
  }
}
