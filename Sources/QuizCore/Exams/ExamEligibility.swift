import Foundation

/// Whether a learner may start an attempt of an exam now, by the blueprint's `attempts` (per
/// validity window) and `cooldown` (after each failed attempt).
public enum ExamEligibility: Sendable, Hashable {
  /// An attempt may start.
  case allowed(attemptsLeft: Int)
  /// The learner already holds a pass that is still valid until `until`.
  case alreadyCertified(until: Date)
  /// The attempts of the window are used up; the next window opens at `opensAt`.
  case noAttemptsLeft(opensAt: Date)
  /// A failed attempt's cooldown runs until `until`.
  case coolingDown(until: Date)

  /// One finished attempt, as far as eligibility cares.
  public struct Attempt: Sendable, Hashable {
    public var endedAt: Date
    public var passed: Bool

    public init(endedAt: Date, passed: Bool) {
      self.endedAt = endedAt
      self.passed = passed
    }
  }

  /// The eligibility at `now`, given every finished attempt of this exam by this learner.
  ///
  /// The window is the blueprint's `validity` back from `now`: attempts older than that no
  /// longer count. A pass within its validity means there is nothing to retake. After a run of
  /// failures, the cooldown of the last failure applies (`ExamBlueprint.cooldown(afterFailures:)`).
  public static func at(_ now: Date, blueprint: ExamBlueprint, attempts: [Attempt]) -> ExamEligibility {
    let ordered = attempts.sorted { $0.endedAt < $1.endedAt }
    if let pass = ordered.last(where: \.passed), pass.endedAt.addingTimeInterval(blueprint.validity) > now {
      return .alreadyCertified(until: pass.endedAt.addingTimeInterval(blueprint.validity))
    }
    let windowStart = now.addingTimeInterval(-blueprint.validity)
    let inWindow = ordered.filter { $0.endedAt > windowStart }
    if inWindow.count >= blueprint.attempts, let oldest = inWindow.first {
      return .noAttemptsLeft(opensAt: oldest.endedAt.addingTimeInterval(blueprint.validity))
    }
    let failuresInARow = inWindow.reversed().prefix { !$0.passed }.count
    if let last = inWindow.last, !last.passed {
      let until = last.endedAt.addingTimeInterval(blueprint.cooldown(afterFailures: failuresInARow))
      if until > now { return .coolingDown(until: until) }
    }
    return .allowed(attemptsLeft: blueprint.attempts - inWindow.count)
  }
}
