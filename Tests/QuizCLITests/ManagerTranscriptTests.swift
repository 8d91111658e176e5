import Foundation
import Testing

/// A whole proctored certification through the real executable, as a manager and a learner
/// run it: the organisation key, the exam with the proctor's passphrase (navigation, a flag,
/// the review before submit), manual grading of the open item, the certificate, its offline
/// verification, and the audit.
@Suite struct ManagerTranscriptTests {
  static func stable(_ text: String, _ data: URL, temporary: URL) -> String {
    var text = CLI.stable(text, dataDir: data).replacingOccurrences(of: temporary.path, with: "TMP")
    let patterns = [
      (#"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, "UUID"),
      (#"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{9}zzz"#, "UUIDzzz"),
      (#"did:key:z[1-9A-HJ-NP-Za-km-z]+"#, "did:key:DID"),
      (#"剩余 \d+:\d\d"#, "剩余 M:SS"),
      (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#, "YYYY-MM-DDThh:mm:ssZ"),
    ]
    for (pattern, mark) in patterns {
      text = text.replacingOccurrences(of: pattern, with: mark, options: .regularExpression)
    }
    return text
  }

  @Test func aProctoredCertificationFromExamToVerifiedCertificate() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let pass = data.appendingPathComponent("passphrase").path
    try Data("correct horse battery\n".utf8).write(to: URL(fileURLWithPath: pass))
    let answers = data.appendingPathComponent("answers.txt").path
    try Data(
      ["T", "flag", "next", "电话催收和函件催收。", "goto 2", "A", "submit", "n", "submit", "y"].joined(separator: "\n")
        .utf8
    ).write(to: URL(fileURLWithPath: answers))
    let grades = data.appendingPathComponent("grades.txt").path
    try Data("3\n1 两种途径都答到了\n".utf8).write(to: URL(fileURLWithPath: grades))
    let folder = data.appendingPathComponent("home")
    var transcript = ""
    func run(_ arguments: [String]) throws -> CLI.Result {
      let result = try CLI.run(arguments + ["--content", CLI.course], dataDir: folder)
      transcript += CLI.transcript(arguments, result: result)
      return result
    }
    #expect(try run(["admin", "init", "--passphrase-file", pass]).status == 0)
    let exam = try run(["exam", "cert", "--learner", "张三", "--answers", answers, "--passphrase-file", pass])
    #expect(exam.status == 0)
    #expect(!exam.stdout.contains("✓") && !exam.stdout.contains("✗"), "no grades before grading")
    #expect(try run(["admin", "grade", "--answers", grades, "--passphrase-file", pass, "--grader", "李经理"]).status == 0)
    #expect(try run(["cert", "list"]).status == 0)
    let listed = try CLI.run(["cert", "list", "--format", "json"], dataDir: folder)
    let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    let id = try #require(items.first?["id"] as? String)
    let file = data.appendingPathComponent("certificate.jwt").path
    #expect(try run(["cert", "export", id, "--format", "vc-jwt", "--out", file]).status == 0)
    let verified = try run(["cert", "verify", file])
    #expect(verified.status == 0 && verified.stdout.contains("有效"))
    #expect(try run(["admin", "audit", "verify"]).status == 0)
    // A typo in a manager's command fails loudly and changes nothing.
    #expect(try run(["admin", "revoke", String(id.dropFirst(9).dropLast(3)) + "zzz", "--reason", "测试"]).status == 66)
    try CLI.expectGolden("proctored-certification", Self.stable(transcript, folder, temporary: data))
  }
}
