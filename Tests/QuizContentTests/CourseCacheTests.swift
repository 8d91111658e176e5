import Foundation
import QuizContent
import QuizCore
import Testing

/// The binary course cache gives back exactly the course that was validated, and is never
/// trusted once the content or the program changes.
@Suite struct CourseCacheTests {
  @Test func theBuiltInCourseComesBackIdentical() throws {
    let cacheFolder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: cacheFolder) }
    let folder = try CourseLoader.locateCourse(in: Fixtures.builtInContent.path)
    let cache = CourseCache(folder: cacheFolder.path, programVersion: "test")
    let first = cache.load(courseFolder: folder)
    let second = cache.load(courseFolder: folder)
    let files = try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path)
    #expect(files.count == 1, "one cache file written")
    #expect(first.course != nil)
    #expect(second.course == first.course)
    #expect(second.course == BuiltInCourseTests.course)
  }

  @Test func aChangedFileOrProgramMeansAFreshLoad() throws {
    let parent = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let course = try Fixtures.brokenCourse("warnings", in: parent)
    // Start from the clean base course.
    try Fixtures.copyTree(from: Fixtures.root.appendingPathComponent("base"), to: course)
    let cacheFolder = parent.appendingPathComponent("cache")
    let cache = CourseCache(folder: cacheFolder.path, programVersion: "1")
    #expect(cache.load(courseFolder: course.path).course?.questions.count == 2)
    // Edit a question: the cached course must not be used.
    let bank = course.appendingPathComponent("questions/extra.yaml")
    let text = try String(contentsOf: bank, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "催收函可以中断诉讼时效。\n", with: "催收函到达借款人可以中断诉讼时效。\n").utf8).write(to: bank)
    let edited = cache.load(courseFolder: course.path).course
    #expect(edited?.question(withID: "e.letter")?.prompt == "催收函到达借款人可以中断诉讼时效。")
    // Break it: errors are reported, not hidden behind an old cache.
    try Data("- [".utf8).write(to: bank)
    #expect(cache.load(courseFolder: course.path).course == nil)
    // A new program version does not read the old cache either (it loads and validates).
    try Data(text.utf8).write(to: bank)
    #expect(CourseCache(folder: cacheFolder.path, programVersion: "2").load(courseFolder: course.path).course != nil)
  }

  @Test func anEditedRuleTableMeansAFreshLoad() throws {
    let parent = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let course = parent.appendingPathComponent("calls")
    let testCourse = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("QuizCLITests/Golden/call-course")
    try Fixtures.copyTree(from: testCourse, to: course)
    let cache = CourseCache(folder: parent.appendingPathComponent("cache").path, programVersion: "1")
    func penalty() -> Double? {
      guard case .scenario(let scenario)? = cache.load(courseFolder: course.path).course?.questions.first?.kind
      else { return nil }
      return scenario.rule("identity-first")?.penalty
    }
    #expect(penalty() == 0.25)
    let rules = course.appendingPathComponent("rules.yaml")
    let text = try String(contentsOf: rules, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "penalty: 0.25", with: "penalty: 0.5").utf8).write(to: rules)
    #expect(penalty() == 0.5, "a changed rule is not served from the old cache")
  }

  @Test func aDamagedCacheFileIsIgnored() throws {
    let parent = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let cacheFolder = parent.appendingPathComponent("cache")
    let cache = CourseCache(folder: cacheFolder.path, programVersion: "1")
    let folder = Fixtures.root.appendingPathComponent("base").path
    let original = cache.load(courseFolder: folder).course
    for name in try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path) {
      let path = cacheFolder.appendingPathComponent(name)
      var data = try Data(contentsOf: path)
      data.replaceSubrange(data.count / 2..<data.count, with: Data(repeating: 0xFF, count: data.count - data.count / 2))
      try data.write(to: path)
    }
    #expect(cache.load(courseFolder: folder).course == original)
  }
}
