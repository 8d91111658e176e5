import Foundation

/// A typed answer cut into sentences, clauses and segments, in the form keywords are matched
/// against, with the negation of every position known.
///
/// * **Matching form**: NFKC, lower case, a few traditional characters folded to simplified,
///   whitespace, quotes and brackets removed. Keywords are compiled the same way
///   (`CompiledKeyword`). 的 and 地 inside a keyword may be left out or added by the learner.
/// * **Sentences** end at `。` `！` `？` `；` `!` `?` `;` or a line break; **clauses** also at
///   `，` `：` `,` `:` `…` `——` and whitespace; **fragments** also at `、` and `/`.
/// * **Segments** are clauses cut again before a connective (但是, 所以, 然后, 而是…): the reach of
///   a negator. See `PolarityLexicon`.
struct AnswerText {
  /// Boundary marks in `chars`; no keyword scalar is ever below 0x10.
  static let fragmentMark: UInt32 = 1
  static let clauseMark: UInt32 = 2
  static let sentenceMark: UInt32 = 3
  static let questionMark: UInt32 = 4
  /// 的 and 地, which the matcher skips inside a keyword.
  static let de: UInt32 = 0x7684
  static let di: UInt32 = 0x5730

  /// How an occurrence of a keyword is read.
  enum Polarity: Sendable {
    /// Stated: `保证期间会中断`.
    case asserted
    /// Under a negator or rejected: `保证期间不中断`, `让家人督促也不对`.
    case negated
    /// In a question: `保证期间会中断吗？`
    case unasserted
  }

  struct Negator {
    var segment: Int32
    var start: Int32
    var end: Int32
    var strong: Bool
  }

  struct Rejection {
    var segment: Int32
    var start: Int32
    var end: Int32
    var negated: Bool
  }

  /// The answer's scalars as typed, for quoting; the normalised ones when normalising changed
  /// their number (positions must line up).
  private(set) var display: [Unicode.Scalar]
  /// The matching form, with boundary marks.
  private(set) var chars: [UInt32] = []
  /// For each position of `chars`, the index in `display`.
  private(set) var origin: [Int32] = []
  /// For each position: its fragment, clause, segment and sentence (−1 on a mark).
  private(set) var fragment: [Int32] = []
  private(set) var clause: [Int32] = []
  private(set) var segment: [Int32] = []
  private(set) var sentence: [Int32] = []
  /// Per sentence: cut into at least three short fragments (a keyword list, not prose).
  private(set) var telegraphic: [Bool] = []
  /// Per sentence: a question, which asserts nothing.
  private(set) var question: [Bool] = []
  /// Per segment: rejected by the short segment after it (`…，这是错误的`).
  private(set) var rejectedSegment: [Bool] = []
  /// Per clause: the first and last position.
  private(set) var clauseBounds: [(Int32, Int32)] = []
  private(set) var negators: [Negator] = []
  private(set) var rejections: [Rejection] = []
  private(set) var breakers: [Int32] = []
  /// Positions that are not marks: the length of the answer as it counts.
  private(set) var contentCount = 0
  /// Content positions in telegraphic sentences.
  private(set) var telegraphicCount = 0
  /// The length of the longest fragment: a bare word list has none of six characters or more.
  private(set) var longestFragment = 0

  /// Whether the answer is a bare list of words: mostly telegraphic, no fragment of six
  /// characters or more (`电话、函件、上门` is; `途径有电话催收、函件催收` is not).
  var isWordList: Bool { contentCount > 0 && telegraphicCount * 10 >= contentCount * 6 && longestFragment < 6 }

  /// Every content position, as `scalar << 32 | position`, sorted: where each character occurs.
  private(set) var heads: [UInt64] = []

  init(_ answer: String) {
    // Letters are folded to lower case in `scan` (ASCII is all keywords need), which is much
    // cheaper than `lowercased()` on Chinese text.
    let normalised = TextNormalizer.compatibilityNormalized(answer)
    display = Array(normalised.unicodeScalars)
    scan()
    structure()
    heads.reserveCapacity(chars.count)
    for (position, value) in chars.enumerated() where value >= 0x10 {
      heads.append(UInt64(value) << 32 | UInt64(position))
    }
    heads.sort()
    if normalised != answer {
      let typed = Array(answer.unicodeScalars)
      if typed.count == display.count { display = typed }
    }
  }

  /// Calls `body` with each position where `value` occurs, in text order.
  @inline(__always)
  func positions(of value: UInt32, _ body: (Int) -> Void) {
    let key = UInt64(value) << 32
    var low = 0
    var high = heads.count
    while low < high {
      let middle = (low + high) / 2
      if heads[middle] < key { low = middle + 1 } else { high = middle }
    }
    while low < heads.count, heads[low] >> 32 == UInt64(value) {
      body(Int(heads[low] & 0xFFFF_FFFF))
      low += 1
    }
  }

  // MARK: Building

  /// What a non-content scalar does, by value: nothing for nearly every CJK character.
  private enum Role {
    case content, question, sentence, clause, fragment, dropped
  }

  @inline(__always)
  private static func role(of value: UInt32) -> Role {
    if (0x4E00...0x9FFF).contains(value) { return .content }
    switch value {
    case 0x3F, 0xFF1F: return .question
    case 0x3002, 0xFF01, 0x21, 0xFF1B, 0x3B, 0x0A: return .sentence  // 。！!；;\n
    case 0xFF0C, 0x2C, 0xFF1A, 0x3A, 0x2026, 0x2014: return .clause  // ，,：:…—
    case 0x3001, 0x2F: return .fragment  // 、/
    default: return dropped.contains(value) ? .dropped : .content
    }
  }
  /// Characters a bare judgement is made of besides its verdict: 这种说法是错误的, 都是违法的.
  private static let judgementFiller: Set<UInt32> = Set(
    "这此那该种样是的都也均属于说法做行为想观点么显然完全明绝对很就则了啊呢吧个其实".unicodeScalars.map(\.value))
  private static let dropped: Set<UInt32> = Set("“”‘’\"'「」『』《》()（）[]【】<>〈〉`*#".unicodeScalars.map(\.value))

  /// First pass: the matching form and the boundary marks.
  private mutating func scan() {
    chars.reserveCapacity(display.count + 1)
    origin.reserveCapacity(display.count + 1)
    func mark(_ value: UInt32, at index: Int) {
      if let last = chars.last, last < 0x10 {
        if value > last {
          chars[chars.count - 1] = value
          origin[origin.count - 1] = Int32(index)
        }
        return
      }
      guard !chars.isEmpty else { return }
      chars.append(value)
      origin.append(Int32(index))
    }
    for (index, scalar) in display.enumerated() {
      let value = scalar.value
      if (0x4E00...0x9FFF).contains(value) {
        chars.append(ChineseVariants.fold(value))
        origin.append(Int32(index))
        continue
      }
      if (0x41...0x5A).contains(value) {
        chars.append(value + 0x20)
        origin.append(Int32(index))
        continue
      }
      let role = Self.role(of: value)
      if role == .question {
        mark(Self.questionMark, at: index)
      } else if value == 0x2E {
        // A decimal point stays; a full stop ends a sentence.
        let digitBefore = index > 0 && (0x30...0x39).contains(display[index - 1].value)
        let digitAfter = index + 1 < display.count && (0x30...0x39).contains(display[index + 1].value)
        if digitBefore && digitAfter {
          chars.append(value)
          origin.append(Int32(index))
        } else {
          mark(Self.sentenceMark, at: index)
        }
      } else if role == .sentence {
        mark(Self.sentenceMark, at: index)
      } else if role == .clause || TextNormalizer.isSpaceOrControl(scalar) {
        mark(Self.clauseMark, at: index)
      } else if role == .fragment {
        mark(Self.fragmentMark, at: index)
      } else if role == .dropped {
        continue
      } else {
        chars.append(ChineseVariants.fold(value))
        origin.append(Int32(index))
      }
    }
    if chars.last.map({ $0 >= 0x10 }) ?? false {
      chars.append(Self.sentenceMark)
      origin.append(Int32(display.count))
    }
  }

  /// Second pass: ids of every unit, and the negators, rejections and breakers.
  private mutating func structure() {
    let count = chars.count
    fragment = [Int32](repeating: -1, count: count)
    clause = fragment
    segment = fragment
    sentence = fragment
    var ids = (fragment: Int32(-1), clause: Int32(-1), segment: Int32(-1), sentence: Int32(-1))
    var open = (fragment: false, clause: false, segment: false, sentence: false)
    var fragmentsInSentence = 0
    var charsInSentence = 0
    var charsInFragment = 0
    var segmentLengths: [Int32] = []
    var segmentSentence: [Int32] = []
    var lastChar: UInt32 = 0

    func closeSentence(question isQuestion: Bool) {
      guard open.sentence else { return }
      let isList = fragmentsInSentence >= 3 && charsInSentence <= fragmentsInSentence * 5
      telegraphic.append(isList)
      question.append(isQuestion || lastChar == 0x5417)  // 吗
      if isList { telegraphicCount += charsInSentence }
      open.sentence = false
      fragmentsInSentence = 0
      charsInSentence = 0
    }

    func openSegment() {
      ids.segment += 1
      open.segment = true
      segmentLengths.append(0)
      segmentSentence.append(ids.sentence)
    }

    let scalars = chars
    scalars.withUnsafeBufferPointer { buffer in
      var index = 0
      while index < count {
        let value = buffer[index]
        if value < 0x10 {
          open.fragment = false
          if value >= Self.clauseMark {
            if open.clause { clauseBounds[clauseBounds.count - 1].1 = Int32(index - 1) }
            open.clause = false
            open.segment = false
          }
          if value >= Self.sentenceMark { closeSentence(question: value == Self.questionMark) }
          index += 1
          continue
        }
        if !open.sentence {
          ids.sentence += 1
          open.sentence = true
        }
        if !open.clause {
          ids.clause += 1
          open.clause = true
          clauseBounds.append((Int32(index), Int32(index)))
        }
        if !open.fragment {
          ids.fragment += 1
          open.fragment = true
          fragmentsInSentence += 1
          charsInFragment = 0
        }
        var length = 1
        if let word = PolarityLexicon.longestWord(in: buffer, at: index) {
          length = word.scalars.count
          switch word.kind {
          case .connective: open.segment = false
          case .narrow, .strong:
            if !open.segment { openSegment() }
            negators.append(
              Negator(
                segment: ids.segment, start: Int32(index), end: Int32(index + length), strong: word.kind == .strong))
          case .rejection:
            if !open.segment { openSegment() }
            rejections.append(
              Rejection(segment: ids.segment, start: Int32(index), end: Int32(index + length), negated: false))
          case .breaker:
            breakers.append(Int32(index))
          case .notNegator: break
          }
        }
        if !open.segment { openSegment() }
        for offset in index..<min(index + length, count) {
          if buffer[offset] < 0x10 { break }
          fragment[offset] = ids.fragment
          clause[offset] = ids.clause
          segment[offset] = ids.segment
          sentence[offset] = ids.sentence
          segmentLengths[Int(ids.segment)] += 1
          charsInSentence += 1
          charsInFragment += 1
          longestFragment = max(longestFragment, charsInFragment)
          contentCount += 1
          lastChar = buffer[offset]
        }
        index += length
      }
      closeSentence(question: false)
    }

    // A rejection right after a negator (不违法, 并不违规, 没有错) affirms instead.
    for index in rejections.indices {
      let rejection = rejections[index]
      rejections[index].negated = negators.contains {
        $0.segment == rejection.segment && $0.start < rejection.start && rejection.start - $0.end <= 1
      }
    }
    // A segment that only passes judgement (这是错误的, 也不对, 侵犯隐私) rejects the segment before it.
    rejectedSegment = [Bool](repeating: false, count: segmentLengths.count)
    for rejection in rejections where !rejection.negated {
      let id = Int(rejection.segment)
      guard id > 0, segmentLengths[id] <= 10, segmentSentence[id - 1] == segmentSentence[id] else { continue }
      var other = 0
      for position in chars.indices where segment[position] == rejection.segment {
        if position >= Int(rejection.start) && position < Int(rejection.end) { continue }
        if !Self.judgementFiller.contains(chars[position]) { other += 1 }
      }
      if other <= 3 { rejectedSegment[id - 1] = true }
    }
  }

  // MARK: Reading

  /// How the occurrence of a keyword at `start..<end` is read.
  func polarity(start: Int, end: Int) -> Polarity {
    let segmentID = segment[start]
    if question[Int(sentence[start])] { return .unasserted }
    if rejectedSegment[Int(segmentID)] { return .negated }
    for negator in negators where negator.segment == segmentID && Int(negator.start) < start {
      if negator.strong { return .negated }
      let from = max(Int(negator.end), Int(negator.start) + 1)
      if start - from > 8 { continue }
      if !breakers.contains(where: { Int($0) >= from && Int($0) < start }) { return .negated }
    }
    for rejection in rejections
    where rejection.segment == segmentID && Int(rejection.start) >= end && !rejection.negated {
      return .negated
    }
    return .asserted
  }

  /// Whether some negator or rejection sits in the segment of `start` (for confidence).
  func segmentHasNegation(at start: Int) -> Bool {
    let segmentID = segment[start]
    return negators.contains { $0.segment == segmentID } || rejections.contains { $0.segment == segmentID }
  }

  /// The text of clauses `first...last`, as typed, shortened to about `limit` characters.
  func quote(clauses first: Int, _ last: Int, limit: Int = 60) -> String {
    let from = Int(origin[Int(clauseBounds[first].0)])
    let to = min(Int(origin[Int(clauseBounds[last].1)]), display.count - 1, from + limit - 1)
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: display[from...to])
    if to < Int(origin[Int(clauseBounds[last].1)]) { scalars.append("…") }
    return String(scalars)
  }
}
