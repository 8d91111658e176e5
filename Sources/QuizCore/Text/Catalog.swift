/// The interface text, one catalogue per language (`Catalog+zh.swift`, `Catalog+en.swift`):
/// every message a person sees is looked up here by key, with its values filled in.
///
/// Both catalogues have the same keys and the same placeholders in each entry; a test checks
/// that, and that every key the code uses exists. Course content is not in the catalogue: it
/// stays as its authors wrote it.
public enum Catalog {
  /// The catalogue of a language.
  public static func entries(_ language: Language) -> [String: String] {
    switch language {
    case .zh: zhEntries
    case .en: enEntries
    }
  }

  private static let zhEntries = zh.merging(zhCertification) { first, _ in first }
    .merging(zhAuthoring) { first, _ in first }
    .merging(zhResults) { first, _ in first }
    .merging(zhCalls) { first, _ in first }
  private static let enEntries = en.merging(enCertification) { first, _ in first }
    .merging(enAuthoring) { first, _ in first }
    .merging(enResults) { first, _ in first }
    .merging(enCalls) { first, _ in first }

  /// The text of `key` in `language` with `{0}`, `{1}`… replaced by `values` (`{{` and `}}`
  /// are literal braces); the key itself when the catalogue has no such entry.
  public static func text(_ key: String, _ language: Language, _ values: [String]) -> String {
    guard let template = entries(language)[key] else { return key }
    return fill(template, values)
  }

  /// Fills a template's placeholders.
  static func fill(_ template: String, _ values: [String]) -> String {
    var result = ""
    var characters = template[...]
    while let character = characters.first {
      characters = characters.dropFirst()
      if character == "{", characters.first == "{" {
        result.append("{")
        characters = characters.dropFirst()
      } else if character == "}", characters.first == "}" {
        result.append("}")
        characters = characters.dropFirst()
      } else if character == "{", let close = characters.firstIndex(of: "}"),
        let placeholder = Placeholder(characters[..<close]), values.indices.contains(placeholder.index)
      {
        result += placeholder.render(values[placeholder.index])
        characters = characters[characters.index(after: close)...]
      } else {
        result.append(character)
      }
    }
    return result
  }

  /// The placeholders (`0`, `1`, …) a template uses.
  public static func placeholders(in template: String) -> Set<Int> {
    var found: Set<Int> = []
    var characters = template[...]
    while let open = characters.firstIndex(of: "{") {
      let rest = characters[characters.index(after: open)...]
      if rest.first == "{" {
        characters = rest.dropFirst()
        continue
      }
      guard let close = rest.firstIndex(of: "}") else { break }
      if let placeholder = Placeholder(rest[..<close]) { found.insert(placeholder.index) }
      characters = rest[rest.index(after: close)...]
    }
    return found
  }
}

/// `{0}`, or `{0 answer/answers}`: the value followed by the singular or the plural word
/// (English needs it; Chinese does not).
struct Placeholder {
  var index: Int
  var singular: String?
  var plural: String?

  init?(_ text: Substring) {
    let parts = text.split(separator: " ", maxSplits: 1)
    guard let first = parts.first, let index = Int(first) else { return nil }
    self.index = index
    if parts.count == 2 {
      let words = parts[1].split(separator: "/", maxSplits: 1)
      guard words.count == 2 else { return nil }
      singular = String(words[0])
      plural = String(words[1])
    }
  }

  func render(_ value: String) -> String {
    guard let singular, let plural else { return value }
    return value + " " + (value == "1" ? singular : plural)
  }
}

extension Language {
  /// The catalogue's text for `key` in this language, with `values` filled in.
  public func text(_ key: String, _ values: String...) -> String {
    Catalog.text(key, self, values)
  }
}
