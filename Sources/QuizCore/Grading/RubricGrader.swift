/// Scores an open answer against a keyword rubric, at clause grain and reading negation.
///
/// A point is covered when every keyword group has an alternative within one sentence (or the
/// point's `scope`); in a sentence that is only a list of short fragments, within one fragment.
/// A misconception counts only when asserted, never when negated, rejected or asked. Red lines
/// (`critical`) cap the score. The rules are in `docs/grading.md`.
enum RubricGrader {
  /// What grading an open answer gives.
  struct Outcome {
    var fraction: Double
    var feedback: [Feedback]
    var report: RubricReport
    var confidence: Double
    var reasons: [ReviewReason]
  }

  /// An occurrence of a keyword: its unit, where it is and whether it counts.
  private struct Hit {
    var unit: Int
    var start: Int
    var end: Int
    var accepted: Bool
  }

  /// The result of matching one point or misconception.
  private struct Match {
    /// The unit where every group counts, and the hits there.
    var hits: [Hit]?
    /// Whether every group is present in one unit when polarity is ignored.
    var presentIgnoringPolarity: Bool
  }

  /// The share of a point's weight earned when the whole answer is a list of words.
  static let listCredit = 0.5

  static func grade(_ rubric: Rubric, answer: String) -> Outcome {
    let text = AnswerText(answer)
    let compiled = rubric.compiled
    var feedback: [Feedback] = []
    var points: [RubricReport.PointResult] = []
    var reasons: [ReviewReason] = []
    var confidence = 1.0

    var covered = 0.0
    let total = rubric.points.reduce(0) { $0 + $1.weight }
    for (index, point) in rubric.points.enumerated() {
      let match = self.match(compiled.points[index], in: text)
      let isCovered = match.hits != nil
      if isCovered { covered += point.weight }
      if !isCovered && match.presentIgnoringPolarity && compiled.points[index].hasRequirement {
        reasons.append(.polarityDecided(point: index))
        confidence -= 0.15
      }
      feedback.append(.rubric(point: index, covered: isCovered))
      points.append(
        RubricReport.PointResult(point: index, covered: isCovered, quote: match.hits.map { quote($0, in: text) }))
    }

    var penalty = 0.0
    var cap: Double?
    var found: [RubricReport.Finding] = []
    var rejected: [RubricReport.Finding] = []
    var rejectionDoubt = 0.0
    for (index, misconception) in rubric.misconceptions.enumerated() {
      let match = self.match(compiled.misconceptions[index], in: text)
      if let hits = match.hits {
        penalty += misconception.penalty
        if misconception.critical { cap = min(cap ?? 1, max(0, misconception.cap)) }
        feedback.append(.misconception(index: index))
        found.append(.init(misconception: index, quote: quote(hits, in: text), critical: misconception.critical))
      } else if match.presentIgnoringPolarity,
        let hits = self.match(compiled.misconceptions[index], in: text, ignoringPolarity: true).hits
      {
        rejected.append(.init(misconception: index, quote: quote(hits, in: text), critical: misconception.critical))
        reasons.append(.misconceptionRejected(misconception: index))
        rejectionDoubt += 0.1
      }
    }
    confidence -= min(rejectionDoubt, 0.3)

    // A list of words shows the terms, not that the learner can use them: half credit.
    let length = text.contentCount
    let isList = text.isWordList
    let coverage = (total > 0 ? covered / total : 0) * (isList ? listCredit : 1)
    var fraction = coverage - penalty
    if let cap {
      fraction = min(fraction, cap)
      let ordinaryPenalty = rubric.misconceptions.indices.filter { index in
        !rubric.misconceptions[index].critical && found.contains { $0.misconception == index }
      }.reduce(0.0) { $0 + rubric.misconceptions[$1].penalty }
      if coverage - ordinaryPenalty >= 0.5, let first = found.first(where: \.critical) {
        reasons.append(.redLineInStrongAnswer(misconception: first.misconception))
        confidence -= 0.45
      }
    }

    // Very short: under an eighth of the model answer (at least 12 characters), but never
    // flagged at half the model answer's length or more.
    let model = compiled.modelLength
    if length < max(6, min(model / 2, max(12, model / 8))) {
      reasons.insert(.tooShort, at: 0)
      confidence -= 0.45
    } else if length > max(1_500, compiled.modelLength * 4) {
      reasons.insert(.tooLong, at: 0)
      confidence -= 0.3
    }
    if isList {
      reasons.insert(.keywordList, at: 0)
      confidence -= 0.45
    }

    let report = RubricReport(
      points: points, found: found, rejected: rejected, coverage: coverage, penalty: penalty, cap: cap)
    return Outcome(
      fraction: fraction, feedback: feedback, report: report, confidence: min(max(confidence, 0), 1), reasons: reasons)
  }

  /// The co-occurrence unit of a position: its clause, sentence or the whole answer; in a
  /// telegraphic sentence, its fragment.
  @inline(__always)
  private static func unit(of position: Int, scope: MatchScope, in text: AnswerText) -> Int {
    let sentence = Int(text.sentence[position])
    if scope != .answer && text.telegraphic[sentence] { return 1_000_000 + Int(text.fragment[position]) }
    switch scope {
    case .clause: return Int(text.clause[position])
    case .sentence: return sentence
    case .answer: return 0
    }
  }

  private static func match(_ entry: CompiledEntry, in text: AnswerText, ignoringPolarity: Bool = false) -> Match {
    var groupsHits: [[Hit]] = []
    groupsHits.reserveCapacity(entry.groups.count)
    for group in entry.groups {
      var hits: [Hit] = []
      for keyword in group {
        occurrences(of: keyword.scalars, in: text) { start, end in
          let accepted =
            ignoringPolarity || keyword.requirement == .any || keyword.accepts(text.polarity(start: start, end: end))
          hits.append(
            Hit(unit: unit(of: start, scope: entry.scope, in: text), start: start, end: end, accepted: accepted))
        }
      }
      if hits.isEmpty { return Match(hits: nil, presentIgnoringPolarity: false) }
      groupsHits.append(hits)
    }
    guard let first = groupsHits.first else { return Match(hits: nil, presentIgnoringPolarity: false) }
    // The first unit, in text order, where every group has an accepted hit.
    var best: [Hit]?
    var present = false
    var tried: [Int] = []
    for hit in first where !tried.contains(hit.unit) {
      tried.append(hit.unit)
      let unit = hit.unit
      var all: [Hit] = []
      var complete = true
      var loose = true
      for hits in groupsHits {
        let here = hits.filter { $0.unit == unit }
        if here.isEmpty { loose = false }
        guard let accepted = here.first(where: \.accepted) else {
          complete = false
          continue
        }
        all.append(accepted)
      }
      if loose { present = true }
      if complete {
        let start = all.map(\.start).min() ?? 0
        if best == nil || start < (best!.map(\.start).min() ?? 0) { best = all }
      }
    }
    return Match(hits: best, presentIgnoringPolarity: present)
  }

  /// Calls `body` with every occurrence of `keyword` in `chars`; 的 and 地 in the answer may sit
  /// between the keyword's characters.
  @inline(__always)
  static func occurrences(of keyword: [UInt32], in text: AnswerText, _ body: (Int, Int) -> Void) {
    guard let head = keyword.first else { return }
    let count = text.chars.count
    text.chars.withUnsafeBufferPointer { chars in
      keyword.withUnsafeBufferPointer { word in
        text.positions(of: head) { index in
          var matched = 1
          var position = index + 1
          while matched < word.count && position < count {
            let value = chars[position]
            if value == word[matched] {
              matched += 1
              position += 1
            } else if value == AnswerText.de || value == AnswerText.di {
              position += 1
            } else {
              break
            }
          }
          if matched == word.count { body(index, position) }
        }
      }
    }
  }

  /// The clauses that hold `hits`, as typed.
  private static func quote(_ hits: [Hit], in text: AnswerText) -> String {
    let clauses = hits.map { Int(text.clause[$0.start]) }
    return text.quote(clauses: clauses.min() ?? 0, clauses.max() ?? 0)
  }
}
