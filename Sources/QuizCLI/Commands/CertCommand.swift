import ArgumentParser
import Foundation
import QuizCore
import QuizStore
import QuizTrust

/// `cert`: certificates, for managers and auditors.
struct CertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cert", abstract: Interface.text("help.cert"),
    subcommands: [List.self, Show.self, Export.self, Verify.self])

  /// `cert verify FILE [--key KEY]`: checks a certificate offline.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: Interface.text("help.cert.verify"), discussion: Interface.text("help.cert.verify-discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.cert.file"), valueName: "file"))
    var file: String
    @Option(help: ArgumentHelp(Interface.text("help.cert.key"), valueName: "key"))
    var key: String?

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let text = try Console.readInput(file)
      let trusted = try issuerKey(key, context: context).map { [$0] } ?? []
      // Revocations recorded in the organisation database or this data folder, each signed
      // by the trusted key.
      var revocations: [RevocationList.Revocation] = []
      let local = context.dataDirectory.file("progress.sqlite")
      var store: (any ProgressStore)?
      if !trusted.isEmpty {
        if context.databaseURL != nil {
          store = try context.openStore(existing: true)
        } else if FileManager.default.fileExists(atPath: local) {
          store = try? SQLiteStore.open(at: local)
        }
      }
      if let store, let stored = try? store.certificates() {
        for certificate in stored {
          if let signed = certificate.revocation, trusted.contains(where: { signed.isSigned(by: $0) }) {
            revocations += signed.statement.revocations
          }
        }
      }
      let verifier = CertificateVerifier(trustedIssuers: trusted, revocations: RevocationList(revocations))
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      let verdict =
        trimmed.hasPrefix("{")
        ? verifier.verify(json: Data(trimmed.utf8), at: context.now())
        : verifier.verify(jwt: trimmed, at: context.now())
      if let issued = verdict.certificate {
        let certificate = issued.certificate
        Console.line(
          language.text(
            "cert.subject", certificate.learnerName, certificate.examTitle,
            "\(Int((certificate.score * 100).rounded()))", ISO8601DateFormatter().string(from: certificate.expiresAt)))
      }
      let reason = Self.explain(verdict, language)
      Console.line(verdict.isValid ? language.text("cert.valid", reason) : language.text("cert.not-valid", reason))
      if trusted.isEmpty { Console.line(language.text("cert.issuer-unchecked")) }
      if !verdict.isValid { throw ExitCode(1) }
    }

    /// The verdict and its reason in the interface language.
    static func explain(_ verdict: CertificateVerdict, _ language: Language) -> String {
      let day = { (date: Date) in ISO8601DateFormatter().string(from: date) }
      switch verdict {
      case .valid(let issued): return language.text("cert.until", day(issued.certificate.expiresAt))
      case .expired(let issued): return language.text("cert.expired", day(issued.certificate.expiresAt))
      case .notYetValid(let issued): return language.text("cert.not-yet", day(issued.certificate.issuedAt))
      case .revoked(_, let revocation):
        return language.text("cert.revoked", day(revocation.revokedAt), revocation.reason)
      case .forged(let reason):
        switch reason {
        case .badSignature: return language.text("cert.forged.signature")
        case .untrustedIssuer(let did): return language.text("cert.forged.issuer", did)
        case .unsupportedAlgorithm(let algorithm): return language.text("cert.forged.algorithm", algorithm)
        case .documentMismatch: return language.text("cert.forged.document")
        case .malformed(let detail), .inconsistentClaims(let detail):
          return language.text("cert.forged.malformed", detail)
        }
      }
    }
  }

  /// The stored certificates, read back from their VC-JWTs.
  static func stored(_ context: AppContext) throws -> [(StoredCertificate, IssuedCertificate?)] {
    let store = try context.openStore(existing: true)
    do {
      return try store.certificates().map { ($0, Certifier.read($0)) }
    } catch {
      throw context.fail(error)
    }
  }

  /// `valid`, `expired` or `revoked` at `now`, in the interface language.
  static func status(_ stored: StoredCertificate, now: Date, _ language: Language) -> String {
    if stored.revocation != nil { return language.text("cert.status.revoked") }
    return stored.expiresAt <= now ? language.text("cert.status.expired") : language.text("cert.status.valid")
  }

  /// `cert list [--format table|json]`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: Interface.text("help.cert.list"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(Interface.text("help.cert.list-format")))
    var format: ListFormat = .table

    enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let certificates = try CertCommand.stored(context)
      let now = context.now()
      switch format {
      case .json:
        let items: [CanonicalJSON] = certificates.map { stored, issued in
          .object([
            "id": .string(stored.id), "learner": .string(issued?.certificate.learnerName ?? ""),
            "exam": .string(stored.examID), "attempt": .string(stored.attemptID),
            "score": .number(issued?.certificate.score ?? 0),
            "issued": .string(stored.issuedAt.formatted(.iso8601)),
            "expires": .string(stored.expiresAt.formatted(.iso8601)),
            "status": .string(stored.revocation != nil ? "revoked" : stored.expiresAt <= now ? "expired" : "valid"),
          ])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Console.line(String(decoding: (try? encoder.encode(CanonicalJSON.array(items))) ?? Data(), as: UTF8.self))
      case .table:
        guard !certificates.isEmpty else {
          Console.line(language.text("cert.none"))
          return
        }
        let rows = certificates.map { stored, issued in
          [
            stored.id.replacingOccurrences(of: "urn:uuid:", with: ""), issued?.certificate.learnerName ?? "?",
            stored.examID, "\(Int(((issued?.certificate.score ?? 0) * 100).rounded()))%",
            DurationText.clock(stored.expiresAt), CertCommand.status(stored, now: now, language),
          ]
        }
        let header = language.text("cert.list-header").split(separator: "|").map(String.init)
        let table = TableRenderer(width: context.terminal.width, style: context.style)
        for line in table.render(header: header, rows: rows) { Console.line(line) }
      }
    }
  }

  /// `cert show ID`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: Interface.text("help.cert.show"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.cert.id"), valueName: "certificate"))
    var id: String

    func run() throws {
      let context = AppContext(global)
      let language = context.language
      let (stored, issued) = try CertCommand.find(id, context)
      guard let certificate = issued?.certificate else {
        Console.error("recovery-trainer: " + language.text("cert.stored-forged", stored.id))
        throw ExitCode(65)
      }
      let lines = [
        (language.text("cert.field.id"), certificate.id),
        (language.text("cert.field.learner"), certificate.learnerName),
        (language.text("cert.field.exam"), "\(certificate.examTitle) (\(certificate.examID))"),
        (
          language.text("cert.field.score"),
          "\(Int((certificate.score * 100).rounded()))% / \(Int((certificate.passMark * 100).rounded()))%"
        ),
        (language.text("cert.field.issued"), DurationText.clock(certificate.issuedAt)),
        (language.text("cert.field.expires"), DurationText.clock(certificate.expiresAt)),
        (language.text("cert.field.status"), CertCommand.status(stored, now: context.now(), language)),
        (language.text("cert.field.attempt"), certificate.attemptID),
        (language.text("cert.field.course"), "\(certificate.courseID) \(certificate.courseVersion)"),
        (language.text("cert.field.issuer"), issued?.issuer.did ?? ""),
      ]
      for (label, value) in lines { Console.line(TextWrapper.pad(label, to: 10) + " " + value) }
      if let revoked = stored.revoked {
        Console.line(language.text("cert.revoked", DurationText.clock(revoked.revokedAt), revoked.reason))
      }
    }
  }

  /// A stored certificate by id or unambiguous prefix (with or without `urn:uuid:`).
  static func find(_ typed: String, _ context: AppContext) throws -> (StoredCertificate, IssuedCertificate?) {
    let certificates = try stored(context)
    let ids = certificates.map(\.0.id)
    let full = typed.hasPrefix("urn:uuid:") ? typed : "urn:uuid:" + typed
    let id = try resolveID(
      ids.contains(typed) ? typed : full, among: ids, what: context.language.text("manager.certificate"),
      language: context.language)
    return certificates.first { $0.0.id == id }!
  }

  /// `cert export ID --format vc-jwt|json|html [--out FILE]`.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: Interface.text("help.cert.export"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(Interface.text("help.cert.id"), valueName: "certificate"))
    var id: String
    @Option(help: ArgumentHelp(Interface.text("help.cert.export-format")))
    var format: ExportFormat = .vcJWT
    @Option(help: ArgumentHelp(Interface.text("help.out"), valueName: "file"))
    var out: String?

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
      case vcJWT = "vc-jwt"
      case json, html
    }

    func run() throws {
      let context = AppContext(global)
      let (stored, issued) = try CertCommand.find(id, context)
      guard let issued else {
        Console.error("recovery-trainer: " + context.language.text("cert.stored-forged", stored.id))
        throw ExitCode(65)
      }
      let text: String
      switch format {
      case .vcJWT: text = issued.jwt + "\n"
      case .json: text = issued.jsonDocument()
      case .html: text = CertificatePage.html(issued, revoked: stored.revoked, language: context.language)
      }
      try writeOut(text, to: out, context: context)
      if let out { Console.line(context.language.text("cert.exported", out)) }
    }
  }
}
