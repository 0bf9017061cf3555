/// Where one article's sentences stand in another: the evidence that separates a copy from a report that shares a
/// few sentences with another (the same quotes, a stock background sentence).
///
/// A copy carries the other's text as passages: its shared sentences come in the same order, most of them next to
/// another shared sentence. Two reports of one event that quote the same people share the quoted sentences
/// scattered, each on its own.
public struct SentenceAlignment: Sendable, Hashable, Codable {
    /// Sentences of the article found in the other (equal hash or an equal anchor).
    public var shared: Int
    /// The most shared sentences found in the same order in both (longest increasing run of positions).
    public var inOrder: Int
    /// Shared sentences next to another shared sentence in both articles (at most one sentence apart on each side):
    /// sentences of a copied passage.
    public var inPassages: Int

    public init(shared: Int = 0, inOrder: Int = 0, inPassages: Int = 0) {
        self.shared = shared
        self.inOrder = inOrder
        self.inPassages = inPassages
    }

    /// How `article`'s sentences stand in `other`.
    public static func of(_ article: Fingerprints, in other: SentenceLookup) -> SentenceAlignment {
        guard !article.sentenceHashes.isEmpty, !other.exact.isEmpty else { return SentenceAlignment() }
        let useAnchors = other.hasAnchors && article.sentenceAnchors.count == 2 * article.sentenceHashes.count
        // (index in article, position in other) of every shared sentence, in article order.
        var matches: [(Int, Int)] = []
        for index in article.sentenceHashes.indices {
            if let position = other.match(article, index, useAnchors: useAnchors) { matches.append((index, position)) }
        }
        var inPassages = 0
        for (k, match) in matches.enumerated() {
            func near(_ neighbour: (Int, Int)) -> Bool {
                abs(neighbour.0 - match.0) <= 2 && abs(neighbour.1 - match.1) <= 2
                    && (neighbour.0 - match.0).signum() == (neighbour.1 - match.1).signum()
            }
            if (k > 0 && near(matches[k - 1])) || (k + 1 < matches.count && near(matches[k + 1])) { inPassages += 1 }
        }
        return SentenceAlignment(
            shared: matches.count,
            inOrder: longestIncreasing(matches.map(\.1)),
            inPassages: inPassages
        )
    }

    /// Length of the longest strictly increasing subsequence (patience sorting).
    static func longestIncreasing(_ values: [Int]) -> Int {
        var tails: [Int] = []
        for value in values {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) >> 1
                if tails[middle] < value { low = middle + 1 } else { high = middle }
            }
            if low == tails.count { tails.append(value) } else { tails[low] = value }
        }
        return tails.count
    }
}
