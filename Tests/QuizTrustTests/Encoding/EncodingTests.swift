import Foundation
import PropertyBased
import QuizTrust
import Testing

@Suite struct EncodingTests {
  @Test func base58MatchesTheBitcoinAlphabetVectors() {
    #expect(Base58.encode(Array("Hello World!".utf8)) == "2NEpo7TZRRrLZSi2U")
    #expect(Base58.encode([0, 0, 1]) == "112")
    #expect(Base58.decode("2NEpo7TZRRrLZSi2U") == Data("Hello World!".utf8))
    #expect(Base58.decode("0OIl") == nil)
  }

  @Test func base58AndBase64URLRoundTripAnyBytes() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...255).array(of: 0...40)) { values in
      let bytes = values.map(UInt8.init)
      #expect(Base58.decode(Base58.encode(bytes)) == Data(bytes))
      #expect(Base64URL.decode(Base64URL.encode(bytes)) == Data(bytes))
      #expect(Hex.decode(Hex.encode(bytes)) == Data(bytes))
    }
  }

  @Test func base64URLRefusesPaddingAndSecondSpellings() {
    #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
    #expect(Base64URL.decode("-_8=") == nil)
    #expect(Base64URL.decode("+/8") == nil)
    #expect(Base64URL.decode("-_9") == nil)  // same bytes, non-zero unused bits
  }

  @Test func canonicalJSONSortsKeysByBytesAndEscapesOnlyWhatItMust() throws {
    let value = CanonicalJSON.object([
      "b": .array([.integer(1), .number(0.85), .number(2), .bool(true), .null]),
      "a": .string("张三 \"q\" \\ \n\u{1}"), "B": .object([:]),
    ])
    #expect(try value.text() == #"{"B":{},"a":"张三 \"q\" \\ \n\u0001","b":[1,0.85,2,true,null]}"#)
    #expect(throws: TrustError.self) { try CanonicalJSON.number(.nan).bytes() }
  }

  @Test func canonicalJSONReadsBackToTheSameBytes() async throws {
    let leaves: [CanonicalJSON] = [.null, .bool(false), .integer(-3), .number(0.1), .number(1e-7), .string("é\t\"")]
    await propertyCheck(count: 200, input: Gen.int(in: 0...(leaves.count - 1)).array(of: 0...6)) { picks in
      let value = CanonicalJSON.object(
        Dictionary(uniqueKeysWithValues: picks.enumerated().map { ("k\($0.offset)", leaves[$0.element]) })
          .merging(["list": .array(picks.map { leaves[$0] })]) { a, _ in a })
      let bytes = try value.bytes()
      #expect(try CanonicalJSON(parsing: bytes).bytes() == bytes)
    }
  }
}
