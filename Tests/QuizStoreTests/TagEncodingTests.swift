import Foundation
import QuizCore
import Testing

@testable import QuizStore

/// Tags are stored as a JSON array and read back by a fast path for the common case: every
/// list of tags, whatever its characters, must come back as it was.
@Suite struct TagEncodingTests {
  static let alphabet: [Character] = Array("合规实务计算ab ,\"\\[]{}:\t\n") + ["\u{0}", "\u{1F}", "é", "😀"]

  @Test func everyListOfTagsComesBackAsItWas() {
    var random = SeededGenerator(seed: 11)
    for _ in 0..<2_000 {
      let tags = (0..<Int.random(in: 0...4, using: &random)).map { _ in
        String((0..<Int.random(in: 0...6, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! })
      }
      let stored = SQLiteStore.encodeTags(tags)
      #expect(SQLiteStore.decodeTags(stored) == tags, "\(stored)")
    }
    #expect(SQLiteStore.decodeTags(#"["合规","实务"]"#) == ["合规", "实务"])
    #expect(SQLiteStore.decodeTags(#"["a\",\"b"]"#) == ["a\",\"b"], "an escaped quote is not a separator")
    #expect(SQLiteStore.decodeTags("not json") == [])
  }
}
