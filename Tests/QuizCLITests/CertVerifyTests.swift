import Foundation
import QuizTrust
import Testing

/// `cert verify` as an auditor runs it: valid, expired, forged (a changed byte, another
/// issuer), with the exit status a script relies on.
@Suite struct CertVerifyTests {
  static let organisation = OrganisationKey.generate()
  static let intruder = OrganisationKey.generate()

  static func certificate(expiresIn seconds: TimeInterval) -> Certificate {
    let now = Date()
    let entry = try? AuditEntry(after: nil, time: now, kind: "note", payload: .object(["n": .integer(1)]))
    let checkpoint = AuditCheckpoint(head: entry, time: now).signed(by: organisation)
    return Certificate(
      id: Certificate.newID(), learnerID: "zhangsan", learnerName: "张三", examID: "certification",
      examTitle: "上岗认证", courseID: "loan-recovery", courseVersion: "1.0.0", contentHash: "sha256:abc", score: 0.9,
      passMark: 0.8, examDate: now.addingTimeInterval(-3_600), issuedAt: now.addingTimeInterval(-60),
      expiresAt: now.addingTimeInterval(seconds), attemptID: "attempt-1",
      answersDigest: GradedAnswer.digest(of: [
        GradedAnswer(questionID: "q1", questionHash: "h1", response: "B", marks: 1, maximumMarks: 1)
      ]), checkpoint: checkpoint)
  }

  func verify(_ jwt: String, key: PublicKey?) throws -> CLI.Result {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("cert.jwt")
    try Data(jwt.utf8).write(to: file)
    return try CLI.run(["cert", "verify", file.path] + (key.map { ["--key", $0.did] } ?? []), dataDir: folder)
  }

  @Test func aGenuineCertificateIsValidAndNamesItsHolder() throws {
    let jwt = Self.certificate(expiresIn: 86_400 * 365).issued(by: Self.organisation).jwt
    let result = try verify(jwt, key: Self.organisation.publicKey)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("有效：") && result.stdout.contains("张三") && result.stdout.contains("上岗认证"))
  }

  @Test func aChangedByteAnotherIssuerOrAnExpiredOneIsNotValid() throws {
    let jwt = Self.certificate(expiresIn: 86_400).issued(by: Self.organisation).jwt
    var parts = jwt.split(separator: ".").map(String.init)
    var payload = Array(parts[1])
    payload[payload.count / 2] = payload[payload.count / 2] == "A" ? "B" : "A"
    parts[1] = String(payload)
    let changed = try verify(parts.joined(separator: "."), key: Self.organisation.publicKey)
    #expect(changed.status == 1 && changed.stdout.contains("签名与内容不符"))
    let other = try verify(
      Self.certificate(expiresIn: 86_400).issued(by: Self.intruder).jwt, key: Self.organisation.publicKey)
    #expect(other.status == 1 && other.stdout.contains("不是受信任的机构密钥"), "\(other.stdout)")
    let expired = try verify(
      Self.certificate(expiresIn: -30).issued(by: Self.organisation).jwt, key: Self.organisation.publicKey)
    #expect(expired.status == 1 && expired.stdout.contains("过期"), "\(expired.stdout)")
    let unchecked = try verify(jwt, key: nil)
    #expect(unchecked.stdout.contains("没有核验签发人是谁"), "without a trusted key it says what it did not check")
  }
}
