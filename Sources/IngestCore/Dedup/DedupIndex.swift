/// An in-memory inverted index from fingerprint keys to articles: the candidate search that the
/// `lsh_band` and `sentence_index` tables do in PostgreSQL.
///
/// Keys are band keys, sentence hashes, sentence anchors, quote keys, the token-stream hash and the content hash. They come
/// from differently seeded hashes, so they share one key space without meaningful collisions.
public struct DedupIndex<ID: Hashable & Comparable & Sendable>: Sendable {
    private var postings: [Int64: [ID]] = [:]

    public init() {}

    /// The keys under which an article is indexed: the sampled band and sentence keys (``DedupKeySampling``, the
    /// rows of `lsh_band` and `sentence_index`), then its exact keys (``exactKeys(of:)``).
    public static func keys(of fingerprints: Fingerprints) -> [Int64] {
        var keys = DedupKeySampling.indexedBands(fingerprints)
        keys.append(contentsOf: DedupKeySampling.indexedSentenceKeys(fingerprints).map(\.key))
        keys.append(contentsOf: exactKeys(of: fingerprints))
        return keys
    }

    /// The token-stream hash (when there is one) and the content hash: one of them shared is an exact copy, a
    /// candidate whatever else the pair shares.
    public static func exactKeys(of fingerprints: Fingerprints) -> [Int64] {
        var keys: [Int64] = []
        if fingerprints.tokenHash != 0 { keys.append(fingerprints.tokenHash) }
        keys.append(Int64(bitPattern: DedupHash.hash(bytes: fingerprints.contentHash.utf8)))
        return keys
    }

    public mutating func insert(_ id: ID, _ fingerprints: Fingerprints) {
        for key in Set(Self.keys(of: fingerprints)) { postings[key, default: []].append(id) }
    }

    /// The indexed articles that are candidates (``DedupKeySampling/isCandidate(sharedKeys:)``): sharing at least
    /// two indexed keys, or an exact key. Sorted, without duplicates.
    public func candidates(for fingerprints: Fingerprints) -> [ID] {
        var shared: [ID: Int] = [:]
        let exact = Set(Self.exactKeys(of: fingerprints))
        for key in Set(Self.keys(of: fingerprints)) {
            let weight = exact.contains(key) ? DedupKeySampling.candidateMinSharedKeys : 1
            for id in postings[key] ?? [] { shared[id, default: 0] += weight }
        }
        return shared.filter { DedupKeySampling.isCandidate(sharedKeys: $0.value) }.keys.sorted()
    }

    /// Every indexed article sharing an indexed band key (the LSH gate alone, whatever the candidate rule).
    public func bandCandidates(for fingerprints: Fingerprints) -> [ID] {
        var found = Set<ID>()
        for key in DedupKeySampling.indexedBands(fingerprints) {
            if let ids = postings[key] { found.formUnion(ids) }
        }
        return found.sorted()
    }
}
