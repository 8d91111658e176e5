import Foundation
import QuizStorePostgres
import Testing

/// Where the organisation database is, read as libpq reads it, and passwords only from the
/// password file.
@Suite struct PostgresLocationTests {
  static let none: [String: String] = [:]

  @Test func urlsAsLibpqReadsThem() throws {
    let tcp = try PostgresLocation(url: "postgres://trainer@db.example.cn:6543/collections", environment: Self.none)
    #expect(tcp == PostgresLocation(host: "db.example.cn", port: 6543, database: "collections", user: "trainer"))
    let socket = try PostgresLocation(
      url: "postgresql://trainer@/collections?host=/run/postgresql", environment: Self.none)
    #expect(socket.isSocket && socket.socketPath == "/run/postgresql/.s.PGSQL.5432")
    let encoded = try PostgresLocation(url: "postgres://trainer@%2Ftmp%2Fpg:7000/c", environment: Self.none)
    #expect(encoded.host == "/tmp/pg" && encoded.port == 7000)
    // What the URL leaves out comes from the environment, as with psql.
    let bare = try PostgresLocation(
      url: "postgres://", environment: ["PGHOST": "/tmp/s", "PGPORT": "5999", "PGUSER": "li", "PGDATABASE": "org"])
    #expect(bare == PostgresLocation(host: "/tmp/s", port: 5999, database: "org", user: "li"))
    #expect(!bare.description.contains("password"))
  }

  @Test func aPasswordOnTheCommandLineIsRefused() {
    #expect(throws: PostgresLocation.Problem.passwordInURL) {
      try PostgresLocation(url: "postgres://trainer:secret@db/collections", environment: Self.none)
    }
    #expect(throws: PostgresLocation.Problem.passwordInURL) {
      try PostgresLocation(url: "postgres://trainer@db/collections?password=secret", environment: Self.none)
    }
    #expect(throws: PostgresLocation.Problem.notPostgres("mysql://db")) {
      try PostgresLocation(url: "mysql://db", environment: Self.none)
    }
    #expect(throws: PostgresLocation.Problem.badPort("99999")) {
      try PostgresLocation(url: "postgres://u@db:99999/c", environment: Self.none)
    }
  }

  @Test func thePasswordFileAsLibpqReadsIt() throws {
    let file = PasswordFile(
      text: """
        # comments and malformed lines are skipped
        db.example.cn:6543:collections:trainer:first\\:part
        db.example.cn:*:*:trainer:second
        localhost:5432:*:li:socket-pass
        *:*:*:*:fallback\\\\x
        too:few:fields
        """)
    let tcp = PostgresLocation(host: "db.example.cn", port: 6543, database: "collections", user: "trainer")
    #expect(file.password(for: tcp) == "first:part", "the first matching line wins; \\: is a colon")
    #expect(file.password(for: tcp.database("other")) == "second")
    let socket = PostgresLocation(host: "/run/postgresql", port: 5432, database: "org", user: "li")
    #expect(file.password(for: socket) == "socket-pass", "a socket matches localhost")
    #expect(file.password(for: PostgresLocation(host: "x", port: 1, database: "y", user: "z")) == "fallback\\x")
  }

  @Test func aPasswordFileOthersCanReadIsIgnored() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data("*:*:*:*:secret\n".utf8).write(to: URL(fileURLWithPath: path))
    chmod(path, 0o644)
    let open = PasswordFile(path: path)
    #expect(open.password(for: PostgresLocation(host: "h", port: 1, database: "d", user: "u")) == nil)
    #expect(open.ignoredBecause?.contains("chmod 600") == true)
    chmod(path, 0o600)
    #expect(
      PasswordFile(path: path).password(for: PostgresLocation(host: "h", port: 1, database: "d", user: "u")) == "secret"
    )
    #expect(PasswordFile.path(environment: ["PGPASSFILE": "/etc/rt/pgpass", "HOME": "/home/x"]) == "/etc/rt/pgpass")
    #expect(PasswordFile.path(environment: ["HOME": "/home/x"]) == "/home/x/.pgpass")
  }
}
