import Foundation
import QuizStore
import QuizStorePostgres
import Testing

/// Clients of the organisation database killed with SIGKILL in the middle of a session:
/// every answer whose feedback was shown is on the server, and the session can be resumed.
@Suite(.enabled(if: organisationTestServer != nil)) struct OrganisationReliabilityTests {
  @Test func everyConfirmedAnswerSurvivesSIGKILLOfTheClient() throws {
    #if PostgreSQL
      let server = try #require(organisationTestServer)
      let name = "rt_kill_" + UUID().uuidString.prefix(8).lowercased()
      try PostgresAdministration.createDatabase(name, on: server)
      defer { try? PostgresAdministration.dropDatabase(name, on: server) }
      let location = server.database(name)
      let folder = try CLI.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let course = try ReliabilityTests.generatedCourse(count: 200, in: folder)
      let data = folder.appendingPathComponent("data")
      var generator = SystemRandomNumberGenerator()
      var killedMidway = 0
      for round in 0..<6 {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = [
          "practice", "all", "--count", "200", "--seed", String(round), "--answers", "-", "--learner", "crash",
          "--content", course, "--data-dir", data.path, "--database", location.description,
        ]
        process.environment = [
          "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8", "HOME": data.path,
          "PGPASSFILE": PasswordFile.path() ?? "",
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let collected = ReliabilityTests.Collected()
        output.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        try process.run()
        try? input.fileHandleForWriting.write(contentsOf: Data(String(repeating: "a\n", count: 400).utf8))
        try input.fileHandleForWriting.close()
        // Killed in the middle of answering: once the first feedback is on the screen, after
        // a random further moment (a busy machine starts slowly, so not after a fixed delay).
        let waitUntil = Date().addingTimeInterval(30)
        while ReliabilityTests.verdictCount(collected.text) == 0 && process.isRunning && Date() < waitUntil {
          Thread.sleep(forTimeInterval: 0.01)
        }
        Thread.sleep(forTimeInterval: Double.random(in: 0...0.4, using: &generator))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        collected.append(output.fileHandleForReading.readDataToEndOfFile())
        let shown = ReliabilityTests.verdictCount(collected.text)
        let store = try PostgresStore.open(location)
        let learner = try #require(try store.learner(named: "crash"))
        let session = try #require(try store.sessions(learner: learner.id).last)
        let saved = try store.answers(session: session.id).count
        #expect(saved >= shown, "round \(round): \(shown) answers shown, \(saved) saved")
        if process.terminationStatus != 0 && shown > 0 { killedMidway += 1 }
      }
      #expect(killedMidway > 0, "at least one client was killed while answering")
      let after = try CLI.run(
        ["--content", course, "--learner", "crash", "--database", location.description], input: "n\nquit\n",
        environment: ["PGPASSFILE": PasswordFile.path() ?? ""], dataDir: data)
      #expect(after.status == 0, "\(after.stderr)")
    #endif
  }
}
