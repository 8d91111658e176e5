/// A simulated collection call: a branching dialogue with the debtor or a third party.
///
/// Each node is what the other party says, with the learner's possible replies; a reply
/// leads to another node, may reach goals of the call (the right party confirmed, a promise
/// to pay…) and may breach compliance rules, each tied to its source and tier. A node with
/// an `ending` ends the call. Grading is in `ScenarioGrader`, the rules in `docs/grading.md`.
public struct Scenario: Sendable, Hashable, Codable {
  /// Who the learner talks to (the speaker of every node that names no other).
  public var party: String
  /// What the call should achieve, with the weight of each goal in the outcome score.
  public var goals: [GoalWeight]
  /// The id of the first node.
  public var start: String
  /// The nodes, as written.
  public var nodes: [ScenarioNode]
  /// The rules the replies name, as the course's rule table has them.
  public var rules: [ComplianceRule]

  /// Creates a scenario.
  public init(party: String, goals: [GoalWeight], start: String, nodes: [ScenarioNode], rules: [ComplianceRule]) {
    self.party = party
    self.goals = goals
    self.start = start
    self.nodes = nodes
    self.rules = rules
  }

  /// The node with `id`.
  public func node(_ id: String) -> ScenarioNode? { nodes.first { $0.id == id } }

  /// The rule with `id`.
  public func rule(_ id: String) -> ComplianceRule? { rules.first { $0.id == id } }

  /// How many replies a call may take before the other party hangs up: every path ends.
  public var turnLimit: Int { max(8, 2 * nodes.count) }

  /// A goal and its weight.
  public struct GoalWeight: Sendable, Hashable, Codable {
    public var goal: CallGoal
    public var weight: Double

    public init(goal: CallGoal, weight: Double) {
      self.goal = goal
      self.weight = weight
    }
  }
}

/// What a collection call can achieve.
public enum CallGoal: String, Sendable, Hashable, CaseIterable, Codable {
  /// The person on the line is confirmed as the debtor (right-party contact).
  case rightParty = "right-party"
  /// The reason for not paying is found.
  case reason
  /// A promise to pay: an amount and a date.
  case promise
  /// A repayment plan agreed.
  case plan
  /// A dispute recorded for checking.
  case dispute
  /// A way to reach the debtor: a number, or a message to call back.
  case contact
  /// A follow-up call agreed.
  case callback
}

/// One turn of a call: what the other party says, and the learner's replies.
public struct ScenarioNode: Sendable, Hashable, Identifiable, Codable {
  /// Unique in the scenario.
  public var id: String
  /// Who speaks, when not the scenario's party (a relative, a colleague).
  public var speaker: String?
  /// What they say.
  public var line: String
  /// How long the exchange takes in the simulated call.
  public var seconds: Int
  /// Whether the learner may type their own words, matched to the replies.
  public var freeText: Bool
  /// What the learner may say; empty at an ending.
  public var replies: [ScenarioReply]
  /// Set when the call ends here.
  public var ending: ScenarioEnding?

  /// Creates a node.
  public init(
    id: String, speaker: String? = nil, line: String, seconds: Int = 20, freeText: Bool = false,
    replies: [ScenarioReply] = [], ending: ScenarioEnding? = nil
  ) {
    self.id = id
    self.speaker = speaker
    self.line = line
    self.seconds = seconds
    self.freeText = freeText
    self.replies = replies
    self.ending = ending
  }
}

/// What the learner may say at a node, and what it does.
public struct ScenarioReply: Sendable, Hashable, Codable {
  /// The words.
  public var text: String
  /// The id of the node it leads to.
  public var next: String
  /// The goals it reaches.
  public var progress: [CallGoal]
  /// The ids of the rules it breaches.
  public var flags: [String]
  /// Why it is good or bad, for the debrief.
  public var note: String?
  /// For a node that takes free text: what typed words pick this reply.
  public var keywords: KeywordGroups

  /// Creates a reply.
  public init(
    text: String, next: String, progress: [CallGoal] = [], flags: [String] = [], note: String? = nil,
    keywords: KeywordGroups = []
  ) {
    self.text = text
    self.next = next
    self.progress = progress
    self.flags = flags
    self.note = note
    self.keywords = keywords
  }
}

/// How a call ends.
public struct ScenarioEnding: Sendable, Hashable, Codable {
  /// The verdict on the outcome.
  public var result: CallResult
  /// What happened.
  public var summary: String

  public init(result: CallResult, summary: String) {
    self.result = result
    self.summary = summary
  }
}

/// The verdict an ending gives the call's outcome.
public enum CallResult: String, Sendable, Hashable, CaseIterable, Codable {
  case success, partial, failure
}

/// A rule a reply can breach: what it demands, where it comes from and how binding it is.
public struct ComplianceRule: Sendable, Hashable, Identifiable, Codable {
  /// Unique in the course's rule table.
  public var id: String
  /// What the rule demands.
  public var title: String
  /// The strongest source that makes it binding.
  public var tier: RuleTier
  /// The source, with article and tier (`《民法典》第一千零三十三条（法律）`).
  public var source: String
  /// A red line: breaching it fails the call whatever was achieved.
  public var redLine: Bool
  /// Otherwise, the share of the score a breach costs, 0…1 (1 for a red line).
  public var penalty: Double

  /// Creates a rule; a red line's penalty is the whole score.
  public init(id: String, title: String, tier: RuleTier, source: String, redLine: Bool, penalty: Double = 0.25) {
    self.id = id
    self.title = title
    self.tier = tier
    self.source = source
    self.redLine = redLine
    self.penalty = redLine ? 1 : penalty
  }
}

/// How binding a rule is, strongest first: the fact sheet's tiers.
public enum RuleTier: String, Sendable, Hashable, CaseIterable, Codable {
  /// Laws and judicial interpretations.
  case law
  /// Regulators' rules, binding on licensed institutions.
  case regulation
  /// Industry self-regulation: binding on members, not law.
  case selfRegulation = "self-regulation"
  /// The institution's own policy.
  case policy
}
