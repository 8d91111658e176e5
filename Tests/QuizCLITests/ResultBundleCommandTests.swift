import Foundation
import QuizStorePostgres
import Testing

/// An offline PC's results carried to a central database through the real executable: the
/// PC certifies 张三 and exports a bundle; the centre imports it (twice: the second time
/// changes nothing), refuses an edited copy and a bundle of another organisation, and then
/// lists and verifies the certificate like its own.
@Suite struct ResultBundleCommandTests {
  /// A PC with the organisation key, a proctored certification graded, and its bundle.
  struct Branch {
    let data: URL
    let pc: URL
    let pass: String
    let bundle: String
    var transcript = ""

    init() throws {
      data = try CLI.temporaryFolder()
      pc = data.appendingPathComponent("branch")
      pass = data.appendingPathComponent("passphrase").path
      bundle = data.appendingPathComponent("branch-1.results").path
      try Data("correct horse battery\n".utf8).write(to: URL(fileURLWithPath: pass))
      let answers = data.appendingPathComponent("answers.txt").path
      try Data(["T", "next", "电话催收和函件催收。", "A", "submit", "y"].joined(separator: "\n").utf8)
        .write(to: URL(fileURLWithPath: answers))
      let grades = data.appendingPathComponent("grades.txt").path
      try Data("3\n1 两种途径都答到了\n".utf8).write(to: URL(fileURLWithPath: grades))
      #expect(try run(["admin", "init", "--passphrase-file", pass], in: pc).status == 0)
      #expect(
        try run(["exam", "cert", "--learner", "张三", "--answers", answers, "--passphrase-file", pass], in: pc)
          .status == 0)
      #expect(
        try run(["admin", "grade", "--answers", grades, "--passphrase-file", pass, "--grader", "李经理"], in: pc)
          .status == 0)
      let practice = data.appendingPathComponent("practice.txt").path
      try Data("A\n".utf8).write(to: URL(fileURLWithPath: practice))
      #expect(
        try run(
          ["practice", "basics", "--count", "1", "--seed", "3", "--answers", practice, "--learner", "李四"], in: pc
        ).status == 0)
    }

    /// The organisation key copied to another folder (the centre holds the same key).
    func centre(_ name: String) throws -> URL {
      let folder = data.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: pc.appendingPathComponent("organisation-key.json"),
        to: folder.appendingPathComponent("organisation-key.json"))
      return folder
    }

    @discardableResult
    mutating func run(
      _ arguments: [String], in folder: URL, input: String? = nil, environment: [String: String] = [:]
    ) throws -> CLI.Result {
      let result = try CLI.run(
        arguments + ["--content", CLI.course], input: input, environment: environment, dataDir: folder)
      transcript += "[\(folder.lastPathComponent)] " + CLI.transcript(arguments, input: input, result: result)
      return result
    }
  }

  @Test func aPCsResultsAreImportedOnceAndVerifyAtTheCentre() throws {
    var branch = try Branch()
    defer { try? FileManager.default.removeItem(at: branch.data) }
    let (pc, pass, bundle) = (branch.pc, branch.pass, branch.bundle)
    let exported = try branch.run(
      ["admin", "export-results", bundle, "--name", "分行一号机", "--passphrase-file", pass], in: pc)
    #expect(exported.status == 0)
    #expect(
      try branch.run(["admin", "export-results", bundle, "--passphrase-file", pass], in: pc).status == 73,
      "an existing file is never overwritten")

    let centre = try branch.centre("centre")
    let first = try branch.run(["admin", "import-results", bundle, "--passphrase-file", pass], in: centre)
    #expect(first.status == 0)
    let second = try branch.run(["admin", "import-results", bundle, "--passphrase-file", pass], in: centre)
    #expect(second.status == 0 && second.stdout.contains("没有新内容"))
    #expect(try branch.run(["cert", "list"], in: centre).status == 0)
    #expect(try branch.run(["admin", "audit", "verify"], in: centre).status == 0)
    #expect(try branch.run(["report"], in: centre).status == 0)

    // An edited copy, a mistyped file name and a bundle of another organisation: refused.
    let text = try String(contentsOfFile: bundle, encoding: .utf8)
    let edited = branch.data.appendingPathComponent("edited.results").path
    try Data(text.replacingOccurrences(of: "两种途径都答到了", with: "两种途径都答到了。").utf8)
      .write(to: URL(fileURLWithPath: edited))
    #expect(try branch.run(["admin", "import-results", edited, "--passphrase-file", pass], in: centre).status == 65)
    #expect(
      try branch.run(["admin", "import-results", bundle + "x", "--passphrase-file", pass], in: centre).status == 66)
    let other = branch.data.appendingPathComponent("other")
    #expect(try branch.run(["admin", "init", "--passphrase-file", pass], in: other).status == 0)
    #expect(try branch.run(["admin", "import-results", bundle, "--passphrase-file", pass], in: other).status == 65)
    try CLI.expectGolden(
      "results-bundle", ManagerTranscriptTests.stable(branch.transcript, centre, temporary: branch.data))
  }

  /// The same bundle into the organisation database: imported once, verified there.
  @Test(.enabled(if: organisationTestServer != nil))
  func aBundleIsImportedIntoTheOrganisationDatabaseOnce() throws {
    #if PostgreSQL
      let server = try #require(organisationTestServer)
      let name = "rt_bundle_" + UUID().uuidString.prefix(8).lowercased()
      try PostgresAdministration.createDatabase(name, on: server)
      defer { try? PostgresAdministration.dropDatabase(name, on: server) }
      let environment = [
        "PGPASSFILE": PasswordFile.path() ?? "", "RECOVERY_TRAINER_DATABASE": server.database(name).description,
      ]
      var branch = try Branch()
      defer { try? FileManager.default.removeItem(at: branch.data) }
      let (pass, bundle) = (branch.pass, branch.bundle)
      #expect(
        try branch.run(["admin", "export-results", bundle, "--passphrase-file", pass], in: branch.pc).status == 0)
      let centre = try branch.centre("centre")
      let arguments = ["admin", "import-results", bundle, "--passphrase-file", pass]
      let first = try branch.run(arguments, in: centre, environment: environment)
      #expect(first.status == 0, "\(first.stderr)")
      let second = try branch.run(arguments, in: centre, environment: environment)
      #expect(second.status == 0 && second.stdout.contains("没有新内容"))
      let listed = try branch.run(["cert", "list"], in: centre, environment: environment)
      #expect(listed.status == 0 && listed.stdout.contains("张三"))
      #expect(try branch.run(["admin", "audit", "verify"], in: centre, environment: environment).status == 0)
      #expect(
        try branch.run(
          ["admin", "export-results", bundle + "2", "--passphrase-file", pass], in: centre,
          environment: environment
        ).status == 64, "the organisation database is not exported as a PC")
    #endif
  }
}
