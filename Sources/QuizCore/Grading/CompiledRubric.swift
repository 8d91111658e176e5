/// A keyword in matching form, with the polarity it must have to count.
struct CompiledKeyword: Sendable {
  /// What the reading of an occurrence must be.
  enum Requirement: Sendable {
    /// Any reading (points, by default).
    case any
    /// Negated (`~` prefix): `~中断` counts in `保证期间不中断`.
    case negated
    /// Asserted (`+` prefix, and every misconception keyword by default).
    case asserted
  }

  let scalars: [UInt32]
  let requirement: Requirement

  /// Compiles `keyword`; `defaultRequirement` applies when it carries no `~` or `+` prefix.
  init(_ keyword: String, defaultRequirement: Requirement) {
    var text = Substring(keyword)
    var requirement = defaultRequirement
    if let first = text.first, first == "~" || first == "+" || first == "～" || first == "＋" {
      requirement = first == "~" || first == "～" ? .negated : .asserted
      text = text.dropFirst()
    }
    self.requirement = requirement
    scalars = Self.matchingForm(String(text))
  }

  /// The scalars of `text` as answers are matched: the content characters of `AnswerText`,
  /// with 的 and 地 inside the word left out (the matcher skips them in answers).
  static func matchingForm(_ text: String) -> [UInt32] {
    let analysed = AnswerText(text.lowercased())
    var scalars = analysed.chars.filter { $0 >= 0x10 }
    if scalars.count > 2 {
      let inner = scalars[1..<(scalars.count - 1)].filter { $0 != AnswerText.de && $0 != AnswerText.di }
      scalars = [scalars[0]] + inner + [scalars[scalars.count - 1]]
    }
    return scalars
  }

  /// Whether an occurrence read as `polarity` counts.
  @inline(__always)
  func accepts(_ polarity: AnswerText.Polarity) -> Bool {
    switch requirement {
    case .any: true
    case .negated: polarity == .negated
    case .asserted: polarity == .asserted
    }
  }
}

/// A point or misconception in matching form.
struct CompiledEntry: Sendable {
  let groups: [[CompiledKeyword]]
  let scope: MatchScope
  /// Whether any keyword asks for a polarity: only then can polarity decide a point.
  let hasRequirement: Bool

  init(keywords: KeywordGroups, scope: MatchScope, defaultRequirement: CompiledKeyword.Requirement) {
    groups = keywords.map { group in
      group.map { CompiledKeyword($0, defaultRequirement: defaultRequirement) }.filter { !$0.scalars.isEmpty }
    }
    self.scope = scope
    hasRequirement = groups.contains { $0.contains { $0.requirement != .any } }
  }
}

/// A rubric's keywords compiled once, held by the rubric.
///
/// Every box compares equal and hashes to nothing: it is derived from the rubric's own
/// fields, which `Rubric`'s `==` and hashing already cover.
struct CompiledRubricBox: Sendable, Hashable {
  let points: [CompiledEntry]
  let misconceptions: [CompiledEntry]
  /// The length of the model answer in matching characters, the yardstick for "very short".
  let modelLength: Int

  static let empty = CompiledRubricBox(points: [], misconceptions: [], modelLength: 0)

  private init(points: [CompiledEntry], misconceptions: [CompiledEntry], modelLength: Int) {
    self.points = points
    self.misconceptions = misconceptions
    self.modelLength = modelLength
  }

  init(_ rubric: Rubric) {
    points = rubric.points.map { CompiledEntry(keywords: $0.keywords, scope: $0.scope, defaultRequirement: .any) }
    misconceptions = rubric.misconceptions.map {
      CompiledEntry(keywords: $0.keywords, scope: $0.scope, defaultRequirement: .asserted)
    }
    modelLength = AnswerText(rubric.modelAnswer).contentCount
  }

  static func == (lhs: CompiledRubricBox, rhs: CompiledRubricBox) -> Bool { true }
  func hash(into hasher: inout Hasher) {}
}
