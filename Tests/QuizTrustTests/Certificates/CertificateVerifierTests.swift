import Foundation
import QuizTrust
import Testing

@Suite struct CertificateVerifierTests {
  let issued = Sample.certificate().issued(by: Sample.organisation)
  let verifier = CertificateVerifier(trustedIssuers: [Sample.organisation.publicKey])
  let now = Sample.minutes(90)

  func payload(of jwt: String) throws -> Data { try #require(Base64URL.decode(Sample.parts(jwt)[1])) }
  func header(of jwt: String) throws -> String {
    String(decoding: try #require(Base64URL.decode(Sample.parts(jwt)[0])), as: UTF8.self)
  }

  @Test func anIssuedCertificateVerifiesAndReadsBackWhole() throws {
    let verdict = verifier.verify(jwt: issued.jwt, at: now)
    #expect(verdict == .valid(issued))
    #expect(verdict.certificate?.certificate == Sample.certificate())
    #expect(
      try header(of: issued.jwt)
        == #"{"alg":"EdDSA","kid":"\#(Sample.organisation.publicKey.verificationMethod)","typ":"JWT"}"#)
  }

  @Test func theClaimsAreTheOnesAVCJWTVerifierExpects() throws {
    let claims = try CanonicalJSON(parsing: try payload(of: issued.jwt))
    let did = Sample.organisation.publicKey.did
    #expect(claims["iss"] == .string(did))
    #expect(claims["sub"] == .string("urn:recovery-trainer:learner:zhangsan"))
    #expect(claims["jti"] == .string(issued.certificate.id))
    #expect(claims["nbf"] == .integer(Int64(Sample.minutes(60).timeIntervalSince1970)))
    #expect(claims["vc"]?["issuer"] == .string(did))
    #expect(claims["vc"]?["issuanceDate"] == .string("2026-11-30T01:53:20Z"))
    #expect(claims["vc"]?["credentialSubject"]?["id"] == claims["sub"])
    #expect(claims["vc"]?["@context"] == .array([.string("https://www.w3.org/2018/credentials/v1")]))
  }

  @Test func anExpiredCertificateIsExpired() {
    #expect(verifier.verify(jwt: issued.jwt, at: issued.certificate.expiresAt) == .expired(issued))
    #expect(verifier.verify(jwt: issued.jwt, at: issued.certificate.expiresAt.addingTimeInterval(-1)).isValid)
  }

  @Test func aCertificateBeforeItsIssuanceIsNotYetValid() {
    #expect(verifier.verify(jwt: issued.jwt, at: Sample.minutes(59)) == .notYetValid(issued))
  }

  @Test func aRevokedCertificateIsRevokedWithItsReason() {
    let revocation = RevocationList.Revocation(certificateID: issued.certificate.id, reason: "作弊", revokedAt: now)
    let verifier = CertificateVerifier(
      trustedIssuers: [Sample.organisation.publicKey], revocations: RevocationList([revocation]))
    #expect(verifier.verify(jwt: issued.jwt, at: now) == .revoked(issued, revocation))
  }

  @Test func anEditedCertificateFieldIsForged() throws {
    let text = String(decoding: try payload(of: issued.jwt), as: UTF8.self)
    let edited = text.replacingOccurrences(of: "\"score\":0.85", with: "\"score\":0.95")
    try #require(edited != text)
    let parts = Sample.parts(issued.jwt)
    let jwt = [parts[0], Base64URL.encode(Data(edited.utf8)), parts[2]].joined(separator: ".")
    #expect(verifier.verify(jwt: jwt, at: now) == .forged(.badSignature))
  }

  @Test func aCertificateSignedWithAnotherKeyIsForged() {
    let other = Sample.certificate(checkpoint: Sample.checkpoint(Sample.log(3), at: 3, by: Sample.intruder))
      .issued(by: Sample.intruder)
    #expect(verifier.verify(jwt: other.jwt, at: now) == .forged(.untrustedIssuer(did: Sample.intruder.publicKey.did)))
    // Without a trusted issuer list, a did:key certificate is self-certifying and verifies.
    #expect(CertificateVerifier().verify(jwt: other.jwt, at: now).isValid)
  }

  @Test func anotherKeysSignatureUnderTheOrganisationsKidIsForged() throws {
    let jwt = Sample.jws(header: try header(of: issued.jwt), payload: try payload(of: issued.jwt), by: Sample.intruder)
    #expect(verifier.verify(jwt: jwt, at: now) == .forged(.badSignature))
  }

  @Test(arguments: ["", "a.b", "a.b.c.d", "!!.??.**", "e30.e30.AAAA"])
  func malformedTokensAreForged(jwt: String) {
    guard case .forged(.malformed) = verifier.verify(jwt: jwt, at: now) else {
      Issue.record("\(jwt) was not malformed")
      return
    }
  }

  @Test func aTokenWithAnotherAlgorithmIsForged() throws {
    let jwt = Sample.jws(header: #"{"alg":"none"}"#, payload: try payload(of: issued.jwt), by: Sample.organisation)
    #expect(verifier.verify(jwt: jwt, at: now) == .forged(.unsupportedAlgorithm("none")))
  }

  @Test func contradictoryClaimsSignedByTheOrganisationAreStillRefused() throws {
    let text = String(decoding: try payload(of: issued.jwt), as: UTF8.self)
    let edited = text.replacingOccurrences(
      of: "\"sub\":\"urn:recovery-trainer:learner:zhangsan\"", with: "\"sub\":\"urn:recovery-trainer:learner:lisi\"")
    try #require(edited != text)
    let jwt = Sample.jws(header: try header(of: issued.jwt), payload: Data(edited.utf8), by: Sample.organisation)
    guard case .forged(.inconsistentClaims) = verifier.verify(jwt: jwt, at: now) else {
      Issue.record("contradictory sub accepted")
      return
    }
  }

  @Test func aCheckpointSignedByAnotherKeyInsideACertificateIsRefused() {
    let certificate = Sample.certificate(checkpoint: Sample.checkpoint(Sample.log(3), at: 3, by: Sample.intruder))
    let jwt = certificate.issued(by: Sample.organisation).jwt
    guard case .forged(.inconsistentClaims) = verifier.verify(jwt: jwt, at: now) else {
      Issue.record("foreign checkpoint accepted")
      return
    }
  }

  @Test func theJSONFormVerifiesAndAnEditedFieldInItIsForged() throws {
    let document = issued.jsonDocument()
    #expect(verifier.verify(json: Data(document.utf8), at: now) == .valid(issued))
    let edited = document.replacingOccurrences(of: "\"score\" : 0.85", with: "\"score\" : 0.95")
    try #require(edited != document)
    #expect(verifier.verify(json: Data(edited.utf8), at: now) == .forged(.documentMismatch))
  }
}
