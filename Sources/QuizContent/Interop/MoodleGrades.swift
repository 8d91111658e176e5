import Foundation

/// Moodle's grades: fractions kept to seven decimals, and the list its importers accept.
public enum MoodleGrades {
  /// The fractions Moodle's importers accept by default (`question_bank::fraction_options_full`),
  /// and their negatives.
  public static let allowed: [Double] = [
    1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571,
    0.125, 0.1111111, 0.1, 0.05, 0,
  ]

  /// Whether Moodle accepts `fraction` as it is (within its own 0.00001).
  public static func isAllowed(_ fraction: Double) -> Bool {
    allowed.contains { abs(abs(fraction) - $0) < 0.00001 }
  }

  /// A percentage as a fraction, to Moodle's seven decimals (`33.33333` → `0.3333333`).
  public static func fraction(percent: Double) -> Double {
    (percent * 100_000).rounded() / 10_000_000
  }

  /// A fraction as Moodle writes a percentage: at most five decimals (`0.3333333` → `33.33333`).
  public static func percent(_ fraction: Double) -> String {
    let value = (fraction * 10_000_000).rounded() / 100_000
    if value == value.rounded() { return String(Int(value)) }
    var text = String(format: "%.5f", value)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }
}
