/// One article's sentence and quote keys, sorted for bisection: what ``Similarity`` searches when the article is the
/// other side of a pair. Story linking compares each article with up to 50 others, so it builds this once per
/// article instead of once per pair (sorting is most of a verdict's cost).
public struct SentenceLookup: Sendable {
    var exact: [Int64]
    var prefixes: [Int64]
    var suffixes: [Int64]
    /// The sentence index of each entry of `exact`, `prefixes` and `suffixes`: where a shared sentence stands in
    /// this article, to tell copied passages (in order, in runs) from scattered shared sentences.
    var exactAt: [Int32]
    var prefixesAt: [Int32]
    var suffixesAt: [Int32]
    /// Two anchors per sentence hash; fingerprints from before anchors match exact sentence hashes only.
    var hasAnchors: Bool
    var quotes: [Int64]
    /// A 512-bit summary of `exact` (words 0..<8) and of `prefixes` and `suffixes` (words 8..<16), one bit per key:
    /// a key whose bit is clear is absent, which answers most probes without a search (most sentences of a pair of
    /// candidates are not shared).
    private var filter: [UInt64]

    public init(_ fingerprints: Fingerprints) {
        let count = fingerprints.sentenceHashes.count
        (exact, exactAt) = Self.sortedWithPositions(count) { fingerprints.sentenceHashes[$0] }
        hasAnchors = fingerprints.sentenceAnchors.count == 2 * count
        if hasAnchors {
            (prefixes, prefixesAt) = Self.sortedWithPositions(count) { fingerprints.sentenceAnchors[2 * $0] }
            (suffixes, suffixesAt) = Self.sortedWithPositions(count) { fingerprints.sentenceAnchors[2 * $0 + 1] }
        } else {
            (prefixes, prefixesAt, suffixes, suffixesAt) = ([], [], [], [])
        }
        quotes = fingerprints.quoteKeys.sorted()
        filter = Array(repeating: 0, count: 16)
        for key in exact { Self.set(key, in: &filter, offset: 0) }
        for key in prefixes { Self.set(key, in: &filter, offset: 8) }
        for key in suffixes { Self.set(key, in: &filter, offset: 8) }
    }

    /// The filter bit of `key`: its top 9 bits (the keys are hashes) as a word and a mask.
    @inline(__always)
    private static func bit(_ key: Int64) -> (word: Int, mask: UInt64) {
        let bit = Int(truncatingIfNeeded: UInt64(bitPattern: key) >> 55)
        return (bit >> 6, 1 << UInt64(bit & 63))
    }

    private static func set(_ key: Int64, in filter: inout [UInt64], offset: Int) {
        let (word, mask) = bit(key)
        filter[offset + word] |= mask
    }

    /// False when `key` is surely not in `exact`.
    @inline(__always)
    func mayHoldExact(_ key: Int64) -> Bool {
        let (word, mask) = Self.bit(key)
        return filter[word] & mask != 0
    }

    /// False when `key` is surely in neither `prefixes` nor `suffixes`.
    @inline(__always)
    func mayHoldAnchor(_ key: Int64) -> Bool {
        let (word, mask) = Self.bit(key)
        return filter[8 + word] & mask != 0
    }

    /// The keys `key(0..<count)` sorted (ties by position), with the position of each.
    private static func sortedWithPositions(_ count: Int, _ key: (Int) -> Int64) -> ([Int64], [Int32]) {
        var pairs = (0..<count).map { (key($0), Int32($0)) }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return (pairs.map(\.0), pairs.map(\.1))
    }

    /// The first position of `value` in the ascending `sorted`, or nil.
    @inline(__always)
    static func firstIndex(_ sorted: [Int64], _ value: Int64) -> Int? {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) >> 1
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value ? low : nil
    }

    /// The sentence of this article that sentence `index` of `article` matches (equal hash, else an equal prefix,
    /// else an equal suffix anchor), or nil.
    func match(_ article: Fingerprints, _ index: Int, useAnchors: Bool) -> Int? {
        let hash = article.sentenceHashes[index]
        if mayHoldExact(hash), let at = Self.firstIndex(exact, hash) { return Int(exactAt[at]) }
        guard useAnchors else { return nil }
        let prefix = article.sentenceAnchors[2 * index]
        if mayHoldAnchor(prefix), let at = Self.firstIndex(prefixes, prefix) { return Int(prefixesAt[at]) }
        let suffix = article.sentenceAnchors[2 * index + 1]
        if mayHoldAnchor(suffix), let at = Self.firstIndex(suffixes, suffix) { return Int(suffixesAt[at]) }
        return nil
    }

    /// Whether the ascending `sorted` holds `value`.
    @inline(__always)
    static func contains(_ sorted: [Int64], _ value: Int64) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) >> 1
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }
}
