/// The one definition of "fully correct" used by validation, grading, summaries and queries.
///
/// Fractions come from content files (Moodle's 33.33333% among them), so a set of fractions
/// meant to add up to 1 may add up to 0.999999. Validation accepts a sum within `tolerance`
/// of 1, and grading snaps a score within the same tolerance to exactly 1, so every answer
/// that validation calls complete is graded fully correct, and stored scores are exact.
public enum Credit {
  /// How far from 1 (or 0) a fraction may be and still count as 1 (or 0).
  public static let tolerance = 1e-6

  /// Room for the rounding of the comparison itself (0.333333 × 3 is a hair below 0.999999).
  private static let slack = 1e-12

  /// Whether a fraction is full credit.
  public static func isFull(_ fraction: Double) -> Bool {
    fraction >= 1 - tolerance - slack
  }

  /// Whether a fraction is no credit at all.
  public static func isNone(_ fraction: Double) -> Bool {
    fraction <= tolerance + slack
  }

  /// Whether fractions meant to add up to 1 do, within the tolerance.
  public static func addsUpToOne(_ sum: Double) -> Bool {
    isFull(sum) && sum <= 1 + tolerance + slack
  }

  /// The fraction clamped to 0…1 and snapped to 0 or 1 within the tolerance; not a number is 0.
  public static func normalized(_ fraction: Double) -> Double {
    guard fraction.isFinite else { return 0 }
    if isFull(fraction) { return 1 }
    if isNone(fraction) { return 0 }
    return fraction
  }
}
