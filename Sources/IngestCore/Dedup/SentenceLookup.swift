/// One article's sentence and quote keys, sorted for bisection: what ``Similarity`` searches when the article is the
/// other side of a pair. Story linking compares each article with up to 50 others, so it builds this once per
/// article instead of once per pair (sorting is most of a verdict's cost).
public struct SentenceLookup: Sendable {
    var exact: [Int64]
    var prefixes: [Int64]
    var suffixes: [Int64]
    /// Two anchors per sentence hash; fingerprints from before anchors match exact sentence hashes only.
    var hasAnchors: Bool
    var quotes: [Int64]

    public init(_ fingerprints: Fingerprints) {
        exact = fingerprints.sentenceHashes.sorted()
        hasAnchors = fingerprints.sentenceAnchors.count == 2 * fingerprints.sentenceHashes.count
        prefixes = []
        suffixes = []
        if hasAnchors {
            prefixes.reserveCapacity(fingerprints.sentenceHashes.count)
            suffixes.reserveCapacity(fingerprints.sentenceHashes.count)
            for index in 0..<fingerprints.sentenceHashes.count {
                prefixes.append(fingerprints.sentenceAnchors[2 * index])
                suffixes.append(fingerprints.sentenceAnchors[2 * index + 1])
            }
            prefixes.sort()
            suffixes.sort()
        }
        quotes = fingerprints.quoteKeys.sorted()
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
