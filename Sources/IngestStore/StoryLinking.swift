import IngestCore
import Postgres

// Story linking (T2 of the dedup protocol in Migrations/0001_baseline.sql), after the batch committed: candidates
// for a whole set of pending articles in one query, verdicts in Swift, edges and merges in bulk. The rows it
// searches are written by the batch transaction (`FingerprintWrite.swift`).
extension ResultStore {
    /// At most this many candidates are judged per pending article, the ones sharing the most keys.
    public static let dedupCandidatesPerArticle = 50
    /// At most this many articles are read per key (band key, sentence hash, anchor or quote key), the earliest
    /// stored first, whatever their pipeline version. A boilerplate sentence shared by thousands of articles then
    /// costs a bounded amount; real copies share many keys, so they are still found through the others.
    public static let dedupPostingsPerKey = 100

    /// T2: after a batch committed, links up to `limit` pending articles (from any worker, crashed ones included)
    /// into stories, in one transaction: candidate search, pair verdicts (``Similarity/compare``), edges, story
    /// merges, and removal of the pending rows. Returns how many pending articles it processed; 0 when none is left.
    ///
    /// Throws `PostgresError` with SQLSTATE 40001 when a story it merges was merged concurrently, or 40P01 on a
    /// deadlock: both are `isTransient`; the caller retries and nothing was changed.
    public func linkPendingStories(limit: Int = 1000) throws -> Int {
        try linkPendingStories(limit: limit, whileLocked: {})
    }

    /// `linkPendingStories(limit:)`, calling `whileLocked` after its merges and before it commits (tests run a
    /// second linker there, to show that linkers of disjoint stories do not wait on each other).
    package func linkPendingStories(limit: Int, whileLocked: () throws -> Void) throws -> Int {
        try connection.transaction {
            // Every T2 statement is a set of index probes. Right after the first batches (no statistics yet), the
            // planner guesses that a LIMIT over a sequential scan is cheaper than probing the key index, which
            // turns one probe per key into a scan of the whole table per key (measured: 113 s instead of ~3 s
            // for the first 500 articles). Transaction-local.
            try connection.query("SET LOCAL enable_seqscan = off")
            // The postings limit is applied to one table alone (the key index gives article_id order for free);
            // with the version join inside it, the first batches' planner walked article_minhash in id order and
            // probed the key index per row: 65 s instead of 0.8 s for 500 articles. JIT only adds compile time to
            // these index probes.
            try connection.query("SET LOCAL jit = off")
            let pending: [Int64] = try connection.query(
                """
                SELECT article_id FROM dedup_pending
                ORDER BY article_id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
                """
            ).rows.map { try $0.decode("article_id") }
            guard !pending.isEmpty else { return 0 }

            let candidates = try dedupCandidates(of: pending)
            var pairs = Set<DedupPair>()
            for (source, candidate) in candidates { pairs.insert(DedupPair(source, candidate)) }
            var ids = Set(pending)
            for pair in pairs {
                ids.insert(pair.a)
                ids.insert(pair.b)
            }
            let loaded = pairs.isEmpty ? [:] : try dedupFingerprints(Array(ids))

            var edges: [(pair: DedupPair, result: SimilarityResult, version: String)] = []
            for pair in pairs.sorted() {
                guard let left = loaded[pair.a], let right = loaded[pair.b], left.version == right.version else {
                    continue
                }
                let result = Similarity.compare(left.fingerprints, right.fingerprints)
                if result.relation != .none { edges.append((pair, result, left.version)) }
            }
            try insertEdges(edges)
            try mergeStories(links: edges.filter(\.result.sameStory).map(\.pair), pending: Set(pending))
            try connection.query("DELETE FROM dedup_pending WHERE article_id = ANY(\(pending)::int8[])")
            try whileLocked()
            return pending.count
        }
    }

    /// Candidate pairs (pending article, candidate) of the same pipeline version sharing a band key, a sentence
    /// hash or anchor, or the token hash: the `DedupIndex` search, for all pending articles in one statement.
    private func dedupCandidates(of pending: [Int64]) throws -> [(Int64, Int64)] {
        let rows = try connection.query(
            """
            WITH pend AS (
                SELECT article_id, pipeline_version, token_hash, band_keys,
                       sentence_hashes || sentence_anchors || quote_keys AS sentence_keys
                FROM article_minhash WHERE article_id = ANY(\(pending)::int8[])
            ),
            hits AS (
                SELECT p.article_id AS src, c.article_id AS cand
                FROM pend p
                CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.band_keys) AS band_key) k
                CROSS JOIN LATERAL (
                    SELECT o.article_id FROM lsh_band o
                    WHERE o.band_key = k.band_key AND o.article_id <> p.article_id
                    ORDER BY o.article_id
                    LIMIT \(Self.dedupPostingsPerKey)
                ) c
                JOIN article_minhash om ON om.article_id = c.article_id AND om.pipeline_version = p.pipeline_version
                UNION ALL
                SELECT p.article_id, c.article_id
                FROM pend p
                CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.sentence_keys) AS sentence_hash) k
                CROSS JOIN LATERAL (
                    SELECT o.article_id FROM sentence_index o
                    WHERE o.sentence_hash = k.sentence_hash AND o.article_id <> p.article_id
                    ORDER BY o.article_id
                    LIMIT \(Self.dedupPostingsPerKey)
                ) c
                JOIN article_minhash om ON om.article_id = c.article_id AND om.pipeline_version = p.pipeline_version
                UNION ALL
                SELECT p.article_id, o.article_id
                FROM pend p
                JOIN article_minhash o ON o.token_hash = p.token_hash
                WHERE p.token_hash <> 0 AND o.token_hash <> 0 AND o.article_id <> p.article_id
                  AND o.pipeline_version = p.pipeline_version
            ),
            ranked AS (
                SELECT src, cand, row_number() OVER (PARTITION BY src ORDER BY count(*) DESC, cand) AS rank
                FROM hits GROUP BY src, cand
            )
            SELECT src, cand FROM ranked WHERE rank <= \(Self.dedupCandidatesPerArticle)
            """
        ).rows
        return try rows.map { (try $0.decode("src"), try $0.decode("cand")) }
    }

    /// The stored fingerprints of `ids`, with each article's pipeline version.
    private func dedupFingerprints(_ ids: [Int64]) throws -> [Int64: (fingerprints: Fingerprints, version: String)] {
        let rows = try connection.query(
            """
            SELECT m.article_id, a.content_hash, m.pipeline_version, m.token_hash,
                   array_to_string(m.signature, ',') AS signature,
                   array_to_string(m.sentence_hashes, ',') AS hashes,
                   array_to_string(m.sentence_anchors, ',') AS anchors,
                   array_to_string(m.quote_keys, ',') AS quotes
            FROM article_minhash m JOIN articles a ON a.article_id = m.article_id
            WHERE m.article_id = ANY(\(ids)::int8[])
            """
        ).rows
        var result: [Int64: (fingerprints: Fingerprints, version: String)] = [:]
        result.reserveCapacity(rows.count)
        for row in rows {
            let signature = try Self.integers(row["signature"]).map { UInt32(truncatingIfNeeded: $0) }
            let fingerprints = Fingerprints(
                contentHash: try row.decode("content_hash"),
                minhash: signature,
                bandKeys: [],
                sentenceHashes: try Self.integers(row["hashes"]),
                sentenceAnchors: try Self.integers(row["anchors"]),
                tokenHash: try row.decode("token_hash"),
                quoteKeys: try Self.integers(row["quotes"])
            )
            result[try row.decode("article_id")] = (fingerprints, try row.decode("pipeline_version"))
        }
        return result
    }

    private func insertEdges(_ edges: [(pair: DedupPair, result: SimilarityResult, version: String)]) throws {
        guard !edges.isEmpty else { return }
        // Sorted by pair (the caller sorts): concurrent linkers insert shared pairs in one order, so they never
        // wait on each other in a cycle.
        try connection.query(
            """
            INSERT INTO duplicate_edges (article_a, article_b, kind, score, estimated_jaccard, containment,
                                         shared_sentences, same_story, pipeline_version)
            SELECT * FROM unnest(\(edges.map(\.pair.a))::int8[], \(edges.map(\.pair.b))::int8[],
                                 \(edges.map(\.result.relation.rawValue))::text[],
                                 \(edges.map { min(max($0.result.score, 0), 1) })::float8[],
                                 \(edges.map(\.result.estimatedJaccard))::float8[],
                                 \(edges.map(\.result.containment))::float8[],
                                 \(edges.map(\.result.sharedSentences))::int8[],
                                 \(edges.map(\.result.sameStory))::bool[], \(edges.map(\.version))::text[])
            ON CONFLICT (article_a, article_b) DO NOTHING
            """
        )
    }

    /// Merges the stories of every same-story link: union-find over the linked articles' current stories, each
    /// component merged into its smallest story, all in one `dedup_merge_stories` call (which locks them in order).
    private func mergeStories(links: [DedupPair], pending: Set<Int64>) throws {
        guard !links.isEmpty else { return }
        var articles = Set<Int64>()
        for link in links {
            articles.insert(link.a)
            articles.insert(link.b)
        }
        var storyOf: [Int64: Int64] = [:]
        for row in try connection.query(
            "SELECT article_id, story_id FROM story_members WHERE article_id = ANY(\(Array(articles))::int8[])"
        ).rows {
            storyOf[try row.decode("article_id")] = try row.decode("story_id")
        }
        var storyLinks: [(Int64, Int64)] = []
        var causedBy: [Int64: Int64] = [:]
        for link in links {
            guard let left = storyOf[link.a], let right = storyOf[link.b] else {
                throw PostgresError(.unexpectedResult, message: "article \(link.a) or \(link.b) has no story")
            }
            guard left != right else { continue }
            storyLinks.append((left, right))
            let by = pending.contains(link.b) ? link.b : link.a
            if causedBy[left] == nil { causedBy[left] = by }
            if causedBy[right] == nil { causedBy[right] = by }
        }
        guard !storyLinks.isEmpty else { return }
        // assign(...) names every component after its smallest story: the merge target.
        let target = StoryClustering.assign(members: [Int64](), links: storyLinks)
        let merged = target.filter { $0.key != $0.value }.sorted { $0.key < $1.key }
        try connection.query(
            """
            SELECT dedup_merge_stories(\(merged.map(\.key))::int8[], \(merged.map(\.value))::int8[],
                                       \(merged.map { causedBy[$0.key] })::int8[])
            """
        )
    }
}
