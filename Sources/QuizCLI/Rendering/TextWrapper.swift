import QuizCore

/// A run of text with one style.
struct StyledRun: Equatable {
  enum Kind: Equatable { case plain, bold, italic, code }
  var text: String
  var kind: Kind
}

/// Wraps text to a width in terminal columns, counting CJK characters as two.
///
/// Lines break at spaces between words and between any two CJK characters, but never
/// before closing punctuation (，。、；：！？）» and the like) and never inside a character.
enum TextWrapper {
  /// Characters that must not start a line.
  static let noLineStart: Set<Character> = Set("，。、；：！？）》」』】〕…—,.;:!?)]}%’”·")
  /// Characters that must not end a line.
  static let noLineEnd: Set<Character> = Set("（《「『【〔([{‘“")

  /// Wraps plain text into lines of at most `width` columns (a single over-long unit excepted).
  static func wrap(_ text: String, width: Int) -> [String] {
    wrap(runs: [StyledRun(text: text, kind: .plain)], width: width).map { $0.map(\.text).joined() }
  }

  /// Wraps styled runs; each output line is a list of runs.
  static func wrap(runs: [StyledRun], width: Int, firstLineWidth: Int? = nil) -> [[StyledRun]] {
    let restWidth = max(width, 4)
    var width = max(firstLineWidth ?? width, 4)
    var lines: [[StyledRun]] = []
    var line: [StyledRun] = []
    var lineWidth = 0

    func append(_ character: Character, _ kind: StyledRun.Kind) {
      if let last = line.last, last.kind == kind {
        line[line.count - 1].text.append(character)
      } else {
        line.append(StyledRun(text: String(character), kind: kind))
      }
      lineWidth += character.displayWidth
    }
    func finishLine() {
      // Drop trailing spaces.
      while let last = line.last {
        let trimmed = String(last.text.reversed().drop { $0 == " " }.reversed())
        if trimmed.isEmpty {
          line.removeLast()
        } else {
          line[line.count - 1].text = trimmed
          break
        }
      }
      lines.append(line)
      line = []
      lineWidth = 0
      width = restWidth
    }

    for unit in units(of: runs) {
      let unitWidth = unit.reduce(0) { $0 + $1.0.displayWidth }
      let isSpace = unit.count == 1 && unit[0].0 == " "
      if isSpace && lineWidth == 0 { continue }
      if lineWidth + unitWidth > width && lineWidth > 0 && !isSpace {
        finishLine()
      }
      if isSpace && lineWidth + 1 > width {
        finishLine()
        continue
      }
      for (character, kind) in unit {
        if lineWidth + character.displayWidth > width && lineWidth > 0 { finishLine() }
        append(character, kind)
      }
    }
    if !line.isEmpty || lines.isEmpty { finishLine() }
    return lines
  }

  /// Splits runs into unbreakable units: a Latin word, a CJK character with the
  /// punctuation glued to it, or one space.
  private static func units(of runs: [StyledRun]) -> [[(Character, StyledRun.Kind)]] {
    var units: [[(Character, StyledRun.Kind)]] = []
    var current: [(Character, StyledRun.Kind)] = []
    var previous: Character?
    for run in runs {
      for character in run.text {
        let character: Character = character == "\t" || character == "\n" ? " " : character
        if character == " " {
          if !current.isEmpty { units.append(current) }
          units.append([(" ", run.kind)])
          current = []
        } else if let previous, !current.isEmpty,
          character.isWide || previous.isWide,
          !noLineStart.contains(character), !noLineEnd.contains(previous)
        {
          units.append(current)
          current = [(character, run.kind)]
        } else {
          current.append((character, run.kind))
        }
        previous = character
      }
    }
    if !current.isEmpty { units.append(current) }
    return units
  }

  /// The columns text takes on screen, not counting terminal escape sequences.
  static func visibleWidth(_ text: String) -> Int {
    guard text.contains("\u{1B}") else { return text.displayWidth }
    var width = 0
    var inEscape = false
    for character in text {
      if inEscape {
        if character.isLetter { inEscape = false }
      } else if character == "\u{1B}" {
        inEscape = true
      } else {
        width += character.displayWidth
      }
    }
    return width
  }

  /// Pads text with spaces on the right to `width` columns.
  static func pad(_ text: String, to width: Int) -> String {
    let missing = width - visibleWidth(text)
    return missing > 0 ? text + String(repeating: " ", count: missing) : text
  }

  /// Cuts text to at most `width` columns, ending with `…` when cut.
  static func truncate(_ text: String, to width: Int) -> String {
    guard text.displayWidth > width else { return text }
    var result = ""
    var used = 0
    for character in text {
      if used + character.displayWidth > width - 1 { break }
      result.append(character)
      used += character.displayWidth
    }
    return result + "…"
  }
}
