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
            var pairs = Set<ArticlePair<Int64>>()
            for (source, candidate) in candidates { pairs.insert(ArticlePair(source, candidate)) }
            var ids = Set(pending)
            for pair in pairs {
                ids.insert(pair.low)
                ids.insert(pair.high)
            }
            let loaded = pairs.isEmpty ? [:] : try dedupFingerprints(Array(ids))

            // Each article's sorted sentence keys once, not once per pair it is in.
            let lookups = loaded.mapValues { SentenceLookup($0.fingerprints) }
            var edges: [(pair: ArticlePair<Int64>, result: SimilarityResult, version: String)] = []
            for pair in pairs.sorted() {
                guard let left = loaded[pair.low], let right = loaded[pair.high], left.version == right.version,
                    let leftLookup = lookups[pair.low], let rightLookup = lookups[pair.high]
                else { continue }
                let result = Similarity.compare(left.fingerprints, leftLookup, right.fingerprints, rightLookup)
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
    /// hash, anchor or quote key, or the token hash: the `DedupIndex` search for all pending articles at once.
    /// For each key of a pending article, the first `dedupPostingsPerKey` articles carrying it (itself excluded,
    /// any version) count; of those of its own version, the `dedupCandidatesPerArticle` sharing the most keys
    /// (then smallest id) are its candidates. One postings read per key table for the batch's distinct keys
    /// (a boilerplate sentence shared by a hundred pending articles is read once), counted here.
    private func dedupCandidates(of pending: [Int64]) throws -> [(Int64, Int64)] {
        var keysOf: [Int64: (version: String, bands: Set<Int64>, sentences: Set<Int64>)] = [:]
        for row in try connection.query(
            """
            SELECT article_id, pipeline_version, array_to_string(band_keys, ',') AS bands,
                   array_to_string(sentence_hashes || sentence_anchors || quote_keys, ',') AS sentences
            FROM article_minhash WHERE article_id = ANY(\(pending)::int8[])
            """
        ).rows {
            keysOf[try row.decode("article_id")] = (
                try row.decode("pipeline_version"), Set(try Self.integers(row["bands"])),
                Set(try Self.integers(row["sentences"]))
            )
        }
        // Postings of every distinct key, one more than the cap (a pending article's own posting does not count);
        // keys carried by one article only (the pending one) are left out.
        // `keys` selects the keys (`key`) of the pending articles ($1) that DedupKeySampling indexes ($3: its
        // modulus - 1 for that key kind): an unsampled key has no postings, so it is not probed.
        func postings(_ table: String, key column: String, modulus: Int64, keys: String) throws -> [Int64: [Int64]] {
            var result: [Int64: [Int64]] = [:]
            for row in try connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        WITH k AS (\(keys)),
                        p AS (
                            SELECT k.key, ARRAY(
                                SELECT o.article_id FROM \(table) o WHERE o.\(column) = k.key
                                ORDER BY o.article_id LIMIT $2
                            ) AS ids
                            FROM k
                        )
                        SELECT key, array_to_string(ids, ',') AS ids FROM p WHERE cardinality(ids) > 1
                        """,
                    binds: [
                        pending.postgresBind, PostgresBind(text: String(Self.dedupPostingsPerKey + 1)),
                        PostgresBind(text: String(modulus - 1)),
                    ],
                    types: [0, 0, 0]
                )
            ).rows {
                result[try row.decode("key")] = try Self.integers(row["ids"])
            }
            return result
        }
        // band_keys holds the indexed band keys only; the sentence arrays hold every key (verdicts need them all).
        let bandPostings = try postings(
            "lsh_band",
            key: "band_key",
            modulus: DedupKeySampling.bandModulus,
            keys: """
                SELECT DISTINCT b.key FROM article_minhash m CROSS JOIN LATERAL unnest(m.band_keys) AS b(key)
                WHERE m.article_id = ANY($1::int8[]) AND b.key & $3::int8 = 0
                """
        )
        let sentencePostings = try postings(
            "sentence_index",
            key: "sentence_hash",
            modulus: DedupKeySampling.sentenceModulus,
            keys: """
                SELECT s.key FROM article_minhash m
                CROSS JOIN LATERAL unnest(
                    CASE WHEN cardinality(m.sentence_anchors) > 0 THEN m.sentence_anchors ELSE m.sentence_hashes END
                ) AS s(key)
                WHERE m.article_id = ANY($1::int8[]) AND s.key & $3::int8 = 0
                UNION
                SELECT unnest(quote_keys) FROM article_minhash WHERE article_id = ANY($1::int8[])
                """
        )
        // Equal token hashes (an exact resend despite formatting), same version, no cap.
        var hits: [Int64: [Int64: Int]] = [:]
        for row in try connection.query(
            """
            SELECT p.article_id AS src, o.article_id AS cand
            FROM article_minhash p
            JOIN article_minhash o ON o.token_hash = p.token_hash
            WHERE p.article_id = ANY(\(pending)::int8[]) AND p.token_hash <> 0 AND o.token_hash <> 0
              AND o.article_id <> p.article_id AND o.pipeline_version = p.pipeline_version
            """
        ).rows {
            hits[try row.decode("src"), default: [:]][try row.decode("cand"), default: 0] += 1
        }
        var counted = Set<Int64>()
        for (source, keys) in keysOf {
            var counts = hits[source] ?? [:]
            func count(_ keys: Set<Int64>, in postings: [Int64: [Int64]]) {
                for key in keys {
                    guard let carriers = postings[key] else { continue }
                    var read = 0
                    for candidate in carriers where candidate != source && read < Self.dedupPostingsPerKey {
                        read += 1
                        counts[candidate, default: 0] += 1
                    }
                }
            }
            count(keys.bands, in: bandPostings)
            count(keys.sentences, in: sentencePostings)
            hits[source] = counts
            counted.formUnion(counts.keys)
        }
        // Postings of other pipeline versions took their place under the cap, but are no candidates.
        var version: [Int64: String] = [:]
        if !counted.isEmpty {
            for row in try connection.query(
                """
                SELECT article_id, pipeline_version FROM article_minhash
                WHERE article_id = ANY(\(Array(counted))::int8[])
                """
            ).rows {
                version[try row.decode("article_id")] = try row.decode("pipeline_version")
            }
        }
        var pairs: [(Int64, Int64)] = []
        for source in pending {
            guard let keys = keysOf[source], let counts = hits[source] else { continue }
            let ranked = counts.filter { version[$0.key] == keys.version }.sorted {
                $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
            }
            for (candidate, _) in ranked.prefix(Self.dedupCandidatesPerArticle) { pairs.append((source, candidate)) }
        }
        return pairs
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

    private func insertEdges(_ edges: [(pair: ArticlePair<Int64>, result: SimilarityResult, version: String)]) throws {
        guard !edges.isEmpty else { return }
        // Sorted by pair (the caller sorts): concurrent linkers insert shared pairs in one order, so they never
        // wait on each other in a cycle.
        try connection.query(
            """
            INSERT INTO duplicate_edges (article_a, article_b, kind, score, estimated_jaccard, containment,
                                         shared_sentences, same_story, pipeline_version)
            SELECT * FROM unnest(\(edges.map(\.pair.low))::int8[], \(edges.map(\.pair.high))::int8[],
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
    private func mergeStories(links: [ArticlePair<Int64>], pending: Set<Int64>) throws {
        guard !links.isEmpty else { return }
        var articles = Set<Int64>()
        for link in links {
            articles.insert(link.low)
            articles.insert(link.high)
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
            guard let left = storyOf[link.low], let right = storyOf[link.high] else {
                throw PostgresError(.unexpectedResult, message: "article \(link.low) or \(link.high) has no story")
            }
            guard left != right else { continue }
            storyLinks.append((left, right))
            let by = pending.contains(link.high) ? link.high : link.low
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
