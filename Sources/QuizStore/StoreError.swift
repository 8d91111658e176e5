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
  /// A backup was asked for into a file that already exists (it is not touched).
  case destinationExists(path: String)
  /// A value the store will not keep (for example a learner name that is too long).
  case invalid(detail: String)

  /// The process exit status for this error: 65 for bad data, 74 for I/O.
  public var exitStatus: Int32 {
    switch self {
    case .corrupt, .newerVersion, .invalid: 65
    case .readOnly, .diskFull, .io, .destinationExists: 74
    }
  }

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .corrupt(let path, let detail):
      "the progress database \(path) is damaged or not a database (\(detail)). It has not been changed. Keep a copy, then run `recovery-trainer admin check` to see what can be recovered; to start afresh, move the file away (nothing is deleted for you)."
    case .newerVersion(let path):
      "the progress database \(path) was written by a newer version of recovery-trainer. Update the program; the file has not been changed."
    case .readOnly(let path):
      "cannot write the progress database \(path): the file or its folder is read-only. Fix the permissions or choose another folder with --data-dir; nothing was lost."
    case .diskFull(let path):
      "cannot write the progress database \(path): the disk is full. Free some space and try again; answers saved before this one are safe. `recovery-trainer admin backup FILE` copies them elsewhere."
    case .destinationExists(let path):
      "\(path) already exists; choose a new file name for the backup (nothing was written)."
    case .invalid(let detail):
      "not saved: \(detail)."
    case .io(let path, let detail):
      "cannot use the progress database \(path): \(detail). The file has not been changed; `recovery-trainer admin backup FILE` copies what it holds."
    }
  }
}
