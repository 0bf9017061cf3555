import Foundation
import PropertyBased
import Testing

@testable import IngestCore

/// The parser's own JSON reader agrees with Foundation's and refuses what is not JSON.
@Suite struct ParsingJSONTests {
    @Test(arguments: [
        #"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
        #"[1.5, -2, 3e2, 0, -0.25E-1]"#,
        #""esc\"apes\\ \/ \b\f\n\r\t \u00e9 \ud83d\udc4d""#,
        #"{"@graph": [{"@type": ["NewsArticle"], "headline": "Kim", "author": [{"name": "A"}]}]}"#,
        "  {\"nested\": [[[[{}]]]], \"empty\": \"\"}  ",
    ])
    func agreesWithFoundation(json: String) throws {
        let expected = try JSONValue.parse(Array(json.utf8))
        #expect(FastJSON.parse(json) == expected)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "{\"a\": 1,}", "01", "1.", "-", "tru", "\"unterminated", "\"bad \\x escape\"",
        "\"raw\ncontrol\"", "[1] 2", "{\"a\": 1}}", "nul",
    ])
    func refusesInvalid(json: String) {
        #expect(FastJSON.parse(json) == nil)
    }

    @Test func loneSurrogateBecomesReplacement() {
        #expect(FastJSON.parse(#""\ud83d x""#) == .string("\u{FFFD} x"))
    }

    @Test func anyEncodedStringRoundTrips() async {
        let input = Gen.int(in: 0...0x10FFFF).array(of: 0...60).map {
            ParsingPropertyTests.makeText($0, ParsingPropertyTests.textFragments)
        }
        await propertyCheck(count: 200, input: input) { text in
            let data = try JSONSerialization.data(withJSONObject: ["body": text, "n": 42])
            let json = String(decoding: data, as: UTF8.self)
            #expect(FastJSON.parse(json) == .object(["body": .string(text), "n": .number(42)]))
        }
    }
}
