// The interface text of the authoring tools that bring question banks in from Moodle's
// formats and take them out again, in both languages; merged into the catalogues.

extension Catalog {
  static let zhAuthoring: [String: String] = [
    "help.content.import":
      "从 GIFT、Aiken 或 Moodle XML 文件导入题目，写成本课程的题库文件（先检查，有错误时不写任何文件）。",
    "help.content.import-format":
      "文件格式：gift、aiken 或 moodle-xml。",
    "help.content.import-file":
      "要导入的文件。",
    "help.content.import-lesson":
      "题目放进哪一课。",
    "help.content.import-out":
      "写到哪个文件（默认是课程的 questions/imported-<文件名>.yaml；- 表示输出到屏幕）；不覆盖已有文件。",
    "help.content.export":
      "把题库导出为 GIFT 或 Moodle XML，供 Moodle 导入；格式无法表达的内容按题号列出。",
    "help.content.export-format":
      "导出格式：gift 或 moodle-xml。",
    "help.content.export-lesson":
      "只导出这一课的题目（默认全部）。",
    "help.content.export-out":
      "写到哪个文件（- 表示输出到屏幕）。",
    "import.unreadable":
      "无法读取 {0}：{1}",
    "import.not-utf8":
      "{0} 不是 UTF-8 编码（第 {1} 个字节）；请先另存为 UTF-8 再导入。",
    "import.nothing-written":
      "发现 {0} 处错误，没有写入任何文件；改正后再导入。",
    "import.no-questions":
      "{0} 中没有可以导入的题目，没有写入任何文件。",
    "import.exists":
      "{0} 已经存在，没有覆盖；请用 --out 指定另一个文件，或先删除它。",
    "import.written":
      "已从 {1} 导入 {0} 道题，写入 {2}。",
    "import.warnings":
      "有 {0} 条警告，见上方。",
    "import.next":
      "下一步：recovery-trainer content lint，再用 content preview {0} 看看学员看到的样子。",
    "import.header":
      "由 recovery-trainer content import {0} 从 {1} 导入，共 {2} 道题。",
    "import.course-broken":
      "写入后课程检查未通过（{0} 处错误），已删除 {1}：",
    "import.no-feedback":
      "从这里起有 {0} 道题原题没有总体反馈，解析暂为“（待填写：…）”；请逐题写明为什么答案正确（content preview 可查看）。",
    "export.written":
      "已导出 {0} 道题到 {1}（{2}）。",
    "export.losses":
      "{0} 道题有该格式无法表达的部分，见上方警告；{1} 道题未导出。",
    "export.header":
      "由 recovery-trainer content export 从课程 {0}（版本 {1}）导出，共 {2} 道题。",
    "export.nothing":
      "没有可导出的题目。",
    "export.warning":
      "警告：",
    "help.globaloptions.database":
      "组织数据库（PostgreSQL），如 postgres://用户@服务器/数据库；也可用 RECOVERY_TRAINER_DATABASE 或数据文件夹中 config 文件的 database 行。密码取自 ~/.pgpass（或 PGPASSFILE），不要写在命令行上。默认使用数据文件夹中的 SQLite 文件。",
    "help.admin.init-organisation":
      "在组织数据库中建立表、角色 rt_manager 与 rt_learner 及其访问规则（可重复运行；升级后应再运行一次）。",
    "help.admin.add-learner":
      "让一个已有的数据库登录角色成为某位学员的角色：只能看到和写入这位学员自己的记录。",
    "help.admin.add-learner-name":
      "学员姓名（须已存在，除非同时给出 --create-learner）。",
    "help.admin.role":
      "数据库登录角色（须已在服务器上建立）。",
    "help.admin.create-learner":
      "学员还不存在时新建。",
    "help.admin.add-manager":
      "让一个已有的数据库登录角色成为管理人员：查看全部记录，评分、发证和撤销。",
    "database.unavailable":
      "这个版本没有组织数据库（PostgreSQL）功能；请用 swift build --traits PostgreSQL 构建（见 docs/deployment.md），或去掉 --database 以使用本机的 SQLite 文件。",
    "database.not-postgres":
      "“{0}”不是 PostgreSQL 数据库地址；应以 postgres:// 开头。",
    "database.password-in-url":
      "数据库地址里不能写密码（本机其他用户能看到命令行）；请把密码写进 ~/.pgpass（权限 600）或 PGPASSFILE 指定的文件。",
    "database.bad-port":
      "端口“{0}”不是 1 到 65535 之间的数。",
    "database.no-user":
      "数据库地址没有写用户名，环境中也没有 PGUSER。",
    "database.bad-sslmode":
      "sslmode“{0}”无法使用；可选 disable、prefer、require、verify-full。",
    "database.none":
      "这个命令用于组织数据库：请用 --database postgres://… 指定（或设置 RECOVERY_TRAINER_DATABASE）。",
    "database.no-learner":
      "没有名为“{0}”的学员，没有改动任何内容；如需新建，请加上 --create-learner。",
    "database.not-empty":
      "组织数据库 {0} 已经有记录，没有复制任何内容；迁移只能进入一个空的数据库。",
    "database.no-role":
      "服务器上没有名为 {0} 的登录角色，没有改动任何内容；请先建立它（CREATE ROLE … LOGIN）。",
    "organisation.initialised":
      "组织数据库 {0} 已就绪：表、角色 rt_manager 与 rt_learner 及其访问规则均已建立。下一步：为每位学员建立登录角色（CREATE ROLE … LOGIN），再运行 admin add-learner。",
    "organisation.learner-added":
      "数据库角色 {0} 现在属于学员 {1}：只能看到和写入这位学员自己的记录。",
    "organisation.manager-added":
      "数据库角色 {0} 现在是管理人员：可以查看全部记录，评分、发证和撤销。",
    "help.admin.migrate":
      "把数据库结构升级到当前版本（程序打开数据库时也会在锁内自动进行）；组织数据库同时把访问规则扩展到新表。",
    "organisation.migrated-schema":
      "{0} 的结构已是最新版本：{1}。",
    "help.admin.migrate-to":
      "把本机的 SQLite 数据库整体迁入一个空的组织数据库：保留每条记录的编号、审计日志和签名，提交前逐项核对；本机文件不变。",
    "help.admin.migrate-to-url":
      "组织数据库地址（postgres://…，须已用 admin init-organisation 建好且没有记录）。",
    "organisation.migrated":
      "已把 {0} 迁入 {1}：{2} 名学员、{3} 条作答、{4} 次认证考试、{5} 张证书、{6} 条审计日志，逐项核对无误。本机文件未改动。",
  ]

  static let enAuthoring: [String: String] = [
    "help.content.import":
      "Import questions from a GIFT, Aiken or Moodle XML file as a question bank of this course (checked first; nothing is written when there are errors).",
    "help.content.import-format":
      "The file's format: gift, aiken or moodle-xml.",
    "help.content.import-file":
      "The file to import.",
    "help.content.import-lesson":
      "The lesson the questions go to.",
    "help.content.import-out":
      "Where to write (default: the course's questions/imported-<file name>.yaml; - for the screen); an existing file is never overwritten.",
    "help.content.export":
      "Export the question bank as GIFT or Moodle XML for Moodle to import; what the format cannot say is listed by question id.",
    "help.content.export-format":
      "The format: gift or moodle-xml.",
    "help.content.export-lesson":
      "Export only this lesson's questions (default: all).",
    "help.content.export-out":
      "Where to write (- for the screen).",
    "import.unreadable":
      "cannot read {0}: {1}",
    "import.not-utf8":
      "{0} is not UTF-8 (byte {1}); save it as UTF-8 and import again.",
    "import.nothing-written":
      "{0} error(s) found; nothing was written. Fix them and import again.",
    "import.no-questions":
      "{0} has no questions to import; nothing was written.",
    "import.exists":
      "{0} already exists and was not overwritten; choose another file with --out, or delete it first.",
    "import.written":
      "Imported {0} question(s) from {1} into {2}.",
    "import.warnings":
      "{0} warning(s), listed above.",
    "import.next":
      "Next: recovery-trainer content lint, then content preview {0} to see it as a learner will.",
    "import.header":
      "Imported by recovery-trainer content import {0} from {1}: {2} question(s).",
    "import.course-broken":
      "The course does not pass its checks with the new file ({0} error(s)); {1} was removed:",
    "import.no-feedback":
      "{0} questions from here on had no general feedback; their explanation is a placeholder to replace with why the answer is right (see content preview).",
    "export.written":
      "Exported {0} question(s) to {1} ({2}).",
    "export.losses":
      "{0} question(s) have parts the format cannot say (warnings above); {1} question(s) were not exported.",
    "export.header":
      "Exported by recovery-trainer content export from the course {0} (version {1}): {2} question(s).",
    "export.nothing":
      "There are no questions to export.",
    "export.warning":
      "warning: ",
    "help.globaloptions.database":
      "The organisation database (PostgreSQL), such as postgres://user@server/database; or RECOVERY_TRAINER_DATABASE, or a database line in the data folder's config file. The password comes from ~/.pgpass (or PGPASSFILE), never the command line. Default: the SQLite file in the data folder.",
    "help.admin.init-organisation":
      "Create the tables, the roles rt_manager and rt_learner and their rules in the organisation database (safe to run again; run it again after an upgrade).",
    "help.admin.add-learner":
      "Make an existing database login role a learner's: it sees and writes that learner's records only.",
    "help.admin.add-learner-name":
      "The learner's name (must exist unless --create-learner is given).",
    "help.admin.role":
      "The database login role (must already exist on the server).",
    "help.admin.create-learner":
      "Create the learner if there is none of that name.",
    "help.admin.add-manager":
      "Make an existing database login role a manager's: it reads every record, grades, issues and revokes.",
    "database.unavailable":
      "this build has no organisation database (PostgreSQL); build with swift build --traits PostgreSQL (see docs/deployment.md), or leave out --database to use the SQLite file on this machine.",
    "database.not-postgres":
      "“{0}” is not a PostgreSQL database address; it starts with postgres://.",
    "database.password-in-url":
      "a database address cannot carry a password (other users of the machine can see command lines); put it in ~/.pgpass (mode 600) or the file PGPASSFILE names.",
    "database.bad-port":
      "the port “{0}” is not a number from 1 to 65535.",
    "database.no-user":
      "the database address names no user, and PGUSER is not set.",
    "database.bad-sslmode":
      "sslmode “{0}” cannot be used; it is one of disable, prefer, require, verify-full.",
    "database.none":
      "this command is for the organisation database: name it with --database postgres://… (or RECOVERY_TRAINER_DATABASE).",
    "database.no-learner":
      "there is no learner called “{0}”; nothing was changed. Add --create-learner to create one.",
    "database.not-empty":
      "the organisation database {0} already holds records; nothing was copied. A database moves only into an empty one.",
    "database.no-role":
      "the server has no login role called {0}; nothing was changed. Create it first (CREATE ROLE … LOGIN).",
    "organisation.initialised":
      "The organisation database {0} is ready: tables, the roles rt_manager and rt_learner and their rules. Next: a login role for each learner (CREATE ROLE … LOGIN), then admin add-learner.",
    "organisation.learner-added":
      "The database role {0} is now the learner {1}'s: it sees and writes that learner's records only.",
    "organisation.manager-added":
      "The database role {0} is now a manager's: it reads every record, grades, issues and revokes.",
    "help.admin.migrate":
      "Bring the database's schema up to date (every program also does it when it opens the database, under a lock); for an organisation database, also extend its rules to new tables.",
    "organisation.migrated-schema":
      "The schema of {0} is up to date: {1}.",
    "help.admin.migrate-to":
      "Move this machine's SQLite database into an empty organisation database: every record with its id, the audit log and its signatures, checked before it is committed; the local file is not changed.",
    "help.admin.migrate-to-url":
      "The organisation database (postgres://…, set up with admin init-organisation and holding no records).",
    "organisation.migrated":
      "Moved {0} into {1}: {2} learners, {3} answers, {4} certification attempts, {5} certificates, {6} audit entries, checked one by one. The local file is unchanged.",
  ]
}
