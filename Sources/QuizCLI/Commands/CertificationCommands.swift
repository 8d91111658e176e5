import ArgumentParser
import Foundation
import LineEditing
import QuizContent
import QuizCore
import QuizStore
import QuizTrust

/// `exam ID`: a certification attempt from the command line, with `--answers FILE` for
/// scripted runs (each line is typed at the current item's prompt; `submit` then `y` ends it).
struct ExamCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exam", abstract: Interface.text("help.exam"), discussion: Interface.text("help.exam-discussion"))
  @OptionGroup var global: GlobalOptions
  @Argument(help: ArgumentHelp(Interface.text("help.exam.id"), valueName: "exam"))
  var id: String
  @Option(help: ArgumentHelp(Interface.text("help.studys.5"), valueName: "file"))
  var answers: String?
  @OptionGroup var passphrase: PassphraseOption

  func run() throws {
    let context = AppContext(global)
    let language = context.language
    let course = try context.loadCourse()
    guard let blueprint = course.exam(withID: id) else {
      let close = Suggestion.closest(to: id, among: course.exams.map(\.id))
      Console.error(
        "recovery-trainer: " + language.text("exam.no-such-exam", MarkdownRenderer.inert(id))
          + (close.map { language.text("exam.did-you-mean", $0) } ?? ""))
      throw ExitCode(64)
    }
    let script = try answers.map { try Console.readInput($0) }
    let store = try context.openStore()
    guard let learner = try context.chosenLearner(in: store, for: .studying) else {
      Console.error(context.language.text("studycommands.recovery-trainer-no-learner-yet-name"))
      throw ExitCode(64)
    }
    let source: any LineSource = script.map { ScriptedLines($0) } ?? LineReader(historyFile: nil)
    let passphraseFile = passphrase.file
    let secret: SecretReader = { prompt in
      if passphraseFile != nil { return nil }
      return LineReader.readSecret(prompt: prompt)
    }
    let shell = StudyShell(
      course: course, context: context, store: store, learner: learner, reader: source, secret: secret)
    shell.passphraseFile = passphraseFile
    do {
      try shell.certify([blueprint.id]) { refusal in
        Console.error("recovery-trainer: " + refusal)
        throw ExitCode(1)
      }
    } catch let error as ExitCodeError {
      throw ExitCode(error.status)
    }
    if let attempt = try? store.attempts(learner: learner.id).last(where: { $0.examID == blueprint.id }),
      attempt.status == .running
    {
      Console.line(language.text("certexam.still-open", DurationText.clock(attempt.deadline)))
    }
  }
}

extension DurationText {
  /// A time of day and date for messages: `2026-12-01 15:45`.
  static func clock(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    formatter.timeZone = .current
    return formatter.string(from: date)
  }
}

/// An id typed by a manager: the whole id, or an unambiguous prefix of at least 6 characters.
/// Anything else fails loudly with the closest id (exit 66), never picks one silently.
func resolveID(_ typed: String, among ids: [String], what: String, language: Language) throws -> String {
  if ids.contains(typed) { return typed }
  let matches = typed.count >= 6 ? ids.filter { $0.hasPrefix(typed) } : []
  if matches.count == 1 { return matches[0] }
  if matches.count > 1 {
    Console.error("recovery-trainer: " + language.text("manager.ambiguous-id", what, typed, "\(matches.count)"))
    throw ExitCode(64)
  }
  let close = Suggestion.closest(to: typed, among: ids)
  Console.error(
    "recovery-trainer: " + language.text("manager.no-such-id", what, MarkdownRenderer.inert(typed))
      + (close.map { language.text("exam.did-you-mean", $0) } ?? ""))
  throw ExitCode(66)
}

extension AdminCommand {
  /// `admin grade`: the manual grading queue, then sealing and certificates.
  struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "grade", abstract: Interface.text("help.admin.grade"),
      discussion: Interface.text("help.admin.grade-discussion"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(Interface.text("help.admin.grade-answers"), valueName: "file"))
    var answers: String?
    @OptionGroup var passphrase: PassphraseOption
    @Option(help: ArgumentHelp(Interface.text("help.admin.grader"), valueName: "name"))
    var grader: String?

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let course = try context.loadCourse()
      let script = try answers.map { try Console.readInput($0) }
      let store = try context.openStore(existing: true)
      let certifier = Certifier(course: course, store: store, now: { context.now() })
      let queue: [PendingAnswer]
      do { queue = try certifier.queue() } catch { throw context.fail(error) }
      let organisation = try passphrase.unlock(context)
      try requireIntact(store, organisation: organisation, context: context)
      let source: any LineSource = script.map { ScriptedLines($0) } ?? LineReader(historyFile: nil)
      let name = grader ?? ProcessInfo.processInfo.environment["USER"] ?? "manager"
      if queue.isEmpty { Console.line(language.text("grading.queue-empty")) }
      var graded = 0
      itemLoop: for (index, item) in queue.enumerated() {
        show(item, number: index + 1, of: queue.count, context: context)
        let maximum = DurationText.number(item.maximumMarks)
        while true {
          let prompt = language.text("grading.prompt", maximum)
          guard case .line(let typed) = source.read(prompt: source.isInteractive ? prompt : "", remember: false) else {
            Console.line(language.text("grading.stopped", "\(queue.count - index)"))
            break itemLoop
          }
          if source.echoes { Console.line(prompt + typed) }
          switch GradeLine(typed, maximum: item.maximumMarks) {
          case .skip:
            Console.line(language.text("grading.skipped"))
            continue itemLoop
          case .quit:
            Console.line(language.text("grading.stopped", "\(queue.count - index)"))
            break itemLoop
          case .invalid:
            Console.line(language.text("grading.invalid", maximum))
          case .grade(let marks, let comment):
            do {
              try store.gradeManually(
                ManualGrade(
                  answerID: item.answer.id, attemptID: item.attempt.id, marks: marks, maximumMarks: item.maximumMarks,
                  comment: comment, grader: name, gradedAt: context.now()), by: organisation)
            } catch { throw context.fail(error) }
            graded += 1
            Console.line(language.text("grading.saved", DurationText.number(marks), maximum))
            continue itemLoop
          }
        }
      }
      let sealed: [Certifier.Sealed]
      do { sealed = try certifier.sealReady(by: organisation) } catch { throw context.fail(error) }
      let learners = Dictionary(((try? store.learners()) ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      for result in sealed {
        let who = learners[result.attempt.learnerID]?.displayName ?? "?"
        let percent = "\(Int(((result.attempt.score ?? 0) * 100).rounded()))"
        Console.line(
          result.attempt.passed == true
            ? language.text("grading.sealed-pass", who, result.attempt.examTitle, percent)
            : language.text("grading.sealed-fail", who, result.attempt.examTitle, percent))
        if let certificate = result.certificate {
          Console.line(
            "  " + language.text("grading.certificate", certificate.id, DurationText.clock(certificate.expiresAt)))
        }
      }
      let unproctored = ((try? store.attempts(learner: nil)) ?? []).filter { $0.status == .submitted && !$0.proctored }
      for attempt in unproctored where !queue.contains(where: { $0.attempt.id == attempt.id }) {
        Console.line(language.text("grading.needs-approval", attempt.id))
      }
      Console.line(context.style.dim(language.text("grading.summary", "\(graded)", "\(sealed.count)")))
    }

    func show(_ item: PendingAnswer, number: Int, of total: Int, context: AppContext) {
      let language = context.language
      let style = context.style
      Console.line("")
      Console.line(
        style.bold(
          language.text(
            "grading.header", "\(number)", "\(total)", item.learner?.displayName ?? "?", item.attempt.examTitle,
            "\(item.item)", DurationText.number(item.maximumMarks))))
      guard let question = item.question else {
        Console.line(language.text("grading.question-gone", item.answer.questionID))
        Console.line(language.text("grading.answer") + MarkdownRenderer.inert(item.answer.typed))
        return
      }
      if CourseJSON.hash(of: question) != item.answer.questionHash {
        Console.line(style.yellow(language.text("grading.question-changed")))
      }
      let width = context.terminal.width
      for line in TextWrapper.wrap(language.text("grading.question") + question.prompt, width: width) {
        Console.line(line)
      }
      for line in TextWrapper.wrap(
        language.text("grading.answer") + MarkdownRenderer.inert(item.answer.typed), width: width)
      {
        Console.line(line)
      }
      guard let response = item.answer.response else { return }
      let grade = Grader.grade(response, for: question)
      Console.line(
        style.dim(
          language.text(
            "grading.provisional", DurationText.number(grade.fraction * item.maximumMarks),
            DurationText.number(item.maximumMarks))))
      let explanation = Explanation(
        grade: grade, response: response, question: question, layout: .identity(for: question), language: language)
      for line in ExplanationRenderer(width: context.terminal.width, style: style, language: language).render(
        explanation)
      {
        Console.line("  " + line)
      }
    }
  }

  /// `admin approve ATTEMPT`: seals an unproctored attempt the manager accepts.
  struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: Interface.text("help.admin.approve"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.admin.attempt-id"), valueName: "attempt"))
    var attempt: String
    @OptionGroup var passphrase: PassphraseOption

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let course = try context.loadCourse()
      let store = try context.openStore(existing: true)
      let attempts: [ExamAttempt]
      do { attempts = try store.attempts(learner: nil) } catch { throw context.fail(error) }
      let id = try resolveID(
        attempt, among: attempts.map(\.id), what: language.text("manager.attempt"), language: language)
      guard let chosen = attempts.first(where: { $0.id == id }), chosen.status == .submitted, !chosen.proctored else {
        Console.error("recovery-trainer: " + language.text("approve.not-approvable", id))
        throw ExitCode(65)
      }
      let certifier = Certifier(course: course, store: store, now: { context.now() })
      if (try? certifier.queue())?.contains(where: { $0.attempt.id == id }) == true {
        Console.error("recovery-trainer: " + language.text("approve.grade-first", id))
        throw ExitCode(65)
      }
      let organisation = try passphrase.unlock(context)
      try requireIntact(store, organisation: organisation, context: context)
      do {
        let sealed = try certifier.seal(chosen, by: organisation)
        let percent = "\(Int(((sealed.attempt.score ?? 0) * 100).rounded()))"
        Console.line(language.text("approve.done", id, percent))
        if let certificate = sealed.certificate {
          Console.line(language.text("grading.certificate", certificate.id, DurationText.clock(certificate.expiresAt)))
        }
      } catch { throw context.fail(error) }
    }
  }

  /// `admin revoke ID --reason TEXT`.
  struct Revoke: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: Interface.text("help.admin.revoke"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.cert.id"), valueName: "certificate"))
    var certificate: String
    @Option(help: ArgumentHelp(Interface.text("help.admin.reason"), valueName: "text"))
    var reason: String
    @OptionGroup var passphrase: PassphraseOption

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let reason = self.reason.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !reason.isEmpty else {
        Console.error("recovery-trainer: " + language.text("revoke.reason-needed"))
        throw ExitCode(64)
      }
      let store = try context.openStore(existing: true)
      let certificates: [StoredCertificate]
      do { certificates = try store.certificates() } catch { throw context.fail(error) }
      let id = try resolveID(
        certificate, among: certificates.map(\.id), what: language.text("manager.certificate"), language: language)
      if certificates.first(where: { $0.id == id })?.revocation != nil {
        Console.error("recovery-trainer: " + language.text("revoke.already", id))
        throw ExitCode(65)
      }
      let organisation = try passphrase.unlock(context)
      do {
        _ = try store.revoke(certificate: id, reason: reason, at: context.now(), by: organisation)
      } catch { throw context.fail(error) }
      Console.line(language.text("revoke.done", id, reason))
    }
  }

  /// `admin audit verify|checkpoint`.
  struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: Interface.text("help.admin.audit"), subcommands: [Verify.self, Checkpoint.self])

    struct Verify: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: Interface.text("help.admin.audit-verify"),
        discussion: Interface.text("help.admin.audit-verify-discussion"))
      @OptionGroup var global: GlobalOptions
      @Option(
        name: .customLong("checkpoint"),
        help: ArgumentHelp(Interface.text("help.admin.audit-checkpoint-file"), valueName: "file"))
      var checkpointFiles: [String] = []
      @Option(help: ArgumentHelp(Interface.text("help.cert.key"), valueName: "key"))
      var key: String?

      func run() throws {
        let context = AppContext(global)
        let language = context.language
        let organisation = try trustedKey(key, context: context)
        var outside: [Signed<AuditCheckpoint>] = []
        for file in checkpointFiles {
          let text = try Console.readInput(file).trimmingCharacters(in: .whitespacesAndNewlines)
          if let checkpoint = try? Signed<AuditCheckpoint>(jsonText: Data(text.utf8)) {
            outside.append(checkpoint)
          } else if let issued = CertificateVerifier().verify(jwt: text, at: Date.distantPast).certificate
            ?? CertificateVerifier().verify(json: Data(text.utf8), at: Date.distantPast).certificate
          {
            outside.append(issued.certificate.checkpoint)
          } else {
            Console.error("recovery-trainer: " + language.text("audit.bad-checkpoint-file", file))
            throw ExitCode(65)
          }
        }
        let store = try context.openStore(existing: true)
        let report: IntegrityReport
        do { report = try store.verifyIntegrity(organisation: organisation, outside: outside) } catch {
          throw context.fail(error)
        }
        let entries = (try? store.auditLog().count) ?? 0
        Console.line(
          language.text(
            "audit.checked", "\(entries)", "\(report.attempts)", "\(report.certificates)", "\(report.checkpoints)",
            "\(report.outsideCheckpoints)"))
        if report.importedSources > 0 {
          Console.line(language.text("audit.imported", "\(report.importedSources)", "\(report.importedEntries)"))
        }
        if let failure = report.audit.failure {
          Console.line(language.text("audit.first-bad-entry", "\(failure.sequence)", failure.problem.description))
        }
        for problem in report.problems.prefix(20) { Console.line("  ✗ " + problem.description) }
        if report.problems.count > 20 {
          Console.line(language.text("audit.more-problems", "\(report.problems.count - 20)"))
        }
        if report.isIntact {
          if case .intact(let summary) = report.audit {
            Console.line(language.text("audit.intact", "\(summary.entryCount)", "\(summary.anchoredThrough)"))
          }
        } else {
          Console.line(language.text("audit.broken"))
          throw ExitCode(1)
        }
      }
    }

    struct Checkpoint: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: Interface.text("help.admin.audit-checkpoint"))
      @OptionGroup var global: GlobalOptions
      @Option(help: ArgumentHelp(Interface.text("help.out"), valueName: "file"))
      var out: String?
      @OptionGroup var passphrase: PassphraseOption

      func run() throws {
        let context = AppContext(global)
        let store = try context.openStore(existing: true)
        let organisation = try passphrase.unlock(context)
        let checkpoint: Signed<AuditCheckpoint>
        do { checkpoint = try store.checkpoint(at: context.now(), by: organisation) } catch {
          throw context.fail(error)
        }
        let text = checkpoint.jsonText() + "\n"
        try writeOut(text, to: out, context: context)
        if out != nil {
          Console.line(context.language.text("audit.checkpoint-written", "\(checkpoint.statement.sequence)", out ?? ""))
        }
      }
    }
  }
}

/// The issuer key to trust: `--key` (a file holding a key, or the key itself), else the data
/// folder's organisation key; nil when neither is there. Exit 64 when `--key` is not a key.
func issuerKey(_ key: String?, context: AppContext) throws -> PublicKey? {
  guard let key else { return context.organisationPublicKey() }
  let written = FileManager.default.contents(atPath: key).map { String(decoding: $0, as: UTF8.self) } ?? key
  do {
    return try PublicKey(parsing: written)
  } catch {
    Console.error("recovery-trainer: " + context.language.text("cert.bad-key", error.description))
    throw ExitCode(64)
  }
}

/// The organisation key to verify against (`issuerKey`); exit 64 when there is none.
func trustedKey(_ key: String?, context: AppContext) throws -> PublicKey {
  guard let trusted = try issuerKey(key, context: context) else {
    Console.error("recovery-trainer: " + context.language.text("audit.no-key"))
    throw ExitCode(64)
  }
  return trusted
}

/// Writes a document to `--out FILE` (never over an existing file) or standard output.
func writeOut(_ text: String, to path: String?, context: AppContext) throws {
  guard let path else {
    FileHandle.standardOutput.write(Data(text.utf8))
    return
  }
  if FileManager.default.fileExists(atPath: path) {
    Console.error("recovery-trainer: " + context.language.text("out.exists", path))
    throw ExitCode(73)
  }
  guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
    Console.error("recovery-trainer: " + context.language.text("out.cannot-write", path))
    throw ExitCode(73)
  }
}

/// Refuses to sign anything on a database that was changed after it was signed (exit 1, with
/// the first problem): a manager's signature must never cover tampered rows.
func requireIntact(_ store: any ProgressStore, organisation: OrganisationKey, context: AppContext) throws {
  let report: IntegrityReport
  do { report = try store.verifyIntegrity(organisation: organisation.publicKey) } catch { throw context.fail(error) }
  guard !report.isIntact else { return }
  let first =
    report.audit.failure.map { "audit entry \($0.sequence) \($0.problem)" } ?? report.problems.first?.description
  Console.error("recovery-trainer: " + context.language.text("audit.refuse-to-sign", first ?? ""))
  throw ExitCode(1)
}

/// One line typed at the grading prompt.
enum GradeLine: Equatable {
  case grade(marks: Double, comment: String)
  case skip, quit, invalid

  /// `1.5 covers both points`, `2`, `skip`/`跳过`, `quit`/`退出`; a score outside
  /// 0…maximum or not a number is invalid (asked again).
  init(_ typed: String, maximum: Double) {
    let text = TextNormalizer.compatibilityNormalized(typed).trimmingCharacters(in: .whitespaces)
    let lowered = text.lowercased()
    if lowered == "skip" || text == "跳过" {
      self = .skip
      return
    }
    if lowered == "quit" || text == "退出" {
      self = .quit
      return
    }
    let parts = text.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
    guard let first = parts.first else {
      self = .invalid
      return
    }
    var number = String(first)
    if number.hasSuffix("分") { number.removeLast() }
    guard let marks = Double(number), marks.isFinite, marks >= 0, marks <= maximum + Credit.tolerance else {
      self = .invalid
      return
    }
    self = .grade(marks: min(marks, maximum), comment: parts.count > 1 ? String(parts[1]) : "")
  }
}

extension DurationText {
  /// A mark as a person writes it: `2`, `1.5`, `0.25`.
  static func number(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
