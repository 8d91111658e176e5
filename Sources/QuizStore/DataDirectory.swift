import Foundation

/// Where a learner's progress database, readline history and keys live on this machine.
///
/// Resolved in this order: `--data-dir DIR`, `RECOVERY_TRAINER_HOME`,
/// `$XDG_DATA_HOME/recovery-trainer`, `~/.local/share/recovery-trainer`.
public struct DataDirectory: Sendable, Hashable {
  /// The folder.
  public var path: String

  /// Uses the given folder as it is.
  public init(path: String) {
    self.path = path
  }

  /// Resolves the folder from an explicit choice and the environment.
  public static func resolve(explicit: String?, environment: [String: String]) -> DataDirectory {
    if let explicit, !explicit.isEmpty { return DataDirectory(path: explicit) }
    if let home = environment["RECOVERY_TRAINER_HOME"], !home.isEmpty { return DataDirectory(path: home) }
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
      return DataDirectory(path: (xdg as NSString).appendingPathComponent("recovery-trainer"))
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return DataDirectory(path: (home as NSString).appendingPathComponent(".local/share/recovery-trainer"))
  }

  /// The path of a file inside the folder.
  public func file(_ name: String) -> String {
    (path as NSString).appendingPathComponent(name)
  }

  /// Creates the folder (and its parents) if it does not exist yet.
  public func create() throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
}
