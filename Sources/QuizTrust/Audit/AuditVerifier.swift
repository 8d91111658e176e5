import Foundation

/// Checks an audit log against its hash chain, its entries' signatures and known checkpoints.
///
/// Checkpoints come from the log itself, from exported files and from certificates; only the
/// ones that left the machine protect against a rollback of the whole file.
public struct AuditVerifier: Sendable {
  /// The organisation's public key.
  public let organisation: PublicKey
  /// Which kinds need which signatures.
  public let policy: AuditPolicy
  /// Attempt keys' certificates; those the organisation signed may sign entries in their window.
  public let attemptCertificates: [Signed<AttemptGrant>]

  /// A verifier for the organisation's logs.
  public init(
    organisation: PublicKey, policy: AuditPolicy = AuditPolicy(), attemptCertificates: [Signed<AttemptGrant>] = []
  ) {
    self.organisation = organisation
    self.policy = policy
    self.attemptCertificates = attemptCertificates
  }

  /// Verifies `entries` (in stored order) against `checkpoints` and names the first bad entry.
  public func verify(_ entries: [AuditEntry], checkpoints: [Signed<AuditCheckpoint>] = []) -> AuditVerification {
    for checkpoint in checkpoints where !checkpoint.isSigned(by: organisation) {
      return .broken(AuditFailure(sequence: checkpoint.statement.sequence, problem: .checkpointNotFromOrganisation))
    }
    let pins = Dictionary(grouping: checkpoints.map(\.statement), by: \.sequence)
    let grants = attemptCertificates.filter { $0.isSigned(by: organisation) }.map(\.statement)
    var previousHash = AuditEntry.genesisHash
    var anchored = 0
    for (index, entry) in entries.enumerated() {
      let expected = index + 1
      func failure(_ problem: AuditProblem) -> AuditVerification {
        .broken(AuditFailure(sequence: expected, problem: problem))
      }
      if entry.sequence != expected {
        let later = entries.dropFirst(index).contains { $0.sequence == expected }
        return failure(later ? .outOfOrder : .missingEntry)
      }
      if entry.computedHash != entry.hash { return failure(.editedEntry) }
      if entry.previousHash != previousHash { return failure(.brokenLink) }
      if let problem = signatureProblem(entry, grants: grants) { return failure(problem) }
      for pin in pins[expected] ?? [] where pin.headHash != entry.hash {
        return failure(.checkpointMismatch(earliestSuspect: anchored + 1))
      }
      if pins[expected] != nil { anchored = expected }
      previousHash = entry.hash
    }
    if let beyond = checkpoints.map(\.statement.sequence).filter({ $0 > entries.count }).min() {
      return .broken(AuditFailure(sequence: beyond, problem: .truncated(lastSequence: entries.count)))
    }
    return .intact(AuditSummary(entryCount: entries.count, headHash: previousHash, anchoredThrough: anchored))
  }

  private func signatureProblem(_ entry: AuditEntry, grants: [AttemptGrant]) -> AuditProblem? {
    let requirement = policy.requirements[entry.kind]
    guard let signature = entry.signature else { return requirement.map { .missingSignature($0) } }
    guard let bytes = Base64URL.decode(signature.value),
      signature.signer.isValidSignature(bytes, for: AuditEntry.signedBytes(hash: entry.hash))
    else { return .badSignature }
    let byOrganisation = signature.signer == organisation
    let byAttemptKey = grants.contains { $0.attemptKey == signature.signer && $0.covers(entry.time) }
    switch requirement {
    case .organisation: return byOrganisation ? nil : .untrustedSigner
    case .attemptKey: return byAttemptKey ? nil : .untrustedSigner
    case .organisationOrAttemptKey, nil: return byOrganisation || byAttemptKey ? nil : .untrustedSigner
    }
  }
}
