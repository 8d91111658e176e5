import Foundation
import Testing

@testable import QuizCore

/// The interface catalogues: the same keys and placeholders in both languages, every key the
/// code uses present, Chinese text in the Chinese one and none in the English one.
@Suite struct CatalogTests {
  /// Every `.text("key"` in the sources.
  static let usedKeys: Set<String> = {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources")
    var keys: Set<String> = []
    let files =
      FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
      .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
    let pattern = try? NSRegularExpression(pattern: #"\.text\(\s*"([a-z0-9\-]+\.[a-z0-9.\-]+)""#)
    for file in files {
      guard let text = try? String(contentsOf: file, encoding: .utf8), let pattern else { continue }
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        if let range = Range(match.range(at: 1), in: text) { keys.insert(String(text[range])) }
      }
    }
    return keys
  }()

  static func hasHan(_ text: String) -> Bool {
    text.unicodeScalars.contains {
      (0x4E00...0x9FFF).contains($0.value) || (0x3000...0x303F).contains($0.value)
        || (0xFF00...0xFFEF).contains($0.value)
    }
  }

  /// English entries that show Chinese on purpose: words a learner may type.
  static let chineseOnPurpose: Set<String> = ["answerproblem.this-is-a-true-false-question"]

  @Test func bothLanguagesHaveTheSameKeys() {
    let zh = Set(Catalog.entries(.zh).keys)
    let en = Set(Catalog.entries(.en).keys)
    #expect(zh.subtracting(en).sorted() == [], "missing in English")
    #expect(en.subtracting(zh).sorted() == [], "missing in Chinese")
  }

  @Test func everyKeyTheCodeUsesExists() {
    #expect(Self.usedKeys.count > 200)
    #expect(Self.usedKeys.subtracting(Catalog.entries(.zh).keys).sorted() == [])
    // `command.*` keys are named from the shell's command table (checked in QuizCLITests).
    let unused = Set(Catalog.entries(.zh).keys).subtracting(Self.usedKeys).filter { !$0.hasPrefix("command.") }
    #expect(unused.sorted() == [], "entries nothing uses")
  }

  @Test func eachEntryHasTheSamePlaceholdersInBothLanguages() {
    for (key, zh) in Catalog.entries(.zh) {
      #expect(Catalog.placeholders(in: zh) == Catalog.placeholders(in: Catalog.entries(.en)[key] ?? ""), "\(key)")
    }
  }

  @Test func chineseEntriesAreChineseAndEnglishOnesAreNot() {
    for (key, en) in Catalog.entries(.en) where !Self.chineseOnPurpose.contains(key) {
      #expect(!Self.hasHan(en), "\(key): \(en)")
    }
    for (key, zh) in Catalog.entries(.zh) {
      let letters = zh.unicodeScalars.filter { $0.properties.isAlphabetic }
      #expect(letters.isEmpty || Self.hasHan(zh) || zh == Catalog.entries(.en)[key], "\(key): \(zh)")
    }
  }

  @Test func valuesAreFilledInAndBracesKept() {
    #expect(Catalog.fill("共 {0} 题，{1} 对；{{0}}", ["10", "8"]) == "共 10 题，8 对；{0}")
    #expect(Language.zh.text("no-such-key") == "no-such-key")
  }
}
