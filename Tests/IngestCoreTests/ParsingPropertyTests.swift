import Foundation
import IngestCore
import PropertyBased
import Testing

/// Arbitrary input never crashes the parser, and every span it reports slices the text back exactly.
@Suite struct ParsingPropertyTests {
    /// Pieces that stress the parser: line breaks of every kind, quotes, terminators, abbreviations, bullets,
    /// datelines, captions, combining marks, emoji, zero-width and control characters, other scripts.
    static let textFragments = [
        " ", "  ", "\n", "\r\n", "\r", "\n\n", "\u{2028}", "\u{2029}", "\u{85}", "\t", "\u{A0}", "\u{3000}",
        "\u{200B}", "\u{FEFF}", ".", "..", "...", "\u{2026}", "!", "?", "?!", "\"", "'", "\u{201C}", "\u{201D}",
        "\u{2018}", "\u{2019}", "\u{AB}", "\u{BB}", "(", ")", "[", "]", ",", ";", ":", "-", "\u{2013}",
        "\u{2014}", "U.S.", "U.N.", "Mr.", "Jul.", "J.", "Inc.", "e.g.", "$3.5", "2.5%", "- ", "* ", "\u{2022} ",
        "[1/12]", "(Reuters) -", "SEOUL, July 27 (Reuters) - ", " date 2023-07-27 ", "By Jane Doe",
        "(With inputs from agencies)", "Acquire Licensing Rights", "KCNA via REUTERS", "e\u{301}", "\u{301}",
        "\u{1F44D}\u{1F3FD}", "\u{1F1F0}\u{1F1F7}", "\u{7}", "\u{1B}", "\u{7F}", "\u{C}", "\u{FFFD}", "the",
        "Word", "Kim", "said", "He", "The", "Ж", "日本語。", "한국어", "\u{645}\u{631}\u{62D}\u{628}\u{627}",
        "\u{FB01}", "\u{FF28}",
    ]

    static let htmlFragments = [
        "<p>", "</p>", "<div>", "</div>", "<br>", "<article>", "</article>", "<h1>", "</h1>", "<li>", "<ul>",
        "<script>", "</script>", "<style>", "</style>", "<div class=\"share\">", "<nav>", "</nav>", "<figure>",
        "<figcaption>", "</figcaption>", "<!-- c -->", "&amp;", "&nbsp;", "&#x27;", "&bogus;", "<", ">", "<b",
        "<meta property=\"og:title\" content=\"T\">", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"",
        "<time datetime=\"2023-07-27\">", "<![CDATA[x]]>", "<span hidden>", "</span>",
    ]

    /// A string of fragments mixed with printable ASCII and arbitrary non-surrogate scalars.
    @Sendable static func makeText(_ choices: [Int], _ fragments: [String]) -> String {
        var result = ""
        for choice in choices {
            switch choice % 3 {
            case 0: result += fragments[choice % fragments.count]
            case 1: result.unicodeScalars.append(Unicode.Scalar(UInt8(0x20 + choice % 95)))
            default:
                if let scalar = Unicode.Scalar(UInt32(choice)), choice != 0 {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += fragments[choice % fragments.count]
                }
            }
        }
        return result
    }

    private func check(_ body: String, _ type: ContentType, allowed: Set<String>) {
        do throws(IngestError) {
            let article = try ParsingSupport.parse(body, type)
            #expect(ParsingSupport.spanProblems(article) == [], "input: \(body.debugDescription)")
            if type == .text { #expect(article.text == body) }
            #expect(!article.normalizedText.hasPrefix(" ") && !article.normalizedText.hasSuffix(" "))
            #expect(!article.normalizedText.contains("  "))
        } catch {
            #expect(allowed.contains(error.errorClass), "unexpected \(error) for \(body.debugDescription)")
        }
    }

    @Test func plainTextSpansAreExact() async {
        await propertyCheck(
            count: 400,
            input: Gen.int(in: 0...0x10FFFF).array(of: 0...120).map { Self.makeText($0, Self.textFragments) }
        ) { body in
            check(body, .text, allowed: ["empty", "binary"])
        }
    }

    @Test func longPlainTextSpansAreExact() async {
        await propertyCheck(
            count: 60,
            input: Gen.int(in: 0...0x10FFFF).array(of: 200...1500).map { Self.makeText($0, Self.textFragments) }
        ) { body in
            check(body, .text, allowed: ["empty", "binary"])
        }
    }

    @Test func htmlSpansAreExact() async {
        let input = Gen.int(in: 0...0x10FFFF).array(of: 0...120).map {
            Self.makeText($0, Self.htmlFragments + Self.textFragments)
        }
        await propertyCheck(count: 300, input: input) { body in
            check(body, .html, allowed: ["empty", "binary", "no-extractable-text"])
        }
    }

    @Test func jsonArticleTextIsTheBodyString() async {
        let input = Gen.int(in: 0...0x10FFFF).array(of: 0...80).map { Self.makeText($0, Self.textFragments) }
        await propertyCheck(count: 200, input: input) { body in
            let object = ["title": String(body.prefix(20)), "body": body]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            do throws(IngestError) {
                let article = try ParsingSupport.parse(json, .json)
                // A body with markup is HTML and gets extracted; plain text is kept as is.
                if !body.contains("<") { #expect(article.text == body) }
                #expect(ParsingSupport.spanProblems(article) == [])
            } catch {
                let allowed = body.contains("<") ? ["empty", "binary", "no-extractable-text"] : ["empty", "binary"]
                #expect(allowed.contains(error.errorClass), "unexpected \(error)")
            }
        }
    }
}
