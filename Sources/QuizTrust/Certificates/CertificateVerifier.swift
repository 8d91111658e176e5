import Foundation

/// Verifies certificates offline: signature, issuer, claims, revocation and validity period.
///
/// The checks run in that order and the first failure is the verdict, so a changed byte is
/// `forged(.badSignature)` even if the token has also expired.
public struct CertificateVerifier: Sendable {
  /// Issuers to accept; empty accepts any correctly signing `did:key` (self-certifying: it then
  /// proves only that the named key signed it).
  public let trustedIssuers: [PublicKey]
  /// Revocations to honour (a caller verifies a `Signed<RevocationList>` first).
  public let revocations: RevocationList
  /// Seconds of clock difference tolerated at both ends of the validity period.
  public let leeway: TimeInterval

  /// A verifier.
  public init(
    trustedIssuers: [PublicKey] = [], revocations: RevocationList = RevocationList(), leeway: TimeInterval = 0
  ) {
    self.trustedIssuers = trustedIssuers
    self.revocations = revocations
    self.leeway = leeway
  }

  /// The verdict on a compact VC-JWT at `time`.
  public func verify(jwt: String, at time: Date) -> CertificateVerdict {
    let issued: IssuedCertificate
    do {
      issued = try genuine(jwt.trimmingCharacters(in: .whitespacesAndNewlines))
    } catch {
      return .forged(error.reason)
    }
    if let revocation = revocations.revocation(of: issued.certificate.id) { return .revoked(issued, revocation) }
    if time.timeIntervalSince1970 < issued.certificate.issuedAt.timeIntervalSince1970 - leeway {
      return .notYetValid(issued)
    }
    if time.timeIntervalSince1970 >= issued.certificate.expiresAt.timeIntervalSince1970 + leeway {
      return .expired(issued)
    }
    return .valid(issued)
  }

  /// The verdict on the JSON form (`IssuedCertificate.jsonDocument()`) at `time`.
  public func verify(json: some DataProtocol, at time: Date) -> CertificateVerdict {
    guard let document = try? CanonicalJSON(parsing: json), case .object(var members) = document,
      let jwt = document["proof"]?["jwt"]?.stringValue
    else { return .forged(.malformed("not a certificate JSON document")) }
    let verdict = verify(jwt: jwt, at: time)
    guard let issued = verdict.certificate else { return verdict }
    members["proof"] = nil
    let shown = try? CanonicalJSON.object(members).bytes()
    guard shown == (try? issued.certificate.credential(issuer: issued.issuer).bytes()) else {
      return .forged(.documentMismatch)
    }
    return verdict
  }

  private struct Forgery: Error { let reason: ForgeryReason }

  private func genuine(_ jwt: String) throws(Forgery) -> IssuedCertificate {
    let parts = jwt.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3 else { throw Forgery(reason: .malformed("a JWT has three parts")) }
    guard let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
      let signature = Base64URL.decode(parts[2])
    else { throw Forgery(reason: .malformed("a part is not base64url")) }
    guard let header = try? CanonicalJSON(parsing: headerBytes), case .object = header else {
      throw Forgery(reason: .malformed("the header is not a JSON object"))
    }
    guard let alg = header["alg"]?.stringValue else { throw Forgery(reason: .malformed("no alg")) }
    guard alg == "EdDSA" else { throw Forgery(reason: .unsupportedAlgorithm(alg)) }
    if let typ = header["typ"], typ != .string("JWT") { throw Forgery(reason: .malformed("typ is not JWT")) }
    guard let kid = header["kid"]?.stringValue, kid.contains("#"), let key = try? PublicKey(did: kid) else {
      throw Forgery(reason: .malformed("kid is not a did:key verification method"))
    }
    guard key.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8)) else {
      throw Forgery(reason: .badSignature)
    }
    guard trustedIssuers.isEmpty || trustedIssuers.contains(key) else {
      throw Forgery(reason: .untrustedIssuer(did: key.did))
    }
    guard let payload = try? CanonicalJSON(parsing: payloadBytes), case .object = payload else {
      throw Forgery(reason: .malformed("the payload is not a JSON object"))
    }
    let certificate = try Self.certificate(from: payload, issuer: key)
    guard certificate.checkpoint.isSigned(by: key) else {
      throw Forgery(reason: .inconsistentClaims("the audit checkpoint is not signed by the issuer"))
    }
    let issued = IssuedCertificate(certificate: certificate, issuer: key, jwt: jwt)
    // Everything signed must be exactly what this certificate would write: no extra,
    // missing or contradictory claim (iss vs issuer, sub vs subject, nbf vs issuanceDate…).
    let expected = Self.payload(of: certificate, issuer: key)
    guard (try? payload.bytes()) == (try? expected.bytes()) else {
      throw Forgery(reason: .inconsistentClaims("the claims are not the certificate's"))
    }
    return issued
  }

  private static func payload(of certificate: Certificate, issuer: PublicKey) -> CanonicalJSON {
    .object([
      "iss": .string(issuer.did), "sub": .string(certificate.subject), "jti": .string(certificate.id),
      "nbf": .integer(certificate.issuedAt.seconds), "exp": .integer(certificate.expiresAt.seconds),
      "vc": certificate.credential(issuer: issuer),
    ])
  }

  private static func certificate(from payload: CanonicalJSON, issuer: PublicKey) throws(Forgery) -> Certificate {
    func string(_ value: CanonicalJSON?, _ name: String) throws(Forgery) -> String {
      guard let text = value?.stringValue else { throw Forgery(reason: .malformed("no \(name)")) }
      return text
    }
    func number(_ value: CanonicalJSON?, _ name: String) throws(Forgery) -> Double {
      switch value {
      case .integer(let number): return Double(number)
      case .number(let number): return number
      default: throw Forgery(reason: .malformed("no \(name)"))
      }
    }
    func date(_ value: CanonicalJSON?, _ name: String) throws(Forgery) -> Date {
      guard let text = value?.stringValue, let date = try? Date(text, strategy: .iso8601) else {
        throw Forgery(reason: .malformed("\(name) is not an ISO 8601 date"))
      }
      return date
    }
    guard let vc = payload["vc"], let subject = vc["credentialSubject"], let point = subject["auditCheckpoint"] else {
      throw Forgery(reason: .malformed("no vc.credentialSubject.auditCheckpoint"))
    }
    guard try string(payload["iss"], "iss") == issuer.did, try string(vc["issuer"], "vc.issuer") == issuer.did else {
      throw Forgery(reason: .inconsistentClaims("the issuer is not the signing key"))
    }
    let nbf = try number(payload["nbf"], "nbf")
    let exp = try number(payload["exp"], "exp")
    guard try date(vc["issuanceDate"], "issuanceDate").timeIntervalSince1970 == nbf,
      try date(vc["expirationDate"], "expirationDate").timeIntervalSince1970 == exp
    else { throw Forgery(reason: .inconsistentClaims("nbf/exp differ from issuanceDate/expirationDate")) }
    guard let signer = try? PublicKey(parsing: try string(point["signer"], "checkpoint signer")) else {
      throw Forgery(reason: .malformed("the checkpoint signer is not a key"))
    }
    let checkpoint = Signed(
      statement: AuditCheckpoint(
        sequence: Int(try number(point["sequence"], "checkpoint sequence")),
        headHash: try string(point["headHash"], "checkpoint headHash"),
        time: Date(milliseconds: Int64(try number(point["time"], "checkpoint time")))),
      signer: signer, signature: try string(point["signature"], "checkpoint signature"))
    return Certificate(
      id: try string(payload["jti"], "jti"),
      learnerID: try string(subject["learner"]?["id"], "learner id"),
      learnerName: try string(subject["learner"]?["name"], "learner name"),
      examID: try string(subject["exam"]?["id"], "exam id"),
      examTitle: try string(subject["exam"]?["title"], "exam title"),
      courseID: try string(subject["course"]?["id"], "course id"),
      courseVersion: try string(subject["course"]?["version"], "course version"),
      contentHash: try string(subject["course"]?["contentHash"], "content hash"),
      score: try number(subject["score"], "score"), passMark: try number(subject["passMark"], "passMark"),
      examDate: try date(subject["examDate"], "examDate"),
      issuedAt: Date(timeIntervalSince1970: nbf), expiresAt: Date(timeIntervalSince1970: exp),
      attemptID: try string(subject["attemptID"], "attemptID"),
      answersDigest: try string(subject["answersDigest"], "answersDigest"), checkpoint: checkpoint)
  }
}
