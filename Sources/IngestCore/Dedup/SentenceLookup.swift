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
        if let at = Self.firstIndex(exact, article.sentenceHashes[index]) { return Int(exactAt[at]) }
        guard useAnchors else { return nil }
        if let at = Self.firstIndex(prefixes, article.sentenceAnchors[2 * index]) { return Int(prefixesAt[at]) }
        if let at = Self.firstIndex(suffixes, article.sentenceAnchors[2 * index + 1]) { return Int(suffixesAt[at]) }
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
