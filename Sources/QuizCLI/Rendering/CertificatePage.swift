import Foundation
import QuizCore
import QuizTrust

/// A certificate as one self-contained printable A4 page: no network, system fonts, the
/// facts of the certificate, and the VC-JWT itself as the verification code.
enum CertificatePage {
  static func html(_ issued: IssuedCertificate, revoked: RevocationList.Revocation?, language: Language) -> String {
    let certificate = issued.certificate
    func escape(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
    let day = { (date: Date) -> String in
      let formatter = DateFormatter()
      formatter.dateFormat = "yyyy-MM-dd"
      formatter.timeZone = .current
      return formatter.string(from: date)
    }
    let rows: [(String, String)] = [
      (language.text("cert.field.learner"), certificate.learnerName),
      (language.text("cert.field.exam"), certificate.examTitle),
      (language.text("cert.field.score"), "\(Int((certificate.score * 100).rounded()))%"),
      (language.text("cert.field.issued"), day(certificate.issuedAt)),
      (language.text("cert.field.expires"), day(certificate.expiresAt)),
      (language.text("cert.field.id"), certificate.id),
      (language.text("cert.field.course"), "\(certificate.courseID) \(certificate.courseVersion)"),
      (language.text("cert.field.issuer"), issued.issuer.did),
    ]
    let table = rows.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined(separator: "\n")
    let banner =
      revoked.map {
        "<p class=\"revoked\">\(escape(language.text("cert.revoked", day($0.revokedAt), $0.reason)))</p>"
      } ?? ""
    return """
      <!DOCTYPE html>
      <html lang="\(language == .zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <title>\(escape(certificate.examTitle)) · \(escape(certificate.learnerName))</title>
      <style>
      @page { size: A4; margin: 18mm; }
      body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; max-width: 174mm; margin: 0 auto; }
      h1 { font-size: 22pt; text-align: center; margin: 12mm 0 4mm; }
      p.lead { text-align: center; font-size: 13pt; }
      table { width: 100%; border-collapse: collapse; margin: 8mm 0; font-size: 11pt; }
      th { text-align: left; width: 30mm; padding: 2mm; color: #555; vertical-align: top; }
      td { padding: 2mm; word-break: break-all; }
      .code { font-family: "DejaVu Sans Mono", monospace; font-size: 6.5pt; word-break: break-all; border: 1px solid #999; padding: 3mm; }
      .revoked { color: #a00; font-weight: bold; text-align: center; }
      </style>
      </head>
      <body>
      <h1>\(escape(language.text("cert.page-title")))</h1>
      <p class="lead">\(escape(language.text("cert.page-lead", certificate.learnerName, certificate.examTitle)))</p>
      \(banner)
      <table>
      \(table)
      </table>
      <h2>\(escape(language.text("cert.page-code")))</h2>
      <p>\(escape(language.text("cert.page-how")))</p>
      <p class="code">\(escape(issued.jwt))</p>
      </body>
      </html>

      """
  }
}
