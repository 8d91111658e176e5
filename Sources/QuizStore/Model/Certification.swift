import Foundation
import QuizCore
import QuizTrust

/// Where a certification attempt is.
public enum AttemptStatus: String, Sendable, Hashable, CaseIterable {
  /// Started and not yet submitted.
  case running
  /// Submitted (or closed at its deadline); some answers may wait for a person.
  case submitted
  /// Every answer graded and the result sealed by the organisation key.
  case final
}

/// A certification attempt to start.
public struct NewAttempt: Sendable, Hashable {
  /// A fresh id (`Certificate.newID()` style UUID text).
  public var id: String
  public var examID: String
  public var examTitle: String
  /// The hash of the course content the exam was drawn from.
  public var contentHash: String
  public var passMark: Double
  public var proctored: Bool
  public var deadline: Date
  /// The question ids drawn, in item order (item 1 first); pinned in the start entry.
  public var queue: [String]
  /// The first attempt key's certificate, when a proctor unlocked the attempt.
  public var grant: Signed<AttemptGrant>?

  public init(
    id: String, examID: String, examTitle: String, contentHash: String, passMark: Double, proctored: Bool,
    deadline: Date, queue: [String], grant: Signed<AttemptGrant>?
  ) {
    self.id = id
    self.examID = examID
    self.examTitle = examTitle
    self.contentHash = contentHash
    self.passMark = passMark
    self.proctored = proctored
    self.deadline = deadline
    self.queue = queue
    self.grant = grant
  }
}

/// A certification attempt as stored.
public struct ExamAttempt: Sendable, Hashable {
  public var id: String
  public var learnerID: Int64
  public var sessionID: Int64
  public var examID: String
  public var examTitle: String
  public var courseID: String
  public var contentVersion: String
  public var contentHash: String
  public var passMark: Double
  public var proctored: Bool
  public var startedAt: Date
  public var deadline: Date
  /// The question ids drawn, in item order: what the items are and how many count.
  public var queue: [String]
  public var status: AttemptStatus
  public var submittedAt: Date?
  /// The attempt key's signed submission; nil when the attempt was closed without a key (at
  /// its deadline after a restart, or unproctored).
  public var submission: Signed<AttemptSubmission>?
  /// The certificates of every key that signed answers of this attempt, in order.
  public var grants: [Signed<AttemptGrant>]
  /// The final score (a fraction), once final.
  public var score: Double?
  public var passed: Bool?
  public var finalizedAt: Date?

  public init(
    id: String, learnerID: Int64, sessionID: Int64, examID: String, examTitle: String, courseID: String,
    contentVersion: String, contentHash: String, passMark: Double, proctored: Bool, startedAt: Date, deadline: Date,
    queue: [String], status: AttemptStatus, submittedAt: Date?, submission: Signed<AttemptSubmission>?,
    grants: [Signed<AttemptGrant>], score: Double?, passed: Bool?, finalizedAt: Date?
  ) {
    self.id = id
    self.learnerID = learnerID
    self.sessionID = sessionID
    self.examID = examID
    self.examTitle = examTitle
    self.courseID = courseID
    self.contentVersion = contentVersion
    self.contentHash = contentHash
    self.passMark = passMark
    self.proctored = proctored
    self.startedAt = startedAt
    self.deadline = deadline
    self.queue = queue
    self.status = status
    self.submittedAt = submittedAt
    self.submission = submission
    self.grants = grants
    self.score = score
    self.passed = passed
    self.finalizedAt = finalizedAt
  }

  /// When the attempt ended (submitted or closed), for eligibility.
  public var endedAt: Date? { submittedAt }
}

/// What an exam answer adds to `record`: which attempt and item, and the key that signs it.
public struct AttemptAnswer: Sendable {
  public var attemptID: String
  /// The item's position in the exam (1-based).
  public var item: Int
  /// The item's maximum marks (the question's weight).
  public var maximumMarks: Double
  /// The attempt key (proctored attempts); nil records the event unsigned.
  public var key: AttemptKey?

  public init(attemptID: String, item: Int, maximumMarks: Double, key: AttemptKey?) {
    self.attemptID = attemptID
    self.item = item
    self.maximumMarks = maximumMarks
    self.key = key
  }
}

/// One answer event of an attempt as stored: the event, its signature when it has one, and
/// the answer row it describes.
public struct AttemptEventRecord: Sendable, Hashable {
  public var event: AnswerEvent
  /// The event signed by the attempt key; nil for an unproctored attempt.
  public var signed: Signed<AnswerEvent>?
  public var answerID: Int64

  public init(event: AnswerEvent, signed: Signed<AnswerEvent>?, answerID: Int64) {
    self.event = event
    self.signed = signed
    self.answerID = answerID
  }
}

/// A person's grade of one answer.
public struct ManualGrade: Sendable, Hashable {
  public var answerID: Int64
  public var attemptID: String
  /// Marks awarded, 0…`maximumMarks`.
  public var marks: Double
  public var maximumMarks: Double
  public var comment: String
  /// Who graded (the manager's name as given).
  public var grader: String
  public var gradedAt: Date

  public init(
    answerID: Int64, attemptID: String, marks: Double, maximumMarks: Double, comment: String, grader: String,
    gradedAt: Date
  ) {
    self.answerID = answerID
    self.attemptID = attemptID
    self.marks = marks
    self.maximumMarks = maximumMarks
    self.comment = comment
    self.grader = grader
    self.gradedAt = gradedAt
  }

  /// The grade as a fraction of the item's marks.
  public var fraction: Double { maximumMarks > 0 ? Credit.normalized(marks / maximumMarks) : 0 }
}

/// A certificate as the store keeps it: the signed VC-JWT with the fields it is found by.
public struct StoredCertificate: Sendable, Hashable {
  public var id: String
  public var learnerID: Int64
  public var attemptID: String
  public var examID: String
  public var issuedAt: Date
  public var expiresAt: Date
  public var jwt: String
  /// The organisation's signed revocation, when revoked.
  public var revocation: Signed<RevocationList>?

  public init(
    id: String, learnerID: Int64, attemptID: String, examID: String, issuedAt: Date, expiresAt: Date, jwt: String,
    revocation: Signed<RevocationList>?
  ) {
    self.id = id
    self.learnerID = learnerID
    self.attemptID = attemptID
    self.examID = examID
    self.issuedAt = issuedAt
    self.expiresAt = expiresAt
    self.jwt = jwt
    self.revocation = revocation
  }

  /// The revocation's reason and time, when revoked.
  public var revoked: RevocationList.Revocation? { revocation?.statement.revocation(of: id) }
}

/// The audit log's entry kinds, and which of them need whose signature.
public enum AuditKind {
  public static let learnerCreated = "learner.created"
  /// A proctored attempt unlocked (or unlocked again): signed by the organisation key.
  public static let examUnlocked = "exam.unlocked"
  /// A proctored attempt unlocked again after an interruption (a new attempt key): signed by
  /// the organisation key.
  public static let examResumed = "exam.resumed"
  /// An unproctored attempt started.
  public static let examStarted = "exam.started"
  /// An answer of a proctored attempt: signed by its attempt key.
  public static let examAnswer = "exam.answer"
  /// An answer of an unproctored attempt (unsigned until the manager approves the attempt).
  public static let examAnswerUnproctored = "exam.answer.unproctored"
  /// A submission signed by the attempt key.
  public static let examSubmitted = "exam.submitted"
  /// An attempt closed without a key (at its deadline after a restart, or unproctored).
  public static let examClosed = "exam.closed"
  public static let manualGrade = "grade.manual"
  public static let attemptFinal = "attempt.final"
  public static let certificateIssued = "certificate.issued"
  public static let certificateRevoked = "certificate.revoked"
  /// A results bundle of another database imported (`ResultImport`): signed by the
  /// organisation key.
  public static let resultsImported = "results.imported"

  /// The signatures each kind needs.
  public static let policy = AuditPolicy(requiring: [
    examUnlocked: .organisation, examResumed: .organisation, examAnswer: .attemptKey, examSubmitted: .attemptKey,
    manualGrade: .organisation,
    attemptFinal: .organisation, certificateIssued: .organisation, certificateRevoked: .organisation,
    resultsImported: .organisation,
  ])
}

/// A test taken on paper (or in another system), to record as one finished session.
public struct PaperSitting: Sendable {
  /// The learner's name (`Learner.validName`).
  public var learner: String
  /// The session; its `learnerID` is filled in when recorded.
  public var session: NewSession
  /// The graded answers; their `learnerID` and `sessionID` are filled in when recorded.
  public var answers: [NewAnswer]

  public init(learner: String, session: NewSession, answers: [NewAnswer]) {
    self.learner = learner
    self.session = session
    self.answers = answers
  }
}
