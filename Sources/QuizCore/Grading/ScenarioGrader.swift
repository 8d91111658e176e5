/// A call replayed from the replies chosen: where it went, what it achieved, how long it took.
public struct CallWalk: Sendable, Hashable {
  /// One reply: at which node, which reply (its index there), and what it did.
  public struct Step: Sendable, Hashable {
    public var node: String
    public var reply: Int
    /// The goals first reached by this reply.
    public var reached: [CallGoal]
    /// The ids of the rules it breached.
    public var breaches: [String]
  }

  /// The replies, in order.
  public var steps: [Step]
  /// The node the call is at: the next line to answer, or the ending.
  public var current: String
  /// Every goal reached, in the order reached.
  public var reached: [CallGoal]
  /// The simulated length of the call so far, in seconds.
  public var seconds: Int
  /// How it ended; nil while it goes on.
  public var end: CallEnd?

  /// Whether the call is over.
  public var isOver: Bool { end != nil }
}

/// How a call ended.
public enum CallEnd: Sendable, Hashable {
  /// At an ending node.
  case ending(ScenarioEnding)
  /// The other party hung up: the call went round for `turnLimit` replies.
  case hungUp
}

/// A reply picked from typed words (`ScenarioGrader.match`).
public enum ReplyMatch: Sendable, Hashable {
  /// One reply fits.
  case reply(Int)
  /// None fits with confidence: these fit equally (empty when none does).
  case unsure([Int])
}

/// How a compliance check of a call came out.
public enum ComplianceVerdict: String, Sendable, Hashable, Codable {
  /// No rule breached.
  case compliant
  /// Rules breached, none of them a red line: each costs its penalty.
  case breached
  /// A red line crossed: the call fails whatever it achieved.
  case redLine = "red-line"
}

/// What grading a call found, for the debrief.
public struct ScenarioReport: Sendable, Hashable {
  /// The call as it went.
  public var walk: CallWalk
  /// The share of the goals' weight reached, 0…1, before compliance.
  public var outcome: Double
  /// The goals not reached.
  public var missed: [CallGoal]
  /// The rules breached, each once, in the order first breached.
  public var breaches: [String]
  /// The first red line crossed.
  public var redLine: String?
  /// What the breaches that are not red lines cost.
  public var penalty: Double
  public var verdict: ComplianceVerdict
  /// The best way through the call, and what it scores.
  public var best: [Int]
  public var bestFraction: Double
  /// Whether the replies replay in the question as it is (a stored answer to an older
  /// version may not); a call that does not replay scores 0.
  public var replays = true
}

extension Scenario {
  /// Replays the replies `path` (each an index into its node's replies) from the start; nil
  /// when a reply does not exist or the path goes on after the call ended.
  public func walk(_ path: [Int]) -> CallWalk? {
    guard var node = node(start) else { return nil }
    var walk = CallWalk(steps: [], current: node.id, reached: [], seconds: node.seconds, end: nil)
    if let ending = node.ending { walk.end = .ending(ending) }
    for (turn, index) in path.enumerated() {
      guard walk.end == nil, node.replies.indices.contains(index), let next = self.node(node.replies[index].next)
      else { return nil }
      let reply = node.replies[index]
      var reached: [CallGoal] = []
      for goal in reply.progress where !walk.reached.contains(goal) && !reached.contains(goal) {
        reached.append(goal)
      }
      walk.reached += reached
      walk.steps.append(CallWalk.Step(node: node.id, reply: index, reached: reached, breaches: reply.flags))
      node = next
      walk.current = next.id
      walk.seconds += next.seconds
      if let ending = next.ending {
        walk.end = .ending(ending)
      } else if turn + 1 >= turnLimit {
        walk.end = .hungUp
      }
    }
    return walk
  }
}

/// Grades a call: an outcome score (the goals reached, by weight) and a compliance verdict
/// (every rule breached, with its tier). A red line fails the call whatever it achieved;
/// other breaches cost their penalty. The rules are in `docs/grading.md`.
public enum ScenarioGrader {
  /// The score of the call `path` and its report; a path that does not replay scores 0.
  public static func grade(_ scenario: Scenario, path: [Int]) -> (fraction: Double, report: ScenarioReport) {
    let best = bestPath(scenario)
    let replayed = scenario.walk(path)
    let walk = replayed ?? CallWalk(steps: [], current: scenario.start, reached: [], seconds: 0, end: .hungUp)
    let (fraction, report) = score(scenario, walk: walk)
    var full = report
    full.best = best.path
    full.bestFraction = best.fraction
    full.replays = replayed != nil
    return (fraction, full)
  }

  private static func score(_ scenario: Scenario, walk: CallWalk) -> (Double, ScenarioReport) {
    let total = scenario.goals.reduce(0) { $0 + $1.weight }
    let reached = scenario.goals.filter { walk.reached.contains($0.goal) }.reduce(0) { $0 + $1.weight }
    // A call that went round until the other party hung up achieved nothing.
    let ended = { if case .ending = walk.end { true } else { false } }()
    let outcome = !ended ? 0 : total > 0 ? reached / total : 1
    var breaches: [String] = []
    for step in walk.steps {
      for rule in step.breaches where !breaches.contains(rule) { breaches.append(rule) }
    }
    let rules = breaches.compactMap(scenario.rule)
    let redLine = rules.first(where: \.redLine)?.id
    let penalty = rules.filter { !$0.redLine }.reduce(0) { $0 + $1.penalty }
    let verdict: ComplianceVerdict = redLine != nil ? .redLine : breaches.isEmpty ? .compliant : .breached
    let fraction = redLine != nil ? 0 : Credit.normalized(max(0, outcome - penalty))
    let report = ScenarioReport(
      walk: walk, outcome: outcome, missed: scenario.goals.map(\.goal).filter { !walk.reached.contains($0) },
      breaches: breaches, redLine: redLine, penalty: penalty, verdict: verdict, best: [], bestFraction: 0)
    return (fraction, report)
  }

  /// The way through the call that scores most (the shortest of those) within the turn
  /// limit; empty when no ending can be reached. What a call scores depends only on where it
  /// ends, the goals reached and the rules broken, so the search is breadth-first over those
  /// states, each kept once (first reached: by the fewest replies).
  public static func bestPath(_ scenario: Scenario) -> (path: [Int], fraction: Double) {
    struct State: Hashable {
      var node: String
      var reached: Set<CallGoal>
      var breaches: Set<String>
    }
    guard let start = scenario.node(scenario.start) else { return ([], 0) }
    var best: (path: [Int], fraction: Double)?
    var seen: Set<State> = [State(node: start.id, reached: [], breaches: [])]
    var frontier: [(State, [Int])] = [(State(node: start.id, reached: [], breaches: []), [])]
    if start.ending != nil { return ([], score(scenario, walk: scenario.walk([])!).0) }
    for _ in 0..<scenario.turnLimit {
      var next: [(State, [Int])] = []
      for (state, path) in frontier {
        guard let node = scenario.node(state.node) else { continue }
        for (index, reply) in node.replies.enumerated() {
          guard let target = scenario.node(reply.next) else { continue }
          let after = State(
            node: target.id, reached: state.reached.union(reply.progress), breaches: state.breaches.union(reply.flags))
          guard seen.insert(after).inserted else { continue }
          let extended = path + [index]
          if target.ending != nil {
            guard let walk = scenario.walk(extended) else { continue }
            let fraction = score(scenario, walk: walk).0
            if best == nil || fraction > best!.fraction + 1e-9 { best = (extended, fraction) }
          } else {
            next.append((after, extended))
          }
        }
      }
      frontier = next
      if frontier.isEmpty { break }
    }
    return best ?? ([], 0)
  }

  /// The reply that typed words say, read as an open answer is (clause by clause, reading
  /// negation): the one reply whose keywords are all there, when no other reply's words are
  /// there with the other polarity and the words are more than a list; otherwise unsure, with
  /// the replies that fit.
  public static func match(_ typed: String, at node: ScenarioNode) -> ReplyMatch {
    let candidates = node.replies.indices.filter { !node.replies[$0].keywords.isEmpty }
    guard !candidates.isEmpty, !typed.trimmingSpaces().isEmpty else { return .unsure([]) }
    let rubric = Rubric(
      points: candidates.map { RubricPoint(text: node.replies[$0].text, keywords: node.replies[$0].keywords) },
      modelAnswer: "")
    let outcome = RubricGrader.grade(rubric, answer: typed)
    let covered = outcome.report.points.filter(\.covered).map { candidates[$0.point] }
    // Not sure either when another reply's words are there but read the other way round
    // (`不会上门` against `+上门`), or when the words are only a list: a misreading could cost
    // a red line, so the learner picks the number.
    let doubtful = outcome.reasons.contains {
      switch $0 {
      case .polarityDecided, .keywordList: true
      default: false
      }
    }
    return covered.count == 1 && !doubtful ? .reply(covered[0]) : .unsure(covered)
  }
}
