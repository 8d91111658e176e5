#if PostgreSQL
  import Foundation
  import QuizStore
  import Testing

  @testable import QuizStorePostgres

  /// Over TCP the connection is encrypted as libpq's `sslmode` says, and `verify-full` checks
  /// the server's certificate (the test server's is self-signed, for localhost).
  @Suite(
    .enabled(
      if: PostgresTestServer.location != nil && ProcessInfo.processInfo.environment["RT_TEST_TLS_ROOT"] != nil))
  struct PostgresTLSTests {
    static var root: String { ProcessInfo.processInfo.environment["RT_TEST_TLS_ROOT"] ?? "" }

    static func location(_ query: String, host: String = "127.0.0.1") throws -> PostgresLocation {
      let server = try #require(PostgresTestServer.location)
      return try PostgresLocation(
        url: "postgres://\(server.user)@\(host):\(server.port)/postgres?\(query)", environment: [:])
    }

    static func encrypted(_ location: PostgresLocation) throws -> Bool {
      let client = try PostgresClient(
        location, password: PasswordFile(path: PasswordFile.path()).password(for: location))
      return try client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?.boolean("ssl") ?? false
    }

    @Test func requireEncrypts() throws {
      #expect(try Self.encrypted(Self.location("sslmode=require")))
      #expect(try Self.encrypted(Self.location("")), "prefer, libpq's default, encrypts when the server can")
      #expect(try !Self.encrypted(Self.location("sslmode=disable")))
    }

    @Test func verifyFullChecksTheCertificate() throws {
      #expect(try Self.encrypted(Self.location("sslmode=verify-full&sslrootcert=\(Self.root)", host: "localhost")))
      // Without the certificate to trust, a self-signed server is refused, and nothing is sent.
      #expect(throws: StoreError.self) { try Self.encrypted(Self.location("sslmode=verify-full", host: "localhost")) }
    }

    @Test func aModeThatIsNoneIsRefused() throws {
      #expect(throws: PostgresLocation.Problem.badTLSMode("maybe")) { try Self.location("sslmode=maybe") }
      // A Unix socket is local: never encrypted, whatever is asked.
      #expect(try PostgresLocation(url: "postgres://u@/d?host=/tmp&sslmode=require", environment: [:]).tls == .disable)
    }
  }
#endif
