import Foundation
import QuizStore
import QuizStorePostgres
import Testing

/// The organisation database through the executable, as a manager sets it up and a learner
/// studies on it: roles by name, a typo that changes nothing, a learner who sees only
/// themselves, and a password that is never taken from the command line.
/// The server `make test` starts, when this build has PostgreSQL.
let organisationTestServer: PostgresLocation? = {
  guard PostgresSupport.isAvailable,
    let url = ProcessInfo.processInfo.environment["RECOVERY_TRAINER_TEST_POSTGRES"], !url.isEmpty
  else { return nil }
  return try? PostgresLocation(url: url)
}()

@Suite(.enabled(if: organisationTestServer != nil)) struct OrganisationDatabaseTests {
  static var server: PostgresLocation? { organisationTestServer }

  @Test func aManagerSetsUpAndALearnerStudies() throws {
    #if PostgreSQL
      let server = try #require(Self.server)
      let suffix = UUID().uuidString.prefix(8).lowercased()
      let database = "rt_cli_\(suffix)"
      let learnerRole = "rt_cli_learner_\(suffix)"
      try PostgresAdministration.createDatabase(database, on: server)
      defer {
        try? PostgresAdministration.dropDatabase(database, on: server)
        try? PostgresAdministration.dropRole(learnerRole, on: server)
      }
      let folder = try CLI.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      // The administrator's password file, and the learner's own line in it.
      let passwords = folder.appendingPathComponent("pgpass")
      let original = try String(contentsOfFile: PasswordFile.path() ?? "", encoding: .utf8)
      try Data((original + "*:*:*:\(learnerRole):learner-secret\n").utf8).write(to: passwords)
      chmod(passwords.path, 0o600)
      let owner = server.database(database).description
      let environment = ["PGPASSFILE": passwords.path]
      try PostgresAdministration.createLoginRole(learnerRole, password: "learner-secret", on: server)

      let initialised = try CLI.run(["admin", "init-organisation", "--database", owner], environment: environment)
      #expect(initialised.status == 0, "\(initialised.stderr)")
      let typo = try CLI.run(
        ["admin", "add-learner", "张三", "--role", learnerRole + "x", "--create-learner", "--database", owner],
        environment: environment)
      #expect(typo.status == 66 && typo.stderr.contains("没有改动任何内容"))
      #expect(try PostgresStore.open(server.database(database)).learners().isEmpty, "a typo creates nothing")
      let added = try CLI.run(
        ["admin", "add-learner", "张三", "--role", learnerRole, "--create-learner", "--database", owner],
        environment: environment)
      #expect(added.status == 0, "\(added.stderr)")
      _ = try PostgresStore.open(server.database(database)).createLearner(named: "李四", displayName: nil, at: Date())

      // The learner studies with the database named in the data folder's config file.
      let data = folder.appendingPathComponent("data")
      try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
      let mine = PostgresLocation(host: server.host, port: server.port, database: database, user: learnerRole)
      try Data("# the organisation database\ndatabase = \(mine.description)\n".utf8).write(
        to: data.appendingPathComponent("config"))
      let practice = try CLI.run(
        [
          "practice", "basics", "--answers", "-", "--count", "2", "--seed", "3", "--learner", "张三", "--content",
          CLI.course,
        ],
        input: "A\nquit\n", environment: environment, dataDir: data)
      #expect(practice.status == 0, "\(practice.stderr)")
      let report = try CLI.run(["report", "--content", CLI.course], environment: environment, dataDir: data)
      #expect(report.stdout.contains("张三") && !report.stdout.contains("李四"), "\(report.stdout)")
      #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("progress.sqlite").path))
      // Someone else's name: the server refuses to create or read it.
      let other = try CLI.run(
        ["practice", "basics", "--answers", "-", "--learner", "李四", "--content", CLI.course], input: "quit\n",
        environment: environment, dataDir: data)
      #expect(other.status == 77, "\(other.stderr)")
      // A password in the address is refused before anything is sent.
      let leaked = try CLI.run(
        [
          "report", "--database",
          "postgres://\(learnerRole):learner-secret@/\(database)?host=\(server.host)&port=\(server.port)",
        ],
        environment: environment)
      #expect(leaked.status == 64 && leaked.stderr.contains("不能写密码"))
    #endif
  }
}
