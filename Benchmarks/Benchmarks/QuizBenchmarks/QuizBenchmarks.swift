import Benchmark
import Foundation
import QuizContent
import QuizCore

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(3))

  // Grading: parse what the learner typed, then grade it.
  for (name, question, typed) in Samples.objective {
    Benchmark("grade \(name)") { benchmark in
      for _ in benchmark.scaledIterations {
        if case .success(let response) = AnswerParser.parse(typed, for: question) {
          blackHole(Grader.grade(response, for: question))
        }
      }
    }
  }

  Benchmark("parse numeric 11.5万元") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(AnswerParser.parseNumber("约 11.5万元", unit: "万元"))
    }
  }

  Benchmark("grade open 300 chars, 5-point rubric") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(Grader.grade(.text(Samples.longAnswer), for: Samples.open))
    }
  }

  // The target: < 50 µs for a 300-character answer, 6 points, concepts, red lines.
  Benchmark("grade open 312 chars, 6-point rubric with concepts and 3 red lines") { benchmark in
    let question = Samples.casePlan
    for _ in benchmark.scaledIterations {
      blackHole(Grader.grade(.text(Samples.casePlanAnswer), for: question))
    }
  }

  // Calls: grading a whole call (its best path searched each time, for the debrief), and
  // matching typed words to a reply at a free-text turn.
  Benchmark("grade scenario, the largest call of the course") { benchmark in
    let (question, scenario) = Samples.largestCall
    let path = ScenarioGrader.bestPath(scenario).path
    for _ in benchmark.scaledIterations {
      blackHole(Grader.grade(.path(path), for: question))
    }
  }

  Benchmark("match free text at a call turn") { benchmark in
    let node = Samples.freeTextTurn
    let typed = node.replies[0].text
    precondition(AnswerParser.parseReply(typed, at: node) == .success(0), "the reply's own words pick it")
    for _ in benchmark.scaledIterations {
      blackHole(AnswerParser.parseReply(typed, at: node))
    }
  }

  // Content: load and validate a generated course.
  Benchmark(
    "load+validate 20,000 questions",
    configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 10)
  ) { benchmark in
    let folder = try Samples.generatedCourse(questions: 20_000)
    benchmark.startMeasurement()
    let result = CourseLoader().load(folder: folder)
    benchmark.stopMeasurement()
    precondition(result.course?.questions.count == 20_000, "\(result.errors.prefix(3))")
  }
}

enum Samples {
  static func question(_ kind: QuestionKind) -> Question {
    Question(id: "b.q", lesson: "l", prompt: "?", explanation: "!", kind: kind)
  }

  static let objective: [(String, Question, String)] = [
    ("single", question(.single(choices: choices([0, 1, 0, 0]))), "B"),
    ("multiple", question(.multiple(choices: choices([1, 1, 0, 1, 0]), scoring: .partial)), "A、B、D"),
    ("truefalse", question(.trueFalse(TrueFalse(answer: true))), "对"),
    (
      "short",
      question(.short(ShortAnswer(answers: [AcceptedText(text: "诉讼时效"), AcceptedText(text: "*时效", fraction: 0.5)]))),
      "诉讼时效"
    ),
    (
      "numeric",
      question(.numeric(NumericAnswer(answers: [AcceptedNumber(value: 46, tolerance: .absolute(0.5))], unit: "天"))),
      "46天"
    ),
    (
      "matching",
      question(
        .matching(
          Matching(pairs: (1...4).map { MatchingPair(prompt: "情形\($0)", answer: "方式\($0)") }, distractors: ["核销"]))),
      "1A 2B 3C 4D"
    ),
    ("ordering", question(.ordering(Ordering(items: (1...6).map { "步骤\($0)" }))), "2 1 3 4 6 5"),
  ]

  static func choices(_ fractions: [Double]) -> [Choice] {
    fractions.enumerated().map { Choice(text: "选项\($0.offset)", fraction: $0.element, feedback: "反馈") }
  }

  static let open = question(
    .open(
      Rubric(
        points: [
          RubricPoint(text: "电话", weight: 1, keywords: [["电话", "致电", "通话"]]),
          RubricPoint(text: "函件", weight: 1, keywords: [["催收函", "函件", "律师函", "书面"]]),
          RubricPoint(text: "上门", weight: 1, keywords: [["上门", "拜访", "外访"]]),
          RubricPoint(text: "法律", weight: 2, keywords: [["起诉", "诉讼", "仲裁"], ["强制执行", "执行"]]),
          RubricPoint(text: "留痕", weight: 1, keywords: [["录音", "签收", "归档", "留存"]]),
        ],
        modelAnswer: "……",
        misconceptions: [Misconception(keywords: [["威胁家人", "爆通讯录"]], penalty: 0.5, feedback: "违法")])))

  /// The calls of the built-in course.
  static let calls: [(Question, Scenario)] = {
    let folder = (try? CourseLoader.locateCourse(in: "../content")) ?? "../content/loan-recovery"
    let course = CourseLoader().load(folder: folder).course
    return (course?.questions ?? []).compactMap { question -> (Question, Scenario)? in
      if case .scenario(let scenario) = question.kind { return (question, scenario) }
      return nil
    }
  }()

  /// The call with the most nodes.
  static let largestCall: (Question, Scenario) = {
    guard let largest = calls.max(by: { $0.1.nodes.count < $1.1.nodes.count }) else {
      preconditionFailure("no call in the built-in course at ../content")
    }
    return largest
  }()

  /// The free-text turn with the most replies.
  static let freeTextTurn: ScenarioNode = {
    let turns = calls.flatMap { $0.1.nodes.filter(\.freeText) }
    guard let turn = turns.max(by: { $0.replies.count < $1.replies.count }) else {
      preconditionFailure("no free-text turn in the built-in course")
    }
    return turn
  }()

  /// `lp.case-plan` of the built-in course in miniature: six points, `$name` concepts from a
  /// concept table, three red lines; decoded through the content loader as a course would be.
  static let casePlan: Question = {
    let concepts = ConceptTable([
      "保证期间": ["保证期", "担保期间", "保证责任期间"], "保证人": ["担保人", "连带保证人"],
      "财产保全": ["保全", "诉前保全", "查封", "冻结"], "抵押物": ["抵押", "抵押房产", "担保物", "担保财产"],
      "拍卖变卖": ["拍卖", "变卖", "折价"], "实现担保物权": ["实现抵押权", "特别程序"],
      "起诉": ["提起诉讼", "诉讼程序", "打官司", "仲裁"], "支付令": ["督促程序"],
      "诉讼时效": ["时效", "时效期间"], "中断": ["中断", "重新计算", "重新起算", "重新算"],
      "送达凭证": ["妥投", "签收", "回执", "送达记录"], "留存证据": ["录音", "归档", "存档", "留存"],
      "中断保证期间": ["保证期间也", "保证期间会", "保证期间可以", "保证期间随之", "延长保证期间"],
    ])
    let yaml = """
      - id: b.case-plan
        lesson: l
        type: open
        prompt: 拟定法律行动方案
        explanation: 见参考答案
        rubric:
          points:
            - {text: 保证期间, weight: 2, keywords: [[$保证期间, 6个月], [$保证人, 李某]]}
            - {text: 保全, weight: 2, keywords: [[$财产保全], [房产, 售房款, 另一套]]}
            - {text: 抵押, weight: 2, keywords: [[$抵押物, $实现担保物权], [$拍卖变卖, 优先受偿]]}
            - {text: 起诉, weight: 1, keywords: [[$起诉, $支付令]]}
            - {text: 执行, weight: 1, keywords: [[执行], [2年, 两年]]}
            - {text: 时效, weight: 1, keywords: [[$诉讼时效], [$中断, $送达凭证, $留存证据]]}
          model_answer: 保证期间6个月，立即书面请求保证人李某承担责任；对另一套房产申请财产保全；抵押房产拍卖、变卖；起诉；2年内申请执行；保存签收记录，诉讼时效中断。
          misconceptions:
            - {keywords: [[$中断保证期间], [$中断, 延长]], critical: true, rule: 《民法典》第六百九十二条（法律）, feedback: 保证期间不中断}
            - {keywords: [[不急, 以后再找, 先不找], [$保证人, 李某]], critical: true, rule: 《民法典》第六百九十三条（法律）, feedback: 要立即主张}
            - {keywords: [[房子, 房产], [直接归银行, 归银行所有]], critical: true, rule: 《民法典》第四百零一条（法律）, feedback: 禁止流押}
      """
    let bank = CourseLoader.parseQuestionBank(yaml, file: "bench.yaml", concepts: concepts)
    precondition(bank.questions.count == 1, "\(bank.diagnostics)")
    return bank.questions[0]
  }()

  /// 312 characters answering `casePlan`.
  static let casePlanAnswer =
    "这笔贷款的法律行动方案如下。保证期间最紧迫：合同没有约定，保证期间为主债务届满之日起6个月，不中止、不中断、不延长，现在只剩一个月，必须马上书面请求保证人李某承担连带责任。张某正在出售另一套房产，应提供担保申请诉前财产保全，请求法院查封该房产或冻结售房款，并在30日内起诉张某。抵押房产由张某自己提供，应先协议折价，协议不成的申请法院拍卖、变卖，就价款优先受偿，不足部分再由李某承担，不能约定房子直接归银行。取得生效判决后，张某不履行的，在2年内申请强制执行。整个过程保存催收函签收记录和张某承认欠款的录音，证明诉讼时效已经中断，这些证据同时用于诉讼；如果张某愿意分期还款，也要书面签订还款计划并经授权审批，违约则减免失效。"

  /// About 300 characters of a realistic learner answer.
  static let longAnswer =
    String(
      repeating: "贷款回收一般先电话联系借款人，核实身份后说明欠款并约定还款日期，通话全程录音；如果没有结果，再寄送催收函并保留签收凭证；必要时安排两名员工上门拜访，了解实际情况；",
      count: 3) + "仍不还款的，可以向法院起诉，判决生效后申请强制执行。"

  /// Writes a course of `questions` questions (all types, 20 lessons) to a temporary folder.
  static func generatedCourse(questions count: Int) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-course-\(count)")
    if FileManager.default.fileExists(atPath: folder.appendingPathComponent("course.yaml").path) { return folder.path }
    let lessons = (1...20).map { "lesson-\($0)" }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("lessons"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("questions"), withIntermediateDirectories: true)
    try Data(
      "id: generated\ntitle: 生成的课程\nversion: 1.0.0\nlessons:\n\(lessons.map { "  - \($0)" }.joined(separator: "\n"))\n"
        .utf8
    ).write(to: folder.appendingPathComponent("course.yaml"))
    for lesson in lessons {
      let body = "---\nid: \(lesson)\ntitle: 第\(lesson)课\nobjectives: [掌握要点]\nminutes: 20\n---\n\n## 要点\n\n正文。\n"
      try Data(body.utf8).write(to: folder.appendingPathComponent("lessons/\(lesson).md"))
    }
    let perLesson = count / lessons.count
    for lesson in lessons {
      var yaml = ""
      for index in 0..<perLesson {
        let id = "\(lesson).q\(index)"
        let common =
          "- id: \(id)\n  lesson: \(lesson)\n  source: \(lesson)#要点\n  tags: [实务, 合规]\n  difficulty: 2\n  prompt: 借款人逾期 \(index) 天，催收员首先应当做什么？这是第 \(index) 题。\n  explanation: 先核实身份，再谈债务，避免把欠款信息泄露给无关的人；其他做法都可能违规。\n"
        switch index % 4 {
        case 0:
          yaml +=
            common
            + "  type: single\n  choices:\n    - {text: 核实身份, correct: true, feedback: 对}\n    - {text: 威胁起诉, feedback: 不可以}\n    - {text: 联系家人, feedback: 不可以}\n    - {text: 要求全额还款, feedback: 不现实}\n"
        case 1:
          yaml +=
            common
            + "  type: multiple\n  choices:\n    - {text: 录音, correct: true}\n    - {text: 签收, correct: true}\n    - {text: 威胁, feedback: 违法}\n"
        case 2:
          yaml +=
            common
            + "  type: numeric\n  unit: 天\n  answers:\n    - {value: 46, tolerance: 0.5}\n    - {value: 92, fraction: 0, feedback: 算反了}\n"
        default:
          yaml +=
            common
            + "  type: open\n  rubric:\n    points:\n      - {text: 电话, weight: 1, keywords: [[电话, 致电]]}\n      - {text: 上门, weight: 1, keywords: [[上门, 拜访]]}\n    model_answer: 电话、上门拜访\n"
        }
      }
      try Data(yaml.utf8).write(to: folder.appendingPathComponent("questions/\(lesson).yaml"))
    }
    return folder.path
  }
}
