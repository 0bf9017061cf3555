import Testing

@testable import IngestCore

/// The shared text layer: the one UTF-8 decoder, hash family and union-find every stage uses, and the one
/// tokenization of an article (``ArticleText``) that the parser, claims and fingerprints all read.
@Suite struct TextLayerTests {
    private static func texts(_ doc: ClaimDocument) -> [String] {
        doc.sentences.map { doc.string(Int(doc.tokens[$0.first].start), Int(doc.tokens[$0.end - 1].end)) }
    }

    /// On real articles: the parser's sentences are the tokenization's, claims read its tokens and join whole
    /// sentences only, and dedup's sentence ends are its body sentences' ends.
    @Test func oneTokenizationServesEveryStage() throws {
        for prefix in ["000", "001", "002", "003", "004"] {
            let parsed = try ParsingSupport.parse(try ClaimsFixture.seed(prefix))
            let layer = try #require(parsed.textLayer)
            #expect(parsed.sentences == layer.sentenceRecords())
            #expect(parsed.sentences.count > 10)
            let doc = ClaimDocument(article: parsed)
            #expect(doc.tokens.map(\.start) == layer.tokens.map(\.start))
            #expect(doc.tokens.map(\.hash) == layer.tokens.map(\.hash))
            let starts = Set(layer.sentences.map(\.first))
            let ends = Set(layer.sentences.map(\.end))
            for sentence in doc.sentences {
                #expect(ends.contains(sentence.end))
                #expect(starts.contains(sentence.first) || sentence.first == doc.units[sentence.unit].firstToken)
            }
            let body = TokenizedBody(layer)
            let bodySentences = layer.sentences.filter {
                layer.blocks[$0.block].isBody && layer.wordStarts[$0.end] > layer.wordStarts[$0.first]
            }
            #expect(body.sentenceEnds.count == bodySentences.count)
            #expect(body.paragraphEnds.count == parsed.paragraphs.count)
        }
    }

    /// A claim's sentence index is the parser's sentence its content starts in: one idea of a sentence.
    @Test func claimSentenceIndexesAreTheParsersSentences() throws {
        var checked = 0
        for prefix in ["000", "001", "003"] {
            let processed = try ClaimsFixture.process(try ClaimsFixture.seed(prefix))
            let sentences = processed.parsed.sentences
            for claim in processed.claims {
                let sentence = sentences[claim.sentenceIndex].span
                #expect(sentence.start <= claim.content.span.start && claim.content.span.start < sentence.end)
                checked += 1
            }
            // The pipeline does not keep the tokens once every stage has read them.
            #expect(processed.parsed.textLayer == nil)
        }
        #expect(checked > 10)
    }

    /// Claims see a quote of several sentences, or a quote and its attribution, as one sentence; the parser and
    /// dedup see each sentence.
    @Test func claimsJoinTheSentencesAQuoteHoldsTogether() throws {
        let text =
            "\"We will win. We must,\" he said. Then he left.\n\n"
            + "\"We will not back down.\" Foreign Minister Wang Yi said. Talks resume in May."
        let parsed = try ParsingSupport.parse(text)
        #expect(
            parsed.sentences.map(\.text) == [
                "\"We will win.", "We must,\" he said.", "Then he left.", "\"We will not back down.\"",
                "Foreign Minister Wang Yi said.", "Talks resume in May.",
            ]
        )
        #expect(
            Self.texts(ClaimDocument(article: parsed)) == [
                "\"We will win. We must,\" he said.", "Then he left.",
                "\"We will not back down.\" Foreign Minister Wang Yi said.", "Talks resume in May.",
            ]
        )
        #expect(TokenizedBody(try #require(parsed.textLayer)).sentenceEnds.count == 6)
    }

    /// Decimals, initials, dotted initialisms and abbreviations are single tokens or no boundary; dedup words
    /// drop apostrophes and inner periods and split at hyphens, from the same pass.
    @Test func tokensKeepOffsetsAndDedupWords() throws {
        let layer = ArticleText(paragraphs: ["Russia’s U.S.-based 3.5% rise, Cold War-era. J. Smith left."])
        let texts = layer.tokens.map { layer.string(Int($0.start), Int($0.end)) }
        #expect(
            texts == [
                "Russia’s", "U.S.-based", "3.5", "%", "rise", ",", "Cold", "War-era", ".", "J", ".", "Smith", "left",
                ".",
            ]
        )
        #expect(layer.tokens[0].flags.contains(.possessive))
        let words = ["russias", "us", "based", "35", "rise", "cold", "war", "era", "j", "smith", "left"]
        #expect(layer.words == TokenizedBody(paragraphs: [words.joined(separator: " ")]).tokens)
        #expect(layer.sentences.map(\.end) == [9, 14])
        // A sentence's words are those of its tokens.
        #expect(layer.wordStarts[9] == 8)
    }

    @Test func fnv1aMatchesThePublishedVectors() {
        #expect(FNV1a.hash("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar".utf8) == 0x8594_4171_f739_67e8)
        var text = "FooBar"
        let folded = text.withUTF8 { FNV1a.hashLowercased($0, 0, $0.count) }
        #expect(folded == FNV1a.hash("foobar".utf8))
    }

    @Test func theClaimsWordHashIsFNV1aOverFoldedScalars() {
        // ASCII words hash as their lower-case bytes, and typographic apostrophes as ASCII ones.
        #expect(WordHash.of("Said") == FNV1a.hash("said".utf8))
        #expect(WordHash.of("don\u{2019}t") == FNV1a.hash("don't".utf8))
    }

    @Test func theDecoderReadsEveryLengthAndRefusesCutScalars() {
        var text = "a\u{E9}\u{201C}\u{1F600}"
        let decoded: [(UInt32, Int)] = text.withUTF8 { bytes in
            var result: [(UInt32, Int)] = []
            var index = 0
            while index < bytes.count {
                let (scalar, length) = ByteText.decode(bytes, index)
                result.append((scalar, length))
                index += length
            }
            return result
        }
        #expect(decoded.map(\.0) == [0x61, 0xE9, 0x201C, 0x1F600])
        #expect(decoded.map(\.1) == [1, 2, 3, 4])
        // A continuation byte, or a lead byte whose scalar is cut off by the end, reads as U+FFFD.
        let cut: [UInt8] = [0x80, 0xE2, 0x80]
        cut.withUnsafeBufferPointer { bytes in
            #expect(ByteText.decode(bytes, 0) == (0xFFFD, 1))
            #expect(ByteText.decode(bytes, 1) == (0xFFFD, 1))
        }
    }

    @Test func unionFindRootsAreTheSmallestMemberWhateverTheOrder() {
        let links = [(5, 9), (9, 2), (7, 8), (8, 3), (2, 7)]
        for order in [links, links.reversed(), links.map { ($0.1, $0.0) }] {
            var components = UnionFind<Int>()
            for id in [1, 4] { components.insert(id) }
            for (a, b) in order { components.union(a, b) }
            #expect(Set(components.members) == [1, 2, 3, 4, 5, 7, 8, 9])
            for id in [2, 3, 5, 7, 8, 9] { #expect(components.find(id) == 2) }
            #expect(components.find(1) == 1)
            #expect(components.find(4) == 4)
        }
    }
}
