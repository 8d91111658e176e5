import Foundation
import GRDB
import QuizStorePostgres
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

  /// The proctor's passphrase, the learner's answers (navigation, a flag, the review before
  /// submit) and the manager's grades of the proctored certification, as files in `data`.
  static func certificationFiles(in data: URL) throws -> (pass: String, answers: String, grades: String) {
    let pass = data.appendingPathComponent("passphrase").path
    try Data("correct horse battery\n".utf8).write(to: URL(fileURLWithPath: pass))
    let answers = data.appendingPathComponent("answers.txt").path
    try Data(
      ["T", "flag", "next", "电话催收和函件催收。", "goto 2", "A", "submit", "n", "submit", "y"].joined(separator: "\n")
        .utf8
    ).write(to: URL(fileURLWithPath: answers))
    let grades = data.appendingPathComponent("grades.txt").path
    try Data("3\n1 两种途径都答到了\n".utf8).write(to: URL(fileURLWithPath: grades))
    return (pass, answers, grades)
  }

  @Test func aProctoredCertificationFromExamToVerifiedCertificate() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let (pass, answers, grades) = try Self.certificationFiles(in: data)
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

  /// The same proctored certification on the organisation database gives the same transcript,
  /// word for word: the audit trail and the certificate work the same on both stores.
  @Test(.enabled(if: organisationTestServer != nil))
  func theSameCertificationOnPostgreSQL() throws {
    #if PostgreSQL
      let server = try #require(organisationTestServer)
      let name = "rt_cert_" + UUID().uuidString.prefix(8).lowercased()
      try PostgresAdministration.createDatabase(name, on: server)
      defer { try? PostgresAdministration.dropDatabase(name, on: server) }
      let database = server.database(name).description
      let data = try CLI.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: data) }
      let (pass, answers, grades) = try Self.certificationFiles(in: data)
      let folder = data.appendingPathComponent("home")
      let environment = ["PGPASSFILE": PasswordFile.path() ?? "", "RECOVERY_TRAINER_DATABASE": database]
      var transcript = ""
      func run(_ arguments: [String]) throws -> CLI.Result {
        let result = try CLI.run(arguments + ["--content", CLI.course], environment: environment, dataDir: folder)
        transcript += CLI.transcript(arguments, result: result)
        return result
      }
      #expect(try run(["admin", "init", "--passphrase-file", pass]).status == 0)
      #expect(
        try run(["exam", "cert", "--learner", "张三", "--answers", answers, "--passphrase-file", pass]).status == 0)
      #expect(
        try run(["admin", "grade", "--answers", grades, "--passphrase-file", pass, "--grader", "李经理"]).status == 0)
      #expect(try run(["cert", "list"]).status == 0)
      let listed = try CLI.run(["cert", "list", "--format", "json"], environment: environment, dataDir: folder)
      let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
      let id = try #require(items.first?["id"] as? String)
      let file = data.appendingPathComponent("certificate.jwt").path
      #expect(try run(["cert", "export", id, "--format", "vc-jwt", "--out", file]).status == 0)
      #expect(try run(["cert", "verify", file]).status == 0)
      #expect(try run(["admin", "audit", "verify"]).status == 0)
      #expect(try run(["admin", "revoke", String(id.dropFirst(9).dropLast(3)) + "zzz", "--reason", "测试"]).status == 66)
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("progress.sqlite").path))
      try CLI.expectGolden("proctored-certification", Self.stable(transcript, folder, temporary: data))
    #endif
  }

  /// An unproctored attempt: no passphrase to start, approved by the manager, exported as a
  /// printable page, revoked, and the expiry report; typos fail loudly.
  @Test func anUnproctoredAttemptIsApprovedExportedRevokedAndReported() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let folder = data.appendingPathComponent("home")
    let pass = data.appendingPathComponent("passphrase").path
    try Data("correct horse battery\n".utf8).write(to: URL(fileURLWithPath: pass))
    let answers = data.appendingPathComponent("answers.txt").path
    try Data("T\nA\nsubmit\ny\n".utf8).write(to: URL(fileURLWithPath: answers))
    func run(_ arguments: [String]) throws -> CLI.Result {
      try CLI.run(arguments + ["--content", CLI.course], dataDir: folder)
    }
    #expect(try run(["admin", "init", "--passphrase-file", pass]).status == 0)
    let exam = try run(["exam", "open-book", "--learner", "李四", "--answers", answers])
    #expect(exam.status == 0 && !exam.stdout.contains("监考"), "no proctor for an unproctored exam")
    #expect(exam.stdout.contains("暂定得分 100%"), "after-submit feedback shows the provisional score")
    let again = try run(["exam", "open-book", "--learner", "李四", "--answers", answers])
    #expect(again.status == 1 && again.stderr.contains("等待评分"), "no second attempt while one waits")
    let grading = try run(["admin", "grade", "--passphrase-file", pass])
    let id = try #require(
      grading.stdout.range(of: #"admin approve [0-9a-f-]{36}"#, options: .regularExpression).map {
        String(grading.stdout[$0].dropFirst(14))
      })
    #expect(try run(["admin", "approve", "zzzzzzzz", "--passphrase-file", pass]).status == 66)
    let approved = try run(["admin", "approve", String(id.prefix(8)), "--passphrase-file", pass])
    #expect(approved.status == 0 && approved.stdout.contains("已批准"), "\(approved.stderr)")
    #expect(try run(["admin", "approve", id, "--passphrase-file", pass]).status == 65, "approved once")

    let listed = try run(["cert", "list", "--format", "json"])
    let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    let certificate = try #require(items.first?["id"] as? String)
    let page = data.appendingPathComponent("certificate.html").path
    #expect(try run(["cert", "export", certificate, "--format", "html", "--out", page]).status == 0)
    let overwrite = try run(["cert", "export", certificate, "--format", "html", "--out", page])
    #expect(overwrite.status == 73, "an existing file is not overwritten")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<html lang=\"zh-CN\">"))
    #expect(html.contains("@page { size: A4"), "printable on A4")
    #expect(html.contains("<td>李四</td>") && html.contains("<td>开卷自测</td>") && html.contains("<td>100%</td>"))
    #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("@import"), "self-contained")
    let jwt = try run(["cert", "export", certificate]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(html.contains(jwt), "the page carries the verification code")

    let sheet = data.appendingPathComponent("report.csv").path
    #expect(try run(["report", "--format", "csv", "--out", sheet]).status == 0)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: sheet))
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark for spreadsheets")
    #expect(
      String(decoding: bytes, as: UTF8.self).contains("learner,name,")
        && String(decoding: bytes, as: UTF8.self).contains("李四"))
    #expect(try run(["report", "--format", "csv", "--out", sheet]).status == 73, "never over an existing file")
    #expect(try run(["report", "--since", "2026-13-01"]).status == 64)
    #expect(try run(["report", "--lesson", "basic"]).status == 64)
    #expect(try run(["report", "--not-certified"]).stdout.contains("reportcommand") == false)
    let one = try run(["report", "--learner", "李四"])
    #expect(one.status == 0 && one.stdout.contains("李四（李四）的学习记录"))
    #expect(try run(["report", "--learner", "李五"]).status == 66, "an unknown learner is an error, not an empty report")
    let soon = try run(["report", "--expiring", "30d"])
    #expect(soon.status == 0 && soon.stdout.contains("李四 · open-book"))
    #expect(try run(["report", "--expiring", "30x"]).status == 64)
    #expect(try run(["report", "--expiring", "1d"]).stdout.contains("没有到期的证书"))

    let file = data.appendingPathComponent("certificate.jwt").path
    try Data(jwt.utf8).write(to: URL(fileURLWithPath: file))
    #expect(try run(["cert", "verify", file]).status == 0)
    #expect(try run(["admin", "revoke", certificate, "--reason", "  ", "--passphrase-file", pass]).status == 64)
    #expect(try run(["admin", "revoke", certificate, "--reason", "考试作弊", "--passphrase-file", pass]).status == 0)
    let revoked = try run(["cert", "verify", file])
    #expect(revoked.status == 1 && revoked.stdout.contains("考试作弊"), "\(revoked.stdout)")
    #expect(try run(["admin", "audit", "verify"]).status == 0)
    #expect(!(try run(["report", "--expiring", "30d"]).stdout.contains("李四")), "a revoked certificate is not listed")
  }

  /// The same certification in the study shell through a pipe: a script gives the proctor's
  /// passphrase as a file (from a pipe it is never read as a line), then the learner's
  /// answers; after grading, the shell shows the result.
  @Test func aProctoredCertificationInTheShell() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let folder = data.appendingPathComponent("home")
    let pass = data.appendingPathComponent("passphrase").path
    try Data("correct horse battery\n".utf8).write(to: URL(fileURLWithPath: pass))
    var transcript = ""
    func run(_ arguments: [String], input: String? = nil) throws -> CLI.Result {
      let result = try CLI.run(arguments + ["--content", CLI.course], input: input, dataDir: folder)
      transcript += CLI.transcript(arguments, input: input, result: result)
      return result
    }
    #expect(try run(["admin", "init", "--passphrase-file", pass]).status == 0)
    // Without a terminal and without the file, a proctored exam does not start.
    let locked = try run(["--learner", "王五"], input: "y\nexam cert\nquit\n")
    #expect(locked.stdout.contains("未解锁") && !locked.stdout.contains("认证考试："))
    let exam = try run(
      ["--learner", "王五", "--passphrase-file", pass],
      input: ["exam cert", "T", "flag", "A", "电话和函件", "submit", "y", "history", "quit"]
        .joined(separator: "\n") + "\n")
    #expect(exam.status == 0)
    #expect(!exam.stdout.contains("correct horse"), "the passphrase is never shown")
    let grades = data.appendingPathComponent("grades.txt").path
    try Data("1 两种途径都有\n".utf8).write(to: URL(fileURLWithPath: grades))
    #expect(try run(["admin", "grade", "--answers", grades, "--passphrase-file", pass]).status == 0)
    #expect(try run(["--learner", "王五"], input: "exam\nhistory\nquit\n").stdout.contains("通过 · 证书有效至"))
    try CLI.expectGolden("proctored-certification-shell", Self.stable(transcript, folder, temporary: data))
  }

  /// A manager's signature never covers tampered rows: on a changed database `admin approve`
  /// and `admin grade` sign nothing and say why.
  @Test func nothingIsSignedOnADatabaseChangedAfterSigning() throws {
    let data = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let folder = data.appendingPathComponent("home")
    let pass = data.appendingPathComponent("passphrase").path
    try Data("correct horse battery\n".utf8).write(to: URL(fileURLWithPath: pass))
    let answers = data.appendingPathComponent("answers.txt").path
    try Data("F\nB\nsubmit\ny\n".utf8).write(to: URL(fileURLWithPath: answers))
    func run(_ arguments: [String]) throws -> CLI.Result {
      try CLI.run(arguments + ["--content", CLI.course], dataDir: folder)
    }
    #expect(try run(["admin", "init", "--passphrase-file", pass]).status == 0)
    #expect(try run(["exam", "open-book", "--learner", "李四", "--answers", answers]).status == 0)
    let queue = try DatabaseQueue(path: folder.appendingPathComponent("progress.sqlite").path)
    let attempt = try queue.write { db in
      try db.execute(sql: "UPDATE answer SET fraction = 1, outcome = 'correct'")
      return try String.fetchOne(db, sql: "SELECT id FROM exam_attempt") ?? ""
    }
    try queue.close()
    let approve = try run(["admin", "approve", attempt, "--passphrase-file", pass])
    #expect(approve.status == 1 && approve.stderr.contains("不签署任何内容"), "\(approve.stderr)")
    #expect(try run(["admin", "grade", "--passphrase-file", pass]).status == 1)
    #expect(try run(["cert", "list"]).stdout.contains("还没有签发过证书"))
    #expect(try run(["admin", "audit", "verify"]).status == 1)
  }
}
