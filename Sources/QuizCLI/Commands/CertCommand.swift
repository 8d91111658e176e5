import ArgumentParser
import Foundation
import QuizCore
import QuizTrust

/// `cert`: certificates, for managers and auditors.
struct CertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cert", abstract: Interface.text("help.cert"), subcommands: [Verify.self])

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
      var trusted: [PublicKey] = []
      if let key {
        let written = FileManager.default.contents(atPath: key).map { String(decoding: $0, as: UTF8.self) } ?? key
        do {
          trusted = [try PublicKey(parsing: written)]
        } catch {
          Console.error("recovery-trainer: " + language.text("cert.bad-key", error.description))
          throw ExitCode(64)
        }
      } else if let data = FileManager.default.contents(atPath: context.organisationKeyFile),
        let sealed = try? OrganisationKeyFile(jsonText: data)
      {
        trusted = [sealed.publicKey]
      }
      let verifier = CertificateVerifier(trustedIssuers: trusted)
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
}
