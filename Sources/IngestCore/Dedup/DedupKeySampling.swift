/// Which fingerprint keys the candidate index holds: a fixed share of the band keys and sentence keys, chosen by the
/// key's own value (`key mod m == 0`), so two articles carrying the same key make the same choice and a pair shares
/// an indexed key exactly when one of its shared keys is sampled. Verdicts still use every key (the stored arrays):
/// sampling only thins the search, whose rows were most of what a stored article costs.
///
/// Copies share many keys, so they are still found: a reprint sharing 3 sentences shares ≥ 6 anchors, all of them
/// dropped with probability 2⁻⁶ at m = 2; a near-duplicate's band keys and anchors both find it. Of each quote's three
/// keys (first words, last words, word set) the two anchors are indexed: a quote shared whole shares both, one
/// trimmed at an end still shares the other, so the word-set key finds no other candidate (it still counts in
/// verdicts). Stronger sampling lost pairs in `ingest-eval dedup` (see `Sources/IngestCore/Dedup/README.md`). The
/// moduli are powers of two so SQL can test `key & (m - 1) = 0`, and a key indexed at m is indexed at every smaller m.
public enum DedupKeySampling {
    /// One band key in `bandModulus` is indexed: 42 bands × 3 rows behave like 21 bands on average.
    public static let bandModulus: Int64 = 2
    /// One sentence anchor (or sentence hash, for fingerprints without anchors) in `sentenceModulus` is indexed.
    public static let sentenceModulus: Int64 = 2

    /// A pair is judged (a story candidate) when it shares at least this many indexed keys, of any kinds, or an exact
    /// key (token or content hash, which counts as this many). A rule on the pair alone, so whether a pair is judged
    /// does not depend on what else was stored first: story grouping is then independent of arrival order. One
    /// shared key is mostly chance (a common band of word pairs, a stock sentence opening): on the bench corpus
    /// 3,154 of 4,426 edges between different stories shared one key, and 76 of 6,726 within one story; with 100,000
    /// stored it leaves 17 candidates per new article instead of 944. A copy shares many keys, a shared sentence
    /// two anchors, a shared quote its two quote keys.
    public static let candidateMinSharedKeys = 2

    @inline(__always)
    public static func isCandidate(sharedKeys: Int) -> Bool { sharedKeys >= candidateMinSharedKeys }

    @inline(__always)
    public static func indexesBand(_ key: Int64) -> Bool { key & (bandModulus - 1) == 0 }

    @inline(__always)
    public static func indexesSentenceKey(_ key: Int64) -> Bool { key & (sentenceModulus - 1) == 0 }

    /// The band keys an article is indexed under, once each, in signature order.
    public static func indexedBands(_ fingerprints: Fingerprints) -> [Int64] {
        var seen = Set<Int64>()
        return fingerprints.bandKeys.filter { indexesBand($0) && seen.insert($0).inserted }
    }

    /// The sentence keys an article is indexed under, with their kind (0 sentence hash, 1 prefix anchor, 2 suffix
    /// anchor, 3 quote key), once each: anchors when the fingerprints have two per sentence, else sentence hashes
    /// (a shared sentence always shares its anchors, so its hash would find no other candidate); then each quote's
    /// prefix and suffix keys when they come in triples.
    public static func indexedSentenceKeys(_ fingerprints: Fingerprints) -> [(key: Int64, kind: Int)] {
        var result: [(key: Int64, kind: Int)] = []
        var seen = Set<Int64>()
        func add(_ key: Int64, _ kind: Int) {
            if seen.insert(key).inserted { result.append((key, kind)) }
        }
        let anchors = fingerprints.sentenceAnchors
        if anchors.count == 2 * fingerprints.sentenceHashes.count, !anchors.isEmpty {
            for (position, anchor) in anchors.enumerated() where indexesSentenceKey(anchor) {
                add(anchor, position % 2 == 0 ? 1 : 2)
            }
        } else {
            for hash in fingerprints.sentenceHashes where indexesSentenceKey(hash) { add(hash, 0) }
        }
        if fingerprints.quoteKeys.count % 3 == 0 {
            for (position, key) in fingerprints.quoteKeys.enumerated() where position % 3 != 2 { add(key, 3) }
        }
        return result
    }
}
