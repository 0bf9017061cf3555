/// An in-memory inverted index from fingerprint keys to articles: the candidate search that the
/// `lsh_band` and `sentence_index` tables do in PostgreSQL.
///
/// Keys are band keys, sentence hashes, sentence anchors, quote keys, the token-stream hash and the content hash. They come
/// from differently seeded hashes, so they share one key space without meaningful collisions.
public struct DedupIndex<ID: Hashable & Comparable & Sendable>: Sendable {
    private var postings: [Int64: [ID]] = [:]

    public init() {}

    /// The keys under which an article is indexed: the sampled band and sentence keys (``DedupKeySampling``, the
    /// rows of `lsh_band` and `sentence_index`), the token-stream hash and the content hash.
    public static func keys(of fingerprints: Fingerprints) -> [Int64] {
        var keys = DedupKeySampling.indexedBands(fingerprints)
        keys.append(contentsOf: DedupKeySampling.indexedSentenceKeys(fingerprints).map(\.key))
        if fingerprints.tokenHash != 0 { keys.append(fingerprints.tokenHash) }
        keys.append(Int64(bitPattern: DedupHash.hash(bytes: fingerprints.contentHash.utf8)))
        return keys
    }

    public mutating func insert(_ id: ID, _ fingerprints: Fingerprints) {
        for key in Set(Self.keys(of: fingerprints)) { postings[key, default: []].append(id) }
    }

    /// Every indexed article sharing at least one key, sorted, without duplicates.
    public func candidates(for fingerprints: Fingerprints) -> [ID] {
        var found = Set<ID>()
        for key in Self.keys(of: fingerprints) {
            if let ids = postings[key] { found.formUnion(ids) }
        }
        return found.sorted()
    }

    /// Like ``candidates(for:)``, restricted to articles sharing an indexed band key (the LSH gate alone).
    public func bandCandidates(for fingerprints: Fingerprints) -> [ID] {
        var found = Set<ID>()
        for key in DedupKeySampling.indexedBands(fingerprints) {
            if let ids = postings[key] { found.formUnion(ids) }
        }
        return found.sorted()
    }
}
