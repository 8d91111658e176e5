import QuizCore

// The Chinese catalogue, for the instructors who write the courses. Field names, values and
// file names stay as they are written in the files, in backticks; text quoted from the YAML
// parser or the system, when it has no translation here, is kept verbatim in backticks.

extension ContentProblem {
  /// The Chinese text.
  var chinese: String {
    switch self {
    case .fileTooLarge(let megabytes, let limit):
      "文件太大（\(megabytes) MB）：内容文件最大 \(limit) MB，请拆分成几个文件"
    case .unreadableFile(let reason):
      "无法读取文件（系统信息：`\(reason)`）"
    case .notUTF8(let byte):
      "文件不是有效的 UTF-8 文本（第 \(byte) 个字节）；请以 UTF-8 编码保存"

    case .yamlUnparsable(let detail):
      "无法解析 YAML（解析器信息：`\(detail)`）"
    case .yamlSyntax(let problem, let context, let line):
      "YAML 语法错误：\(YAMLWording.problem(problem))\(context.map { YAMLWording.context($0, line: line) } ?? "")"
    case .yamlUnreadable(let problem):
      "YAML 无法读取这段文本：\(YAMLWording.problem(problem))"
    case .duplicateKeys(let keys):
      "同一映射中有重复的键 \(keys.map { "`\($0)`" }.joined(separator: "、"))"
    case .anchorsNotAllowed:
      "课程文件不允许使用 YAML 锚点和别名（&name、*name），请把内容直接写出来"
    case .notAMapping(let part, let found):
      spaced(part.chinese, "必须是映射（若干“键: 值”行），实际是", found.chinese)
    case .notAList(let part, let found):
      spaced(part.chinese, "必须是列表，实际是", found.chinese)
    case .notText(let field, let found):
      spaced("`\(field)` 必须是文本，实际是", found.chinese)
    case .emptyField(let field):
      "`\(field)` 不能为空"
    case .notANumber(let field, let found):
      spaced("`\(field)` 必须是数字，例如 30 或 0.5，实际是", found.chinese)
    case .notAWholeNumber(let field, let range, let found):
      spaced("`\(field)` 必须是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数，实际是", found.chinese)
    case .notABoolean(let field, let found):
      spaced("`\(field)` 必须是 true 或 false，实际是", found.chinese)
    case .keyNotAName(let part, let found):
      spaced(part.chinese, "的键必须是普通名称，实际是", found.chinese)
    case .unknownField(let name, let part, .belongsTo(let types)):
      spaced(part.chinese, "中有未知字段 `\(name)`（`\(name)` 是\(types.map(\.chinese).joined(separator: "、"))的字段）")
    case .unknownField(let name, let part, .didYouMean(let suggestion)):
      spaced(part.chinese, "中有未知字段 `\(name)`；是不是想写 `\(suggestion)`？")
    case .unknownField(let name, let part, .allowed(let fields)):
      spaced(
        part.chinese, "中有未知字段 `\(name)`；可以写的字段有 \(fields.map { "`\($0)`" }.joined(separator: "、"))")
    case .missingField(let field, let part):
      spaced(part.chinese, "缺少必填字段 `\(field)`")

    case .noLessonsFolder:
      "课程中没有 `lessons` 文件夹"
    case .emptyCourseFile:
      "course.yaml 是空的：请写上 `id`、`title`、`version` 和 `lessons`"
    case .invalidID(let owner, let id):
      "\(owner.chinese) id `\(id)` 只能使用 a-z、0-9、`.` 和 `-`"
    case .duplicateLessonID(let id, let first):
      "课文 id `\(id)` 重复；另一处在 \(first.file):\(first.line):\(first.column)"
    case .duplicateQuestionID(let id, let first):
      "题目 id `\(id)` 重复；另一处在 \(first.file):\(first.line):\(first.column)"
    case .lessonListedTwice(let id):
      "课文 `\(id)` 在 `lessons` 中列出了两次"
    case .listedLessonMissing(let id, let hint):
      "`lessons` 中列出了课文 `\(id)`，但 lessons/ 中没有这个 id 的课文文件\(hint.chinese)"
    case .lessonNotListed(let id):
      "课文 `\(id)` 没有列入 course.yaml 的 `lessons`，学员看不到这一课"
    case .unknownLesson(let id, let hint):
      "`lesson` 引用的课文 `\(id)` 不存在\(hint.chinese)"
    case .noSource:
      "题目缺少 `source` 字段；请写上供学员重读的课文小节（`lesson-id#heading`）"
    case .lessonWithoutQuestions(let id):
      "课文 `\(id)` 还没有任何题目"
    case .noQuestionsInFile:
      "文件中没有任何题目"
    case .referenceToUnknownLesson(let field, let lesson, let hint):
      "`\(field)` 引用的课文 `\(lesson)` 不存在\(hint.chinese)"
    case .referenceToUnknownHeading(let field, let heading, let lesson, let hint):
      "`\(field)` 引用的小节 `\(heading)` 在课文 `\(lesson)` 中不存在\(hint.chinese)"
    case .fractionsAsDefault:
      "`fractions` 不能作为默认计分方式：只有选项写了得分比例的题目才按它计分；请改用 `partial` 或 `all-or-nothing`"
    case .unknownDefaultScoring(let value):
      "未知的计分方式 `\(value)`；请使用 `partial` 或 `all-or-nothing`"

    case .noFrontMatter:
      "课文必须以头信息（front matter）开头：先写一行 `---`，然后是 `id:`、`title:`、`objectives:`、`minutes:`，最后再写一行 `---`"
    case .unclosedFrontMatter:
      "头信息没有结束：请在它后面加一行 `---`"
    case .emptyFrontMatter:
      "头信息是空的：请写上 `id`、`title`、`objectives` 和 `minutes`"
    case .noObjectives:
      "`objectives` 为空；请列出学员学完本课后能做到的事"
    case .emptyHeading:
      "标题没有文字"
    case .duplicateHeading(let heading, let firstLine):
      "标题 `\(heading)` 在本课中出现了两次（第一次在第 \(firstLine) 行）；指向它的 `source` 会有歧义"
    case .noLessonBody:
      "课文在头信息之后没有正文"

    case .notADuration(let field, let found):
      "`\(field)` 的值 `\(found)` 不是时长；请写成 `45m`、`1h30m`、`24h` 或 `365d` 这样的形式"
    case .examIDNotFileName(let id, let file):
      "考试 id `\(id)` 与文件名 `\(file)` 不一致；请让二者相同"
    case .duplicateExamID(let id, let first):
      "考试 id `\(id)` 重复；第一次定义在 \(first.file):\(first.line):\(first.column)"
    case .drawCannotBeFilled(let rule, let count, let available):
      "抽题规则第 \(rule + 1) 条要抽 \(count) 题，但课程中符合条件且未被其他规则抽走的只有 \(available) 题"
    case .drawUnknownLesson(let lesson, let hint):
      "抽题规则中的课文 `\(lesson)` 不存在\(hint.chinese)"
    case .manualGradingUnused(let type):
      "`manual_grading` 列出了\(type.chinese)，但抽题规则不会抽到这类题"
    case .duplicateRuleID(let id):
      "规则编号 `\(id)` 重复"
    case .unknownRule(let id, let hint):
      "`flags` 中的规则 `\(id)` 不在 rules.yaml 中\(hint.chinese)"
    case .duplicateNodeID(let id):
      "节点编号 `\(id)` 在本题中重复"
    case .unknownNode(let id, let field, let hint):
      "`\(field)` 指向的节点 `\(id)` 不存在\(hint.chinese)"
    case .unreachableNode(let id):
      "节点 `\(id)` 从 `start` 出发永远走不到"
    case .startIsAnEnding(let id):
      "`start` 指向的节点 `\(id)` 是结局：通话还没开始就结束了"
    case .ruleDiffersFromTable(let id):
      "本题自带的规则 `\(id)` 与 rules.yaml 中同编号的规则不一致；请删去本题中的这条，或改用新的编号"
    case .deadEnd(let id):
      "节点 `\(id)` 既没有回复（`replies`）也没有结局（`ending`），通话会停在这里而没有结论"
    case .repliesAndEnding(let id):
      "节点 `\(id)` 同时有回复和结局；结局节点不能再有回复"
    case .noWayOut(let ids):
      "从节点 " + ids.map { "`\($0)`" }.joined(separator: "、") + " 出发走不到任何结局：通话会在这里无限循环"
    case .goalNotListed(let goal):
      "回复达成的目标 `\(goal)` 没有列在本题的 `goals` 中"
    case .freeTextReplyWithoutKeywords(let node, let reply):
      "节点 `\(node)` 允许自由输入（`free_text`），但第 \(reply) 个回复没有 `keywords`，无法匹配学员的话"
    case .replyWordsDoNotPickIt(let node, let reply, let others):
      others.isEmpty
        ? "节点 `\(node)` 第 \(reply) 个回复的原话匹配不到它自己的 `keywords`：学员照这句话说也会被要求改选编号"
        : "节点 `\(node)` 第 \(reply) 个回复的原话也匹配到第 "
          + others.map(String.init).joined(separator: "、") + " 个回复的 `keywords`：请让各回复的关键词互不重叠（必要时用 `+` 或 `~`）"
    case .noFullCreditPath(let best):
      "没有一条路径能得满分（最好的路径得 \(QuestionDecoder.format(best))）：检查目标和扣分规则"
    case .notPositive(let field):
      "`\(field)` 必须是正数"
    case .notASectionReference(let field):
      "`\(field)` 必须写成 `lesson-id#heading` 的形式"
    case .contextNeedsTextOrSection:
      "`context` 需要写 `text` 或 `section`，二者选一"
    case .unknownQuestionType(let name, let hint):
      "未知的题型 `\(name)`\(hint.chinese)"
    case .typeNeedsField(let type, let field):
      "\(type.chinese)缺少 `\(field)` 字段"
    case .singleNeedsOneFullChoice(let found):
      "单选题必须恰好有一个满分选项（`correct: true`），现在有 \(found) 个"
    case .fractionsNeedFractionScoring:
      "选项写了 `fraction`，这需要 `scoring: fractions`；请删去选项的得分比例，或删去 `scoring`"
    case .fractionsDoNotAddUp(let sum):
      "各选项正的得分比例之和是 \(QuestionDecoder.format(sum))，应为 1"
    case .multipleNeedsTwoCorrect(let found):
      "多选题至少要有两个正确选项，现在有 \(found) 个；只有一个正确选项时请用 `single`"
    case .matchingNeedsTwoPairs:
      "匹配题至少要有两对"
    case .orderingNeedsTwoItems:
      "排序题至少要有两项"
    case .orderingItemsRepeat:
      "排序题的各项必须互不相同"
    case .choiceQuestionNeedsTwoChoices:
      "选择题至少要有两个选项"
    case .fractionOutOfRange(let value, let range):
      "`fraction` 的值 \(QuestionDecoder.format(value)) 超出了范围 \(QuestionDecoder.format(range.lowerBound))…\(QuestionDecoder.format(range.upperBound))"
    case .negativeTolerance:
      "`tolerance` 不能是负数"
    case .unknownValue(let field, let value, let hint):
      "`\(field)` 的取值 `\(value)` 无效\(hint.chinese)"
    case .noFullCreditAnswer:
      "没有满分答案；请让其中一个答案的得分比例为 1（即 `fraction: 1`，不写时默认如此）"

    case .rubricNeedsPoint:
      "评分细则至少要有一个要点"
    case .pointWithoutKeywords:
      "要点缺少 `keywords` 字段；请至少写一组关键词"
    case .misconceptionNeedsPenalty:
      "误区需要写 `penalty`（0 到 1），或写 `critical: true` 把它设为红线"
    case .notAFraction(let field):
      "`\(field)` 必须在 0 到 1 之间"
    case .capWithoutCritical:
      "`cap` 只适用于红线；请加上 `critical: true`"
    case .redLineWithoutRule:
      "红线应写明所依据的规定及其效力层级：请加上 `rule`，例如 `《民法典》第六百九十二条（法律）`"
    case .invalidBand:
      "`band` 必须是两个分数 [下限, 上限]，且 0 ≤ 下限 ≤ 上限 ≤ 1"
    case .noKeywords:
      "`keywords` 为空；请至少写一组关键词"
    case .emptyKeywordGroup:
      "有一组关键词是空的"
    case .unknownConcept(let name, let hint):
      "概念 `\(name)` 不存在\(hint.chinese)"
    case .blankKeyword(let keyword):
      "关键词 `\(keyword)` 只有标点或空格，会匹配任何答案"
    case .weakKeyword(let problem):
      problem.chinese
    case .genericPoint(let words):
      "这个要点仅凭泛泛的词（\(words.map { "`\($0)`" }.joined(separator: " + "))）就能满足；请要求一个只有真正答到这个要点的答案才会用到的词"
    case .rejectionStillCharged(let rejection, let claim):
      "学员否定这个观点（“\(rejection)”）时仍会被扣分：有关键词含有连接词或跨越了分句；请只写观点本身，例如 `\(claim)`"
    case .modelAnswerFallsShort(let score, let summary):
      "参考答案按自己的评分细则只得 \(QuestionDecoder.format(score)) 分（应得满分且不触发误区）；\(summary.chinese)"
    case .sampleMismatch(let mismatches, let summary):
      "自测样例\(mismatches.map(\.chinese).joined(separator: "，并且"))；\(summary.chinese)"
    case .interop(let problem):
      problem.chinese
    case .modelAnswerBelongsInRubric:
      "有评分细则时，`model_answer` 写在 `rubric` 里；题目一级的 `model_answer` 只用于没有评分细则、由人工评分的题"

    case .conceptNamePrefix(let name):
      "概念名 `\(name)` 不能以 `$`、`~` 或 `+` 开头；请只写名称本身"
    case .nestedConcept(let name, let nested):
      "概念 `\(name)` 引用了 `\(nested)`；概念不能引用其他概念，请直接列出词语"
    case .blankConceptWord(let name):
      "概念 `\(name)` 中有一个词只有标点或空格"
    case .weakConceptWord(let name, let problem):
      "概念 `\(name)`：\(problem.chinese)"
    }
  }

  /// Joins pieces of a sentence, with a space wherever Chinese meets Latin letters, digits or
  /// backticks, as the rest of the interface writes it (`course.yaml 缺少`, `是 `x``).
  private func spaced(_ pieces: String...) -> String {
    var text = ""
    for piece in pieces {
      if let last = text.last, let first = piece.first,
        (Self.isIdeograph(last) && Self.isLatin(first)) || (Self.isLatin(last) && Self.isIdeograph(first))
      {
        text += " "
      }
      text += piece
    }
    return text
  }

  private static func isIdeograph(_ character: Character) -> Bool {
    guard let scalar = character.unicodeScalars.first else { return false }
    return (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
  }

  private static func isLatin(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || character == "`")
  }
}

extension ContentProblem.Part {
  var chinese: String {
    switch self {
    case .courseFile: "course.yaml"
    case .conceptsFile: "concepts.yaml"
    case .questionFile: "题库文件"
    case .question(nil): "题目"
    case .question(let type?): type.chinese
    case .frontMatter: "头信息"
    case .lessonFrontMatter: "课文头信息"
    case .field(let name): "`\(name)`"
    case .answer: "答案"
    case .numericAnswer: "数值题的答案"
    case .pair: "配对"
    case .choice: "选项"
    case .rubric: "评分细则"
    case .rubricPoint: "要点"
    case .misconception: "误区"
    case .sample: "自测样例"
    case .exam: "考试方案"
    case .drawRule: "抽题规则"
    case .rulesFile: "rules.yaml"
    case .rule: "合规规则"
    case .scenarioNode: "通话节点"
    case .reply: "回复"
    case .ending: "结局"
    }
  }
}

extension ContentProblem.Found {
  var chinese: String {
    switch self {
    case .mapping: "映射"
    case .list: "列表"
    case .alias: "别名"
    case .nothing: "空值"
    case .scalar(let text): "`\(text)`"
    }
  }
}

extension ContentProblem.Hint {
  var chinese: String {
    switch self {
    case .none: ""
    case .didYouMean(let name): "；是不是想写 `\(name)`？"
    case .oneOf(let names): "；可选的值有 " + names.map { "`\($0)`" }.joined(separator: "、")
    case .defineConcept: "；请在 concepts.yaml 中定义它"
    }
  }
}

extension ContentProblem.IDOwner {
  var chinese: String {
    switch self {
    case .course: "课程"
    case .lesson: "课文"
    case .question: "题目"
    case .exam: "考试"
    case .rule: "规则"
    case .node: "节点"
    }
  }
}

extension ContentProblem.KeywordProblem {
  var chinese: String {
    switch self {
    case .functionWord(let word):
      "关键词 `\(word)` 是几乎每份答案都会有的虚词；请改用这个要点本身的词"
    case .singleCharacter(let word):
      "关键词 `\(word)` 只有一个字，在无关的词语里也会匹配到；请用两个字或更长的词"
    }
  }
}

extension ContentProblem.SampleMismatch {
  var chinese: String {
    switch self {
    case .outsideBand(let score, let band):
      "得 \(QuestionDecoder.format(score)) 分，不在区间 "
        + "[\(QuestionDecoder.format(band.lowerBound)), \(QuestionDecoder.format(band.upperBound))] 内"
    case .notFlaggedForReview(let confidence):
      "没有被标记为人工复核（置信度 \(QuestionDecoder.format(confidence))）"
    case .flaggedForReview(let confidence):
      "被标记为人工复核（置信度 \(QuestionDecoder.format(confidence))）"
    case .crossesNoRedLine:
      "没有触及红线"
    case .crossesRedLine:
      "触及了红线"
    }
  }
}

extension ContentProblem.GradeSummary {
  var chinese: String {
    var text = "覆盖的要点：" + (covered.isEmpty ? "无" : covered.map(String.init).joined(separator: "、"))
    if !found.isEmpty { text += "；触发的误区：" + found.map(String.init).joined(separator: "、") }
    return text
  }
}

extension QuestionType {
  /// The Chinese name of the type, as the content guide names it.
  fileprivate var chinese: String {
    switch self {
    case .single: "单选题"
    case .multiple: "多选题"
    case .truefalse: "判断题"
    case .short: "简答题"
    case .numeric: "数值题"
    case .matching: "匹配题"
    case .ordering: "排序题"
    case .open: "开放题"
    case .scenario: "通话模拟题"
    }
  }
}

/// Chinese for the messages of the YAML parser (libyaml, through Yams) that instructors meet;
/// others are quoted as the parser wrote them.
private enum YAMLWording {
  static let problems: [String: String] = [
    "found unexpected end of stream": "文件在此意外结束",
    "found character that cannot start any token": "这个字符不能出现在这里",
    "mapping values are not allowed in this context": "这里不能出现“键: 值”（冒号后的内容含有冒号时请加引号）",
    "could not find expected ':'": "缺少冒号 `:`",
    "did not find expected key": "这里应当是一个键（检查缩进是否对齐）",
    "did not find expected node content": "这里缺少内容",
    "did not find expected '-' indicator": "这里应当是以 `-` 开头的列表项（检查缩进是否对齐）",
    "did not find expected ',' or ']'": "缺少 `,` 或 `]`",
    "did not find expected ',' or '}'": "缺少 `,` 或 `}`",
    "did not find expected comment or line break": "这里只能是注释或换行",
    "found a tab character that violates indentation": "缩进中有制表符（Tab），请改用空格",
    "found a tab character where an indentation space is expected": "缩进中有制表符（Tab），请改用空格",
    "found unknown escape character": "引号中有无法识别的转义字符（`\\` 后面的字符）",
    "block sequence entries are not allowed in this context": "这里不能开始一个以 `-` 开头的列表",
    "found undefined tag handle": "使用了未定义的标签",
    "control characters are not allowed": "文本中不能有控制字符",
    "invalid leading UTF-8 octet": "文本中有无效的 UTF-8 字节",
    "invalid trailing UTF-8 octet": "文本中有无效的 UTF-8 字节",
    "incomplete UTF-8 octet sequence": "文本中有不完整的 UTF-8 字符",
  ]

  static let readings: [String: String] = [
    "a quoted scalar": "带引号的文本",
    "a plain scalar": "不带引号的文本",
    "a block scalar": "多行文本（`|` 或 `>`）",
    "a simple key": "键",
    "a block mapping": "映射",
    "a block collection": "列表",
    "a flow sequence": "方括号列表 `[…]`",
    "a flow mapping": "花括号映射 `{…}`",
    "a flow node": "方括号或花括号中的内容",
    "a node": "内容",
    "an anchor": "锚点",
    "an alias": "别名",
    "a tag": "标签",
    "a directive": "指令",
  ]

  static func problem(_ problem: String) -> String {
    problems[problem] ?? "`\(problem)`"
  }

  /// `while scanning a quoted scalar` from line 4 becomes “读取第 4 行开始的带引号的文本时”.
  static func context(_ context: String, line: Int) -> String {
    for prefix in ["while scanning ", "while parsing "] where context.hasPrefix(prefix) {
      if let reading = readings[String(context.dropFirst(prefix.count))] {
        return "（读取第 \(line) 行开始的\(reading)时）"
      }
    }
    return "（解析器在第 \(line) 行：`\(context)`）"
  }
}
