import QuizCore

/// The interface language of this run, fixed once at start-up (from `--lang` or the
/// environment) before the command line is parsed, so that help texts, which the argument
/// parser reads while parsing, come from the right catalogue.
enum Interface {
  nonisolated(unsafe) static var language: Language = .zh

  /// A catalogue text in the interface language.
  static func text(_ key: String, _ values: String...) -> String {
    Catalog.text(key, language, values)
  }
}
