/// "Did you mean" suggestions for misspelt names.
public enum Suggestion {
  /// The candidate closest to `name` by edit distance, when it is close enough to be a typo.
  public static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, min(3, name.count / 3))
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(Array(name.lowercased()), Array(candidate.lowercased()))
      if distance <= limit, distance < (best?.distance ?? .max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }

  /// Levenshtein distance between two character arrays.
  public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

extension Suggestion {
  /// Edit distance between two words, ignoring case.
  public static func distance(_ a: String, _ b: String) -> Int {
    editDistance(Array(a.lowercased()), Array(b.lowercased()))
  }
}

extension Suggestion {
  /// The candidates close to `name` (a typo away, or one containing the other), closest first.
  public static func close(to name: String, among candidates: [String], limit: Int = 5) -> [String] {
    let lowered = name.lowercased()
    let allowed = max(1, min(3, name.count / 2))
    return
      candidates
      .map { ($0, distance(name, $0)) }
      .filter { candidate, distance in
        candidate != name
          && (distance <= allowed || candidate.lowercased().contains(lowered)
            || lowered.contains(candidate.lowercased()))
      }
      .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
      .prefix(limit).map(\.0)
  }
}
