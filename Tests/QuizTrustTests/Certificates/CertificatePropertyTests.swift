import Foundation
import PropertyBased
import QuizTrust
import Testing

@Suite struct CertificatePropertyTests {
  let issued = Sample.certificate().issued(by: Sample.organisation)
  let verifier = CertificateVerifier(trustedIssuers: [Sample.organisation.publicKey])

  @Test func anySingleByteChangeInTheSignedPayloadFailsVerification() async throws {
    let parts = Sample.parts(issued.jwt)
    let payload = try #require(Base64URL.decode(parts[1]))
    await propertyCheck(count: 400, input: Gen.int(in: 0...(payload.count - 1)), Gen.int(in: 1...255)) {
      offset, delta in
      var changed = payload
      changed[offset] = changed[offset] &+ UInt8(delta)
      let jwt = [parts[0], Base64URL.encode(changed), parts[2]].joined(separator: ".")
      #expect(!verifier.verify(jwt: jwt, at: Sample.minutes(90)).isValid)
    }
  }

  @Test func anySingleCharacterChangeInTheCompactTokenFailsVerification() async {
    let characters = Array(issued.jwt.utf8)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=".utf8)
    await propertyCheck(
      count: 400, input: Gen.int(in: 0...(characters.count - 1)), Gen.int(in: 0...(alphabet.count - 1))
    ) { offset, pick in
      guard alphabet[pick] != characters[offset] else { return }
      var changed = characters
      changed[offset] = alphabet[pick]
      let jwt = String(decoding: changed, as: UTF8.self)
      #expect(!verifier.verify(jwt: jwt, at: Sample.minutes(90)).isValid)
    }
  }
}
