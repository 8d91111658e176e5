#if PostgreSQL
  import Foundation
  import QuizStore

  /// What an administrator does to the server itself: databases come and go.
  public enum PostgresAdministration {
    /// `"name"`, with quotes doubled: an identifier that is never read as SQL.
    static func identifier(_ name: String) -> String {
      "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Creates an empty database on the server `admin` connects to.
    public static func createDatabase(
      _ name: String, on admin: PostgresLocation,
      passwordFile: PasswordFile = PasswordFile(path: PasswordFile.path())
    ) throws(StoreError) {
      let client = try PostgresClient(admin, password: passwordFile.password(for: admin))
      try client.query("CREATE DATABASE \(identifier(name))")
    }

    /// Creates a login role with a password (what `CREATE ROLE … LOGIN PASSWORD` does in psql).
    public static func createLoginRole(
      _ name: String, password: String, on admin: PostgresLocation,
      passwordFile: PasswordFile = PasswordFile(path: PasswordFile.path())
    ) throws(StoreError) {
      let client = try PostgresClient(admin, password: passwordFile.password(for: admin))
      let quoted = "'" + password.replacingOccurrences(of: "'", with: "''") + "'"
      try client.query("CREATE ROLE \(identifier(name)) LOGIN PASSWORD \(quoted)")
    }

    /// Drops a login role.
    public static func dropRole(
      _ name: String, on admin: PostgresLocation,
      passwordFile: PasswordFile = PasswordFile(path: PasswordFile.path())
    ) throws(StoreError) {
      let client = try PostgresClient(admin, password: passwordFile.password(for: admin))
      try client.query("DROP ROLE IF EXISTS \(identifier(name))")
    }

    /// Drops a database, closing the connections still open to it.
    public static func dropDatabase(
      _ name: String, on admin: PostgresLocation,
      passwordFile: PasswordFile = PasswordFile(path: PasswordFile.path())
    ) throws(StoreError) {
      let client = try PostgresClient(admin, password: passwordFile.password(for: admin))
      try client.query("DROP DATABASE IF EXISTS \(identifier(name)) WITH (FORCE)")
    }
  }
#endif
