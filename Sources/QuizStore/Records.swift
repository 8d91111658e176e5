import Foundation
import GRDB

/// A person who studies on this machine.
public struct Learner: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "learner"
  /// The row id.
  public var id: Int64?
  /// The short name typed to choose the learner (`zhangsan`, `张三`).
  public var name: String
  /// The name shown on screen.
  public var displayName: String
  /// When the learner was created.
  public var createdAt: Date

  /// Creates a learner (not yet saved).
  public init(id: Int64? = nil, name: String, displayName: String, createdAt: Date) {
    self.id = id
    self.name = name
    self.displayName = displayName
    self.createdAt = createdAt
  }

  enum CodingKeys: String, CodingKey {
    case id, name
    case displayName = "display_name"
    case createdAt = "created_at"
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}

/// What a study session is for.
public enum SessionKind: String, Codable, Sendable, CaseIterable {
  case practice, review, exam
}

/// Where a session stands.
public enum SessionStatus: String, Codable, Sendable, CaseIterable {
  /// Running, or interrupted and resumable.
  case active
  /// Ended normally.
  case finished
  /// Interrupted and not to be resumed; its answers stay.
  case abandoned
}

/// A practice, review or exam session.
public struct StudySession: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "session"
  public var id: Int64?
  public var learnerID: Int64
  public var kind: SessionKind
  /// What was studied: a lesson id, `all`, `mistakes`, …
  public var scope: String
  public var courseID: String
  public var contentVersion: String
  public var startedAt: Date
  public var endedAt: Date?
  public var status: SessionStatus
  /// The session's plan (question order, layouts, seed), as JSON written by the caller, so
  /// an interrupted session can be resumed exactly where it stopped.
  public var plan: String
  /// Whether answers in this session update the review schedule (`review --before` does not).
  public var reschedules: Bool

  public init(
    id: Int64? = nil, learnerID: Int64, kind: SessionKind, scope: String, courseID: String, contentVersion: String,
    startedAt: Date, endedAt: Date? = nil, status: SessionStatus = .active, plan: String = "{}",
    reschedules: Bool = true
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

  enum CodingKeys: String, CodingKey {
    case id, kind, scope, status, plan, reschedules
    case learnerID = "learner_id"
    case courseID = "course_id"
    case contentVersion = "content_version"
    case startedAt = "started_at"
    case endedAt = "ended_at"
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}

/// One answered question, exactly as it was graded.
public struct AnswerRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "answer"
  public var id: Int64?
  public var learnerID: Int64
  public var sessionID: Int64?
  public var questionID: String
  /// The hash of the question as it was graded (`CourseJSON.hash(of:)`).
  public var questionHash: String
  public var lessonID: String
  public var questionType: String
  /// The question's tags when it was answered, as a JSON array.
  public var tags: String
  /// What the learner typed, as typed.
  public var raw: String
  /// What it was understood as, in the form a learner would type it.
  public var parsed: String
  /// The parsed response as JSON (`Response`), for exact re-grading.
  public var response: String
  public var fraction: Double
  public var outcome: String
  public var durationMS: Int
  public var answeredAt: Date

  public init(
    id: Int64? = nil, learnerID: Int64, sessionID: Int64?, questionID: String, questionHash: String,
    lessonID: String, questionType: String, tags: [String], raw: String, parsed: String, response: String,
    fraction: Double, outcome: String, durationMS: Int, answeredAt: Date
  ) {
    self.id = id
    self.learnerID = learnerID
    self.sessionID = sessionID
    self.questionID = questionID
    self.questionHash = questionHash
    self.lessonID = lessonID
    self.questionType = questionType
    self.tags = Self.encodeTags(tags)
    self.raw = raw
    self.parsed = parsed
    self.response = response
    self.fraction = fraction
    self.outcome = outcome
    self.durationMS = durationMS
    self.answeredAt = answeredAt
  }

  enum CodingKeys: String, CodingKey {
    case id, tags, raw, parsed, response, fraction, outcome
    case learnerID = "learner_id"
    case sessionID = "session_id"
    case questionID = "question_id"
    case questionHash = "question_hash"
    case lessonID = "lesson_id"
    case questionType = "question_type"
    case durationMS = "duration_ms"
    case answeredAt = "answered_at"
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  /// The tags as a list.
  public var tagList: [String] {
    (try? JSONDecoder().decode([String].self, from: Data(tags.utf8))) ?? []
  }

  static func encodeTags(_ tags: [String]) -> String {
    (try? String(decoding: JSONEncoder().encode(tags), as: UTF8.self)) ?? "[]"
  }
}
