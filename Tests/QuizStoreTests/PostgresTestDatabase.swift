import Foundation
import QuizStore
import QuizStorePostgres
import Testing

#if PostgreSQL
  /// A fresh database on the test server for one test, dropped afterwards.
  final class PostgresTestDatabase {
    let location: PostgresLocation

    init() throws {
      guard let server = PostgresTestServer.location else {
        throw StoreError.invalid(detail: "no PostgreSQL test server (RECOVERY_TRAINER_TEST_POSTGRES)")
      }
      location = server.database("rt_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
      try PostgresAdministration.createDatabase(location.database, on: server)
    }

    private var closed = false

    func open() throws -> PostgresStore { try PostgresStore.open(location) }

    /// Drops the database (and closes every connection to it).
    func close() {
      guard !closed, let server = PostgresTestServer.location else { return }
      closed = true
      try? PostgresAdministration.dropDatabase(location.database, on: server)
    }

    /// Drops a role made for a test, once nothing of it is left in any database.
    func dropRole(_ name: String) throws {
      guard let server = PostgresTestServer.location else { return }
      try PostgresAdministration.dropRole(name, on: server)
    }

    deinit { close() }
  }
#else
  /// Without the PostgreSQL trait there is no PostgreSQL store to test.
  final class PostgresTestDatabase {
    init() throws { throw StoreError.invalid(detail: "this build has no PostgreSQL support") }
    func open() throws -> any ProgressStore { throw StoreError.invalid(detail: "no PostgreSQL") }
  }
#endif

@Suite struct PostgresTestServerTests {
  @Test func aBuildWithPostgreSQLIsTestedOnAServer() {
    // `make test` starts a server; a PostgreSQL build tested without one would skip the suite.
    if PostgresSupport.isAvailable {
      #expect(PostgresTestServer.location != nil, "set RECOVERY_TRAINER_TEST_POSTGRES (make test does)")
    }
  }
}
