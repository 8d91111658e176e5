import QuizContent

/// A lesson file: front matter and Markdown; any bytes must parse or give located errors.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let (lesson, diagnostics) = CourseLoader.parseLesson(text, file: "fuzz.md")
  for diagnostic in diagnostics {
    precondition(diagnostic.line >= 1 && diagnostic.column >= 1, "diagnostic without a location")
  }
  if let lesson {
    for section in lesson.sections { precondition(section.line >= 1, "section without a line") }
  }
  _ = MarkdownDocument(parsing: text)
  return 0
}
