import IngestCore
import Testing

@Suite struct DedupKeySamplingTests {
    /// The index holds a share of the band and sentence keys, chosen by value: every seed indexes about half of its
    /// bands and anchors, each indexed key passes the rule, and two articles sharing a key make the same choice.
    @Test func aShareOfTheKeysIsIndexedChosenByValue() throws {
        let seeds = try DedupFixtures.seedFiles().map { try DedupFixtures.fingerprint(file: $0) }
        #expect(seeds.count == 5)
        for prints in seeds {
            let bands = DedupKeySampling.indexedBands(prints)
            #expect(bands.allSatisfy(DedupKeySampling.indexesBand))
            #expect(Set(bands) == Set(prints.bandKeys.filter(DedupKeySampling.indexesBand)))
            #expect(bands.count > prints.bandKeys.count / 4 && bands.count < prints.bandKeys.count * 3 / 4)
            let sentences = DedupKeySampling.indexedSentenceKeys(prints)
            #expect(
                sentences.allSatisfy { DedupKeySampling.indexesSentenceKey($0.key) && ($0.kind == 1 || $0.kind == 2) }
            )
            let anchors = prints.sentenceAnchors.count
            #expect(sentences.count > anchors / 4 && sentences.count < anchors * 3 / 4)
            #expect(DedupIndex<Int>.keys(of: prints).count < prints.bandKeys.count + anchors)
        }
        // 000 and 001 are near-duplicates: the keys they share are indexed in both or in neither.
        let shared = Set(seeds[0].sentenceAnchors + seeds[0].bandKeys)
            .intersection(seeds[1].sentenceAnchors + seeds[1].bandKeys)
        let indexed0 = Set(DedupIndex<Int>.keys(of: seeds[0]))
        let indexed1 = Set(DedupIndex<Int>.keys(of: seeds[1]))
        #expect(shared.count > 10)
        for key in shared { #expect(indexed0.contains(key) == indexed1.contains(key)) }
        #expect(!indexed0.intersection(indexed1).isEmpty)
    }

    /// Quote keys (the evidence for rewrites) are all indexed, and sentence hashes only stand in for anchors.
    @Test func quoteKeysAreAllIndexedAndHashesOnlyWithoutAnchors() {
        var prints = DedupFixtures.fingerprint([DedupQuoteKeysTests.wire])
        prints.quoteKeys = Array(1...9).map { Int64($0) * 2 + 1 }  // odd: a sampled rule would drop them all
        let kinds = DedupKeySampling.indexedSentenceKeys(prints)
        #expect(kinds.filter { $0.kind == 3 }.map(\.key) == prints.quoteKeys)
        #expect(!kinds.contains { $0.kind == 0 })
        prints.sentenceAnchors = []
        let hashes = DedupKeySampling.indexedSentenceKeys(prints).filter { $0.kind == 0 }.map(\.key)
        #expect(hashes == prints.sentenceHashes.filter(DedupKeySampling.indexesSentenceKey))
        #expect(!hashes.isEmpty)
    }
}
