import Foundation
import GRDB
import QuizCore
import Testing

@testable import QuizStore

@Suite struct ProgressStoreTests {
  @Test func learnersAreCreatedOnceAndTheLastOneIsRemembered() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let zhang = try store.learner(named: "zhang", displayName: "张三", now: t0)
    let again = try store.learner(named: "zhang", displayName: "别的名字", now: t0)
    #expect(again == zhang)
    #expect(zhang.displayName == "张三")
    let li = try store.learner(named: "李四", now: t0)
    #expect(try store.learners().map(\.name) == ["zhang", "李四"])
    #expect(try store.lastLearner() == nil)
    try store.setLastLearner(li)
    #expect(try file.open().lastLearner() == li, "remembered across opens")
  }

  @Test func answersAreKeptExactlyAndSurviveReopening() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    let session = try store.start(
      StudySession(
        learnerID: learner, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1.0", startedAt: t0))
    let saved = try store.record(answer(learner, "q1", fraction: 0.5, session: session.id))
    #expect(saved.id != nil)
    let reopened = try file.open()
    let answers = try reopened.answers(session: session.id!)
    #expect(answers == [saved])
    #expect(answers.first?.tagList == ["合规"])
  }

  @Test func masteryUsesTheLatestAndTheBestAnswerOfEachQuestion() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    try store.record(answer(learner, "q1", fraction: 1))
    try store.record(answer(learner, "q1", fraction: 0))
    try store.record(answer(learner, "q2", fraction: 0.5))
    try store.record(answer(learner, "q3", lesson: "l2", fraction: 1))
    let mastery = try store.lessonMastery(learner: learner).sorted { $0.lessonID < $1.lessonID }
    #expect(mastery.map(\.lessonID) == ["l1", "l2"])
    #expect(mastery[0].answered == 2)
    #expect(mastery[0].latestSum == 0.5)
    #expect(mastery[0].bestSum == 1.5)
    #expect(mastery[0].latest(of: 4) == 0.125)
    #expect(mastery[0].best(of: 3) == 0.5)
  }

  @Test func mistakesAreQuestionsWhoseLatestAnswerWasNotFullyCorrect() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    let other = try store.learner(named: "li", now: t0).id!
    try store.record(answer(learner, "q1", fraction: 0))
    try store.record(answer(learner, "q1", fraction: 1))  // fixed
    try store.record(answer(learner, "q2", fraction: 1))
    try store.record(answer(learner, "q2", fraction: 0.5))  // slipped
    try store.record(answer(learner, "q3", fraction: 0))
    try store.record(answer(other, "q4", fraction: 0))
    let mistakes = try store.mistakes(learner: learner)
    #expect(mistakes.map(\.questionID) == ["q3", "q2"])
    #expect(mistakes.map(\.attempts) == [1, 2])
  }

  @Test func accuracyByTypeAndTagWithTrend() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    for (index, fraction) in [0.0, 0.0, 1.0, 1.0].enumerated() {
      try store.record(answer(learner, "q\(index)", type: "single", tags: ["合规", "法律"], fraction: fraction))
    }
    try store.record(answer(learner, "n1", type: "numeric", tags: ["计算"], fraction: 1))
    let byType = try store.accuracyByType(learner: learner)
    #expect(byType.map(\.key) == ["numeric", "single"])
    #expect(byType[1].mean == 0.5)
    #expect(byType[1].recentMean == 1, "the latest half was right: improving")
    #expect(byType[0].recentMean == nil, "too few answers for a trend")
    let byTag = try store.accuracyByTag(learner: learner)
    #expect(byTag.map(\.key) == ["合规", "法律", "计算"])
    #expect(byTag.map(\.answers) == [4, 4, 1])
  }

  @Test func streakCountsConsecutiveDaysOfStudy() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    let learner = try store.learner(named: "zhang", now: t0).id!
    let day: (Int) -> Date = { calendar.date(byAdding: .day, value: $0, to: t0)! }
    #expect(try store.streak(learner: learner, now: t0, calendar: calendar) == 0)
    try store.record(answer(learner, "q1", fraction: 1, at: day(-3)))
    try store.record(answer(learner, "q1", fraction: 1, at: day(-1)))
    try store.markRead(learner: learner, lesson: "l1", at: day(-2))
    #expect(try store.streak(learner: learner, now: t0, calendar: calendar) == 3, "yesterday and the two days before")
    try store.record(answer(learner, "q2", fraction: 0, at: t0))
    #expect(try store.streak(learner: learner, now: t0, calendar: calendar) == 4)
    #expect(try store.streak(learner: learner, now: day(2), calendar: calendar) == 0, "a missed day breaks it")
  }

  @Test func interruptedSessionsCanBeResumedOrAbandonedWithoutLosingAnswers() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    let session = try store.start(
      StudySession(
        learnerID: learner, kind: .practice, scope: "l1", courseID: "c", contentVersion: "1", startedAt: t0,
        plan: #"{"order":["q1","q2"]}"#))
    try store.record(answer(learner, "q1", fraction: 1, session: session.id))
    let found = try file.open().interruptedSession(learner: learner)
    #expect(found?.id == session.id)
    #expect(found?.plan == #"{"order":["q1","q2"]}"#)
    try store.end(session: session.id!, status: .abandoned, at: t0)
    #expect(try store.interruptedSession(learner: learner) == nil)
    #expect(try store.answers(session: session.id!).count == 1)
    let history = try store.history(learner: learner)
    #expect(history.first?.answers == 1)
    #expect(history.first?.session.status == .abandoned)
  }

  @Test func readingIsRecordedPerLessonAndSection() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    try store.markRead(learner: learner, lesson: "l1", at: t0)
    try store.markRead(learner: learner, lesson: "l1", section: "电话催收", at: t0.addingTimeInterval(60))
    try store.markRead(learner: learner, lesson: "l1", at: t0.addingTimeInterval(120))
    #expect(try store.readLessons(learner: learner) == ["l1": t0.addingTimeInterval(120)])
  }

  @Test func summaryOfLearners() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let zhang = try store.learner(named: "zhang", now: t0).id!
    _ = try store.learner(named: "idle", now: t0)
    try store.record(answer(zhang, "q1", fraction: 1))
    try store.record(answer(zhang, "q1", fraction: 0))
    let summary = try store.summary()
    #expect(summary.map(\.name) == ["idle", "zhang"])
    #expect(summary[0].answers == 0 && summary[0].lastAnsweredAt == nil)
    #expect(summary[1].answers == 2 && summary[1].questions == 1 && summary[1].mean == 0.5)
  }

  @Test func backupIsAConsistentCopyAndCheckReportsIt() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    for index in 0..<50 { try store.record(answer(learner, "q\(index)", fraction: 1)) }
    let copyPath = file.folder.appendingPathComponent("backup.sqlite").path
    try store.backup(to: copyPath)
    let copy = try ProgressStore.open(at: copyPath)
    let check = try copy.check()
    #expect(check.isOK)
    #expect(check.answers == 50 && check.learners == 1)
    #expect(check.schemaVersion == Schema.migrator.migrations.last)
    #expect(throws: StoreError.self) { try store.backup(to: copyPath) }
  }
}

@Suite struct StoreFaultTests {
  @Test func aCorruptFileIsRefusedAndLeftUntouched() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    try garbage.write(to: URL(fileURLWithPath: file.path))
    #expect {
      try file.open()
    } throws: { error in
      guard let error = error as? StoreError, case .corrupt = error else { return false }
      return error.exitStatus == 65 && error.description.contains("admin check")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == garbage)
  }

  @Test func aDamagedDatabaseIsReportedNotRepaired() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    for index in 0..<200 { try store.record(answer(learner, "q\(index)", fraction: 1)) }
    // Checkpoint so everything is in the main file, then damage a page in its middle.
    try store.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file.path))
    try handle.seek(toOffset: 4096 * 3)
    try handle.write(contentsOf: Data(repeating: 0xFF, count: 4096))
    try handle.close()
    let reopened = try? file.open()
    let failure: StoreError? = {
      do {
        _ = try reopened?.answers(learner: learner)
        return reopened == nil ? nil : try reopened?.check().isOK == false ? .corrupt(path: "", detail: "") : nil
      } catch { return error as? StoreError }
    }()
    #expect(reopened == nil || failure != nil, "damage must be noticed")
  }

  @Test func aDatabaseFromANewerVersionIsRefused() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    _ = try file.open()
    let queue = try DatabaseQueue(path: file.path)
    try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v999: from the future')") }
    try queue.close()
    #expect(throws: StoreError.newerVersion(path: file.path)) { try file.open() }
  }

  @Test(.enabled(if: canMakeImmutable()))
  func aReadOnlyFolderGivesAClearIOError() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let chattr = try Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["+i", file.folder.path])
    chattr.waitUntilExit()
    #expect {
      try file.open()
    } throws: { error in
      guard let error = error as? StoreError else { return false }
      return error.exitStatus == 74
    }
  }

  @Test func sqliteErrorsMapToExitStatuses() {
    let full = ProgressStore.storeError(DatabaseError(resultCode: .SQLITE_FULL), path: "p")
    #expect(full == .diskFull(path: "p") && full.exitStatus == 74)
    #expect(ProgressStore.storeError(DatabaseError(resultCode: .SQLITE_READONLY), path: "p") == .readOnly(path: "p"))
    if case .corrupt = ProgressStore.storeError(DatabaseError(resultCode: .SQLITE_CORRUPT), path: "p") {
    } else {
      Issue.record("corrupt not mapped")
    }
  }
}

/// Whether this machine lets the tests mark a folder immutable (root on ext4); elsewhere the
/// read-only test is skipped.
func canMakeImmutable() -> Bool {
  let probe = FileManager.default.temporaryDirectory.appendingPathComponent("rt-probe-\(UUID().uuidString)")
  guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil,
    let set = try? Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["+i", probe.path])
  else { return false }
  set.waitUntilExit()
  let worked =
    set.terminationStatus == 0
    && !FileManager.default.createFile(atPath: probe.appendingPathComponent("x").path, contents: nil)
  _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["-i", probe.path]).waitUntilExit()
  try? FileManager.default.removeItem(at: probe)
  return worked
}

@Suite struct CardStoreTests {
  @Test func anAnswerAndItsCardAreSavedTogetherAndCountedWhenDue() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    let card = CardRecord(
      learnerID: learner, questionID: "q1", lessonID: "l1",
      card: Card(
        state: .review, step: nil, stability: 3, difficulty: 5, due: t0.addingTimeInterval(3600), lastReview: t0))
    try store.record(answer(learner, "q1", fraction: 1), card: card)
    #expect(try store.card(learner: learner, question: "q1") == card)
    let later = CardRecord(
      learnerID: learner, questionID: "q2", lessonID: "l1",
      card: Card(
        state: .review, step: nil, stability: 9, difficulty: 5, due: t0.addingTimeInterval(3 * 86_400), lastReview: t0))
    try store.save(later)
    let counts = try store.dueCounts(
      learner: learner, now: t0.addingTimeInterval(7200), endOfDay: t0.addingTimeInterval(86_400))
    #expect(counts == DueCounts(now: 1, today: 1, week: 2))
    var moved = card
    moved.due = t0.addingTimeInterval(10 * 86_400)
    try store.save(moved)
    #expect(try store.cards(learner: learner).count == 2)
    #expect(try store.card(learner: learner, question: "q1")?.due == moved.due)
  }

  @Test func aFailedCardWriteLeavesNoAnswerBehind() throws {
    let file = try TemporaryStore()
    defer { file.remove() }
    let store = try file.open()
    let learner = try store.learner(named: "zhang", now: t0).id!
    // A card for a learner that does not exist breaks the foreign key: the whole write must roll back.
    let orphan = CardRecord(learnerID: 999, questionID: "q1", lessonID: "l1", card: Card(due: t0))
    #expect(throws: StoreError.self) { try store.record(answer(learner, "q1", fraction: 1), card: orphan) }
    #expect(try store.answers(learner: learner).isEmpty)
  }
}
