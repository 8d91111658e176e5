import Foundation

/// The answer of `AuditVerifier.verify`.
public enum AuditVerification: Sendable, Hashable {
  /// The chain is whole and agrees with every known checkpoint.
  case intact(AuditSummary)
  /// The first bad entry and what is wrong with it.
  case broken(AuditFailure)

  /// Whether the log is intact.
  public var isIntact: Bool { if case .intact = self { true } else { false } }

  /// The failure, if any.
  public var failure: AuditFailure? { if case .broken(let failure) = self { failure } else { nil } }
}

/// What an intact log's verification established.
public struct AuditSummary: Sendable, Hashable {
  /// The number of entries.
  public let entryCount: Int
  /// The last entry's hash (`AuditEntry.genesisHash` for an empty log).
  public let headHash: String
  /// The highest sequence a signed checkpoint vouches for (0 when none does). Entries after it
  /// are only as trustworthy as the chain and their own signatures.
  public let anchoredThrough: Int

  /// A summary (what `AuditVerifier` returns; public so callers can compare with one).
  public init(entryCount: Int, headHash: String, anchoredThrough: Int) {
    self.entryCount = entryCount
    self.headHash = headHash
    self.anchoredThrough = anchoredThrough
  }
}

/// The first bad entry of a log.
public struct AuditFailure: Sendable, Hashable, CustomStringConvertible {
  /// The sequence number of the first entry found bad (for a checkpoint problem, the
  /// checkpoint's sequence).
  public let sequence: Int
  /// What is wrong.
  public let problem: AuditProblem

  /// A failure (what `AuditVerifier` returns; public so callers can compare with one).
  public init(sequence: Int, problem: AuditProblem) {
    self.sequence = sequence
    self.problem = problem
  }

  /// A message a person can act on.
  public var description: String { "audit entry \(sequence): \(problem)" }
}

/// What is wrong with an audit log.
public enum AuditProblem: Sendable, Hashable, CustomStringConvertible {
  /// The entry's fields do not give its stored hash: it was edited.
  case editedEntry
  /// The entry's `previousHash` is not the previous entry's hash: an entry before it was
  /// removed or replaced, or it was inserted out of band.
  case brokenLink
  /// No entry with this sequence number: it was removed.
  case missingEntry
  /// The entry with this sequence number is not in its place: entries were reordered.
  case outOfOrder
  /// The entry's kind needs a signature and it has none.
  case missingSignature(AuditPolicy.Requirement)
  /// The entry's signature does not verify over its hash.
  case badSignature
  /// The entry is signed by a key that is neither the organisation's nor a certified attempt
  /// key valid at the entry's time (or not the kind of key its kind needs).
  case untrustedSigner
  /// A checkpoint given to the verifier is not signed by the organisation key.
  case checkpointNotFromOrganisation
  /// The entry at a checkpoint's sequence has another hash than the checkpoint says: the log
  /// was rewritten (edited and re-hashed, or rolled back and continued) at or after
  /// `earliestSuspect`.
  case checkpointMismatch(earliestSuspect: Int)
  /// The log ends at `lastSequence`, before a known checkpoint: it was truncated or rolled
  /// back to an older copy.
  case truncated(lastSequence: Int)

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .editedEntry: "was edited (its hash does not match its contents)"
    case .brokenLink: "does not follow the entry before it (an entry was removed, replaced or inserted)"
    case .missingEntry: "is missing (removed)"
    case .outOfOrder: "is out of order (entries were reordered)"
    case .missingSignature: "needs a signature and has none (appended out of band)"
    case .badSignature: "has a signature that does not verify"
    case .untrustedSigner: "is signed by a key the organisation did not certify"
    case .checkpointNotFromOrganisation: "a checkpoint for it is not signed by the organisation key"
    case .checkpointMismatch(let suspect):
      "differs from the signed checkpoint (the log was rewritten from entry \(suspect) on)"
    case .truncated(let last): "is missing: the log ends at entry \(last) (truncated or rolled back to an older copy)"
    }
  }
}
