import Foundation
import QuizCore

/// A practice, review or exam session as the store keeps it.
public struct SessionRecord: Sendable, Hashable {
  public var id: Int64
  public var learnerID: Int64
  public var kind: SessionKind
  /// What was studied: a lesson id, `all`, `mistakes`, …
  public var scope: String
  public var courseID: String
  public var contentVersion: String
  public var startedAt: Date
  public var endedAt: Date?
  public var status: SessionStatus
  /// The plan, saved with every answer; `nil` when a stored plan cannot be read.
  public var plan: SessionPlan?
  /// Whether answers in this session update the review schedule (`review --before` does not).
  public var reschedules: Bool

  public init(
    id: Int64, learnerID: Int64, kind: SessionKind, scope: String, courseID: String, contentVersion: String,
    startedAt: Date, endedAt: Date?, status: SessionStatus, plan: SessionPlan?, reschedules: Bool
  ) {
    self.id = id
    self.learnerID = learnerID
    self.kind = kind
    self.scope = scope
    self.courseID = courseID
    self.contentVersion = contentVersion
    self.startedAt = startedAt
    self.endedAt = endedAt
    self.status = status
    self.plan = plan
    self.reschedules = reschedules
  }
}

/// A session to start.
public struct NewSession: Sendable, Hashable {
  public var learnerID: Int64
  public var kind: SessionKind
  public var scope: String
  public var courseID: String
  public var contentVersion: String
  public var startedAt: Date
  public var plan: SessionPlan
  public var reschedules: Bool

  public init(
    learnerID: Int64, kind: SessionKind, scope: String, courseID: String, contentVersion: String, startedAt: Date,
    plan: SessionPlan, reschedules: Bool = true
  ) {
    self.learnerID = learnerID
    self.kind = kind
    self.scope = scope
    self.courseID = courseID
    self.contentVersion = contentVersion
    self.startedAt = startedAt
    self.plan = plan
    self.reschedules = reschedules
  }
}

extension SessionPlan {
  /// The plan as stored (JSON with sorted keys).
  package func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .secondsSince1970
    return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
  }

  /// A stored plan, or `nil` when it cannot be read.
  package static func decoded(_ text: String) -> SessionPlan? {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    return try? decoder.decode(SessionPlan.self, from: Data(text.utf8))
  }
}
