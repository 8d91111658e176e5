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

    func open() throws -> PostgresStore { try PostgresStore.open(location) }

    deinit {
      if let server = PostgresTestServer.location {
        try? PostgresAdministration.dropDatabase(location.database, on: server)
      }
    }
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
