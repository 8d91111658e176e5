#if PostgreSQL
  import Foundation
  import Logging
  import NIOCore
  import NIOPosix
  import PostgresNIO
  import QuizStore

  /// A value bound to a statement's `$1`, `$2`….
  enum SQLValue: Sendable {
    case text(String?)
    case integer(Int64?)
    case real(Double?)
    case boolean(Bool?)
    case time(Date?)
  }

  /// One connection to the server, used synchronously: the store port is synchronous, so each
  /// statement is sent and waited for on the connection's own event loop thread, never on a
  /// thread of Swift's concurrency pool. Calls are serialised by a lock.
  final class PostgresClient: @unchecked Sendable {
    let location: PostgresLocation
    private let group: MultiThreadedEventLoopGroup
    private let connection: PostgresConnection
    private let logger: Logger
    private let lock = NSRecursiveLock()
    private var depth = 0

    init(_ location: PostgresLocation, password: String?) throws(StoreError) {
      self.location = location
      var logger = Logger(label: "recovery-trainer.postgres")
      logger.logLevel = .critical
      self.logger = logger
      let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
      let configuration: PostgresConnection.Configuration
      do {
        configuration =
          location.isSocket
          ? PostgresConnection.Configuration(
            unixSocketPath: location.socketPath, username: location.user, password: password,
            database: location.database)
          : PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: try Self.tls(location))
      } catch {
        try? group.syncShutdownGracefully()
        throw .server(location: location.description, detail: "TLS: \(error)")
      }
      do {
        connection = try PostgresConnection.connect(
          on: group.next(), configuration: configuration, id: 1, logger: logger
        ).wait()
      } catch {
        try? group.syncShutdownGracefully()
        throw Self.storeError(error, location: location)
      }
      self.group = group
    }

    deinit {
      // Never wait here: a connection the server has already ended (a database dropped with
      // FORCE, a restart) may never report its close, and a client must not hang on exit.
      // The connection is kept alive until its close completes.
      let group = self.group
      let connection = self.connection
      connection.close().whenComplete { _ in
        withExtendedLifetime(connection) {}
        group.shutdownGracefully { _ in }
      }
    }

    /// The TLS of a TCP connection, as its `sslmode` asks.
    static func tls(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
      var configuration = TLSConfiguration.makeClientConfiguration()
      switch location.tls {
      case .disable:
        return .disable
      case .prefer, .require:
        configuration.certificateVerification = .none
        let context = try NIOSSLContext(configuration: configuration)
        return location.tls == .prefer ? .prefer(context) : .require(context)
      case .verifyFull:
        if let roots = location.rootCertificates { configuration.trustRoots = .file(roots) }
        return .require(try NIOSSLContext(configuration: configuration))
      }
    }

    /// How long one statement may take before the server is taken as gone.
    static let statementTimeout = TimeAmount.seconds(120)

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> [PostgresRandomAccessRow] {
      lock.lock()
      defer { lock.unlock() }
      return try run(sql, values)
    }

    private func run(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> [PostgresRandomAccessRow] {
      var bindings = PostgresBindings(capacity: values.count)
      for value in values {
        switch value {
        case .text(let text): bindings.append(text)
        case .integer(let number): bindings.append(number)
        case .real(let number): bindings.append(number)
        case .boolean(let flag): bindings.append(flag)
        case .time(let date): bindings.append(date.map(Self.milliseconds))
        }
      }
      // A connection the server has ended answers nothing more: say so at once.
      if connection.isClosed {
        throw .server(location: location.description, detail: "08006 the server closed the connection")
      }
      // A server that stops answering (a dead link, a half-closed connection) must not hang
      // the program: after `statementTimeout` the connection is closed and the write failed.
      let eventLoop = connection.eventLoop
      let promise = eventLoop.makePromise(of: PostgresQueryResult.self)
      connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).cascade(to: promise)
      let connection = self.connection
      let place = location.description
      let timeout = eventLoop.scheduleTask(in: Self.statementTimeout) {
        promise.fail(StoreError.server(location: place, detail: "no answer from the server"))
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
      }
      do {
        let result = try promise.futureResult.wait()
        timeout.cancel()
        return result.rows.map { $0.makeRandomAccess() }
      } catch {
        timeout.cancel()
        throw Self.storeError(error, location: location)
      }
    }

    /// Runs `body` in one transaction (nested calls join the outer one); rolls back on any error.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
      lock.lock()
      defer { lock.unlock() }
      if depth > 0 { return try body() }
      _ = try run("BEGIN", [])
      depth += 1
      defer { depth -= 1 }
      do {
        let value = try body()
        _ = try run("COMMIT", [])
        return value
      } catch {
        _ = try? run("ROLLBACK", [])
        throw error
      }
    }

    /// Runs `body` in a transaction, again when the server reports a conflict with another
    /// client (a deadlock, a serialisation failure), up to a few times.
    func write<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
      var attempt = 0
      while true {
        do {
          return try transaction(body)
        } catch {
          attempt += 1
          guard attempt < 8, case .server(_, let detail) = error, detail.hasPrefix("40001") || detail.hasPrefix("40P01")
          else { throw error }
          usleep(useconds_t(1000 * attempt * attempt))
        }
      }
    }

    /// Dates are kept to the millisecond, as in the SQLite store, so that a value read back
    /// equals the value written.
    static func milliseconds(_ date: Date) -> Date {
      Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// Server and connection errors as store errors; the SQLSTATE leads the detail.
    static func storeError(_ error: any Error, location: PostgresLocation) -> StoreError {
      if let error = error as? StoreError { return error }
      if let error = error as? PSQLError {
        if let info = error.serverInfo {
          let state = info[.sqlState] ?? ""
          let message = info[.message] ?? "\(error.code)"
          switch state {
          case "53100": return .diskFull(path: location.description)
          case "42501": return .notPermitted(location: location.description, detail: message)
          case "23505", "23503", "23514", "P0001": return .invalid(detail: "\(state) \(message)")
          default: return .server(location: location.description, detail: "\(state) \(message)")
          }
        }
        return .server(location: location.description, detail: "\(error.code)")
      }
      return .server(location: location.description, detail: "\(error)")
    }
  }

  extension PostgresRandomAccessRow {
    func text(_ column: String) -> String { (try? self[column].decode(String.self)) ?? "" }
    func optionalText(_ column: String) -> String? { try? self[column].decode(String?.self) }
    func integer(_ column: String) -> Int64 { (try? self[column].decode(Int64.self)) ?? 0 }
    func optionalInteger(_ column: String) -> Int64? { try? self[column].decode(Int64?.self) }
    func int(_ column: String) -> Int { Int(integer(column)) }
    func real(_ column: String) -> Double { (try? self[column].decode(Double.self)) ?? 0 }
    func optionalReal(_ column: String) -> Double? { try? self[column].decode(Double?.self) }
    func boolean(_ column: String) -> Bool { (try? self[column].decode(Bool.self)) ?? false }
    func optionalBoolean(_ column: String) -> Bool? { try? self[column].decode(Bool?.self) }
    func time(_ column: String) -> Date { (try? self[column].decode(Date.self)) ?? Date(timeIntervalSince1970: 0) }
    func optionalTime(_ column: String) -> Date? { try? self[column].decode(Date?.self) }
  }
#endif
