import Foundation

/// Normalises typed text so that answers compare the way a person would compare them.
///
/// Unicode NFKC (full-width letters, digits and punctuation become half-width), case
/// folded unless asked not to, runs of whitespace (including the ideographic space)
/// collapsed to one space, and surrounding punctuation stripped.
public enum TextNormalizer {
  /// Punctuation that is stripped from both ends of an answer.
  static let edgePunctuation: Set<Character> = Set(".,;:!?。，、；：！？\"'“”‘’「」『』《》()（）[]【】<>…·-—~`")

  /// Unicode NFKC. Text made only of ASCII, CJK ideographs, common CJK punctuation and
  /// full-width forms (nearly every answer) is mapped here directly; anything else goes
  /// through Foundation, which is exact but much slower.
  public static func compatibilityNormalized(_ text: String) -> String {
    var fullWidth = false
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value < 0x80 || (0x4E00...0x9FFF).contains(value) || stableScalars.contains(value) { continue }
      if (0x3001...0x303F).contains(value), !(0x3036...0x303A).contains(value) { continue }
      if (0xFF01...0xFF5E).contains(value) || value == 0x3000 {
        fullWidth = true
        continue
      }
      return text.precomposedStringWithCompatibilityMapping
    }
    guard fullWidth else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
      case 0x3000: scalars.append(" ")
      default: scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  /// Scalars outside the fast ranges that NFKC leaves as they are: · × ÷ — ‘ ’ “ ” → √ ≈ ✓ ✔ ✗ ✘.
  static let stableScalars: Set<UInt32> = [
    0x00B7, 0x00D7, 0x00F7, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2192, 0x221A, 0x2248, 0x2713, 0x2714, 0x2717,
    0x2718,
  ]

  /// The normalised form of `text`.
  public static func normalize(_ text: String, caseSensitive: Bool = false) -> String {
    var result = compatibilityNormalized(text)
    if !caseSensitive { result = result.lowercased() }
    // Work on scalars: collapse whitespace and controls to single spaces, then trim
    // spaces and punctuation at both ends.
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(result.utf8.count)
    var pendingSpace = false
    for scalar in result.unicodeScalars {
      if isSpaceOrControl(scalar) {
        pendingSpace = !scalars.isEmpty
        continue
      }
      if pendingSpace {
        scalars.append(" ")
        pendingSpace = false
      }
      scalars.append(scalar)
    }
    var start = 0
    var end = scalars.count
    while start < end, edgeScalars.contains(scalars[start].value) { start += 1 }
    while end > start, edgeScalars.contains(scalars[end - 1].value) { end -= 1 }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(end - start)
    for scalar in scalars[start..<end] { bytes.append(contentsOf: UTF8.encode(scalar)!) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Spaces, tabs, line breaks (ASCII and Unicode) and control characters.
  @inline(__always)
  static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 { return value <= 0x20 || value == 0x7F }
    if (0x4E00...0x9FFF).contains(value) { return false }
    return (0x80...0x9F).contains(value) || scalar.properties.isWhitespace
  }

  /// `edgePunctuation` and the space, by scalar value.
  static let edgeScalars: Set<UInt32> = Set(edgePunctuation.compactMap { $0.unicodeScalars.first?.value } + [0x20])

  /// Removes control characters (keeping tabs and line breaks as spaces) so nothing a
  /// learner types can reach the terminal as an escape sequence.
  public static func removingControlCharacters(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
      return text
    }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { scalars.append(" ") }
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }
}

/// Substring search over UTF-8 bytes, for short-answer wildcards.
enum ByteText {
  /// The first index at or after `start` where `needle` occurs in `haystack`.
  static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard needle.count <= haystack.count - start else { return nil }
    var index = start
    while index + needle.count <= haystack.count {
      if haystack[index] == needle[0] && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }
}
