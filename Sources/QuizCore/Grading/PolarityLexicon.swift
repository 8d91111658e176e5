/// The words that decide how a clause of an answer is read: negators, rejections and the
/// connectives that end a negator's reach.
///
/// Kept as data so the rules in `docs/grading.md` can be read and extended in one place.
enum PolarityLexicon {
  /// What a word does to the text around it.
  enum Kind: UInt8, Sendable {
    /// Negates what follows until a conditional breaker (`就`, `则`…): 不, 没, 未, 无, 非, 别.
    case narrow
    /// Negates the rest of its clause segment: 不能, 不得, 禁止, 严禁, 而不是, 不等于…
    case strong
    /// Starts with a negator but is not one (不仅, 不良, 不足, 无论, 非法, 分别…).
    case notNegator
    /// Ends the reach of a narrow negator: `不还就让他坐牢` asserts 坐牢.
    case breaker
    /// Starts a new clause segment: 但是, 所以, 然后, 而是, 只能…
    case connective
    /// Rejects what came before it in the segment: 也不对, 是错误的, 违法, 无效…
    case rejection
  }

  /// One word and its kind, as scalars.
  struct Entry: Sendable {
    let scalars: [UInt32]
    let kind: Kind
  }

  static let words: [(String, Kind)] = {
    var words: [(String, Kind)] = []
    func add(_ kind: Kind, _ list: String) {
      for word in list.split(separator: " ") { words.append((String(word), kind)) }
    }
    add(.narrow, "不 没 没有 未 未曾 无 非 别 不再 无法 不一定 未能 没能")
    add(
      .strong,
      "不能 不得 不要 不应 不应当 不应该 不该 不可 不可以 不准 不许 不宜 不会 不必 不用 不需 不需要 无需 无须 毋须 "
        + "禁止 严禁 切勿 切忌 勿 莫 绝不 决不 绝对不 千万不 并非 并不 并没有 并未 不是 而不是 而非 不等于 不意味着 "
        + "不代表 不属于 误以为 误认为 错误地认为 错误认为 不能以为 不要以为 别以为 杜绝 避免 防止 谈不上 算不上")
    add(
      .notNegator,
      "不仅 不但 不管 不论 不少 不久 不断 不良 不足 不动产 不利 不同 不如 不妨 不只 不止 "
        + "不上 不到 不通 不了 不起 不住 不见 不免 不时 不确定 不当 不法 不知 未来 未成年 未经 未到期 无论 无关 无力 无偿 无条件 无担保 非法 非常 "
        + "非得 非但 没收 别人 别的 分别 区别 特别 个别 类别 级别 识别 鉴别 差别 告别 辨别 性别 派别 有别 无不 不无")
    add(.breaker, "就 则 便 才 那么 的话 也 可以")
    add(
      .connective,
      "但是 但 然而 可是 不过 所以 因此 因而 于是 否则 不然 然后 接着 随后 并且 而且 同时 此外 另外 而是 还要 还应 "
        + "还应当 还可以 也可以 以免 以防 从而 进而 只能 只可以 而应")
    add(
      .rejection,
      "不对 不正确 错误 是错的 错的 错了 违法 违规 违反 侵犯 侵害 犯罪 禁止的 被禁止 所禁止 误区 误解 有误 不妥 "
        + "不行 不可取 不可行 行不通 不允许 不被允许 不合法 不合规 站不住 不成立 无效")
    return words
  }()

  /// Entries by first scalar, longest first, so the longest word at a position wins.
  static let byFirst: [UInt32: [Entry]] = {
    var table: [UInt32: [Entry]] = [:]
    for (word, kind) in words {
      let scalars = word.unicodeScalars.map(\.value)
      table[scalars[0], default: []].append(Entry(scalars: scalars, kind: kind))
    }
    return table.mapValues { entries in
      entries.sorted { $0.scalars.count > $1.scalars.count }
    }
  }()

  /// The entries of each first scalar as a flat list, and per scalar below 0x10000 the
  /// 1-based start of its run in `flat` (0: no word starts with it).
  static let flat: [Entry] = byFirst.keys.sorted().flatMap { byFirst[$0]! }
  static let runs: [UInt16] = {
    var runs = [UInt16](repeating: 0, count: 0x10000)
    var offset = 0
    for key in byFirst.keys.sorted() {
      if key < 0x10000 { runs[Int(key)] = UInt16(offset + 1) }
      offset += byFirst[key]!.count
    }
    return runs
  }()

  /// The longest word starting at `index` in `chars`.
  @inline(__always)
  static func longestWord(in chars: UnsafeBufferPointer<UInt32>, at index: Int) -> Entry? {
    let first = chars[index]
    guard first < 0x10000 else { return nil }
    let run = Int(runs[Int(first)])
    guard run > 0 else { return nil }
    var position = run - 1
    while position < flat.count, flat[position].scalars[0] == first {
      let entry = flat[position]
      position += 1
      guard index + entry.scalars.count <= chars.count else { continue }
      var matched = true
      for offset in 1..<max(entry.scalars.count, 1) where chars[index + offset] != entry.scalars[offset] {
        matched = false
        break
      }
      if matched { return entry }
    }
    return nil
  }
}
