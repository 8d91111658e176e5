import Foundation

/// Where the organisation database is: a `postgres://` URL read the way libpq reads it, with
/// the password from the password file (`~/.pgpass`, or `PGPASSFILE`), never from the URL.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
  /// A host name, or the folder of a Unix socket (starts with `/`).
  public var host: String
  public var port: Int
  public var database: String
  public var user: String
  /// Whether the connection is encrypted, as libpq's `sslmode` says.
  public var tls: TLSMode = .prefer
  /// A file of certificates to trust for `verify-full` (libpq's `sslrootcert`); the system's otherwise.
  public var rootCertificates: String?

  /// libpq's `sslmode` values this client has.
  public enum TLSMode: String, Sendable, Hashable {
    /// Never encrypt.
    case disable
    /// Encrypt when the server can, without checking its certificate (libpq's default).
    case prefer
    /// Always encrypt; the server's certificate is not checked.
    case require
    /// Always encrypt, and check the certificate and that it names the host.
    case verifyFull = "verify-full"
  }

  /// Whether `host` is a Unix socket folder.
  public var isSocket: Bool { host.hasPrefix("/") }

  /// The socket file for a socket folder: `<folder>/.s.PGSQL.<port>`.
  public var socketPath: String { (host as NSString).appendingPathComponent(".s.PGSQL.\(port)") }

  /// The URL without any password, for messages and `location`.
  public var description: String {
    let host = isSocket ? "" : self.host
    let socket = isSocket ? "?host=\(self.host)" : tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
    return "postgres://\(user)@\(host):\(port)/\(database)\(socket)"
  }

  /// Why a database URL cannot be used.
  public enum Problem: Error, Equatable, Sendable {
    /// Not `postgres://` or `postgresql://`.
    case notPostgres(String)
    /// The URL carries a password, which would be visible to every user of the machine.
    case passwordInURL
    /// A port that is not a number from 1 to 65535.
    case badPort(String)
    /// No user given and none in the environment.
    case noUser
    /// An `sslmode` this client does not have (`allow` and `verify-ca` are libpq's too).
    case badTLSMode(String)
  }

  /// Reads `postgres://user@host:port/database` (also `?host=/socket/folder`, `%2F`-encoded
  /// socket folders, and `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE` for what the URL leaves out).
  public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Problem) {
    let schemes = ["postgres://", "postgresql://"]
    guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else { throw .notPostgres(text) }
    var rest = Substring(text.dropFirst(scheme.count))
    var query: [String: String] = [:]
    if let mark = rest.firstIndex(of: "?") {
      for pair in rest[rest.index(after: mark)...].split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
        if parts.count == 2 { query[parts[0]] = parts[1] }
      }
      rest = rest[..<mark]
    }
    var path = ""
    if let slash = rest.firstIndex(of: "/") {
      path = String(rest[rest.index(after: slash)...]).removingPercentEncoding ?? ""
      rest = rest[..<slash]
    }
    var user: String?
    if let at = rest.lastIndex(of: "@") {
      let credentials = rest[..<at]
      if credentials.contains(":") || query["password"] != nil { throw .passwordInURL }
      user = String(credentials).removingPercentEncoding
      rest = rest[rest.index(after: at)...]
    }
    if query["password"] != nil { throw .passwordInURL }
    var host = String(rest)
    var port: String?
    if !host.hasPrefix("["), let colon = host.lastIndex(of: ":") {
      port = String(host[host.index(after: colon)...])
      host = String(host[..<colon])
    }
    host = host.removingPercentEncoding ?? host
    if let socket = query["host"] { host = socket }
    if host.isEmpty { host = environment["PGHOST"] ?? "/var/run/postgresql" }
    let portText = query["port"] ?? port.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGPORT"] ?? "5432"
    guard let number = Int(portText), (1...65535).contains(number) else { throw .badPort(portText) }
    guard let name = user ?? query["user"] ?? environment["PGUSER"] ?? environment["USER"], !name.isEmpty else {
      throw .noUser
    }
    self.host = host
    self.port = number
    self.user = name
    self.database = path.isEmpty ? (query["dbname"] ?? environment["PGDATABASE"] ?? name) : path
    // A Unix socket is local: nothing to encrypt. Over TCP, libpq's default is `prefer`.
    let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? (host.hasPrefix("/") ? "disable" : "prefer")
    guard let tls = TLSMode(rawValue: mode) else { throw .badTLSMode(mode) }
    self.tls = host.hasPrefix("/") ? .disable : tls
    rootCertificates = query["sslrootcert"] ?? environment["PGSSLROOTCERT"]
  }

  /// Creates a location from its parts.
  public init(host: String, port: Int, database: String, user: String) {
    self.host = host
    self.port = port
    self.database = database
    self.user = user
    tls = host.hasPrefix("/") ? .disable : .prefer
  }

  /// The same server and user, another database.
  public func database(_ name: String) -> PostgresLocation {
    var other = self
    other.database = name
    return other
  }
}

/// The password file, as libpq reads it: lines `host:port:database:user:password`, `*`
/// matching anything, `\:` and `\\` escaped; the first matching line wins. A file others can
/// read is ignored, as libpq ignores it.
public struct PasswordFile: Sendable {
  struct Entry: Sendable {
    var fields: [String]
  }

  let entries: [Entry]
  /// Why the file was not used, when it was not (others can read it).
  public let ignoredBecause: String?

  /// The file named by `PGPASSFILE`, else `~/.pgpass`.
  public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let file = environment["PGPASSFILE"], !file.isEmpty { return file }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return (home as NSString).appendingPathComponent(".pgpass")
  }

  private init(entries: [Entry], ignoredBecause: String?) {
    self.entries = entries
    self.ignoredBecause = ignoredBecause
  }

  /// Reads the file at `path`; a missing file has no entries.
  public init(path: String?) {
    guard let path, let data = FileManager.default.contents(atPath: path) else {
      self.init(entries: [], ignoredBecause: nil)
      return
    }
    var info = stat()
    if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
      self.init(entries: [], ignoredBecause: "\(path) can be read by other users (chmod 600 \(path))")
      return
    }
    self.init(text: String(decoding: data, as: UTF8.self))
  }

  /// Reads the lines of a password file.
  public init(text: String) {
    var entries: [Entry] = []
    for line in text.split(whereSeparator: \.isNewline) {
      if line.hasPrefix("#") { continue }
      var fields: [String] = []
      var current = ""
      var escaped = false
      for character in line {
        if escaped {
          current.append(character)
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == ":" && fields.count < 4 {
          fields.append(current)
          current = ""
        } else {
          current.append(character)
        }
      }
      fields.append(current)
      if fields.count == 5 { entries.append(Entry(fields: fields)) }
    }
    self.init(entries: entries, ignoredBecause: nil)
  }

  /// The password for `location`, if a line matches it. A socket folder matches `localhost`
  /// or the folder itself, as in libpq.
  public func password(for location: PostgresLocation) -> String? {
    let hosts = location.isSocket ? ["localhost", location.host] : [location.host]
    for entry in entries {
      let f = entry.fields
      let hostMatches = f[0] == "*" || hosts.contains(f[0])
      if hostMatches && (f[1] == "*" || f[1] == String(location.port)) && (f[2] == "*" || f[2] == location.database)
        && (f[3] == "*" || f[3] == location.user)
      {
        return f[4]
      }
    }
    return nil
  }
}
