import Foundation
import IngestCore
import Testing

@Suite struct DedupSimilarityTests {
    static let original = [
        "Prices of wheat rose sharply on Monday after heavy rain delayed the harvest across the northern plains.",
        "Traders said the rally could continue for several weeks if the weather does not improve soon.",
        "The agriculture ministry said it would publish a revised crop estimate at the end of the month.",
        "Farmers in the region have already lost about a fifth of their expected yield, officials said.",
    ]

    @Test func formattingOnlyChangesAreExact() {
        let a = DedupFixtures.fingerprint(Self.original)
        let b = DedupFixtures.fingerprint(Self.original.map { $0.replacingOccurrences(of: " ", with: "  ") + "  " })
        #expect(a.contentHash != b.contentHash)
        #expect(Similarity.relation(a, b).0 == .exact)
        #expect(Similarity.relation(a, b).score == 1)
    }

    /// The parser may remove a dateline from one copy and not from a reformatted one; the text hash still sees
    /// the same words, while one changed word is no longer exact.
    @Test func exactnessDoesNotDependOnParserRemovals() {
        let raw = ["SEOUL, July 27 (Agency) -"] + Self.original
        var kept = DedupFixtures.article(raw)
        var removed = DedupFixtures.article(Array(raw.dropFirst()))
        removed.text = raw.joined(separator: "\n\t\n")
        #expect(Similarity.relation(Fingerprinter.fingerprint(kept), Fingerprinter.fingerprint(removed)).0 == .exact)
        kept.text = kept.text.replacingOccurrences(of: "sharply", with: "slightly")
        kept.normalizedText = kept.text.lowercased()
        let edited = Fingerprinter.fingerprint(kept)
        #expect(Similarity.relation(edited, Fingerprinter.fingerprint(removed)).0 != .exact)
        #expect(
            Fingerprinter.formattingFreeHash(of: "Russia’s  “Victory Day”")
                == Fingerprinter.formattingFreeHash(of: "russia's victory-day")
        )
        #expect(Fingerprinter.formattingFreeHash(of: " — ") == 0)
    }

    /// B shares sentence 1 verbatim, sentence 3 with its middle edited (prefix and suffix anchors still match) and
    /// sentence 4 with a new ending (prefix anchor matches); sentence 2 is rewritten beyond recognition.
    @Test func containmentOnAHandExample() {
        let b = [
            "Prices of wheat rose sharply on Monday after heavy rain delayed the harvest across the northern plains.",
            "Brokers expect the move to fade once the fields dry out again.",
            "The agriculture ministry said it would soon publish a revised crop estimate at the end of the month.",
            "Farmers in the region have already lost a quarter of the harvest.",
            "Separately, fertiliser makers reported higher sales in the second quarter of the year.",
            "Shipping costs on the river also climbed because water levels were unusually high this week.",
            "Bakeries in the capital warned that bread prices could rise before the end of the autumn.",
            "Economists at two large banks cut their growth forecasts for the farming sector on Tuesday.",
        ]
        let a = DedupFixtures.fingerprint(Self.original)
        let fb = DedupFixtures.fingerprint(b)
        let overlap = Similarity.sentenceOverlap(a, fb)
        #expect(overlap.compared == 4)
        #expect(overlap.shared == 3)
        #expect(Similarity.directedContainment(of: fb, in: a) == 3.0 / 8.0)
        let result = Similarity.compare(a, fb)
        #expect(result.containment == 0.75)
        #expect(result.mutualContainment == 3.0 / 8.0)
        #expect(result.relation == .reprint, "J \(result.estimatedJaccard)")
        #expect(result.sameStory)
    }

    @Test func relationIsSymmetric() throws {
        let files = try DedupFixtures.seedFiles()
        try #require(files.count == 5)
        let prints = try files.map(DedupFixtures.fingerprint(file:))
        for a in prints {
            for b in prints {
                #expect(Similarity.compare(a, b) == Similarity.compare(b, a))
            }
        }
    }

    /// Linking sorts each article's keys once (``SentenceLookup``) and reuses them across its pairs: the verdicts
    /// are those of the plain comparison, quote evidence and legacy fingerprints without anchors included.
    @Test func verdictsWithKeysSortedOnceAreThePlainVerdicts() throws {
        var prints = try DedupFixtures.seedFiles().map(DedupFixtures.fingerprint(file:))
        try #require(prints.count == 5)
        let quotes = [DedupQuoteKeysTests.wire, DedupQuoteKeysTests.rewrite, DedupQuoteKeysTests.unrelated]
        for (index, text) in quotes.enumerated() {
            prints[index].quoteKeys = QuoteKeys.keys(
                ofQuotes: QuoteWords.of(ClaimExtractor.extract(DedupFixtures.article([text])))
            )
        }
        var legacy = prints[3]
        legacy.sentenceAnchors = []
        prints.append(legacy)
        let lookups = prints.map { SentenceLookup($0) }
        var related = 0
        for (i, a) in prints.enumerated() {
            for (j, b) in prints.enumerated() {
                let plain = Similarity.compare(a, b)
                #expect(Similarity.compare(a, lookups[i], b, lookups[j]) == plain)
                if plain.relation != .none { related += 1 }
            }
        }
        #expect(related > prints.count)
    }

    /// ``SentenceLookup`` answers most probes from a bit filter before searching: every key it holds must still be
    /// found (shared counts equal a plain set count), including keys that differ only in the bits the filter drops.
    @Test func sentenceLookupFindsEveryKeyItHolds() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let count = 1 + round % 60
            let keys = (0..<(3 * count)).map { _ in Int64.random(in: .min ... .max, using: &generator) }
            let article = Fingerprints(
                contentHash: "a\(round)",
                minhash: [],
                bandKeys: [],
                sentenceHashes: Array(keys[0..<count]),
                sentenceAnchors: Array(keys[count...])
            )
            // Half of each kind of key reused (some as another kind, some with the top bits flipped), half fresh.
            var other = article
            other.contentHash = "b\(round)"
            for index in other.sentenceHashes.indices where index % 2 == 0 {
                other.sentenceHashes[index] = Int64.random(in: .min ... .max, using: &generator)
            }
            for index in other.sentenceAnchors.indices where index % 3 == 0 {
                other.sentenceAnchors[index] ^= Int64(bitPattern: 0xFF80_0000_0000_0000)
            }
            if round % 4 == 0 { other.sentenceAnchors.swapAt(0, other.sentenceAnchors.count - 1) }
            let exact = Set(other.sentenceHashes)
            let prefixes = Set(
                stride(from: 0, to: other.sentenceAnchors.count, by: 2).map { other.sentenceAnchors[$0] }
            )
            let suffixes = Set(
                stride(from: 1, to: other.sentenceAnchors.count, by: 2).map { other.sentenceAnchors[$0] }
            )
            let expected = article.sentenceHashes.indices.filter { index in
                exact.contains(article.sentenceHashes[index])
                    || prefixes.contains(article.sentenceAnchors[2 * index])
                    || suffixes.contains(article.sentenceAnchors[2 * index + 1])
            }.count
            #expect(Similarity.sharedSentences(of: article, in: other) == expected)
            #expect(SentenceAlignment.of(article, in: SentenceLookup(other)).shared == expected)
            #expect(Similarity.sharedSentences(of: other, in: other) == other.sentenceHashes.count)
        }
    }

    @Test func seedsFormOneStoryAndTheWireCopiesAreCopies() throws {
        let files = try DedupFixtures.seedFiles()
        try #require(files.count == 5)
        let prints = try files.map(DedupFixtures.fingerprint(file:))
        let stories = StoryClustering.stories(prints)
        #expect(Set(prints.map { stories[$0.contentHash]! }).count == 1)
        for (i, j) in [(0, 1), (0, 3), (1, 3)] {
            let relation = Similarity.relation(prints[i], prints[j]).0
            #expect(relation == .nearDuplicate || relation == .reprint, "seed \(i) vs \(j): \(relation)")
        }
    }

    @Test func sameTopicDifferentStoriesAreNotRelated() throws {
        let a = try DedupFixtures.fingerprint(file: DedupFixtures.base("bank-rates"))
        let b = try DedupFixtures.fingerprint(file: DedupFixtures.base("bank-supervision"))
        let result = Similarity.compare(a, b)
        #expect(result.relation == .none)
        #expect(!result.sameStory)
        #expect(result.estimatedJaccard < 0.2)
    }

    @Test func sharedClaimsHookJoinsRelatedPairs() {
        let a = DedupFixtures.fingerprint(Self.original)
        let b = DedupFixtures.fingerprint([
            "Heavy rain in the north has pushed grain markets higher this week.",
            "Shipping costs on the river also climbed because water levels were unusually high this week.",
        ])
        #expect(Similarity.compare(a, b).relation == .none)
        let related = Similarity.compare(a, b, sharedClaims: 2)
        #expect(related.relation == .related)
        #expect(!related.sameStory)
        #expect(Similarity.compare(a, b, sharedClaims: 3).sameStory)
    }
}
