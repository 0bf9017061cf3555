import Foundation
import IngestCore
import Testing

/// Envelopes are read by ``FastJSON`` in its `JSONDecoder`-compatible mode; these tests hold it to `JSONDecoder`'s
/// verdicts and values, since what it accepts decides what gets dead-lettered.
@Suite struct JSONReaderTests {
    /// `JSONDecoder`'s reading of a text, as ``JSONValue/parse(_:)`` read it before.
    static func foundation(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    static func fast(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONValue.parse(bytes)
    }

    static let edgeCases: [String] = [
        #"{"a":"x\u0000y"}"#, #"{"a":"\ud800"}"#, #"{"a":"\udc00x"}"#, #"{"a":"\ud800\u0041"}"#,
        #"{"a":"\ud800\ud800"}"#, #"{"a":"\uD83D\uDE00"}"#, #"{"a":1e400}"#, #"{"a":-1e400}"#, #"{"a":1.8e308}"#,
        #"{"a":2e-324}"#, #"{"a":4.9e-324}"#, #"{"a":1e-310}"#, #"{"a":0e-400}"#, #"{"a":0.000e999}"#, #"{"a":-0}"#,
        #"{"a":1,"a":2}"#, #"{"a":1,"a":"s"}"#, #"{"a":01}"#, #"{"a":-01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":+1}"#,
        #"{"a":1e}"#, #"{"a":[1,]}"#, #"{"a":[,]}"#, #"{"a":{"b":1,}}"#, #"{,}"#, #"{"a":1,,}"#, #"[1,,]"#,
        #"{"a":[1,{"b":2,}],}"#, "\u{FEFF}{\"a\":1}", "\u{FEFF}\u{FEFF}{}", " \u{FEFF}{}", "{\"a\":1}\u{FEFF}",
        "{\"a\":\"tab\tx\"}", "{\"a\":\"\u{7F}\"}", #" {"a":true} "#, #"{"a":1} x"#, #"{"a":"\x"}"#, #"{"a":"\/"}"#,
        #"{"a":NaN}"#, #"{"a":tru}"#, #"{'a':1}"#, "\"x\"", "1", "null", "[]", "{}", "", " ",
        String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
        String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
        "{\"a\":" + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}",
        "{\"a\":" + String(repeating: "[", count: 512) + String(repeating: "]", count: 512) + "}",
    ]

    @Test(arguments: JSONReaderTests.edgeCases)
    func edgeCasesReadAsJSONDecoderReadsThem(text: String) {
        let bytes = Array(text.utf8)
        #expect(Self.fast(bytes) == Self.foundation(bytes))
    }

    /// Real envelopes, then thousands of one- and two-byte edits of one (JSON punctuation, digits, escapes).
    @Test func editedEnvelopesReadAsJSONDecoderReadsThem() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared/fixtures/seeds"
        ).standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }
        try #require(!names.isEmpty)
        var envelopes: [[UInt8]] = []
        for name in names.sorted() {
            let body = try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
            let envelope = ArticleEnvelope(
                key: name,
                outlet: "seed",
                url: "https://example.com/\(name)",
                fetchedAt: "2026-11-30T12:00:00Z",
                contentType: .text,
                title: "Title \u{201C}quoted\u{201D}",
                body: body
            )
            envelopes.append(envelope.encoded())
        }
        for envelope in envelopes {
            #expect(Self.fast(envelope) != nil)
            #expect(Self.fast(envelope) == Self.foundation(envelope))
        }
        let small = Array(
            #"{"v":1,"key":"k\u00e9","outlet":"o","n":[1.5e3,-0,true,null,{"x":"\ud83d\ude00"}],"body":"b\n"}"#.utf8
        )
        let alphabet = Array(#"{}[],:"\/u0123456789eE.-+ tfn"#.utf8) + [0xEF, 0xBB, 0xBF, 0x09]
        var random = SplitMix64(seed: 14)
        var compared = 0
        for _ in 0..<4000 {
            var text = small
            for _ in 0...(random.next() % 2) {
                let position = Int(random.next() % UInt64(text.count))
                let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 3 {
                case 0: text[position] = byte
                case 1: text.insert(byte, at: position)
                default: text.remove(at: position)
                }
            }
            guard String(validating: text, as: UTF8.self) != nil else { continue }
            compared += 1
            let expected = Self.foundation(text)
            #expect(Self.fast(text) == expected, "\(String(decoding: text, as: UTF8.self))")
        }
        #expect(compared > 3000)
    }
}
