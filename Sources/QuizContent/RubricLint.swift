import QuizCore

/// Warnings for rubric keywords that make points trivial or penalise correct answers.
///
/// Each check returns the problem to report, or `nil`; the decoder logs them at the keyword's
/// place. The messages say what to do instead.
enum RubricLint {
  /// Words almost any answer contains: connectives, sequence words, modal verbs.
  static let functionWords: Set<String> = Set(
    ("例如 比如 譬如 举例 首先 然后 其次 再次 最后 第一 第二 第三 一是 二是 三是 另外 此外 同时 因为 所以 因此 如果 "
      + "但是 并且 而且 以及 或者 可以 应当 应该 需要 必须 不得 不能 不要 不应 进行 就是 还是 已经 这个 那个 什么 "
      + "怎样 如何 我们 他们 的 了 和 与 或 是 在 有 也 都 就 要 会 能")
      .split(separator: " ").map(String.init))

  /// Words that name a topic without saying anything about it.
  static let genericWords: Set<String> = Set(
    ("情形 场景 例子 问题 方法 措施 情况 风险 时间 成本 费用 合法 合规 依法 法律 规定 要求 注意 处理 记录 联系 "
      + "沟通 确认 条件 快 早 及时 尽快 流程 步骤 途径 方式 手段 作用 原因 结果 方面 工作 管理 制度")
      .split(separator: " ").map(String.init))

  /// A keyword that matches too much: one character, or a function word.
  static func wordProblem(_ keyword: String) -> ContentProblem.KeywordProblem? {
    let bare = bareWord(keyword)
    // Blank keywords are an error of their own.
    guard !TextNormalizer.normalize(bare).isEmpty else { return nil }
    if functionWords.contains(bare) { return .functionWord(bare) }
    if bare.count == 1 { return .singleCharacter(bare) }
    return nil
  }

  /// A point every group of which can be met by a function or generic word.
  static func genericPointProblem(_ groups: KeywordGroups) -> ContentProblem? {
    let generic = groups.map { group in
      group.first { functionWords.contains(bareWord($0)) || genericWords.contains(bareWord($0)) }
    }
    guard !generic.isEmpty, generic.allSatisfy({ $0 != nil }) else { return nil }
    return .genericPoint(generic.compactMap { $0.map(bareWord) })
  }

  /// A misconception a learner who rejects it would still be charged with.
  static func rejectionProblem(_ misconception: Misconception) -> ContentProblem? {
    let claim = misconception.keywords.compactMap { $0.first.map(bareWord) }.joined()
    guard !claim.isEmpty else { return nil }
    let rubric = Rubric(
      points: [RubricPoint(text: "-", keywords: [["\u{1}"]])], modelAnswer: claim,
      misconceptions: [misconception])
    let question = Question(id: "lint", lesson: "lint", prompt: "-", explanation: "-", kind: .open(rubric))
    for rejection in ["不能认为\(claim)", "\(claim)，这是错误的", "\(claim)是不对的"] {
      let grade = Grader.grade(.text(rejection), for: question)
      if !(grade.rubric?.found.isEmpty ?? true) {
        return .rejectionStillCharged(rejection: rejection, claim: claim)
      }
    }
    return nil
  }

  /// The keyword without its `~`/`+` prefix.
  static func bareWord(_ keyword: String) -> String {
    if let first = keyword.first, first == "~" || first == "+" { return String(keyword.dropFirst()) }
    return keyword
  }
}
