import Foundation
import IngestCore
import Testing

/// Quote styles, quotes over sentences and paragraphs, pronouns, and span integrity.
@Suite("Claims: quotes, pronouns and spans")
struct ClaimsQuoteTests {
    @Test(
        "straight, curly and doubled-apostrophe quotes",
        arguments: [
            "\"We will build it,\" said Jane Doe.",
            "“We will build it,” said Jane Doe.",
            "''We will build it,'' said Jane Doe.",
            "\"We will build it”, said Jane Doe.",
        ]
    )
    func quoteStyles(text: String) throws {
        let claims = try ClaimsFixture.claims(text)
        let claim = try #require(claims.first)
        #expect(claims.count == 1)
        #expect(claim.kind == .directQuote)
        #expect(claim.content.text == "We will build it")
        #expect(claim.speaker?.resolved == "Jane Doe")
        #expect(claim.speaker?.resolution == .explicit)
    }

    @Test("a single-quoted quote inside a double quote stays inside the content")
    func innerSingleQuotes() throws {
        let text = "“He called the plan ‘a disaster,’ and I agree,” Maria Lopez said."
        let claim = try #require(try ClaimsFixture.claims(text).first)
        #expect(claim.kind == .directQuote)
        #expect(claim.content.text == "He called the plan ‘a disaster,’ and I agree")
        #expect(claim.speaker?.resolved == "Maria Lopez")
    }

    @Test("a quote of several sentences, attributed after it")
    func quoteOverSentences() throws {
        let text = "“It is late. We must act now. There is no other way,” said Prime Minister Tom Baker."
        let claim = try #require(try ClaimsFixture.claims(text).first)
        #expect(claim.kind == .directQuote)
        #expect(claim.content.text == "It is late. We must act now. There is no other way")
        #expect(claim.speaker?.resolved == "Tom Baker")
        #expect(claim.speaker?.role == "Prime Minister")
    }

    @Test("a quote running over paragraphs: no closing mark, next paragraph opens with a quote mark")
    func quoteOverParagraphs() throws {
        let text = """
            Senator Ann Kim spoke to reporters on Monday.

            “The budget is not balanced. It never was.

            “We will vote against it,” she said.
            """
        let claims = try ClaimsFixture.claims(text)
        let claim = try ClaimsFixture.claim(claims, containing: "We will vote against it")
        #expect(claim.kind == .directQuote)
        #expect(claim.content.text.hasPrefix("The budget is not balanced. It never was."))
        #expect(claim.content.text.hasSuffix("We will vote against it"))
        #expect(claim.speaker?.resolved == "Ann Kim")
        #expect(claim.speaker?.resolution == .pronoun)
    }

    @Test("a quote split by its attribution gives one claim in two parts with its speaker and cue")
    func splitQuote() throws {
        let text = "“We are ready,” Paul Green said, “and we will win.”"
        let claims = try ClaimsFixture.claims(text)
        // One attribution in two parts, like an attribution that interrupts reported speech.
        #expect(claims.count == 1)
        let claim = try #require(claims.first)
        #expect(claim.contentParts.map(\.text) == ["We are ready", "and we will win."])
        #expect(claim.content.text == "We are ready,” Paul Green said, “and we will win.")
        #expect(claim.speaker?.resolved == "Paul Green" && claim.kind == .directQuote)
        #expect(claim.cue?.text == "said")
    }

    @Test("a quote-only sentence right after a quote continues it: one claim, the quote's sentences its parts")
    func continuation() throws {
        let text = "“We are ready,” Paul Green said. “The vote is on Friday.” “Come early.”"
        let claims = try ClaimsFixture.claims(text)
        #expect(claims.count == 1)
        let claim = try #require(claims.first)
        #expect(claim.kind == .directQuote)
        #expect(claim.contentParts.map(\.text) == ["We are ready", "The vote is on Friday.", "Come early."])
        #expect(claim.content.text == "We are ready,” Paul Green said. “The vote is on Friday.” “Come early.")
        #expect(claim.speaker?.resolved == "Paul Green")
    }

    @Test("an attribution inside the content gives one claim with two content parts")
    func interrupted() throws {
        let text = "The museum, Mr. Obama said, would make visitors face uncomfortable truths."
        let claim = try #require(try ClaimsFixture.claims(text).first)
        #expect(claim.kind == .reportedSpeech)
        #expect(claim.speaker?.asWritten == "Obama")
        let mention = try #require(claim.speaker?.mentionSpan)
        #expect(ClaimsFixture.slice(text, mention) == "Mr. Obama")
        #expect(claim.contentParts.map(\.text) == ["The museum", "would make visitors face uncomfortable truths"])
        #expect(claim.content.text == "The museum, Mr. Obama said, would make visitors face uncomfortable truths")
    }

    @Test("a pronoun with no antecedent stays unresolved")
    func unresolvedPronoun() throws {
        let claim = try #require(try ClaimsFixture.claims("“We will win this,” he said.").first)
        #expect(claim.kind == .directQuote)
        #expect(claim.speaker?.asWritten == "he")
        #expect(claim.speaker?.resolved == nil)
        #expect(claim.speaker?.resolution == .unresolved)
    }

    @Test("pronouns respect gender: she skips a man, he skips a woman")
    func pronounGender() throws {
        let text = """
            Mary Jones met John Smith on Tuesday.

            “The talks went well,” she said.

            “We agreed on nothing,” he said.
            """
        let claims = try ClaimsFixture.claims(text)
        let she = try ClaimsFixture.claim(claims, containing: "The talks went well")
        let he = try ClaimsFixture.claim(claims, containing: "We agreed on nothing")
        #expect(she.speaker?.resolved == "Mary Jones")
        #expect(he.speaker?.resolved == "John Smith")
        let only = try ClaimsFixture.claims("Mary Jones arrived late.\n\n“It was fine,” he said.")
        #expect(only.first?.speaker?.resolved == nil)
        #expect(only.first?.speaker?.resolution == .unresolved)
    }

    @Test("Mr. and Mrs. titles give gender to a surname")
    func honorificGender() throws {
        let text = "Mrs. Clark and Mr. Lee arrived.\n\n“I am tired,” he said."
        let claims = try ClaimsFixture.claims(text)
        #expect(claims.first?.speaker?.resolved == "Lee")
    }

    @Test("every span slices back to its text, on the seeds and PolNeAR articles")
    func spansSliceBack() throws {
        var texts: [String] = []
        for prefix in ["000", "001", "002", "003", "004"] { texts.append(try ClaimsFixture.seed(prefix)) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: ClaimsFixture.polnear.path).sorted()) ?? []
        for name in names.prefix(30) {
            texts.append(try String(contentsOf: ClaimsFixture.polnear.appendingPathComponent(name), encoding: .utf8))
        }
        var checked = 0
        for text in texts {
            for claim in try ClaimsFixture.claims(text) {
                #expect(ClaimsFixture.slice(text, claim.content.span) == claim.content.text)
                if let cue = claim.cue { #expect(ClaimsFixture.slice(text, cue.span) == cue.text) }
                if let speaker = claim.speaker {
                    #expect(ClaimsFixture.slice(text, speaker.span) == speaker.asWritten)
                    if let mention = speaker.mentionSpan {
                        #expect(mention.start <= speaker.span.start || speaker.resolution == .pronoun)
                        #expect(mention.end <= Array(text.unicodeScalars).count)
                    }
                }
                for part in claim.contentParts {
                    #expect(ClaimsFixture.slice(text, part.span) == part.text)
                    #expect(part.span.start >= claim.content.span.start && part.span.end <= claim.content.span.end)
                }
                #expect(claim.content.text == claim.content.text.trimmingCharacters(in: .whitespacesAndNewlines))
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test("extraction is deterministic")
    func deterministic() throws {
        let text = try ClaimsFixture.seed("003")
        #expect(try ClaimsFixture.claims(text) == (try ClaimsFixture.claims(text)))
    }

    @Test("empty and quote-only input does not crash")
    func degenerate() throws {
        for text in ["\"", "“", "”\n\n“", "said", "\"\" said.", "a\n\n\"b", "(", "[[", "he said,"] {
            let envelope = ArticleEnvelope(
                key: "k",
                outlet: "o",
                fetchedAt: "2026-01-01T00:00:00Z",
                contentType: .text,
                body: text
            )
            if let processed = try? Pipeline().process(envelope) {
                for claim in processed.claims {
                    #expect(ClaimsFixture.slice(text, claim.content.span) == claim.content.text)
                }
            }
        }
    }
}
