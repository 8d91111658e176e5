import Foundation

/// Which entry kinds must be signed, and by whom.
///
/// The hash chain alone can be recomputed by anyone who can write the database, so an entry
/// appended out of band with a correct chain is only caught when its kind needs a signature.
public struct AuditPolicy: Sendable, Hashable {
  /// Who must sign an entry of some kind.
  public enum Requirement: Sendable, Hashable {
    /// The organisation key.
    case organisation
    /// An attempt key the organisation certified (whose window covers the entry's time).
    case attemptKey
    /// Either of the above.
    case organisationOrAttemptKey
  }

  /// Requirements by entry kind; kinds not listed need no signature.
  public var requirements: [String: Requirement]

  /// A policy from requirements by kind.
  public init(requiring requirements: [String: Requirement] = [:]) {
    self.requirements = requirements
  }
}
