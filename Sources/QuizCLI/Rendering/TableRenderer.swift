import QuizCore

/// Draws a table with box characters, columns sized by display width and cells wrapped
/// when the table would not fit the terminal.
struct TableRenderer {
  var width: Int
  var style: Style

  func render(header: [String], rows: [[String]]) -> [String] {
    let columns = max(header.count, rows.map(\.count).max() ?? 0)
    guard columns > 0 else { return [] }
    guard style.enabled else { return plainRows(header: header, rows: rows) }
    let all = [header] + rows
    var widths = (0..<columns).map { column in
      all.map { $0.indices.contains(column) ? $0[column].displayWidth : 0 }.max() ?? 0
    }.map { max($0, 1) }
    // Borders take 3 columns per cell plus one; shrink the widest columns until it fits.
    let budget = max(width - (3 * columns + 1), columns * 4)
    while widths.reduce(0, +) > budget, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
      widths[widest] > 4
    {
      widths[widest] -= 1
    }
    func line(_ left: String, _ middle: String, _ right: String) -> String {
      style.dim(left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right)
    }
    func rowLines(_ cells: [String], bold: Bool) -> [String] {
      let wrapped = (0..<columns).map { column in
        TextWrapper.wrap(cells.indices.contains(column) ? cells[column] : "", width: widths[column])
      }
      let height = wrapped.map(\.count).max() ?? 1
      return (0..<height).map { row in
        let parts = (0..<columns).map { column -> String in
          let text = row < wrapped[column].count ? wrapped[column][row] : ""
          let padded = TextWrapper.pad(text, to: widths[column])
          return " " + (bold ? style.bold(padded) : padded) + " "
        }
        return style.dim("│") + parts.joined(separator: style.dim("│")) + style.dim("│")
      }
    }
    var output = [line("┌", "┬", "┐")]
    output += rowLines(header, bold: true)
    output.append(line("├", "┼", "┤"))
    for row in rows { output += rowLines(row, bold: false) }
    output.append(line("└", "┴", "┘"))
    return output
  }

  /// Without colour, a table is read row by row as "header：cell；header：cell", which a
  /// screen reader speaks naturally (box-drawing characters it would spell out).
  func plainRows(header: [String], rows: [[String]]) -> [String] {
    rows.flatMap { row in
      let cells = row.indices.map { index -> String in
        let name = index < header.count ? header[index] : ""
        return name.isEmpty ? row[index] : "\(name)：\(row[index])"
      }
      return TextWrapper.wrap(cells.joined(separator: "；"), width: width - 4).enumerated().map {
        ($0.offset == 0 ? "  - " : "    ") + $0.element
      }
    }
  }
}
