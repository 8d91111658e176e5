import QuizContent

/// A question-bank file: any bytes must give questions or located errors, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let (_, diagnostics) = CourseLoader.parseQuestionBank(text, file: "fuzz.yaml")
  for diagnostic in diagnostics {
    precondition(diagnostic.line >= 1 && diagnostic.column >= 1, "diagnostic without a location")
  }
  return 0
}
