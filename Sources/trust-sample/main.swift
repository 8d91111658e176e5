// Prints a sample VC-JWT for the didkit interop test (scripts/didkit-interop), or times scrypt.
//
//   trust-sample              a certificate valid from a minute ago for a year, signed by a
//                             fixed sample key (never an organisation's key)
//   trust-sample --public-key that sample key as a did:key
//   trust-sample --scrypt N   seconds to seal and open a key with scrypt N = 2^N, r = 8, p = 1
import Crypto
import Foundation
import QuizTrust

let sampleKey = try! OrganisationKey(seed: Data(SHA256.hash(data: Data("recovery-trainer trust-sample".utf8))))
let arguments = CommandLine.arguments.dropFirst()

if arguments.first == "--public-key" {
  print(sampleKey.publicKey.did)
} else if arguments.first == "--scrypt", let log2 = arguments.dropFirst().first.flatMap({ Int($0) }) {
  let parameters = ScryptParameters(log2Rounds: log2, blockSize: 8, parallelism: 1)
  let start = Date()
  let file = try sampleKey.sealed(with: Passphrase("sample passphrase"), parameters: parameters)
  let sealed = Date()
  _ = try OrganisationKey(opening: file, with: Passphrase("sample passphrase"))
  let opened = Date()
  print(
    "scrypt N=2^\(log2) r=8 p=1 (\(parameters.memory >> 20) MiB): seal \(sealed.timeIntervalSince(start)) s,"
      + " open \(opened.timeIntervalSince(sealed)) s")
} else {
  let now = Date()
  let checkpoint = AuditCheckpoint(sequence: 42, headHash: String(repeating: "ab", count: 32), time: now)
    .signed(by: sampleKey)
  let certificate = Certificate(
    id: Certificate.newID(), learnerID: "zhangsan", learnerName: "张三", examID: "certification",
    examTitle: "贷款催收与处置认证考试", courseID: "loan-recovery", courseVersion: "1.0.0",
    contentHash: "sha256:" + String(repeating: "cd", count: 32), score: 0.85, passMark: 0.8,
    examDate: now.addingTimeInterval(-3600), issuedAt: now.addingTimeInterval(-60),
    expiresAt: now.addingTimeInterval(365 * 86_400), attemptID: "attempt-7",
    answersDigest: GradedAnswer.digest(of: [
      GradedAnswer(questionID: "q1", questionHash: "h1", response: "A", marks: 1, maximumMarks: 1)
    ]),
    checkpoint: checkpoint)
  print(certificate.vcJWT(signedBy: sampleKey))
}
