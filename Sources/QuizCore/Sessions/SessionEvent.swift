/// What can happen to a session: something the learner typed or did, or time passing.
public enum SessionEvent: Sendable, Hashable {
  /// A line typed at the current question (an answer, or a reply to a question the session asked).
  case text(String)
  /// `?` or `hint`: where in the lessons the answer is.
  case hint
  /// `help`: what can be typed here.
  case help
  /// `case` / `案例`: show the question's case or passage again.
  case context
  /// `skip`: move on without answering.
  case skip
  /// `quit`: end the session now; what was answered is kept.
  case quit
  /// Ctrl-C or the end of input: stop here and resume later.
  case pause
  /// `next` / `prev` / `goto N` (1-based): move between questions (deferred feedback only).
  case next, previous
  case goTo(Int)
  /// `flag`: mark (or unmark) the current question to come back to (deferred feedback only).
  case flag
  /// `submit`: hand in the attempt (deferred feedback only); asks for confirmation first.
  case submit
  /// The answer to "submit now?".
  case confirm(Bool)
  /// After a correct answer in a review: that was too easy (a longer interval).
  case easy
  /// After a correct answer: go on.
  case proceed
  /// Time passed (a timed attempt submits itself after its deadline).
  case tick

  /// The words recognised at every prompt (in both languages), and what they mean.
  ///
  /// Navigation words are recognised only when the session's feedback is deferred, so that a
  /// short answer such as `next` is still an answer in practice.
  public init(typing line: String, deferred: Bool = false) {
    let word = line.trimmingSpaces().lowercased()
    if let event = Self.words[word] {
      self = event
      return
    }
    if deferred {
      if let event = Self.navigation[word] {
        self = event
        return
      }
      let parts = word.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" })
      if parts.count == 2, Self.goToWords.contains(String(parts[0])), let number = Int(parts[1]) {
        self = .goTo(number)
        return
      }
    }
    self = .text(line)
  }

  static let words: [String: SessionEvent] = {
    var words: [String: SessionEvent] = [:]
    for word in ["?", "？", "hint", "提示"] { words[word] = .hint }
    for word in ["help", "帮助"] { words[word] = .help }
    for word in ["case", "案例", "context"] { words[word] = .context }
    for word in ["skip", "跳过"] { words[word] = .skip }
    for word in ["quit", "exit", "退出", "结束"] { words[word] = .quit }
    return words
  }()

  static let navigation: [String: SessionEvent] = {
    var words: [String: SessionEvent] = [:]
    for word in ["next", "下一题"] { words[word] = .next }
    for word in ["prev", "previous", "上一题"] { words[word] = .previous }
    for word in ["flag", "标记"] { words[word] = .flag }
    for word in ["submit", "交卷"] { words[word] = .submit }
    return words
  }()

  static let goToWords: Set<String> = ["goto", "go", "跳到", "第"]
}
