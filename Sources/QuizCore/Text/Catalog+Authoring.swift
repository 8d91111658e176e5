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
  ]
}
