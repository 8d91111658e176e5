// The interface text of results bundles, which carry an offline PC's results to the
// organisation database, in both languages; merged into the catalogues.

extension Catalog {
  static let zhResults: [String: String] = [
    "help.admin.export-results":
      "把本机的成绩（作答、已定分的认证考试、证书和审计日志）导出为一个由组织密钥签章的成绩包，供组织数据库导入。",
    "help.admin.export-results-discussion":
      "导出前先核对本机数据库；尚未定分的考试留在本机，下次导出时再带上。复习计划和阅读进度不导出。同一台电脑可以多次导出：每个成绩包都包含此前的全部内容，导入时只添加新的部分。",
    "help.admin.import-results":
      "把 admin export-results 导出的成绩包导入这个数据库（通常是组织数据库）。",
    "help.admin.import-results-discussion":
      "先核对签章和内容：不是本组织密钥签章的、或签章后被改动过的成绩包一律拒绝，不导入任何内容。导入在一个事务内完成；同一个成绩包导入两次，第二次不改变任何记录。学员按姓名对应，没有的就新建。",
    "help.admin.results-file":
      "成绩包文件。",
    "help.admin.results-name":
      "这台电脑的名称，写进成绩包以便区分（默认是主机名）。",
    "results.export-organisation":
      "export-results 导出的是一台电脑自己的 SQLite 数据库；组织数据库不需要导出（备份请用 pg_dump，见 docs/deployment.md）。",
    "results.bad-name":
      "电脑名称不能为空，也不能换行。",
    "results.exported":
      "已把 {0} 的成绩导出到 {1}：{2} 名学员、{3} 次练习与考试、{4} 条作答、{5} 次认证考试、{6} 张证书、{7} 条审计日志，已用组织密钥签章。",
    "results.not-final":
      "{0} 次考试尚未定分，留在本机，定分后下次导出时带上：{1}",
    "results.stay-here":
      "复习计划和阅读进度留在本机。",
    "results.refused":
      "拒绝导入 {0}：{1}",
    "results.cannot-import":
      "{0} 不能导入成绩包。",
    "results.unchanged":
      "{0} 于 {1} 导出的这个成绩包已经导入过，没有新内容；没有改动任何记录。",
    "results.imported":
      "已导入 {0} 于 {1} 导出的成绩：新建 {2} 名学员，按姓名对应 {3} 名已有学员；{4} 次练习与考试、{5} 条作答、{6} 次认证考试、{7} 张证书、{8} 条审计日志。",
    "results.learners-created":
      "新建的学员：{0}",
    "results.updated":
      "按原电脑更新：{0} 次练习（结束或进度），{1} 张证书已在原电脑上撤销。",
    "results.left-on-pc":
      "{0} 次考试在 {1} 上尚未定分，不在这个成绩包里。",
    "results.verified":
      "导入后核对：{0} 次认证考试、{1} 张证书均与签名记录一致。",
    "results.verify-failed":
      "导入后核对发现问题：{0}。请运行 admin audit verify 查看全部问题。",
    "audit.imported":
      "另核对了从 {0} 台电脑导入的审计日志，共 {1} 条。",
    "bundle.not-a-bundle":
      "这不是 recovery-trainer 的成绩包（第一行不是签章）；没有导入任何内容。",
    "bundle.unsupported":
      "成绩包格式 {0} 这个版本无法读取；请用更新的版本导入。没有导入任何内容。",
    "bundle.unknown-key":
      "成绩包由 {0} 签章，不是本组织的密钥 {1}；没有导入任何内容。请确认它来自本组织的电脑。",
    "bundle.bad-seal":
      "成绩包的签章验证不通过（签章被改动，或文件损坏）；没有导入任何内容。",
    "bundle.edited":
      "成绩包的内容与签章不符：导出后被改动过，或在传送中损坏；没有导入任何内容。请在原电脑上重新导出。",
    "bundle.malformed":
      "成绩包无法使用：{0}；没有导入任何内容。",
    "bundle.broken-log":
      "导出电脑的审计日志验证不通过（{0}）；没有导入任何内容。",
    "bundle.diverges":
      "这个成绩包的审计日志与之前从 {0} 导入的不相接（数据库被复制过，或从备份恢复过？）；没有导入任何内容。",
    "bundle.conflict":
      "{0}；没有导入任何内容。",
    "bundle.own-results":
      "这个成绩包是本数据库自己导出的，其中的记录已经在这里；没有导入任何内容。",
    "bundle.holds-imported":
      "本数据库存有从 {0} 台其他电脑导入的成绩，导出会把它们以本机的名义再带一遍，所以没有导出；请在各台原电脑上分别导出。",
  ]

  static let enResults: [String: String] = [
    "help.admin.export-results":
      "Export this PC's results (answers, final certification attempts, certificates and the audit log) as a bundle sealed by the organisation key, for the organisation database to import.",
    "help.admin.export-results-discussion":
      "The database is verified first. Attempts not final yet stay on the PC and go in a later bundle. Review schedules and reading progress are not exported. A PC may export again and again: each bundle holds everything before it, and an import adds only what is new.",
    "help.admin.import-results":
      "Import a bundle from admin export-results into this database (usually the organisation's).",
    "help.admin.import-results-discussion":
      "The seal and the contents are checked first: a bundle sealed by a key that is not the organisation's, or edited after it was sealed, is refused and nothing is imported. The import is one transaction; importing the same bundle twice changes nothing the second time. Learners are matched by name and created when missing.",
    "help.admin.results-file":
      "The bundle file.",
    "help.admin.results-name":
      "A name for this PC, written into the bundle to tell bundles apart (default: the host name).",
    "results.export-organisation":
      "export-results exports a PC's own SQLite database; the organisation database needs no export (back it up with pg_dump, see docs/deployment.md).",
    "results.bad-name":
      "the PC's name must not be empty or contain a line break.",
    "results.exported":
      "Exported the results of {0} to {1}: {2} learners, {3} sessions, {4} answers, {5} certification attempts, {6} certificates, {7} audit entries, sealed by the organisation key.",
    "results.not-final":
      "{0} attempts are not final yet and stay on this PC; they go in a later bundle once graded: {1}",
    "results.stay-here":
      "Review schedules and reading progress stay on this PC.",
    "results.refused":
      "{0} refused: {1}",
    "results.cannot-import":
      "{0} cannot import results bundles.",
    "results.unchanged":
      "This bundle of {0}, exported {1}, was imported before and brings nothing new; nothing was changed.",
    "results.imported":
      "Imported the results of {0}, exported {1}: {2} learners created, {3} matched by name; {4} sessions, {5} answers, {6} certification attempts, {7} certificates, {8} audit entries.",
    "results.learners-created":
      "Learners created: {0}",
    "results.updated":
      "Brought up to date from the PC: {0} sessions (ended or progressed since), {1} certificates revoked since.",
    "results.left-on-pc":
      "{0} attempts are not final on {1} yet and are not in this bundle.",
    "results.verified":
      "Verified after the import: {0} certification attempts and {1} certificates agree with their signed records.",
    "results.verify-failed":
      "the check after the import found a problem: {0}. Run admin audit verify to see them all.",
    "audit.imported":
      "Also checked the audit logs imported from {0} PCs: {1} entries.",
    "bundle.not-a-bundle":
      "this is not a recovery-trainer results bundle (its first line is not a seal); nothing was imported.",
    "bundle.unsupported":
      "a results bundle in format {0}, which this version cannot read; import it with a newer version. Nothing was imported.",
    "bundle.unknown-key":
      "the bundle is sealed by {0}, not by this organisation's key {1}; nothing was imported. Check that it comes from one of this organisation's PCs.",
    "bundle.bad-seal":
      "the bundle's seal does not verify (the seal was edited, or the file is damaged); nothing was imported.",
    "bundle.edited":
      "the bundle's contents differ from what was sealed: they were edited after export or damaged in transit; nothing was imported. Export it again on the PC.",
    "bundle.malformed":
      "the bundle cannot be used: {0}; nothing was imported.",
    "bundle.broken-log":
      "the exporting PC's audit log does not verify ({0}); nothing was imported.",
    "bundle.diverges":
      "this bundle's audit log does not continue the one imported from {0} before (was the database copied, or restored from a backup?); nothing was imported.",
    "bundle.conflict":
      "{0}; nothing was imported.",
    "bundle.own-results":
      "this bundle was exported by this very database: its rows are here already; nothing was imported.",
    "bundle.holds-imported":
      "this database holds results imported from {0} other PCs, which a bundle of its own would carry again under this PC's name; nothing was exported. Export on each of those PCs instead.",
  ]
}
