import IngestCore
import Postgres

// Story linking (T2 of the dedup protocol in Migrations/0001_baseline.sql), after the batch committed: candidates
// for a whole set of pending articles in one query, verdicts in Swift, edges and merges in bulk. The rows it
// searches are written by the batch transaction (`FingerprintWrite.swift`).
extension ResultStore {
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
        // The unlogged key tables, emptied by a crash, are rebuilt before any postings are read (Migrations/0022).
        // The step finds that out inside its transaction, and the rebuild runs in a transaction of its own that
        // locks before it reads: two steps that both found the tables empty then queue on the lock rather than
        // deadlock upgrading the lock their first read took.
        while true {
            if let linked = try storyLinkingStep(limit: limit, whileLocked: whileLocked) { return linked }
            try rebuildDedupKeys()
        }
    }

    /// One linking step; nil, with nothing changed, when the key tables need rebuilding first.
    private func storyLinkingStep(limit: Int, whileLocked: () throws -> Void) throws -> Int? {
        try connection.transaction {
            try connection.execute(script: Self.linkingStepSettings)
            guard try dedupKeysIntact() else { return nil }
            let pending: [Int64] = try connection.query(
                """
                SELECT article_id FROM dedup_pending
                ORDER BY article_id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
                """
            ).rows.map { try $0.decode("article_id") }
            guard !pending.isEmpty else { return 0 }

            // The pending articles' fingerprints give their probe keys and are half of every pair verdict.
            var loaded = try dedupFingerprints(pending)
            let candidates = try dedupCandidates(of: pending, fingerprints: loaded)
            var pairs = Set<ArticlePair<Int64>>()
            for (source, candidate) in candidates { pairs.insert(ArticlePair(source, candidate)) }
            var missing = Set<Int64>()
            for pair in pairs {
                if loaded[pair.low] == nil { missing.insert(pair.low) }
                if loaded[pair.high] == nil { missing.insert(pair.high) }
            }
            if !missing.isEmpty { loaded.merge(try dedupFingerprints(Array(missing))) { first, _ in first } }

            // Each article's sorted sentence keys once, not once per pair it is in.
            let lookups = loaded.mapValues { SentenceLookup($0.fingerprints) }
            var edges: [(pair: ArticlePair<Int64>, result: SimilarityResult)] = []
            for pair in pairs.sorted() {
                guard let left = loaded[pair.low], let right = loaded[pair.high], left.version == right.version,
                    let leftLookup = lookups[pair.low], let rightLookup = lookups[pair.high]
                else { continue }
                let result = Similarity.compare(left.fingerprints, leftLookup, right.fingerprints, rightLookup)
                if result.relation != .none { edges.append((pair, result)) }
            }
            try insertEdges(edges)
            try mergeStories(links: edges.filter(\.result.sameStory).map(\.pair), pending: Set(pending))
            try connection.query("DELETE FROM dedup_pending WHERE article_id = ANY(\(pending)::int8[])")
            try whileLocked()
            return pending.count
        }
    }

    /// Candidate pairs (pending article, candidate) of the same pipeline version sharing an indexed band key, an
    /// indexed sentence key (anchor, hash or quote key), or the token hash: the `DedupIndex` search for all pending
    /// articles at once. Each article's probe keys are the ones `DedupKeySampling` indexes, computed here from its
    /// fingerprints (the rule T1 stored them by). For each key, the first `dedupPostingsPerKey` articles carrying it
    /// (itself excluded, any version) count; those of its own version sharing enough of them
    /// (``DedupKeySampling/isCandidate(sharedKeys:)``, the token hash counting as enough) are its candidates: a rule
    /// on the pair alone, so what is judged does not depend on what else was stored first, and at most
    /// keys × `dedupPostingsPerKey` / 2 per article. One postings statement for the batch's distinct keys of every
    /// kind (a boilerplate sentence shared by a hundred pending articles is read once), counted here.
    private func dedupCandidates(
        of pending: [Int64],
        fingerprints: [Int64: (fingerprints: Fingerprints, version: String)]
    ) throws -> [(Int64, Int64)] {
        var keysOf: [Int64: (version: String, bands: [Int64], sentences: [Int64], token: Int64)] = [:]
        var bandKeys = Set<Int64>()
        var sentenceKeys = Set<Int64>()
        var tokenHashes = Set<Int64>()
        for id in pending {
            guard let (prints, version) = fingerprints[id] else { continue }
            let bands = DedupKeySampling.indexedBands(prints)
            let sentences = DedupKeySampling.indexedSentenceKeys(prints).map(\.key)
            keysOf[id] = (version, bands, sentences, prints.tokenHash)
            bandKeys.formUnion(bands)
            sentenceKeys.formUnion(sentences)
            if prints.tokenHash != 0 { tokenHashes.insert(prints.tokenHash) }
        }
        // Postings of every distinct key: one more than the cap for band and sentence keys (a pending article's own
        // posting does not count), every carrier of a token hash (exact resends, no cap). Keys carried by one
        // article only (the pending one) are left out here, not in SQL: a `WHERE cardinality(ids) > 1` there was
        // inlined as a second copy of each key's index scan (measured: 350,000 instead of 186,000 buffers for 500
        // articles, 100,000 stored). Each key table is read alone (its primary key gives article_id order for
        // free); the versions are read afterwards for the articles counted. With the version join inside the
        // postings limit, the first batches' planner walked article_minhash in id order and probed the key index
        // per row: 65 s instead of 0.8 s for 500 articles. Keys go in sorted, so the probes walk each index once in
        // order: with 100,000 stored, the index outgrows shared buffers and a batch's keys touch most of its leaves
        // (16,000 sentence keys of 500 articles: 145-152 ms sorted, 192-410 ms in hash-set order).
        var postings: [[Int64: [Int64]]] = [[:], [:], [:]]
        let read = try withoutBitmapScans {
            try connection.query(
                """
                SELECT 0 AS kind, k.key, array_to_string(ARRAY(
                    SELECT o.article_id FROM lsh_band o WHERE o.band_key = k.key ORDER BY o.article_id LIMIT \(
                    Self.dedupPostingsPerKey + 1)), ',') AS ids
                FROM unnest(\(bandKeys.sorted())::int8[]) AS k(key)
                UNION ALL
                SELECT 1, k.key, array_to_string(ARRAY(
                    SELECT o.article_id FROM sentence_index o WHERE o.sentence_hash = k.key ORDER BY o.article_id
                    LIMIT \(Self.dedupPostingsPerKey + 1)), ',')
                FROM unnest(\(sentenceKeys.sorted())::int8[]) AS k(key)
                UNION ALL
                SELECT 2, k.key, array_to_string(ARRAY(
                    SELECT o.article_id FROM article_minhash o WHERE o.token_hash = k.key AND o.token_hash <> 0
                    ORDER BY o.article_id), ',')
                FROM unnest(\(tokenHashes.sorted())::int8[]) AS k(key)
                """
            )
        }
        for row in read.rows {
            let ids = try Self.integers(row, "ids")
            guard ids.count > 1 else { continue }
            let kind = try row.decode("kind", as: Int.self)
            let key: Int64 = try row.decode("key")
            postings[kind][key] = ids
            // A full key: later articles' rows under it would never be read (ResultStore.fullBandPostings).
            if kind < 2, ids.count == Self.dedupPostingsPerKey + 1, let last = ids.last {
                (kind == 0 ? fullBandPostings : fullSentencePostings).insert(last, for: key)
            }
        }
        var hits: [Int64: [Int64: Int]] = [:]
        var counted = Set<Int64>()
        for (source, keys) in keysOf {
            var counts: [Int64: Int] = [:]
            func count(_ keys: [Int64], in postings: [Int64: [Int64]], cap: Int, weight: Int = 1) {
                for key in keys {
                    guard let carriers = postings[key] else { continue }
                    var read = 0
                    for candidate in carriers where candidate != source && read < cap {
                        read += 1
                        counts[candidate, default: 0] += weight
                    }
                }
            }
            count(keys.bands, in: postings[0], cap: Self.dedupPostingsPerKey)
            count(keys.sentences, in: postings[1], cap: Self.dedupPostingsPerKey)
            if keys.token != 0 {
                count([keys.token], in: postings[2], cap: .max, weight: DedupKeySampling.candidateMinSharedKeys)
            }
            counts = counts.filter { DedupKeySampling.isCandidate(sharedKeys: $0.value) }
            hits[source] = counts
            counted.formUnion(counts.keys)
        }
        // Postings of other pipeline versions took their place under the cap, but are no candidates. Every article
        // counted was committed before this statement starts, and its version's row before it (articles reference
        // pipeline_versions): while that table holds one version, every counted article is of it, and the versions
        // of the articles counted need not be read.
        let versions: [String] = try connection.query("SELECT version FROM pipeline_versions").rows.map {
            try $0.decode("version")
        }
        let onlyVersion = versions.count == 1 ? versions[0] : nil
        var version: [Int64: String] = [:]
        if onlyVersion == nil, !counted.isEmpty {
            for row in try connection.query(
                """
                SELECT article_id, pipeline_version FROM articles
                WHERE article_id = ANY(\(Array(counted))::int8[])
                """
            ).rows {
                version[try row.decode("article_id")] = try row.decode("pipeline_version")
            }
        }
        var pairs: [(Int64, Int64)] = []
        for source in pending {
            guard let keys = keysOf[source], let counts = hits[source] else { continue }
            for candidate in counts.keys.sorted() where (onlyVersion ?? version[candidate]) == keys.version {
                pairs.append((source, candidate))
            }
        }
        return pairs
    }

    /// The stored fingerprints of `ids`, with each article's pipeline version: from the cache, else read (and kept).
    package func dedupFingerprints(_ ids: [Int64]) throws -> [Int64: (fingerprints: Fingerprints, version: String)] {
        var result: [Int64: (fingerprints: Fingerprints, version: String)] = [:]
        var missing: [Int64] = []
        for id in ids {
            if let cached = dedupFingerprintCache[id] { result[id] = cached } else { missing.append(id) }
        }
        guard !missing.isEmpty else { return result }
        let rows = try connection.query(
            """
            SELECT m.article_id, a.content_hash, a.pipeline_version, m.token_hash, m.signature,
                   m.band_keys AS bands, m.sentence_hashes AS hashes, m.sentence_anchors AS anchors,
                   m.quote_keys AS quotes
            FROM article_minhash m JOIN articles a ON a.article_id = m.article_id
            WHERE m.article_id = ANY(\(missing)::int8[])
            """,
            binaryResults: true
        ).rows
        dedupFingerprintsRead += rows.count
        for row in rows {
            // Packed bytes (Migrations/0016) in binary results: no number formatted by the server or parsed here.
            // Text columns come as their UTF-8 either way.
            let fingerprints = try Self.storedFingerprints(
                row,
                contentHash: try row.decode("content_hash"),
                minhash: try PostgresPackedIntegers.uint32s(row, "signature"),
                tokenHash: try PostgresPackedIntegers.int64(row, "token_hash")
            )
            let entry = (fingerprints: fingerprints, version: try row.decode("pipeline_version", as: String.self))
            let id = try PostgresPackedIntegers.int64(row, "article_id")
            result[id] = entry
            dedupFingerprintCache.insert(entry, for: id)
        }
        return result
    }

    /// An article's fingerprints from its article_minhash row, read in binary with its key arrays named `bands`,
    /// `hashes`, `anchors` and `quotes` (the indexed band keys only: all the probe needs, verdicts use the
    /// signature); the rest as given.
    static func storedFingerprints(
        _ row: PostgresRow,
        contentHash: String = "",
        minhash: [UInt32] = [],
        tokenHash: Int64 = 0
    ) throws -> Fingerprints {
        Fingerprints(
            contentHash: contentHash,
            minhash: minhash,
            bandKeys: try PostgresPackedIntegers.int64s(row, "bands"),
            sentenceHashes: try PostgresPackedIntegers.int64s(row, "hashes"),
            sentenceAnchors: try PostgresPackedIntegers.int64s(row, "anchors"),
            tokenHash: tokenHash,
            quoteKeys: try PostgresPackedIntegers.int64s(row, "quotes")
        )
    }

    private func insertEdges(_ edges: [(pair: ArticlePair<Int64>, result: SimilarityResult)]) throws {
        guard !edges.isEmpty else { return }
        // Sorted by pair (the caller sorts): concurrent linkers insert shared pairs in one order, so they never
        // wait on each other in a cycle.
        try connection.query(
            """
            INSERT INTO duplicate_edges (article_a, article_b, kind, score, estimated_jaccard, containment,
                                         shared_sentences, same_story)
            SELECT * FROM unnest(\(edges.map(\.pair.low))::int8[], \(edges.map(\.pair.high))::int8[],
                                 \(edges.map(\.result.relation.rawValue))::text[],
                                 \(edges.map { min(max($0.result.score, 0), 1) })::float8[],
                                 \(edges.map(\.result.estimatedJaccard))::float8[],
                                 \(edges.map(\.result.containment))::float8[],
                                 \(edges.map(\.result.sharedSentences))::int8[],
                                 \(edges.map(\.result.sameStory))::bool[])
            ON CONFLICT (article_a, article_b) DO NOTHING
            """
        )
    }

    /// Merges the stories of every same-story link: union-find over the linked articles' current stories, each
    /// component merged into its largest story (most articles, then smallest id), all in one `dedup_merge_stories`
    /// call (which locks them in order). Moving the smaller stories' members bounds how often a member ever moves
    /// (its story at least doubles each time), where merging into the smallest id rewrote a whole story whenever an
    /// older, smaller one met it.
    private func mergeStories(links: [ArticlePair<Int64>], pending: Set<Int64>) throws {
        guard !links.isEmpty else { return }
        var articles = Set<Int64>()
        for link in links {
            articles.insert(link.low)
            articles.insert(link.high)
        }
        var storyOf: [Int64: Int64] = [:]
        var sizeOf: [Int64: Int] = [:]
        for row in try connection.query(
            """
            SELECT m.article_id, m.story_id, s.article_count FROM story_members m
            JOIN stories s ON s.story_id = m.story_id
            WHERE m.article_id = ANY(\(Array(articles))::int8[])
            """
        ).rows {
            let story: Int64 = try row.decode("story_id")
            storyOf[try row.decode("article_id")] = story
            sizeOf[story] = try row.decode("article_count", as: Int.self)
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
        // assign(...) names every component after its smallest story; the target is its largest.
        let component = StoryClustering.assign(members: [Int64](), links: storyLinks)
        var target: [Int64: Int64] = [:]
        for (story, root) in component {
            guard let chosen = target[root] else {
                target[root] = story
                continue
            }
            let (size, chosenSize) = (sizeOf[story] ?? 1, sizeOf[chosen] ?? 1)
            if size > chosenSize || (size == chosenSize && story < chosen) { target[root] = story }
        }
        let merged = component.compactMap { story, root -> (key: Int64, value: Int64)? in
            guard let into = target[root], into != story else { return nil }
            return (story, into)
        }.sorted { $0.key < $1.key }
        try connection.query(
            """
            SELECT dedup_merge_stories(\(merged.map(\.key))::int8[], \(merged.map(\.value))::int8[],
                                       \(merged.map { causedBy[$0.key] })::int8[])
            """
        )
    }
}
