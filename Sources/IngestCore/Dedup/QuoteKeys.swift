/// Keys that let dedup see two articles quoting the same words: rewrites share few sentences but the same quotes.
///
/// Each direct or partial quote of at least ``minimumWords`` canonical words (``QuoteWords``, from the claims stage:
/// case, punctuation, spelling and stopwords do not matter) gets three keys, stored as consecutive triples:
/// its first three words, its last three words, and its whole word set. A quote trimmed at one end by another outlet
/// still shares an anchor with the full one. The three keys are differently seeded, so a prefix never matches a
/// suffix.
public enum QuoteKeys {
    /// Shorter quotes ("fair", "a disaster") are too common to say two articles carry the same quote. Three
    /// canonical words is already specific ("We have not intervened in the market" is `not intervene market`).
    public static let minimumWords = 3
    /// Words in each anchor: the minimum, so a three-word quote can match the start of a longer one.
    public static let anchorWords = 3

    static let prefixSeed: UInt64 = 0x5155_4f54_4550_5245  // "QUOTEPRE"
    static let suffixSeed: UInt64 = 0x5155_4f54_4553_5546  // "QUOTESUF"
    static let wholeSeed: UInt64 = 0x5155_4f54_4557_484f  // "QUOTEWHO"

    /// Three keys per distinct qualifying quote, in claim order, from the claims stage's ``QuoteWords``.
    public static func keys(ofQuotes quotes: [[UInt64]]) -> [Int64] {
        var result: [Int64] = []
        var seen = Set<Int64>()
        for words in quotes {
            guard let triple = keys(ofWords: words), seen.insert(triple[2]).inserted else { continue }
            result.append(contentsOf: triple)
        }
        return result
    }

    /// The three keys of one quote's canonical words, or nil when it has fewer than ``minimumWords``.
    public static func keys(ofWords words: [UInt64]) -> [Int64]? {
        guard words.count >= minimumWords else { return nil }
        func fold(_ seed: UInt64, _ slice: ArraySlice<UInt64>) -> Int64 {
            var accumulator = DedupHash.start(seed)
            for word in slice { accumulator = DedupHash.fold(accumulator, word) }
            return Int64(bitPattern: DedupHash.finish(accumulator))
        }
        let whole = Array(Set(words)).sorted()
        return [
            fold(prefixSeed, words.prefix(anchorWords)),
            fold(suffixSeed, words.suffix(anchorWords)),
            fold(wholeSeed, whole[...]),
        ]
    }

    /// Quotes the two articles share: of each article's quotes, those with a key among the other's, and the
    /// larger of the two counts (an outlet that splits one quote in two shares both halves). Symmetric.
    public static func sharedQuotes(_ a: [Int64], _ b: [Int64]) -> Int {
        guard a.count >= 3, b.count >= 3 else { return 0 }
        return max(matched(a, in: b.sorted()), matched(b, in: a.sorted()))
    }

    /// Quotes (key triples) of `keys` with a key in the ascending `other`.
    static func matched(_ keys: [Int64], in other: [Int64]) -> Int {
        var count = 0
        var index = 0
        while index + 2 < keys.count {
            if SentenceLookup.contains(other, keys[index]) || SentenceLookup.contains(other, keys[index + 1])
                || SentenceLookup.contains(other, keys[index + 2])
            {
                count += 1
            }
            index += 3
        }
        return count
    }
}
