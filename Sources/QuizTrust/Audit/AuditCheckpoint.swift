import Foundation

/// The organisation key's statement that the audit log had `sequence` entries ending in
/// `headHash` at `time`.
///
/// Signed checkpoints are written into the log, exported, and carried inside every
/// certificate; any one of them that is known later pins the log's history up to it.
public struct AuditCheckpoint: SignableStatement {
  public static let statementType = "recovery-trainer/audit-checkpoint/1"

  /// The number of entries covered (the last entry's sequence; 0 for an empty log).
  public let sequence: Int
  /// The last covered entry's hash (`AuditEntry.genesisHash` for an empty log).
  public let headHash: String
  /// When the checkpoint was made (whole milliseconds).
  public let time: Date

  /// A checkpoint; the time is rounded to whole milliseconds.
  public init(sequence: Int, headHash: String, time: Date) {
    self.sequence = sequence
    self.headHash = headHash
    self.time = time.wholeMilliseconds
  }

  /// A checkpoint over a log whose last entry is `head` (nil when empty).
  public init(head: AuditEntry?, time: Date) {
    self.init(sequence: head?.sequence ?? 0, headHash: head?.hash ?? AuditEntry.genesisHash, time: time)
  }

  public var canonicalJSON: CanonicalJSON {
    .object([
      "sequence": .integer(Int64(sequence)), "headHash": .string(headHash), "time": .integer(time.milliseconds),
    ])
  }
}
