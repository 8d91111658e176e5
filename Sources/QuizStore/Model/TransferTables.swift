import Foundation

/// The tables and columns of the progress database (schema v6) as one store hands them to
/// another when a whole database moves (`admin migrate-to`), in the order their references
/// need. Per-machine settings are not moved.
package enum TransferTables {
  /// The type a column is read and written as.
  package enum Kind: Sendable {
    case integer, real, text, boolean, time
  }

  /// A value of a row being moved.
  package enum Value: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)
    case time(Date)
  }

  package struct Table: Sendable {
    package var name: String
    package var columns: [(name: String, kind: Kind)]
    /// The column that orders the rows as they were written (SQLite's rowid).
    package var order: String
    /// The identity column whose counter must continue after the copied rows, if any.
    package var identity: String?
  }

  package static let tables: [Table] = [
    Table(
      name: "learner",
      columns: [("id", .integer), ("name", .text), ("display_name", .text), ("created_at", .time)], order: "id",
      identity: "id"),
    Table(
      name: "session",
      columns: [
        ("id", .integer), ("learner_id", .integer), ("kind", .text), ("scope", .text), ("course_id", .text),
        ("content_version", .text), ("started_at", .time), ("ended_at", .time), ("status", .text), ("plan", .text),
        ("reschedules", .boolean),
      ], order: "id", identity: "id"),
    Table(
      name: "answer",
      columns: [
        ("id", .integer), ("learner_id", .integer), ("session_id", .integer), ("question_id", .text),
        ("question_hash", .text), ("lesson_id", .text), ("question_type", .text), ("tags", .text), ("raw", .text),
        ("parsed", .text), ("response", .text), ("fraction", .real), ("outcome", .text), ("duration_ms", .integer),
        ("answered_at", .time), ("shown", .text), ("needs_review", .boolean), ("counts", .boolean),
      ], order: "id", identity: "id"),
    Table(
      name: "lesson_read",
      columns: [
        ("learner_id", .integer), ("lesson_id", .text), ("section", .text), ("first_read_at", .time),
        ("last_read_at", .time),
      ], order: "rowid", identity: nil),
    Table(
      name: "card",
      columns: [
        ("learner_id", .integer), ("question_id", .text), ("lesson_id", .text), ("state", .text), ("step", .integer),
        ("stability", .real), ("difficulty", .real), ("due", .time), ("last_review", .time), ("reviews", .integer),
        ("lapses", .integer),
      ], order: "rowid", identity: nil),
    Table(
      name: "exam_attempt",
      columns: [
        ("id", .text), ("learner_id", .integer), ("session_id", .integer), ("exam_id", .text), ("exam_title", .text),
        ("content_hash", .text), ("pass_mark", .real), ("proctored", .boolean), ("started_at", .time),
        ("deadline", .time), ("queue", .text), ("status", .text), ("submitted_at", .time), ("submission", .text),
        ("score", .real), ("passed", .boolean), ("finalized_at", .time),
      ], order: "rowid", identity: nil),
    Table(
      name: "attempt_grant",
      columns: [("attempt_id", .text), ("position", .integer), ("grant", .text)], order: "rowid", identity: nil),
    Table(
      name: "attempt_event",
      columns: [
        ("attempt_id", .text), ("sequence", .integer), ("answer_id", .integer), ("event", .text), ("signed", .text),
      ], order: "rowid", identity: nil),
    Table(
      name: "manual_grade",
      columns: [
        ("answer_id", .integer), ("attempt_id", .text), ("marks", .real), ("maximum_marks", .real),
        ("comment", .text), ("grader", .text), ("graded_at", .time),
      ], order: "rowid", identity: nil),
    Table(
      name: "audit_entry",
      columns: [
        ("sequence", .integer), ("time", .time), ("kind", .text), ("payload", .text), ("previous_hash", .text),
        ("hash", .text), ("signature", .text),
      ], order: "rowid", identity: nil),
    Table(name: "audit_checkpoint", columns: [("id", .integer), ("signed", .text)], order: "id", identity: "id"),
    Table(
      name: "certificate",
      columns: [
        ("id", .text), ("learner_id", .integer), ("attempt_id", .text), ("exam_id", .text), ("issued_at", .time),
        ("expires_at", .time), ("jwt", .text), ("revocation", .text),
      ], order: "rowid", identity: nil),
    Table(
      name: "imported_source",
      columns: [("source", .text), ("name", .text), ("imported_at", .time), ("record", .text)], order: "rowid",
      identity: nil),
  ]
}
