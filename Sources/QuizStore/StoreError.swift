import QuizCore

/// Why the progress database cannot be used. Every case says what to do; none of them
/// ever leads to the file being overwritten or "repaired" behind the learner's back.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file is not a database or is damaged.
  case corrupt(path: String, detail: String)
  /// The file was written by a newer version of recovery-trainer.
  case newerVersion(path: String)
  /// The file or its folder cannot be written.
  case readOnly(path: String)
  /// The disk is full.
  case diskFull(path: String)
  /// Another I/O failure (permissions, a vanished folder, …).
  case io(path: String, detail: String)
  /// The file was deleted or replaced while the program ran; nothing more was written to it.
  case replaced(path: String)
  /// A backup could not be written; nothing was left at its path.
  case backupFailed(path: String, detail: String)
  /// The database turned out damaged while it was in use (answers saved before are kept).
  case damagedInUse(path: String, detail: String)
  /// A backup was asked for into a file that already exists (it is not touched).
  case destinationExists(path: String)
  /// A value the store will not keep (for example a learner name that is too long).
  case invalid(detail: String)
  /// The organisation database (PostgreSQL) could not be reached or refused a statement;
  /// `detail` starts with the server's SQLSTATE when it gave one.
  case server(location: String, detail: String)
  /// The organisation database does not let this database user do that (its roles and
  /// row-level security), for example a learner changing an answer.
  case notPermitted(location: String, detail: String)
  /// A results bundle is refused (`BundleProblem`); nothing of it was imported.
  case bundle(BundleProblem)

  /// The process exit status for this error: 65 for bad data, 74 for I/O, 77 for a permission
  /// the organisation database does not give.
  public var exitStatus: Int32 {
    switch self {
    case .corrupt, .newerVersion, .invalid, .damagedInUse, .bundle: 65
    case .readOnly, .diskFull, .io, .destinationExists, .replaced, .backupFailed, .server: 74
    case .notPermitted: 77
    }
  }

  /// A message a person can act on.
  public var description: String { message(.en) }

  /// The message in a language. SQLite's own detail (in English) is quoted as it is.
  public func message(_ language: Language) -> String {
    switch self {
    case .corrupt(let path, let detail): language.text("store.corrupt", path, detail)
    case .newerVersion(let path): language.text("store.newer-version", path)
    case .readOnly(let path): language.text("store.read-only", path)
    case .diskFull(let path): language.text("store.disk-full", path)
    case .destinationExists(let path): language.text("store.destination-exists", path)
    case .replaced(let path): language.text("store.replaced", path)
    case .backupFailed(let path, let detail): language.text("store.backup-failed", path, detail)
    case .damagedInUse(let path, let detail): language.text("store.damaged-in-use", path, detail)
    case .invalid(let detail): language.text("store.invalid", detail)
    case .io(let path, let detail): language.text("store.io", path, detail)
    case .server(let location, let detail): language.text("store.server", location, detail)
    case .notPermitted(let location, let detail): language.text("store.not-permitted", location, detail)
    case .bundle(let problem): problem.message(language)
    }
  }
}
