/// What a learner answered, after parsing, in terms of the question as written.
///
/// Indices always refer to the question's own order (choices, items, pairs as written in
/// the content file), never to the shuffled order shown on screen; `Layout` maps between them.
public enum Response: Sendable, Hashable, Codable {
  /// Picked choices of a `single` or `multiple` question (a single question has one).
  case choices(Set<Int>)
  /// The answer to a true/false question.
  case truth(Bool)
  /// Free text, for `short` and `open` questions, as typed.
  case text(String)
  /// A number, in the question's unit.
  case number(Double)
  /// For each prompt of a matching question (by index), the option picked (by index in
  /// `Matching.options`).
  case matches([Int: Int])
  /// The items of an ordering question, in the order the learner put them.
  case order([Int])
  /// The replies of a call, in the order said: at each node, the index of the reply there.
  case path([Int])
}
