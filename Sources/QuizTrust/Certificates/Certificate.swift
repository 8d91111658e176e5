import Crypto
import Foundation

/// What a certificate says: who passed which exam, with what score, valid until when.
///
/// Issued as a VC-JWT (W3C VC Data Model 1.1 in a JWT, `alg: EdDSA`, issuer a `did:key`), so
/// any standard verifier can check it offline; `vcJWT(signedBy:)` and `CertificateVerifier`.
public struct Certificate: Sendable, Hashable {
  /// The credential's URI id, `urn:uuid:…`; the JWT's `jti`.
  public var id: String
  /// The learner's id in the store.
  public var learnerID: String
  /// The learner's name as printed.
  public var learnerName: String
  /// The exam blueprint's id.
  public var examID: String
  /// The exam's title.
  public var examTitle: String
  /// The course's id.
  public var courseID: String
  /// The course's version.
  public var courseVersion: String
  /// The hash of the course content the exam was drawn from.
  public var contentHash: String
  /// The final score, a fraction 0…1.
  public var score: Double
  /// The pass mark, a fraction 0…1.
  public var passMark: Double
  /// When the exam was taken (whole seconds).
  public var examDate: Date
  /// When the certificate was issued (whole seconds); `nbf` and `issuanceDate`.
  public var issuedAt: Date
  /// When it expires (whole seconds); `exp` and `expirationDate`.
  public var expiresAt: Date
  /// The attempt's id.
  public var attemptID: String
  /// `GradedAnswer.digest(of:)` of the attempt's graded answers.
  public var answersDigest: String
  /// The audit checkpoint the certificate was issued at.
  public var checkpoint: Signed<AuditCheckpoint>

  /// A certificate; the three dates are rounded down to whole seconds, as JWT times are.
  public init(
    id: String, learnerID: String, learnerName: String, examID: String, examTitle: String, courseID: String,
    courseVersion: String, contentHash: String, score: Double, passMark: Double, examDate: Date, issuedAt: Date,
    expiresAt: Date, attemptID: String, answersDigest: String, checkpoint: Signed<AuditCheckpoint>
  ) {
    self.id = id
    self.learnerID = learnerID
    self.learnerName = learnerName
    self.examID = examID
    self.examTitle = examTitle
    self.courseID = courseID
    self.courseVersion = courseVersion
    self.contentHash = contentHash
    self.score = score
    self.passMark = passMark
    self.examDate = examDate.wholeSeconds
    self.issuedAt = issuedAt.wholeSeconds
    self.expiresAt = expiresAt.wholeSeconds
    self.attemptID = attemptID
    self.answersDigest = answersDigest
    self.checkpoint = checkpoint
  }

  /// A fresh credential id, `urn:uuid:` and a random UUID.
  public static func newID() -> String { "urn:uuid:" + UUID().uuidString.lowercased() }

  /// The subject id (`sub` and `credentialSubject.id`): `urn:recovery-trainer:learner:` and the
  /// learner id, percent-encoded.
  public var subject: String {
    let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    return "urn:recovery-trainer:learner:" + (learnerID.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
  }

  /// The credential types.
  public static let types = ["VerifiableCredential", "RecoveryTrainerCertificate"]

  /// The `vc` claim: the credential with `issuer`, `issuanceDate` and `expirationDate`.
  func credential(issuer: PublicKey) -> CanonicalJSON {
    let checkpoint: CanonicalJSON = .object([
      "sequence": .integer(Int64(self.checkpoint.statement.sequence)),
      "headHash": .string(self.checkpoint.statement.headHash),
      "time": .integer(self.checkpoint.statement.time.milliseconds),
      "signer": .string(self.checkpoint.signer.base64URL), "signature": .string(self.checkpoint.signature),
    ])
    return .object([
      "@context": .array([.string("https://www.w3.org/2018/credentials/v1")]),
      "id": .string(id),
      "type": .array(Self.types.map { .string($0) }),
      "issuer": .string(issuer.did),
      "issuanceDate": .string(Self.iso(issuedAt)),
      "expirationDate": .string(Self.iso(expiresAt)),
      "credentialSubject": .object([
        "id": .string(subject),
        "learner": .object(["id": .string(learnerID), "name": .string(learnerName)]),
        "exam": .object(["id": .string(examID), "title": .string(examTitle)]),
        "course": .object([
          "id": .string(courseID), "version": .string(courseVersion), "contentHash": .string(contentHash),
        ]),
        "score": .number(score.isFinite ? score : 0), "passMark": .number(passMark.isFinite ? passMark : 0),
        "examDate": .string(Self.iso(examDate)), "attemptID": .string(attemptID),
        "answersDigest": .string(answersDigest), "auditCheckpoint": checkpoint,
      ]),
    ])
  }

  /// The certificate as a compact VC-JWT signed by the organisation key.
  public func vcJWT(signedBy organisation: OrganisationKey) -> String {
    let key = organisation.publicKey
    let header = CanonicalJSON.object([
      "alg": .string("EdDSA"), "typ": .string("JWT"), "kid": .string(key.verificationMethod),
    ])
    let payload = CanonicalJSON.object([
      "iss": .string(key.did), "sub": .string(subject), "jti": .string(id),
      "nbf": .integer(issuedAt.seconds), "exp": .integer(expiresAt.seconds), "vc": credential(issuer: key),
    ])
    let signingInput = Base64URL.encode(try! header.bytes()) + "." + Base64URL.encode(try! payload.bytes())
    return signingInput + "." + Base64URL.encode(organisation.signature(for: Data(signingInput.utf8)))
  }

  static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}

extension Date {
  var seconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
  var wholeSeconds: Date { Date(timeIntervalSince1970: Double(seconds)) }
}
