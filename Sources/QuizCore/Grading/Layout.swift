/// How a question is laid out on screen: the order of its choices, matching options and
/// ordering items, so that letters typed by the learner map back to the question.
public struct Layout: Sendable, Hashable, Codable {
  /// Position on screen (A = 0) → index of the choice in the question.
  public var choices: [Int]
  /// Letter on screen (A = 0) → index in `Matching.options`.
  public var options: [Int]
  /// Number on screen (1 = 0) → index of the ordering item in the question.
  public var items: [Int]

  /// Creates a layout from explicit permutations.
  public init(choices: [Int] = [], options: [Int] = [], items: [Int] = []) {
    self.choices = choices
    self.options = options
    self.items = items
  }

  /// Everything in the order written in the content file.
  public static func identity(for question: Question) -> Layout {
    let counts = Self.counts(for: question)
    return Layout(
      choices: Array(0..<counts.choices), options: Array(0..<counts.options), items: Array(0..<counts.items))
  }

  /// Choices and options shuffled; ordering items shuffled so they never start in the
  /// right order (when there are at least two).
  public static func shuffled(for question: Question, using generator: inout some RandomNumberGenerator) -> Layout {
    let counts = Self.counts(for: question)
    var items = Array(0..<counts.items).shuffled(using: &generator)
    if items.count > 1 && items == items.sorted() { items.swapAt(0, items.count - 1) }
    return Layout(
      choices: Array(0..<counts.choices).shuffled(using: &generator),
      options: Array(0..<counts.options).shuffled(using: &generator), items: items)
  }

  private static func counts(for question: Question) -> (choices: Int, options: Int, items: Int) {
    switch question.kind {
    case .single(let choices), .multiple(let choices, _): (choices.count, 0, 0)
    case .matching(let matching): (0, matching.options.count, 0)
    case .ordering(let ordering): (0, 0, ordering.items.count)
    default: (0, 0, 0)
    }
  }

  /// The letter shown for a position: A, B, C…
  public static func letter(_ position: Int) -> String {
    position < 26 ? String(UnicodeScalar(UInt8(65 + position))) : "[\(position + 1)]"
  }
}
