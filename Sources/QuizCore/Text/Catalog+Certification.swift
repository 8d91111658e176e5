// The interface text of certification (exams, grading, certificates, the audit log), in
// both languages; merged into the catalogues (`Catalog.entries`).

extension Catalog {
  static let zhCertification: [String: String] = [
    "marks.duplicate-question":
      "题目 {0} 出现在两列中。",
    "marks.unclosed-quote":
      "这里开始的引号一直没有闭合。",
    "help.content.new":
      "在一课的题库文件末尾加一道题的模板（带注释，课程仍可通过检查）。",
    "help.content.new-id":
      "题号（默认 <课>.new-N）。",
    "help.content.new-lesson":
      "放进哪一课。",
    "help.content.new-type":
      "题型：single、multiple、truefalse、short、numeric、matching、ordering、open（也可用中文名）。",
    "help.content.new-what":
      "要新建的内容：question。",
    "new.bad-id":
      "题号“{0}”只能使用 a-z、0-9、. 和 -。",
    "new.id-taken":
      "题号 {0} 已经有了，没有改动任何文件。",
    "new.only-questions":
      "只能新建 question，不能新建“{0}”。",
    "new.written":
      "已把题目 {0} 的模板加到 {1}；填写后运行 content lint 和 content preview {0}。",
    "bankstats.all-covered":
      "每个小节都有题目以它为出处。",
    "bankstats.by-difficulty":
      "按难度",
    "bankstats.by-lesson":
      "按课",
    "bankstats.by-tag":
      "按标签",
    "bankstats.by-type":
      "按题型",
    "bankstats.empty-lessons":
      "没有题目的课：{0}",
    "bankstats.total":
      "共 {0} 道题",
    "bankstats.uncovered":
      "没有题目以之为出处的小节（{0} 个）：",
    "help.content.preview":
      "预览一道题：学员看到的样子，然后是答案、各选项反馈和解析。",
    "help.content.preview-id":
      "题号。",
    "help.content.stats":
      "题库统计：按课、题型、难度和标签计数，并列出没有题目覆盖的课和小节。",
    "preview.facts":
      "{0} · {1} · 难度 {2} · {3} 分 · 标签：{4}",
    "preview.key":
      "答案：",
    "preview.no-such-question":
      "没有题目“{0}”。",
    "preview.order-note":
      "（选项按题库文件中的顺序列出；学员看到的顺序是打乱的。）",
    "marks.no-questions":
      "首行没有题目列：列名应是课程中的题号，或 Moodle 成绩导出中的“Q. 1 /1.00”。",
    "help.stats.flagged":
      "只列出有提示的题目（过易、过难、区分度低或为负、干扰项的问题）。",
    "stats.flag.distractor-attracts-strong":
      "干扰项吸引高分组",
    "report.expiring-no-html":
      "--expiring 的清单没有 html 格式；请用 text、csv 或 json。",
    "report.html.activity":
      "近 30 天学习活动（每天作答数）",
    "report.html.activity-alt":
      "近 30 天共 {0} 次作答，分布在 {1} 天。",
    "report.html.answers":
      "作答数",
    "report.html.attempts":
      "次数",
    "report.html.band":
      "分数段",
    "report.html.certificates":
      "证书状态",
    "report.html.certificates-alt":
      "{1} 名学员中 {0} 名持有有效证书。",
    "report.html.certified":
      "持有有效证书",
    "report.html.day":
      "日期",
    "report.html.generated":
      "生成于 {0}",
    "report.html.learners":
      "学员",
    "report.html.learners-table":
      "每位学员一行",
    "report.html.mastery":
      "各课掌握（学员 × 课）",
    "report.html.mastery-alt":
      "{0} 名学员、{1} 课的掌握程度，颜色越深掌握越好；数字见下表。",
    "report.html.mean":
      "平均首答得分",
    "report.html.scores":
      "认证考试成绩分布",
    "report.html.scores-alt":
      "{0} 次已签核的认证考试，平均 {1}，及格线 {2}。",
    "report.html.scores-none":
      "还没有签核的认证考试。",
    "report.html.status":
      "状态",
    "report.html.status-expired":
      "已过期",
    "report.html.status-expiring":
      "30 天内到期",
    "report.html.status-valid":
      "有效",
    "report.html.title":
      "培训报告 · {0}",
    "reportcommand.learner-column":
      "学员",
    "grade.bad-date":
      "date“{0}”不是 yyyy-mm-dd 或 ISO 8601 时间。",
    "grade.create-without-record":
      "--create-learners 需要与 --record 一起使用。",
    "grade.missing-learner":
      "记录时每行需要 learner 字段（学员名）。",
    "grade.not-recorded":
      "（未保存：加 --record 可把结果记入每行 learner 所指学员的记录。）",
    "grade.nothing-recorded":
      "有 {0} 行无法评分，整份文件都没有记录；改正后再运行。",
    "grade.record-with-bank":
      "--record 只能记录课程中的题目，不能与 --bank 一起使用。",
    "grade.recorded":
      "已记录 {0} 条作答：{1} 名学员，{2} 次（按学员、日期和考试分组）。",
    "grade.unknown-learners":
      "没有这些学员：{0}；什么都没有记录。名字无误的话，加 --create-learners 建立他们。",
    "help.grade.create-learners":
      "与 --record 一起：为文件中的新名字建立学员（默认不认识的名字会被拒绝）。",
    "help.grade.record":
      "把评分结果记入每行 learner 字段所指学员的记录（每行可带 date 和 exam）；不加此项则什么都不保存。",
    "help.report.lesson":
      "只报告这一课（阅读、练习与掌握只算这一课）。",
    "help.report.not-certified":
      "只列出没有有效证书的学员。",
    "help.report.since":
      "只列出这一天以后还有学习活动的学员。",
    "report.bad-date":
      "--since 需要日期，格式为 yyyy-mm-dd（不是“{0}”）。",
    "report.cert.expired":
      "已过期 {0}",
    "report.cert.expiring":
      "即将到期 {0}",
    "report.cert.none":
      "无",
    "report.cert.revoked":
      "已撤销",
    "report.cert.valid":
      "有效至 {0}",
    "report.columns":
      "学员|阅读|练习|首答得分|各课掌握|待复习/逾期|用时分钟|提示/跳过|待评|最近|认证考试|证书",
    "report.detail.attempts":
      "认证考试",
    "report.detail.certificate":
      "证书：",
    "report.detail.mastery":
      "各课掌握",
    "report.detail.summary":
      "阅读 {0} 节 · 练习 {1} 题 · 首答得分 {2} · 待复习 {3}（逾期 {4}）· 待人工评分 {5}",
    "report.detail.title":
      "{0}（{1}）的学习记录",
    "report.detail.topic":
      "{0}：{1}（{2} 次作答）",
    "report.detail.weakest":
      "最薄弱的知识点",
    "report.exam.cell":
      "{0} 次 · 最好 {1} · {2}",
    "report.exam.failed":
      "未通过",
    "report.exam.passed":
      "通过",
    "report.exam.waiting":
      "待评分",
    "report.mastery-key":
      "各课掌握：每个方块一课（▁ 低 … █ 高），依次为 {0}",
    "report.totals":
      "共 {0} 名学员，{1} 名持有有效证书；平均首答得分 {2}。",
    "report.written":
      "已写入 {0}。",
    "help.stats":
      "讲师用的统计。",
    "help.stats.attempts":
      "每位学员算哪几次作答：first（默认）、last、best 或 all。",
    "help.stats.exam":
      "只分析这门考试的作答（模拟考试和已签核的认证考试）。",
    "help.stats.format":
      "输出格式：table、json 或 csv（带 BOM，Excel 可直接打开中文）。",
    "help.stats.items":
      "题目分析：哪些题太易、太难，或让好学员答错（按 Moodle 测验统计的定义）。",
    "help.stats.items-discussion":
      "每题：作答数、难度（得分率）、标准差、区分度、区分效率、有效权重，选择题各选项被选次数；整卷：平均分、中位数、标准差、偏度、峰度、内部一致性系数、误差比、标准误。默认每位学员只算第一次作答（--attempts）。--marks 读入纸质考试或其他系统的成绩表（CSV：首行 attempt,题号…，可选一行 max,各题满分…，之后每行一次作答）。",
    "help.stats.lesson":
      "只分析这一课的题目。",
    "help.stats.marks":
      "从成绩表 CSV 读入作答，而不是从数据库。",
    "marks.bad-mark":
      "分数“{0}”不是 0 到 {1} 之间的数。",
    "marks.bad-maximum":
      "满分“{0}”不是正数。",
    "marks.extra-cell":
      "这一行的列比首行多。",
    "marks.no-header":
      "成绩表需要首行：attempt,题号,题号…",
    "marks.unknown-question":
      "课程里没有题目 {0}；请在 max 行写明它的满分。",
    "stats.columns":
      "题号|作答|难度%|标准差%|区分度|区分效率|有效权重%|提示",
    "stats.flag.idle-distractor":
      "有无人选的干扰项",
    "stats.flag.misleading":
      "好学员反而答错",
    "stats.flag.too-easy":
      "过易",
    "stats.flag.too-hard":
      "过难",
    "stats.flag.weak":
      "区分度低",
    "stats.how-to-read":
      "怎么看（Moodle 文档的参考值）：区分度 50 以上很好，30–50 尚可，20–30 偏弱，20 以下应检查，负数说明题目可能有误；内部一致性 75% 以上较好，64% 以下需要改进。数据少时（不到几十次作答）只作参考。",
    "stats.no-attempts":
      "还没有可分析的作答。",
    "stats.options-note":
      "学员看到的选项顺序是打乱的；这里的字母是题库文件中的顺序。",
    "stats.options-title":
      "选择题各选项被选次数（* 为正确选项，字母按题库中的顺序）",
    "stats.test-title":
      "整卷",
    "stats.test.attempts":
      "作答次数",
    "stats.test.cic":
      "内部一致性系数",
    "stats.test.error-ratio":
      "误差比",
    "stats.test.kurtosis":
      "峰度",
    "stats.test.mean":
      "平均分",
    "stats.test.median":
      "中位数",
    "stats.test.sd":
      "标准差",
    "stats.test.skewness":
      "偏度",
    "stats.test.standard-error":
      "标准误",
    "stats.title":
      "题目分析：{0} 次作答，{1} 道题",
    "audit.refuse-to-sign":
      "数据库在签名之后被改动过，不签署任何内容：{0}。请先运行 admin audit verify 查明原因。",
    "results.failed":
      "{0}：得分 {1}%，未通过（及格线 {2}%）",
    "results.manual":
      "人工评分：{0}/{1} 分 · 评语：{2}（{3}）",
    "results.none":
      "你还没有参加过认证考试。",
    "results.not-yet":
      "「{0}」的成绩尚未公布：等待管理员评分与签核。",
    "results.passed":
      "{0}：得分 {1}%，通过（及格线 {2}%）",
    "results.question-gone":
      "[{0}] 课程里已没有这道题（{1}）。",
    "results.unanswered":
      "未作答（0 分）。",
    "help.report.expiring":
      "只列出在这段时间内到期的证书（如 30d）。",
    "report.bad-duration":
      "--expiring 需要一段时间，例如 30d、12w 或 720h（不是“{0}”）。",
    "report.expiring-line":
      "{0} · {1} · {2} 到期（还有 {3} 天）",
    "report.expiring-title":
      "{0} 内到期的证书：{1} 张",
    "report.none-expiring":
      "{0} 内没有到期的证书。",
    "certexam.go-on":
      "继续上次的认证考试？（{0}，已答 {1} 题，计时一直在走）[Y/n] ",
    "certificate.attempt-failed":
      "{0} 开考 · {1}%，未通过",
    "certificate.attempt-passed":
      "{0} 开考 · {1}%，通过 · 证书有效至 {2}",
    "certificate.attempt-revoked":
      "{0} 开考 · {1}%，通过 · 证书已撤销",
    "certificate.attempt-running":
      "{0} 开考 · 进行中",
    "certificate.attempt-waiting":
      "{0} 开考 · 已交卷，等待评分",
    "certificate.expired":
      "「{0}」证书已于 {1} 过期。",
    "certificate.expires-soon":
      "「{0}」证书还有 {1} 天到期（{2}），请安排重新认证。",
    "certificate.history-failed":
      "得分 {0}% · 未通过",
    "certificate.history-passed":
      "得分 {0}% · 通过",
    "certificate.history-running":
      "进行中",
    "certificate.history-waiting":
      "已交卷 · 等待评分",
    "certificate.waiting":
      "「{0}」已交卷，等待管理员评分。",
    "approve.done":
      "已批准考试 {0}：得分 {1}%，成绩已签核。",
    "approve.grade-first":
      "考试 {0} 还有待人工评分的题，请先运行 admin grade。",
    "approve.not-approvable":
      "考试 {0} 不是等待批准的非监考考试（只有已交卷、非监考的考试需要批准）。",
    "audit.bad-checkpoint-file":
      "{0} 不是签名检查点，也不是本机构签发的证书。",
    "audit.broken":
      "审计未通过：数据库在签名之后被改动过（见上）。",
    "audit.checked":
      "已核对：审计日志 {0} 条 · 考试 {1} 次 · 证书 {2} 张 · 检查点 {3} 个（其中外部提供 {4} 个）。",
    "audit.checkpoint-written":
      "已将签名检查点（截至第 {0} 条）写入 {1}；请把它保存在这台电脑以外。",
    "audit.first-bad-entry":
      "第一处问题：审计日志第 {0} 条 {1}",
    "audit.intact":
      "审计通过：{0} 条记录完整，签名检查点覆盖到第 {1} 条。",
    "audit.more-problems":
      "……另有 {0} 处问题。",
    "audit.no-key":
      "没有可用的机构公钥：请用 --key 指定，或在机构的数据目录中运行。",
    "cert.exported":
      "已导出到 {0}。",
    "cert.field.attempt":
      "考试记录",
    "cert.field.course":
      "课程",
    "cert.field.exam":
      "考试",
    "cert.field.expires":
      "有效期至",
    "cert.field.id":
      "证书编号",
    "cert.field.issued":
      "签发日期",
    "cert.field.issuer":
      "签发机构",
    "cert.field.learner":
      "学员",
    "cert.field.score":
      "成绩",
    "cert.field.status":
      "状态",
    "cert.list-header":
      "证书编号|学员|考试|成绩|有效期至|状态",
    "cert.none":
      "还没有签发过证书。",
    "cert.page-code":
      "验证码",
    "cert.page-how":
      "这是签名的可验证凭证（VC-JWT）。运行 recovery-trainer cert verify 文件，或用任何支持 did:key 的 W3C 可验证凭证验证工具离线核验。",
    "cert.page-lead":
      "兹证明 {0} 已通过「{1}」。",
    "cert.page-title":
      "上岗认证证书",
    "cert.status.expired":
      "已过期",
    "cert.status.revoked":
      "已撤销",
    "cert.status.valid":
      "有效",
    "cert.stored-forged":
      "数据库中的证书 {0} 无法通过签名校验；请运行 admin audit verify。",
    "certexam.after-grading":
      "成绩与讲解在评分完成后公布：请等管理员评分（admin grade）。",
    "certexam.already-certified":
      "你已通过这门考试，证书有效至 {0}，无需重考。",
    "certexam.attempt-id":
      "考试记录编号：{0}",
    "certexam.attempts-left":
      "本有效期内还可考 {0} 次。",
    "certexam.blueprint-gone":
      "课程里已没有考试 {0}，这次考试无法继续。",
    "certexam.closed-at-deadline":
      "「{0}」的考试时间已到，已按截止时的作答自动交卷。",
    "certexam.cooling-down":
      "上次未通过，冷静期到 {0}；之后可以再考。",
    "certexam.no-attempts-left":
      "本有效期内的考试次数已用完；{0} 起可再考。",
    "certexam.not-unlocked":
      "未解锁，考试没有开始。",
    "certexam.pending":
      "待人工评分：{0} 题。",
    "certexam.proctor-again":
      "继续「{0}」需要监考管理员再次输入口令。",
    "certexam.proctor-needed":
      "「{0}」是监考考试：请监考管理员输入口令解锁。",
    "certexam.provisional":
      "暂定得分 {0}%（及格线 {1}%），管理员签核后为最终成绩。",
    "certexam.provisional-pending":
      "客观题暂定得分 {0}%；另有 {1} 题待人工评分。",
    "certexam.running":
      "「{0}」有一次考试正在进行，继续作答（时间一直在走）。",
    "certexam.started":
      "认证考试：{0} · {1} 题 · 限时 {2} · 交卷前不显示对错；每道题作答即保存并签名",
    "certexam.still-open":
      "作答文件已读完，考试尚未交卷；到 {0} 会自动交卷。",
    "certexam.submitted":
      "已交卷：{0} · 共 {2} 题，答了 {1} 题。",
    "certexam.waiting-for-grading":
      "「{0}」上一次考试还在等待评分；评分完成前不能再考。",
    "grading.answer":
      "作答：",
    "grading.certificate":
      "证书 {0}，有效期至 {1}",
    "grading.header":
      "[{0}/{1}] {2} · {3} · 第 {4} 题（满分 {5} 分）",
    "grading.invalid":
      "请输入 0 到 {0} 之间的分数，可在后面加评语，例如：{0} 要点齐全；或 skip 跳过、quit 结束。",
    "grading.needs-approval":
      "非监考考试 {0} 等待批准：admin approve {0}",
    "grading.prompt":
      "分数（0–{0}）和评语：",
    "grading.provisional":
      "机器暂评：{0}/{1} 分",
    "grading.question":
      "题目：",
    "grading.question-changed":
      "注意：这道题在作答之后被修改过；以下是现在的题目和评分要点。",
    "grading.question-gone":
      "课程里已没有这道题（{0}），请只根据作答评分。",
    "grading.queue-empty":
      "没有待人工评分的作答。",
    "grading.saved":
      "已评分：{0}/{1} 分（已签名）。",
    "grading.sealed-fail":
      "{0} · {1}：{2}%，未通过；成绩已签核。",
    "grading.sealed-pass":
      "{0} · {1}：{2}%，通过；成绩已签核。",
    "grading.skipped":
      "已跳过，仍在队列中。",
    "grading.stopped":
      "已停止；还有 {0} 题待评分。",
    "grading.summary":
      "本次评分 {0} 题，签核 {1} 次考试。",
    "help.admin.approve":
      "批准一次已交卷的非监考考试：签核成绩，通过的签发证书。",
    "help.admin.attempt-id":
      "考试记录编号（或至少 6 位的唯一前缀）。",
    "help.admin.audit":
      "审计日志：核对与导出检查点。",
    "help.admin.audit-checkpoint":
      "签名并导出审计日志当前的检查点，保存到这台电脑以外，以便日后发现整库回滚。",
    "help.admin.audit-checkpoint-file":
      "在别处保存的检查点或证书（可多次给出）。",
    "help.admin.audit-verify":
      "核对审计日志、考试签名、人工评分和证书是否被改动。",
    "help.admin.audit-verify-discussion":
      "退出码：0 完整；1 发现改动（并指出第一处）。整库回滚到旧副本只有在提供了更新的检查点（--checkpoint 文件或之后导出的证书）时才能发现。",
    "help.admin.grade":
      "人工评分队列：逐题评分并签名，然后签核考试、签发证书。",
    "help.admin.grade-answers":
      "评分文件：每行一题（按队列顺序），先写分数，后面可跟评语。",
    "help.admin.grade-discussion":
      "每题显示作答、评分要点、机器暂评及其原因；输入 0 到该题满分之间的分数和评语。skip 留在队列，quit 结束。没有待评分题的监考考试在最后签核，通过的签发证书。",
    "help.admin.grader":
      "评分人姓名（默认当前系统用户）。",
    "help.admin.reason":
      "撤销原因（必填）。",
    "help.admin.revoke":
      "撤销一张证书（签名记录，cert verify 会显示已撤销）。",
    "help.cert.export":
      "导出证书：vc-jwt、json 或可打印的 html 页面。",
    "help.cert.export-format":
      "导出格式。",
    "help.cert.id":
      "证书编号（或至少 6 位的唯一前缀）。",
    "help.cert.list":
      "列出已签发的证书。",
    "help.cert.list-format":
      "输出格式。",
    "help.cert.show":
      "显示一张证书。",
    "help.exam":
      "参加一次认证考试（监考考试需管理员口令）。",
    "help.exam-discussion":
      "作答中可用 next、prev、goto N、flag，submit 后确认交卷；交卷前不显示对错。用 --answers 文件时，每行在当前题的提示处输入。监考考试需 --passphrase-file（脚本）或在终端输入口令（不回显）。",
    "help.exam.id":
      "考试编号（见 study 中的 exam 命令）。",
    "help.out":
      "写入文件（不覆盖已有文件）；默认输出到屏幕。",
    "key.wrong-passphrase":
      "口令不对。",
    "manager.ambiguous-id":
      "{0} {1} 不唯一：有 {2} 个匹配；请多输入几位。",
    "manager.attempt":
      "考试记录",
    "manager.certificate":
      "证书",
    "manager.no-such-id":
      "没有{0} {1}。",
    "out.cannot-write":
      "无法写入 {0}。",
    "out.exists":
      "{0} 已存在，没有覆盖它。",
    "revoke.already":
      "证书 {0} 已经撤销过。",
    "revoke.done":
      "已撤销证书 {0}：{1}",
    "revoke.reason-needed":
      "请用 --reason 写明撤销原因。",
  ]

  static let enCertification: [String: String] = [
    "marks.duplicate-question":
      "the question {0} has two columns.",
    "marks.unclosed-quote":
      "a quote opened here is never closed.",
    "help.content.new":
      "Append a commented template of a question to a lesson's bank (the course still lints clean).",
    "help.content.new-id":
      "The question id (default <lesson>.new-N).",
    "help.content.new-lesson":
      "The lesson it belongs to.",
    "help.content.new-type":
      "The type: single, multiple, truefalse, short, numeric, matching, ordering, open (or its Chinese name).",
    "help.content.new-what":
      "What to create: question.",
    "new.bad-id":
      "the id “{0}” may use only a-z, 0-9, . and -.",
    "new.id-taken":
      "the id {0} is taken; no file was changed.",
    "new.only-questions":
      "only question can be created, not “{0}”.",
    "new.written":
      "Appended a template for {0} to {1}; fill it in, then run content lint and content preview {0}.",
    "bankstats.all-covered":
      "Every section is the source of at least one question.",
    "bankstats.by-difficulty":
      "By difficulty",
    "bankstats.by-lesson":
      "By lesson",
    "bankstats.by-tag":
      "By tag",
    "bankstats.by-type":
      "By type",
    "bankstats.empty-lessons":
      "Lessons without questions: {0}",
    "bankstats.total":
      "{0 question/questions}",
    "bankstats.uncovered":
      "Sections no question comes from ({0}):",
    "help.content.preview":
      "Preview a question: as a learner sees it, then its key, each option's feedback and the explanation.",
    "help.content.preview-id":
      "The question id.",
    "help.content.stats":
      "The bank in numbers: by lesson, type, difficulty and tag, and the lessons and sections no question covers.",
    "preview.facts":
      "{0} · {1} · difficulty {2} · {3} marks · tags: {4}",
    "preview.key":
      "Key: ",
    "preview.no-such-question":
      "no question “{0}”.",
    "preview.order-note":
      "(Options in the bank's order; learners see them shuffled.)",
    "marks.no-questions":
      "the header names no question: a column is a question id of the course, or Moodle's “Q. 1 /1.00”.",
    "help.stats.flagged":
      "List only the questions with a flag (too easy, too hard, weak or negative discrimination, a distractor problem).",
    "stats.flag.distractor-attracts-strong":
      "a distractor draws strong learners",
    "report.expiring-no-html":
      "the --expiring list has no html form; use text, csv or json.",
    "report.html.activity":
      "Activity over the last 30 days (answers per day)",
    "report.html.activity-alt":
      "{0 answer/answers} in the last 30 days, on {1 day/days}.",
    "report.html.answers":
      "Answers",
    "report.html.attempts":
      "Attempts",
    "report.html.band":
      "Band",
    "report.html.certificates":
      "Certification status",
    "report.html.certificates-alt":
      "{0} of {1 learner/learners} hold a valid certificate.",
    "report.html.certified":
      "With a valid certificate",
    "report.html.day":
      "Day",
    "report.html.generated":
      "Generated {0}",
    "report.html.learners":
      "Learners",
    "report.html.learners-table":
      "One row per learner",
    "report.html.mastery":
      "Mastery (learners × lessons)",
    "report.html.mastery-alt":
      "Mastery of {0 learner/learners} in {1 lesson/lessons}; the darker, the better; the numbers are in the table below.",
    "report.html.mean":
      "Mean first-attempt score",
    "report.html.scores":
      "Certification score distribution",
    "report.html.scores-alt":
      "{0 sealed attempt/sealed attempts}, mean {1}, pass mark {2}.",
    "report.html.scores-none":
      "No certification attempt has been sealed yet.",
    "report.html.status":
      "Status",
    "report.html.status-expired":
      "expired",
    "report.html.status-expiring":
      "expiring within 30 days",
    "report.html.status-valid":
      "valid",
    "report.html.title":
      "Training report · {0}",
    "reportcommand.learner-column":
      "Learner",
    "grade.bad-date":
      "the date “{0}” is neither yyyy-mm-dd nor an ISO 8601 time.",
    "grade.create-without-record":
      "--create-learners needs --record.",
    "grade.missing-learner":
      "to record, each line needs a learner field (the learner's name).",
    "grade.not-recorded":
      "(Nothing was saved: add --record to record the results for each line's learner.)",
    "grade.nothing-recorded":
      "{0 line/lines} could not be graded, so nothing in the file was recorded; fix them and run again.",
    "grade.record-with-bank":
      "--record records only the course's questions; it cannot be used with --bank.",
    "grade.recorded":
      "Recorded {0 answer/answers} for {1 learner/learners} in {2 sitting/sittings} (by learner, day and exam).",
    "grade.unknown-learners":
      "no such learners: {0}; nothing was recorded. If the names are right, add --create-learners.",
    "help.grade.create-learners":
      "With --record: create learners for new names in the file (by default an unknown name is refused).",
    "help.grade.record":
      "Record the graded answers for each line's learner (a line may also give date and exam); without it nothing is saved.",
    "help.report.lesson":
      "Only this lesson (reading, practice and mastery of it alone).",
    "help.report.not-certified":
      "Only learners without a valid certificate.",
    "help.report.since":
      "Only learners active since this day.",
    "report.bad-date":
      "--since takes a day as yyyy-mm-dd (not “{0}”).",
    "report.cert.expired":
      "expired {0}",
    "report.cert.expiring":
      "expires soon, {0}",
    "report.cert.none":
      "none",
    "report.cert.revoked":
      "revoked",
    "report.cert.valid":
      "valid until {0}",
    "report.columns":
      "Learner|Read|Practised|First score|Mastery|Due/overdue|Minutes|Hints/skips|Waiting|Last|Exams|Certificate",
    "report.detail.attempts":
      "Certification attempts",
    "report.detail.certificate":
      "Certificate: ",
    "report.detail.mastery":
      "Mastery by lesson",
    "report.detail.summary":
      "read {0} sections · practised {1} · first-attempt score {2} · due {3} (overdue {4}) · waiting for a person {5}",
    "report.detail.title":
      "Record of {0} ({1})",
    "report.detail.topic":
      "{0}: {1} ({2 answer/answers})",
    "report.detail.weakest":
      "Weakest topics",
    "report.exam.cell":
      "{0}× · best {1} · {2}",
    "report.exam.failed":
      "not passed",
    "report.exam.passed":
      "passed",
    "report.exam.waiting":
      "waiting",
    "report.mastery-key":
      "Mastery: one block per lesson (▁ low … █ high), in order: {0}",
    "report.totals":
      "{0 learner/learners}, {1} with a valid certificate; mean first-attempt score {2}.",
    "report.written":
      "Written to {0}.",
    "help.stats":
      "Statistics for instructors.",
    "help.stats.attempts":
      "Which attempts of each learner count: first (default), last, best or all.",
    "help.stats.exam":
      "Only attempts of this exam (mock attempts and sealed certification attempts).",
    "help.stats.format":
      "Output format: table, json or csv (with a byte-order mark, so Excel opens Chinese correctly).",
    "help.stats.items":
      "Item analysis: which questions are too easy, too hard, or mislead good learners (Moodle's quiz statistics definitions).",
    "help.stats.items-discussion":
      "Per question: attempts, facility, standard deviation, discrimination index, discriminative efficiency, effective weight, and for choice questions how often each option was picked; for the test: mean, median, SD, skewness, kurtosis, coefficient of internal consistency, error ratio, standard error. By default each learner's first attempt counts (--attempts). --marks reads results from paper or another system (CSV: a header attempt,<question id>…, an optional row max,<maximum mark>…, then one row per attempt).",
    "help.stats.lesson":
      "Only the questions of this lesson.",
    "help.stats.marks":
      "Read the attempts from a CSV of marks instead of the database.",
    "marks.bad-mark":
      "the mark “{0}” is not a number from 0 to {1}.",
    "marks.bad-maximum":
      "the maximum mark “{0}” is not a positive number.",
    "marks.extra-cell":
      "this row has more cells than the header.",
    "marks.no-header":
      "a marks file needs a header row: attempt,<question id>,…",
    "marks.unknown-question":
      "the course has no question {0}; give its maximum mark in a max row.",
    "stats.columns":
      "Question|Attempts|Facility %|SD %|Discrimination|Efficiency|Weight %|Notes",
    "stats.flag.idle-distractor":
      "a distractor nobody picks",
    "stats.flag.misleading":
      "misleads good learners",
    "stats.flag.too-easy":
      "too easy",
    "stats.flag.too-hard":
      "too hard",
    "stats.flag.weak":
      "weak discrimination",
    "stats.how-to-read":
      "How to read it (Moodle's guide values): discrimination above 50 is very good, 30–50 adequate, 20–30 weak, below 20 worth a look, negative suggests a faulty question; internal consistency above 75% is good, below 64% needs work. With few attempts (fewer than a few dozen) take it as a hint only.",
    "stats.no-attempts":
      "There are no attempts to analyse yet.",
    "stats.options-note":
      "Learners saw the options shuffled; these letters are the order in the question bank.",
    "stats.options-title":
      "How often each option was picked (* marks a correct option; letters in the bank's order)",
    "stats.test-title":
      "The whole test",
    "stats.test.attempts":
      "Attempts",
    "stats.test.cic":
      "Internal consistency",
    "stats.test.error-ratio":
      "Error ratio",
    "stats.test.kurtosis":
      "Kurtosis",
    "stats.test.mean":
      "Mean",
    "stats.test.median":
      "Median",
    "stats.test.sd":
      "SD",
    "stats.test.skewness":
      "Skewness",
    "stats.test.standard-error":
      "Standard error",
    "stats.title":
      "Item analysis: {0 attempt/attempts}, {1 question/questions}",
    "audit.refuse-to-sign":
      "the database was changed after it was signed, so nothing is signed: {0}. Run admin audit verify to find out what changed.",
    "results.failed":
      "{0}: score {1}%, not passed (pass mark {2}%)",
    "results.manual":
      "Graded by a person: {0}/{1} · comment: {2} ({3})",
    "results.none":
      "You have not taken a certification attempt yet.",
    "results.not-yet":
      "The result of “{0}” is not out yet: it waits for a manager to grade and seal it.",
    "results.passed":
      "{0}: score {1}%, passed (pass mark {2}%)",
    "results.question-gone":
      "[{0}] The course no longer has this question ({1}).",
    "results.unanswered":
      "Not answered (0 marks).",
    "help.report.expiring":
      "List only the certificates that expire within this time (for example 30d).",
    "report.bad-duration":
      "--expiring takes a duration such as 30d, 12w or 720h (not “{0}”).",
    "report.expiring-line":
      "{0} · {1} · expires {2} ({3 day/days} left)",
    "report.expiring-title":
      "Certificates expiring within {0}: {1}",
    "report.none-expiring":
      "No certificate expires within {0}.",
    "certexam.go-on":
      "Go on with your certification attempt? ({0}, {1} answered; its time keeps running) [Y/n] ",
    "certificate.attempt-failed":
      "started {0} · {1}%, not passed",
    "certificate.attempt-passed":
      "started {0} · {1}%, passed · certificate valid until {2}",
    "certificate.attempt-revoked":
      "started {0} · {1}%, passed · certificate revoked",
    "certificate.attempt-running":
      "started {0} · in progress",
    "certificate.attempt-waiting":
      "started {0} · submitted, waiting for grading",
    "certificate.expired":
      "Your “{0}” certificate expired on {1}.",
    "certificate.expires-soon":
      "Your “{0}” certificate expires in {1 day/days} ({2}); plan the recertification.",
    "certificate.history-failed":
      "score {0}% · not passed",
    "certificate.history-passed":
      "score {0}% · passed",
    "certificate.history-running":
      "in progress",
    "certificate.history-waiting":
      "submitted · waiting for grading",
    "certificate.waiting":
      "“{0}” is submitted and waiting for a manager to grade it.",
    "approve.done":
      "Approved attempt {0}: score {1}%, sealed.",
    "approve.grade-first":
      "Attempt {0} still has answers to grade; run admin grade first.",
    "approve.not-approvable":
      "attempt {0} is not an unproctored attempt waiting for approval (only submitted, unproctored attempts are approved).",
    "audit.bad-checkpoint-file":
      "{0} is neither a signed checkpoint nor a certificate.",
    "audit.broken":
      "Audit failed: the database was changed after it was signed (see above).",
    "audit.checked":
      "Checked: {0 audit entry/audit entries} · {1 attempt/attempts} · {2 certificate/certificates} · {3 checkpoint/checkpoints} ({4} from outside).",
    "audit.checkpoint-written":
      "Wrote a signed checkpoint (through entry {0}) to {1}; keep it off this machine.",
    "audit.first-bad-entry":
      "First problem: audit entry {0} {1}",
    "audit.intact":
      "Audit passed: {0 entry/entries} intact; signed checkpoints cover through entry {1}.",
    "audit.more-problems":
      "… and {0} more.",
    "audit.no-key":
      "no organisation key to check against: give --key, or run in the organisation's data folder.",
    "cert.exported":
      "Exported to {0}.",
    "cert.field.attempt":
      "Attempt",
    "cert.field.course":
      "Course",
    "cert.field.exam":
      "Exam",
    "cert.field.expires":
      "Expires",
    "cert.field.id":
      "Certificate",
    "cert.field.issued":
      "Issued",
    "cert.field.issuer":
      "Issuer",
    "cert.field.learner":
      "Learner",
    "cert.field.score":
      "Score",
    "cert.field.status":
      "Status",
    "cert.list-header":
      "Certificate|Learner|Exam|Score|Expires|Status",
    "cert.none":
      "No certificates have been issued yet.",
    "cert.page-code":
      "Verification code",
    "cert.page-how":
      "This is the signed Verifiable Credential (VC-JWT). Check it offline with recovery-trainer cert verify FILE, or with any W3C Verifiable Credential verifier that supports did:key.",
    "cert.page-lead":
      "This certifies that {0} passed “{1}”.",
    "cert.page-title":
      "Certificate",
    "cert.status.expired":
      "expired",
    "cert.status.revoked":
      "revoked",
    "cert.status.valid":
      "valid",
    "cert.stored-forged":
      "the stored certificate {0} fails its signature check; run admin audit verify.",
    "certexam.after-grading":
      "Results and explanations come after grading: a manager grades the attempt (admin grade).",
    "certexam.already-certified":
      "You already hold a valid pass, until {0}; there is nothing to retake.",
    "certexam.attempt-id":
      "Attempt id: {0}",
    "certexam.attempts-left":
      "{0 attempt/attempts} left in this validity window.",
    "certexam.blueprint-gone":
      "The course no longer has the exam {0}; the attempt cannot go on.",
    "certexam.closed-at-deadline":
      "The time of “{0}” ran out: the attempt was submitted as it stood at the deadline.",
    "certexam.cooling-down":
      "The last attempt did not pass; the next may start after {0}.",
    "certexam.no-attempts-left":
      "The attempts of this validity window are used up; the next opens on {0}.",
    "certexam.not-unlocked":
      "Not unlocked; the attempt did not start.",
    "certexam.pending":
      "Waiting for a person to grade: {0}.",
    "certexam.proctor-again":
      "Going on with “{0}” needs the proctor's passphrase again.",
    "certexam.proctor-needed":
      "“{0}” is proctored: the proctor unlocks it with the manager's passphrase.",
    "certexam.provisional":
      "Provisional score {0}% (pass mark {1}%); final once a manager seals it.",
    "certexam.provisional-pending":
      "Provisional score {0}% on the objective items; {1} still to be graded by a person.",
    "certexam.running":
      "An attempt of “{0}” is running; going on with it (its time keeps running).",
    "certexam.started":
      "Certification: {0} · {1 question/questions} · {2} · no grades before you submit; every answer is saved and signed as you give it",
    "certexam.still-open":
      "The answers ran out before submit; the attempt stays open and is submitted at {0}.",
    "certexam.submitted":
      "Submitted: {0} · {1} of {2} answered.",
    "certexam.waiting-for-grading":
      "The last attempt of “{0}” is waiting for grading; no new attempt until it is graded.",
    "grading.answer":
      "Answer: ",
    "grading.certificate":
      "certificate {0}, valid until {1}",
    "grading.header":
      "[{0}/{1}] {2} · {3} · item {4} ({5} marks)",
    "grading.invalid":
      "Type a score from 0 to {0}, optionally followed by a comment ({0} covers both points); or skip, or quit.",
    "grading.needs-approval":
      "Unproctored attempt {0} awaits approval: admin approve {0}",
    "grading.prompt":
      "Score (0–{0}) and comment: ",
    "grading.provisional":
      "Machine's provisional score: {0}/{1}",
    "grading.question":
      "Question: ",
    "grading.question-changed":
      "Note: this question changed after it was answered; what follows is its current text and rubric.",
    "grading.question-gone":
      "The course no longer has this question ({0}); grade the answer on its own.",
    "grading.queue-empty":
      "Nothing is waiting for a person to grade.",
    "grading.saved":
      "Graded {0}/{1} (signed).",
    "grading.sealed-fail":
      "{0} · {1}: {2}%, not passed; result sealed.",
    "grading.sealed-pass":
      "{0} · {1}: {2}%, passed; result sealed.",
    "grading.skipped":
      "Skipped; it stays in the queue.",
    "grading.stopped":
      "Stopped; {0} still to grade.",
    "grading.summary":
      "Graded {0 answer/answers}; sealed {1 attempt/attempts}.",
    "help.admin.approve":
      "Approve a submitted unproctored attempt: seal its result and certify a pass.",
    "help.admin.attempt-id":
      "The attempt id (or a unique prefix of at least 6 characters).",
    "help.admin.audit":
      "The audit log: verify it, export checkpoints.",
    "help.admin.audit-checkpoint":
      "Sign and export a checkpoint of the audit log, to keep off this machine (it later reveals a rollback of the whole file).",
    "help.admin.audit-checkpoint-file":
      "A checkpoint or certificate kept elsewhere (repeatable).",
    "help.admin.audit-verify":
      "Check the audit log, the signed answers, manual grades and certificates for changes.",
    "help.admin.audit-verify-discussion":
      "Exit status 0 when intact, 1 when something was changed (the first problem is named). A rollback of the whole file to an older copy is found only with a later checkpoint (--checkpoint FILE, or a certificate exported after it).",
    "help.admin.grade":
      "The manual grading queue: grade each answer (signed), then seal attempts and issue certificates.",
    "help.admin.grade-answers":
      "A file with one line per waiting answer, in queue order: a score, then an optional comment.",
    "help.admin.grade-discussion":
      "Each answer is shown with the rubric, the machine's provisional score and its reasons; type a score from 0 to the item's marks and a comment. skip leaves it in the queue, quit stops. Proctored attempts with nothing left to grade are then sealed, and passes certified.",
    "help.admin.grader":
      "The grader's name (default: the system user).",
    "help.admin.reason":
      "Why it is revoked (required).",
    "help.admin.revoke":
      "Revoke a certificate (signed; cert verify then says revoked).",
    "help.cert.export":
      "Export a certificate: vc-jwt, json, or a printable html page.",
    "help.cert.export-format":
      "The format.",
    "help.cert.id":
      "The certificate id (or a unique prefix of at least 6 characters).",
    "help.cert.list":
      "List the certificates issued.",
    "help.cert.list-format":
      "The output format.",
    "help.cert.show":
      "Show one certificate.",
    "help.exam":
      "Take a certification attempt (a proctored one needs the manager's passphrase).",
    "help.exam-discussion":
      "While answering: next, prev, goto N, flag, and submit (then confirm); no grades before submit. With --answers FILE each line is typed at the current item's prompt. A proctored exam needs --passphrase-file (scripts) or the passphrase typed at the terminal (not echoed).",
    "help.exam.id":
      "The exam id (exam in the study shell lists them).",
    "help.out":
      "Write to this file (never over an existing one); default: standard output.",
    "key.wrong-passphrase":
      "wrong passphrase.",
    "manager.ambiguous-id":
      "{0} {1} is ambiguous: {2} match; type more of it.",
    "manager.attempt":
      "attempt",
    "manager.certificate":
      "certificate",
    "manager.no-such-id":
      "no {0} {1}.",
    "out.cannot-write":
      "cannot write {0}.",
    "out.exists":
      "{0} exists; it was not overwritten.",
    "revoke.already":
      "certificate {0} is already revoked.",
    "revoke.done":
      "Revoked certificate {0}: {1}",
    "revoke.reason-needed":
      "give the reason with --reason.",
  ]
}
