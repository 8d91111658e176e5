/// Draws the questions of an exam attempt: seeded and reproducible, never the same question
/// twice in an attempt, and preferring questions the learner has not seen in earlier attempts.
public enum ExamDraw {
  /// A rule that cannot be filled: it asked for `count` and only `available` were left.
  public struct Shortfall: Error, Sendable, Hashable {
    /// The index of the rule in the blueprint's `draw`.
    public var rule: Int
    public var count: Int
    public var available: Int
  }

  /// The question ids of one attempt, rule by rule in the blueprint's order.
  ///
  /// Each rule takes first from questions not in `seen` (earlier attempts of the same exam),
  /// then, if those run out, from the seen ones; both in an order fixed by `seed`.
  public static func draw(
    _ blueprint: ExamBlueprint, from questions: [Question], seed: UInt64, seen: Set<String> = []
  ) -> Result<[String], Shortfall> {
    // The most constrained rules choose first, so that a broad rule does not take what a narrow
    // one needs; the attempt lists the questions in the blueprint's order of rules.
    let order = blueprint.draw.indices.sorted { lhs, rhs in
      let left = questions.filter(blueprint.draw[lhs].admits).count
      let right = questions.filter(blueprint.draw[rhs].admits).count
      return (left, lhs) < (right, rhs)
    }
    var picks: [Int: [String]] = [:]
    var taken: Set<String> = []
    for index in order {
      let rule = blueprint.draw[index]
      var generator = SeededGenerator(seed: seed, salt: "\(blueprint.id)#\(index)")
      let candidates = questions.filter { rule.admits($0) && !taken.contains($0.id) }.map(\.id)
      let fresh = candidates.filter { !seen.contains($0) }.shuffled(using: &generator)
      let again = candidates.filter { seen.contains($0) }.shuffled(using: &generator)
      let pick = Array((fresh + again).prefix(rule.count))
      guard pick.count == rule.count else {
        return .failure(Shortfall(rule: index, count: rule.count, available: candidates.count))
      }
      picks[index] = pick
      taken.formUnion(pick)
    }
    let chosen = blueprint.draw.indices.flatMap { picks[$0] ?? [] }
    return .success(chosen)
  }
}
