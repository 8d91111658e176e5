/// The language of the interface. Content stays as its authors wrote it.
public enum Language: String, Sendable, CaseIterable {
  /// Simplified Chinese, the default.
  case zh
  /// English.
  case en

  /// `--lang` when given, else `LC_ALL`/`LC_MESSAGES`/`LANG` starting with `en`, else Chinese.
  public static func resolve(explicit: Language?, environment: [String: String]) -> Language {
    if let explicit { return explicit }
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[key], !value.isEmpty {
        return value.lowercased().hasPrefix("en") ? .en : .zh
      }
    }
    return .zh
  }

  /// Picks the Chinese or the English text.
  public func pick(_ zh: String, _ en: String) -> String {
    self == .zh ? zh : en
  }
}
