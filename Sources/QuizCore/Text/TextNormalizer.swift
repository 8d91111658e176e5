import Foundation

/// Normalises typed text so that answers compare the way a person would compare them.
///
/// Unicode NFKC (full-width letters, digits and punctuation become half-width), case
/// folded unless asked not to, runs of whitespace (including the ideographic space)
/// collapsed to one space, and surrounding punctuation stripped.
public enum TextNormalizer {
  /// Punctuation that is stripped from both ends of an answer.
  static let edgePunctuation: Set<Character> = Set(".,;:!?。，、；：！？\"'“”‘’「」『』《》()（）[]【】<>…·-—~`")

  /// The normalised form of `text`.
  public static func normalize(_ text: String, caseSensitive: Bool = false) -> String {
    var result = text.precomposedStringWithCompatibilityMapping
    if !caseSensitive { result = result.lowercased() }
    var collapsed = ""
    collapsed.reserveCapacity(result.utf8.count)
    var pendingSpace = false
    for character in result {
      if character.isWhitespace || character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
        pendingSpace = !collapsed.isEmpty
        continue
      }
      if pendingSpace {
        collapsed.append(" ")
        pendingSpace = false
      }
      collapsed.append(character)
    }
    var characters = Substring(collapsed)
    while let first = characters.first, edgePunctuation.contains(first) || first == " " {
      characters = characters.dropFirst()
    }
    while let last = characters.last, edgePunctuation.contains(last) || last == " " {
      characters = characters.dropLast()
    }
    return String(characters)
  }

  /// Removes control characters (keeping tabs and line breaks as spaces) so nothing a
  /// learner types can reach the terminal as an escape sequence.
  public static func removingControlCharacters(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.properties.generalCategory == .control {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { scalars.append(" ") }
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }
}

/// Fast substring search over UTF-8 bytes, for keyword rubrics on long answers.
struct ByteText {
  let bytes: [UInt8]

  init(_ text: String) {
    bytes = Array(text.utf8)
  }

  /// Whether `needle` occurs in the text.
  func contains(_ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard needle.count <= bytes.count else { return false }
    let first = needle[0]
    let last = bytes.count - needle.count
    return bytes.withUnsafeBufferPointer { haystack in
      needle.withUnsafeBufferPointer { pattern in
        var index = 0
        while index <= last {
          if haystack[index] == first {
            var matched = true
            var offset = 1
            while offset < pattern.count {
              if haystack[index + offset] != pattern[offset] {
                matched = false
                break
              }
              offset += 1
            }
            if matched { return true }
          }
          index += 1
        }
        return false
      }
    }
  }
}
