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
                sentences.allSatisfy {
                    $0.kind == 3 || DedupKeySampling.indexesSentenceKey($0.key) && ($0.kind == 1 || $0.kind == 2)
                }
            )
            let anchors = prints.sentenceAnchors.count
            let anchorKeys = sentences.filter { $0.kind != 3 }.count
            #expect(anchorKeys > anchors / 4 && anchorKeys < anchors * 3 / 4)
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

    /// Each quote's two anchors (the evidence for rewrites, found whole or trimmed at one end) are indexed, not its
    /// word-set key, and sentence hashes only stand in for anchors.
    @Test func quoteAnchorsAreIndexedAndHashesOnlyWithoutAnchors() {
        var prints = DedupFixtures.fingerprint([DedupQuoteKeysTests.wire])
        // Three quotes: (prefix, suffix, word set) = (4, 5, 6), (7, 8, 9), (10, 11, 12), odd and even keys alike.
        prints.quoteKeys = Array(4...12).map { Int64($0) }
        let kinds = DedupKeySampling.indexedSentenceKeys(prints)
        #expect(kinds.filter { $0.kind == 3 }.map(\.key) == [4, 5, 7, 8, 10, 11])
        #expect(!kinds.contains { $0.kind == 0 })
        prints.sentenceAnchors = []
        let hashes = DedupKeySampling.indexedSentenceKeys(prints).filter { $0.kind == 0 }.map(\.key)
        #expect(hashes == prints.sentenceHashes.filter(DedupKeySampling.indexesSentenceKey))
        #expect(!hashes.isEmpty)
    }
}
