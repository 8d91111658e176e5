import Foundation
import QuizCore
import Testing

@testable import QuizStore

/// What two stores read back is compared to the precision they keep, and no coarser.
@Suite struct RecordComparisonTests {
  @Test func datesToTheMillisecondAndEverythingElseExactly() {
    let a = Learner(id: 1, name: "张三", displayName: "张三", createdAt: Date(timeIntervalSince1970: 1_764_607_573.699))
    var b = a
    b.createdAt = Date(timeIntervalSince1970: 1_764_607_573.698_99)
    #expect(a != b && RecordComparison.same(a, b), "the same millisecond, doubles apart")
    b.createdAt = Date(timeIntervalSince1970: 1_764_607_573.700)
    #expect(!RecordComparison.same(a, b), "a millisecond apart")
    var c = a
    c.displayName = "张 三"
    #expect(!RecordComparison.same(a, c))
  }

  @Test func collectionsBytesAndOptionals() {
    #expect(RecordComparison.same(Set(["a", "b", "c"]), Set(["c", "b", "a"])))
    #expect(RecordComparison.same(["x": 1, "y": 2], ["y": 2, "x": 1]))
    #expect(!RecordComparison.same(["a", "b"], ["b", "a"]), "lists keep their order")
    let bytes = Data((0..<100).map { UInt8($0) })
    #expect(RecordComparison.same(bytes, Data(bytes.map { $0 })))
    #expect(!RecordComparison.same(bytes, bytes.dropLast()))
    #expect(!RecordComparison.same(Optional<Int>.none, Optional(0)))
  }
}
