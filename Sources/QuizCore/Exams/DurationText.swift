import Foundation

/// Durations as content files write them: `45m`, `1h`, `1h30m`, `24h`, `365d`, `90s`.
public enum DurationText {
  /// The duration in seconds, or `nil` when the text is not a positive duration.
  public static func parse(_ text: String) -> TimeInterval? {
    var total: TimeInterval = 0
    var number = ""
    var sawUnit = false
    for character in text.trimmingSpaces() {
      if character.isASCII && character.isNumber {
        number.append(character)
        continue
      }
      guard let value = Double(number) else { return nil }
      switch character {
      case "s": total += value
      case "m": total += value * 60
      case "h": total += value * 3_600
      case "d": total += value * 86_400
      case "w": total += value * 604_800
      default: return nil
      }
      number = ""
      sawUnit = true
    }
    guard number.isEmpty, sawUnit, total > 0 else { return nil }
    return total
  }

  /// The shortest way to write a duration: `45m`, `1h30m`, `365d`.
  public static func format(_ seconds: TimeInterval) -> String {
    var rest = Int(seconds.rounded())
    var parts: [String] = []
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
      parts.append("\(rest / size)\(unit)")
      rest %= size
    }
    return parts.isEmpty ? "0s" : parts.joined()
  }

  /// A duration as a person reads it in the interface: `45 分钟`, `1 小时 30 分钟`; `45 min`,
  /// `1 h 30 min`.
  public static func spoken(_ seconds: TimeInterval, _ language: Language) -> String {
    var rest = Int(seconds.rounded())
    var parts: [String] = []
    let units: [(String, String, Int)] = [("天", "d", 86_400), ("小时", "h", 3_600), ("分钟", "min", 60), ("秒", "s", 1)]
    for (zh, en, size) in units where rest >= size {
      parts.append("\(rest / size) " + (language == .zh ? zh : en))
      rest %= size
    }
    return parts.isEmpty ? (language == .zh ? "0 秒" : "0 s") : parts.joined(separator: " ")
  }
}
