import Foundation
import Testing

@testable import IngestCore

/// Declared character sets: Latin-1 and Windows-1252 transcoded to UTF-8 before parsing; undeclared invalid UTF-8
/// refused with the offending byte.
@Suite struct CharsetTests {
    // "Café in São Paulo: the mayor’s €5 plan" with Latin-1 bytes (no ’ or € there) and Windows-1252 bytes.
    static let latin1: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" in S".utf8) + [0xE3] + Array("o Paulo".utf8)
    static let cp1252: [UInt8] = Array("the mayor".utf8) + [0x92] + Array("s ".utf8) + [0x80] + Array("5 plan".utf8)

    @Test func decodesLatin1AndWindows1252() {
        #expect(TextEncoding.latin1.decode(Self.latin1) == "Café in São Paulo")
        #expect(TextEncoding.cp1252.decode(Self.cp1252) == "the mayor’s €5 plan")
        // Windows-1252's unassigned bytes keep their C1 code points; Latin-1 maps 0x80–0x9F to C1 controls.
        #expect(TextEncoding.cp1252.decode([0x81, 0x9D]) == "\u{81}\u{9D}")
        #expect(TextEncoding.latin1.decode([0x92]) == "\u{92}")
        #expect(TextEncoding.utf8.decode(Self.latin1) == nil)
        #expect(TextEncoding(label: " ISO-8859-1 ") == .latin1)
        #expect(TextEncoding(label: "Windows-1252") == .cp1252)
        #expect(TextEncoding(label: "\"utf8\"") == .utf8)
        #expect(TextEncoding(label: "shift_jis") == nil)
    }

    @Test func findsDeclarationsInHTMLAndJSON() {
        func html(_ head: String) -> String? {
            DeclaredCharset.find(
                in: Array("<html><head>\(head)</head><body>x</body>".utf8) + [0xE9],
                contentType: .html
            )
        }
        #expect(html(#"<meta charset="windows-1252">"#) == "windows-1252")
        #expect(html(#"<META CHARSET=ISO-8859-1 />"#) == "iso-8859-1")
        #expect(html(#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"#) == "iso-8859-1")
        #expect(html(#"<meta name="viewport" content="width=device-width">"#) == nil)
        let json = Array(#"{"charset": "ISO-8859-1", "body": "Caf"#.utf8) + [0xE9] + Array(#""}"#.utf8)
        #expect(DeclaredCharset.find(in: json, contentType: .json) == "ISO-8859-1")
        let typed = Array(#"{"content_type": "text/html; charset=windows-1252", "body": "x"}"#.utf8)
        #expect(DeclaredCharset.find(in: typed, contentType: .json) == "windows-1252")
        #expect(DeclaredCharset.find(in: Self.latin1, contentType: .text) == nil)
    }

    @Test func decoderPrefersTheFlagThenUTF8ThenTheDeclaration() throws {
        // Undeclared invalid UTF-8: refused, naming the byte.
        let refused = BodyDecoder.decode(Self.latin1, contentType: .text)
        #expect(throws: IngestError.self) { try refused.get() }
        guard case .failure(.invalidUTF8(let detail)) = refused else {
            Issue.record("not refused")
            return
        }
        #expect(detail.hasPrefix("byte 3 (0xE9) is not UTF-8 and no charset is declared"))

        #expect(
            try BodyDecoder.decode(Self.latin1, contentType: .text, override: .latin1).get().text == "Café in São Paulo"
        )
        let page = Array(#"<html><head><meta charset="windows-1252"></head><body><p>"#.utf8) + Self.cp1252
        let decoded = try BodyDecoder.decode(page, contentType: .html).get()
        #expect(decoded.encoding == .cp1252 && decoded.source == "declared")
        #expect(decoded.text.hasSuffix("the mayor’s €5 plan"))
        // Valid UTF-8 wins over a declaration (a converted page that kept its old <meta>).
        let converted = Array(#"<meta charset="iso-8859-1"><p>Café"#.utf8)
        #expect(try BodyDecoder.decode(converted, contentType: .html).get().text.hasSuffix("Café"))
        guard
            case .failure(.invalidUTF8(let unsupported)) = BodyDecoder.decode(
                Array(#"<meta charset="shift_jis">"#.utf8) + [0x82, 0xA0],
                contentType: .html
            )
        else {
            Issue.record("not refused")
            return
        }
        #expect(unsupported.contains("the declared charset shift_jis is not supported"))
    }

    @Test func undecodedBodyIsDeadLetteredByTheWorkerWithTheByte() throws {
        let envelope = ArticleEnvelope(
            key: "k",
            outlet: "Desk \"A\"",
            fetchedAt: "2026-03-03T10:00:00Z",
            contentType: .text,
            body: "ignored"
        )
        let raw: [UInt8] = Array("Line \"one\"\n\u{1}".utf8) + Self.latin1
        let bytes = envelope.encoded(rawBody: raw)
        #expect(throws: IngestError.self) { try ArticleEnvelope.decode(bytes) }
        do {
            _ = try ArticleEnvelope.decode(bytes)
        } catch {
            guard case .invalidUTF8(let detail) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(detail.contains("(0xE9) is not UTF-8"))
        }
        // Transcoded to UTF-8 (what the producer sends with --encoding latin1), the same bytes decode and parse.
        var fixed = envelope
        fixed.body = try #require(TextEncoding.latin1.decode(raw))
        let decoded = try ArticleEnvelope.decode(fixed.encoded())
        #expect(decoded.body.hasSuffix("Café in São Paulo"))
        #expect(decoded.outlet == "Desk \"A\"")
    }
}
