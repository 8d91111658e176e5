import Foundation
import QuizStore

#if PostgreSQL
  import PostgresNIO
#endif

/// The organisation database as the program's commands use it, in every build: a build
/// without the PostgreSQL trait says so instead of failing to compile or to link.
public enum OrganisationDatabase {
  /// Why the organisation database cannot be used.
  public enum Failure: Error, Equatable {
    /// This build has no PostgreSQL backend.
    case unavailable
    /// The URL cannot be used.
    case location(PostgresLocation.Problem)
    /// The server or the store refused.
    case store(StoreError)
    /// A login role that is meant to be a learner's names no learner (and `create` was not given).
    case noLearner(String)
    /// No login role of that name on the server.
    case noRole(String)
    /// A database moved up must go into an empty one.
    case notEmpty(String)
  }

  static func location(_ url: String, environment: [String: String]) throws(Failure) -> PostgresLocation {
    guard PostgresSupport.isAvailable else { throw .unavailable }
    do {
      return try PostgresLocation(url: url, environment: environment)
    } catch {
      throw .location(error)
    }
  }

  static func passwordFile(_ environment: [String: String]) -> PasswordFile {
    PasswordFile(path: PasswordFile.path(environment: environment))
  }

  #if PostgreSQL
    /// Opens the store at `url` and runs `body` on it; every failure as a `Failure`.
    static func withStore<T>(
      _ url: String, _ environment: [String: String], _ body: (PostgresStore) throws -> T
    ) throws(Failure) -> T {
      let location = try location(url, environment: environment)
      do {
        return try body(try PostgresStore.open(location, passwordFile: passwordFile(environment)))
      } catch let error as Failure {
        throw error
      } catch let error as StoreError {
        throw .store(error)
      } catch {
        throw .store(.invalid(detail: "\(error)"))
      }
    }
  #endif

  /// Opens the store at `url`, bringing its schema up to date when the user may.
  public static func open(url: String, environment: [String: String]) throws(Failure) -> any ProgressStore {
    #if PostgreSQL
      try withStore(url, environment) { store -> any ProgressStore in store }
    #else
      throw .unavailable
    #endif
  }

  /// `admin migrate`: the schema brought up to date (under the advisory lock), and, when the
  /// database is an organisation's, its rules extended to new tables; the schema version.
  public static func migrate(url: String, environment: [String: String]) throws(Failure) -> (String, String) {
    #if PostgreSQL
      try withStore(url, environment) { store in
        if try PostgresOrganisation.isInitialised(store) { try PostgresOrganisation.initialise(store) }
        return (store.location, try store.check().schemaVersion)
      }
    #else
      throw .unavailable
    #endif
  }

  /// `admin init-organisation`: the schema, the roles and their rules (idempotent).
  public static func initialise(url: String, environment: [String: String]) throws(Failure) -> String {
    #if PostgreSQL
      try withStore(url, environment) { store in
        try PostgresOrganisation.initialise(store)
        return store.location
      }
    #else
      throw .unavailable
    #endif
  }

  /// `admin add-learner NAME --role ROLE`: the login role becomes that learner's. The learner
  /// must exist unless `create`; the role must exist.
  public static func addLearner(
    named name: String, role: String, create: Bool, at date: Date, url: String, environment: [String: String]
  ) throws(Failure) -> Learner {
    #if PostgreSQL
      try withStore(url, environment) { store in
        // The role first, and everything in one transaction: a typo creates nothing.
        guard try PostgresOrganisation.roleExists(role, on: store) else { throw Failure.noRole(role) }
        return try store.client.write { () throws(StoreError) -> Result<Learner, Failure> in
          let learner: Learner
          if let existing = try store.learner(named: name) {
            learner = existing
          } else if create {
            learner = try store.createLearner(named: name, displayName: nil, at: date)
          } else {
            return .failure(.noLearner(name))
          }
          try PostgresOrganisation.addLearner(role: role, learner: learner.id, on: store)
          return .success(learner)
        }.get()
      }
    #else
      throw .unavailable
    #endif
  }

  /// `admin migrate-to URL`: the whole SQLite database at `path` copied into the empty
  /// organisation database, checked, all or nothing; the rows copied per table.
  public static func migrate(fromSQLite path: String, url: String, environment: [String: String]) throws(Failure)
    -> [String: Int]
  {
    #if PostgreSQL
      try withStore(url, environment) { target in
        do {
          return try target.load(from: try SQLiteStore.open(at: path))
        } catch StoreError.destinationExists {
          throw Failure.notEmpty(target.location)
        }
      }
    #else
      throw .unavailable
    #endif
  }

  /// `admin add-manager --role ROLE`.
  public static func addManager(role: String, url: String, environment: [String: String]) throws(Failure) {
    #if PostgreSQL
      try withStore(url, environment) { store in
        guard try PostgresOrganisation.roleExists(role, on: store) else { throw Failure.noRole(role) }
        try PostgresOrganisation.addManager(role: role, on: store)
      }
    #else
      throw .unavailable
    #endif
  }
}
