import QuizCore

extension InteropProblem {
  /// The English text.
  var english: String {
    switch self {
    case .unclosedTitle: "the title opened with `::` is not closed with `::`"
    case .unclosedBrace: "`{` is not closed: every answer set ends with `}` (write `\\{` for a literal brace)"
    case .unexpectedClosingBrace: "`}` without an opening `{` (write `\\}` for a literal brace)"
    case .secondAnswerSet:
      "a second answer set: a GIFT question has one `{…}`; split it into two questions or escape the brace as `\\{`"
    case .strayArrow:
      "`->` belongs only in matching questions (`=prompt -> answer`); write `-\\>` or remove it"
    case .matchingNeedsArrow: "every answer of a matching question is `=prompt -> answer`; this one has no `->`"
    case .badWeight(let written):
      "`\(written)` is not a weight: write a percentage from -100 to 100 between two `%`, such as `%50%` or `%-33.33333%`"
    case .weightOnRightAnswer:
      "an answer marked `=` is always fully right; for partial credit write `~%50%…` instead of `=%50%…`"
    case .notAMoodleGrade(let id, let fraction):
      "\(id): the fraction \(QuestionDecoder.format(fraction)) is not one of Moodle's grades (100%, 90%, 83.33333%, 80%, 75%, 70%, 66.66667%, 60%, 50%, 40%, 33.33333%, 30%, 25%, 20%, 16.66667%, 14.28571%, 12.5%, 11.11111%, 10%, 5%, 0% and their negatives); Moodle refuses it unless its import rounds to the nearest grade"
    case .tooFewAnswers(let needed): "this question needs at least \(needed) answers"
    case .emptyAnswer: "an answer has no text"
    case .noNumericAnswer: "a numeric question (`{#…}`) needs at least one number"
    case .badNumber(let written):
      "`\(written)` is not a numeric answer: write `30`, `30:0.5` (value and margin) or `29.5..30.5` (a range)"
    case .lowercaseTrueFalse(let word):
      "`\(word)` is read as a short answer, as Moodle reads it; write `T`, `TRUE`, `F` or `FALSE` for a true/false question"
    case .descriptionSkipped(let name): "“\(name)” has no answers (a description in Moodle) and is not imported"
    case .aikenNoAnswer: "the question before this line has no `ANSWER:` line after its options, and is not imported"
    case .aikenAnswerNotAnOption(let letter): "`ANSWER: \(letter)` names no option of this question"
    case .aikenTooFewOptions: "an Aiken question needs at least two options (`A) …`, `B) …`)"
    case .aikenNotStarted:
      "an option or `ANSWER:` line with no question before it (each question is a line of text, its options, then `ANSWER: X`)"
    case .xmlSyntax(let code): "the XML is not well formed: " + Self.xmlReason(code).english
    case .notMoodleXML(let root): "the file is not Moodle XML: its root element is <\(root)>, not <quiz>"
    case .unsupportedType(let type): "questions of type `\(type)` have no equivalent here and are not imported"
    case .missingElement(let name): "<\(name)> is missing"
    case .notANumber(let field, let written): "<\(field)> should be a number, found `\(written)`"
    case .orderingGradingChanged(let grading):
      "Moodle grades this ordering question by `\(grading)`; here it is graded by the longest run in the right order (`longest-ordered-subset`)"
    case .orderingSubsetShownWhole: "Moodle shows learners only some of these items; here all of them are shown"
    case .noGeneralFeedback(let id):
      "\(id): no general feedback, so its explanation is a placeholder; write why the answer is right"
    case .filesDropped(let count):
      "\(count) embedded file(s) (images) are not imported; only their alternative text is kept"
    case .catchAllDropped(let feedback):
      "the feedback for any other number (“\(feedback)”) has no place here and is not imported; put it in the general feedback"
    case .invalidQuestion(let id, let problem): "\(id) is not imported: \(problem.message(.en))"
    case .questionWarning(let id, let problem): "\(id): \(problem.message(.en))"
    case .notExpressible(let id, let features, let skipped):
      skipped
        ? "\(id) is not exported: the format has no \(features.map(\.english).joined(separator: ", "))"
        : "\(id) is exported without its \(features.map(\.english).joined(separator: ", ")), which the format cannot say"
    }
  }

  /// The Chinese text.
  var chinese: String {
    switch self {
    case .unclosedTitle: "以 `::` 开始的标题没有用 `::` 结束"
    case .unclosedBrace: "`{` 没有闭合：每组答案都以 `}` 结束（字面上的花括号写作 `\\{`）"
    case .unexpectedClosingBrace: "`}` 前面没有对应的 `{`（字面上的花括号写作 `\\}`）"
    case .secondAnswerSet: "出现了第二组答案：GIFT 的一道题只有一组 `{…}`；请拆成两道题，或把花括号写作 `\\{`"
    case .strayArrow: "`->` 只用于匹配题（`=题目 -> 答案`）；请写作 `-\\>` 或删去"
    case .matchingNeedsArrow: "匹配题的每个答案都写作 `=题目 -> 答案`，这一项缺少 `->`"
    case .badWeight(let written): "`\(written)` 不是得分比例：请在两个 `%` 之间写 -100 到 100 的百分数，如 `%50%`、`%-33.33333%`"
    case .weightOnRightAnswer: "标为 `=` 的答案总是满分；要给部分分，请把 `=%50%…` 写成 `~%50%…`"
    case .notAMoodleGrade(let id, let fraction):
      "\(id)：得分比例 \(QuestionDecoder.format(fraction)) 不在 Moodle 允许的分值之列（100%、90%、83.33333%、80%、75%、70%、66.66667%、60%、50%、40%、33.33333%、30%、25%、20%、16.66667%、14.28571%、12.5%、11.11111%、10%、5%、0% 及其负值）；除非导入时选择取最接近的分值，Moodle 会拒绝这道题"
    case .tooFewAnswers(let needed): "这道题至少需要 \(needed) 个答案"
    case .emptyAnswer: "有一个答案没有文字"
    case .noNumericAnswer: "数值题（`{#…}`）至少要有一个数"
    case .badNumber(let written): "`\(written)` 不是数值答案：请写 `30`、`30:0.5`（数值和误差）或 `29.5..30.5`（区间）"
    case .lowercaseTrueFalse(let word):
      "`\(word)` 按 Moodle 的规则读作简答题；判断题请写 `T`、`TRUE`、`F` 或 `FALSE`"
    case .descriptionSkipped(let name): "“\(name)”没有答案（Moodle 的说明文字），不导入"
    case .aikenNoAnswer: "这一行之前的那道题在选项之后没有 `ANSWER:` 行，不导入"
    case .aikenAnswerNotAnOption(let letter): "`ANSWER: \(letter)` 不是这道题的任何选项"
    case .aikenTooFewOptions: "Aiken 题至少要有两个选项（`A) …`、`B) …`）"
    case .aikenNotStarted: "选项或 `ANSWER:` 行之前没有题干（每道题是一行题干、各选项、再加 `ANSWER: X`）"
    case .xmlSyntax(let code): "XML 格式不正确：" + Self.xmlReason(code).chinese
    case .notMoodleXML(let root): "这不是 Moodle XML 文件：根元素是 <\(root)>，不是 <quiz>"
    case .unsupportedType(let type): "本程序没有与 `\(type)` 对应的题型，这类题不导入"
    case .missingElement(let name): "缺少 <\(name)>"
    case .notANumber(let field, let written): "<\(field)> 应为数字，现在是 `\(written)`"
    case .orderingGradingChanged(let grading):
      "Moodle 按 `\(grading)` 给这道排序题评分；这里改按顺序正确的最长子序列评分（`longest-ordered-subset`）"
    case .orderingSubsetShownWhole: "Moodle 只向学员显示其中几项；这里显示全部各项"
    case .noGeneralFeedback(let id): "\(id)：原题没有总体反馈，解析暂为占位文字；请写明为什么这个答案正确"
    case .filesDropped(let count): "\(count) 个嵌入文件（图片）不导入，只保留其替代文字"
    case .catchAllDropped(let feedback): "“其他任何数值”的反馈（“\(feedback)”）在这里没有对应，不导入；可写进总体反馈"
    case .invalidQuestion(let id, let problem): "\(id) 不导入：\(problem.message(.zh))"
    case .questionWarning(let id, let problem): "\(id)：\(problem.message(.zh))"
    case .notExpressible(let id, let features, let skipped):
      skipped
        ? "\(id) 不导出：该格式没有\(features.map(\.chinese).joined(separator: "、"))"
        : "\(id) 导出时不含\(features.map(\.chinese).joined(separator: "、"))：该格式无法表达"
    }
  }
}

extension InteropProblem {
  /// What libxml2's commonest error numbers mean, and what to do.
  static func xmlReason(_ code: Int) -> (english: String, chinese: String) {
    switch code {
    case 4: ("the document is empty", "文件是空的")
    case 5, 77: ("it ends before every element is closed (the file may be cut short)", "还有元素没有闭合文件就结束了（文件可能不完整）")
    case 9: ("a character XML does not allow", "含有 XML 不允许的字符")
    case 23, 24, 26, 27:
      ("an entity that is not defined; write a literal & as &amp;", "引用了未定义的实体；字面上的 & 请写作 &amp;")
    case 38, 39, 40, 41: ("an attribute value must be in quotes", "属性值必须用引号括起来")
    case 63: ("a CDATA section is not closed with ]]>", "CDATA 段没有用 ]]> 结束")
    case 68: ("a name was expected; write a literal < as &lt;", "这里应是元素名；字面上的 < 请写作 &lt;")
    case 73: ("> was expected", "这里应是 >")
    case 76: ("an end tag does not match its start tag", "结束标签与开始标签不匹配")
    case 85: ("there is more after the root element", "根元素之后还有内容")
    default: ("libxml2 error \(code)", "libxml2 错误 \(code)")
    }
  }
}

extension InteropProblem.Feature {
  var english: String {
    switch self {
    case .ordering: "ordering questions"
    case .scenario: "call simulations"
    case .rubric: "rubric (it becomes an essay a person grades)"
    case .scoringMode: "scoring mode (Moodle adds up the fractions of the choices picked)"
    case .orderingScoring: "all-or-nothing ordering scoring"
    case .caseSensitive: "case-sensitive matching"
    case .unit: "unit"
    case .modelAnswer: "model answer"
    case .weight: "weight"
    case .arrowInAnswer: "way to write `->` inside an answer"
    case .difficulty: "difficulty"
    case .source: "source section"
    case .context: "case context"
    }
  }

  var chinese: String {
    switch self {
    case .ordering: "排序题"
    case .scenario: "通话模拟题"
    case .rubric: "评分细则（导出为由人工评分的问答题）"
    case .scoringMode: "计分方式（Moodle 把所选选项的得分比例相加）"
    case .orderingScoring: "排序题的全对才得分规则"
    case .caseSensitive: "区分大小写"
    case .unit: "单位"
    case .modelAnswer: "参考答案"
    case .weight: "分值"
    case .arrowInAnswer: "在答案中写 `->` 的办法"
    case .difficulty: "难度"
    case .source: "出处章节"
    case .context: "案例材料"
    }
  }
}
