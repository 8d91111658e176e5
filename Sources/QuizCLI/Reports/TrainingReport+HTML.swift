import Foundation
import QuizCore

/// The report as one self-contained HTML page: no network, the system's fonts, printable on A4,
/// with inline SVG charts. Every chart has a text alternative (`<title>`/`<desc>`) and the table
/// of its numbers right after it.
extension TrainingReport {
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// A figure: the SVG with its title and description, then its table.
  static func figure(id: String, title: String, description: String, svg: String, table: String) -> String {
    """
    <figure id="\(id)">
    <figcaption>\(escape(title))</figcaption>
    <svg role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg" \(svg)
    </svg>
    <p class="alt" id="\(id)-text">\(escape(description))</p>
    \(table)
    </figure>
    """
  }

  static func table(_ header: [String], _ rows: [[String]], caption: String) -> String {
    let head = header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
    let body = rows.map { row in "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined(
      separator: "\n")
    return
      "<table><caption>\(escape(caption))</caption><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table>"
  }

  /// Vertical bars with a label under each.
  static func bars(id: String, title: String, labels: [String], values: [Int], width: Int = 640) -> String {
    let height = 180
    let top = max(values.max() ?? 0, 1)
    let step = Double(width - 40) / Double(max(values.count, 1))
    var shapes = "<title id=\"\(id)-title\">\(escape(title))</title>"
    for (index, value) in values.enumerated() {
      let barHeight = Double(height - 40) * Double(value) / Double(top)
      let x = 30 + Double(index) * step
      shapes += String(
        format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar\"/>", x + 2,
        Double(height - 20) - barHeight, max(step - 4, 1), barHeight)
      if value > 0 {
        shapes += String(
          format: "<text x=\"%.1f\" y=\"%.1f\" class=\"value\">%d</text>", x + step / 2,
          Double(height - 24) - barHeight, value)
      }
      if values.count <= 12 || index % 5 == 0 {
        shapes +=
          String(format: "<text x=\"%.1f\" y=\"%d\" class=\"label\">", x + step / 2, height - 4) + escape(labels[index])
          + "</text>"
      }
    }
    return "viewBox=\"0 0 \(width) \(height)\" width=\"100%\">\n\(shapes)"
  }

  func html(language: Language, courseTitle: String) -> String {
    let day = { (date: Date?) in date.map { String(DurationText.clock($0).prefix(10)) } ?? "—" }
    let certified = rows.filter { $0.certificate == .valid || $0.certificate == .expiring }.count
    let scores = rows.compactMap(\.firstAttemptAccuracy)
    let mean = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)

    // 1. The score distribution of sealed certification attempts, in tenths.
    var bins = Array(repeating: 0, count: 10)
    for score in examScores { bins[min(9, Int((score * 10).rounded(.down)))] += 1 }
    let binLabels = (0..<10).map { "\($0 * 10)–\($0 == 9 ? 100 : $0 * 10 + 9)%" }
    let distribution = Self.figure(
      id: "scores", title: language.text("report.html.scores"),
      description: examScores.isEmpty
        ? language.text("report.html.scores-none")
        : language.text(
          "report.html.scores-alt", "\(examScores.count)",
          Self.percent(examScores.reduce(0, +) / Double(examScores.count)),
          Self.percent(passMark)),
      svg: Self.bars(id: "scores", title: language.text("report.html.scores"), labels: binLabels, values: bins)
        + "<desc id=\"scores-desc\">\(Self.escape(language.text("report.html.scores")))</desc>",
      table: Self.table(
        [language.text("report.html.band"), language.text("report.html.attempts")],
        zip(binLabels, bins).map { [$0.0, "\($0.1)"] }, caption: language.text("report.html.scores")))

    // 2. The mastery heatmap: learners × lessons.
    let cell = 28
    let left = 120
    var heat = "<title id=\"mastery-title\">\(Self.escape(language.text("report.html.mastery")))</title>"
    heat +=
      "<desc id=\"mastery-desc\">\(Self.escape(language.text("report.html.mastery-alt", "\(rows.count)", "\(lessons.count)")))</desc>"
    for column in lessons.indices {
      heat += "<text x=\"\(left + column * cell + cell / 2)\" y=\"14\" class=\"label\">\(column + 1)</text>"
    }
    for (line, row) in rows.enumerated() {
      let y = 20 + line * cell
      heat += "<text x=\"\(left - 6)\" y=\"\(y + cell / 2 + 4)\" class=\"name\">\(Self.escape(row.displayName))</text>"
      for (column, lesson) in lessons.enumerated() {
        let value = row.mastery[lesson.id] ?? 0
        let opacity = String(format: "%.2f", 0.08 + 0.92 * value)
        let label = Self.escape("\(row.displayName) · \(lesson.title) · \(Self.percent(value))")
        heat +=
          "<rect x=\"\(left + column * cell)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" class=\"cell\""
          + " fill-opacity=\"\(opacity)\"><title>\(label)</title></rect>"
      }
    }
    let heatSVG =
      "viewBox=\"0 0 \(left + lessons.count * cell + 10) \(30 + rows.count * cell)\" width=\"100%\">\n" + heat
    let mastery = Self.figure(
      id: "mastery", title: language.text("report.html.mastery"),
      description: language.text("report.html.mastery-alt", "\(rows.count)", "\(lessons.count)"), svg: heatSVG,
      table: Self.table(
        [language.text("reportcommand.learner-column")]
          + lessons.enumerated().map { "\($0.offset + 1) \($0.element.title)" },
        rows.map { row in [row.displayName] + lessons.map { Self.percent(row.mastery[$0.id] ?? 0) } },
        caption: language.text("report.html.mastery")))

    // 3. Activity over the last 30 days.
    let activityLabels = activity.map { String(DurationText.clock($0.day).dropFirst(5).prefix(5)) }
    let total = activity.reduce(0) { $0 + $1.answers }
    let activityFigure = Self.figure(
      id: "activity", title: language.text("report.html.activity"),
      description: language.text("report.html.activity-alt", "\(total)", "\(activity.filter { $0.answers > 0 }.count)"),
      svg: Self.bars(
        id: "activity", title: language.text("report.html.activity"), labels: activityLabels,
        values: activity.map(\.answers))
        + "<desc id=\"activity-desc\">\(Self.escape(language.text("report.html.activity")))</desc>",
      table: Self.table(
        [language.text("report.html.day"), language.text("report.html.answers")],
        activity.map { [day($0.day), "\($0.answers)"] }, caption: language.text("report.html.activity")))

    // 4. Certification status.
    let statuses: [CertificateStatus] = [.valid, .expiring, .expired, .revoked, .none]
    let statusLabels = statuses.map { status -> String in
      switch status {
      case .valid: language.text("report.html.status-valid")
      case .expiring: language.text("report.html.status-expiring")
      case .expired: language.text("report.html.status-expired")
      case .revoked: language.text("report.cert.revoked")
      case .none: language.text("report.cert.none")
      }
    }
    let counts = statuses.map { status in rows.filter { $0.certificate == status }.count }
    let statusFigure = Self.figure(
      id: "certificates", title: language.text("report.html.certificates"),
      description: language.text("report.html.certificates-alt", "\(certified)", "\(rows.count)"),
      svg: Self.bars(
        id: "certificates", title: language.text("report.html.certificates"), labels: statusLabels, values: counts)
        + "<desc id=\"certificates-desc\">\(Self.escape(language.text("report.html.certificates")))</desc>",
      table: Self.table(
        [language.text("report.html.status"), language.text("report.html.learners")],
        zip(statusLabels, counts).map { [$0.0, "\($0.1)"] }, caption: language.text("report.html.certificates")))

    let header = language.text("report.columns").split(separator: "|").map(String.init)
    let learnerTable = Self.table(
      header,
      rows.map { row in
        [
          row.displayName, "\(row.sectionsRead)/\(row.sectionsTotal)", "\(row.practised)/\(row.questionsTotal)",
          Self.percent(row.firstAttemptAccuracy),
          lessons.map { Self.percent(row.mastery[$0.id] ?? 0) }.joined(separator: " "),
          "\(row.dueNow)/\(row.overdue)", "\(row.secondsAnswering / 60)", "\(row.hints)/\(row.skips)", "\(row.waiting)",
          day(row.lastActive), exam(row, language), status(row, language),
        ]
      }, caption: language.text("report.html.learners-table"))

    return """
      <!DOCTYPE html>
      <html lang="\(language == .zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(Self.escape(language.text("report.html.title", courseTitle)))</title>
      <style>
      @page { size: A4; margin: 14mm; }
      body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2327; margin: 0 auto; max-width: 182mm; font-size: 10pt; }
      h1 { font-size: 17pt; margin: 6mm 0 1mm; }
      .meta { color: #555; margin: 0 0 4mm; }
      .cards { display: flex; gap: 4mm; margin: 3mm 0 5mm; }
      .card { border: 1px solid #c8ccd0; border-radius: 2mm; padding: 2mm 4mm; flex: 1; }
      .card b { display: block; font-size: 15pt; }
      figure { margin: 0 0 6mm; break-inside: avoid; }
      figcaption { font-weight: bold; font-size: 12pt; margin-bottom: 1mm; }
      .alt { color: #444; margin: 1mm 0; }
      svg .bar { fill: #2f6f9f; } svg .cell { fill: #1f7a4d; stroke: #fff; }
      svg text { font-size: 9px; fill: #333; } svg .label, svg .value { text-anchor: middle; } svg .name { text-anchor: end; }
      table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 8.5pt; break-inside: auto; }
      caption { text-align: left; color: #555; padding-bottom: 1mm; }
      th, td { border: 1px solid #d0d4d8; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
      thead { display: table-header-group; }
      figure table { font-size: 8pt; }
      td:first-child { white-space: nowrap; }
      @media print { .cards { break-inside: avoid; } }
      </style>
      </head>
      <body>
      <h1>\(Self.escape(language.text("report.html.title", courseTitle)))</h1>
      <p class="meta">\(Self.escape(language.text("report.html.generated", DurationText.clock(generatedAt))))</p>
      <div class="cards">
      <div class="card">\(Self.escape(language.text("report.html.learners")))<b>\(rows.count)</b></div>
      <div class="card">\(Self.escape(language.text("report.html.certified")))<b>\(certified)</b></div>
      <div class="card">\(Self.escape(language.text("report.html.mean")))<b>\(Self.percent(mean))</b></div>
      </div>
      \(learnerTable)
      \(distribution)
      \(mastery)
      \(activityFigure)
      \(statusFigure)
      </body>
      </html>

      """
  }
}
