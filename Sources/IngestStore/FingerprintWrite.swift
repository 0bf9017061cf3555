import IngestCore
import Postgres

// The dedup rows of the batch transaction (T1 of the protocol in Migrations/0001_baseline.sql): fingerprints,
// candidate keys (none under keys whose postings linking found full), a singleton story and a pending marker per new
// article.
extension ResultStore {
    /// T1: inside the batch transaction, stores the fingerprints, candidate keys, singleton story and pending marker
    /// of the articles new in this batch. Every row belongs to an article id this transaction created, so none
    /// can conflict: each table is filled by one COPY, whatever the batch size.
    func writeDedupFingerprints(_ articles: [StoredArticle]) throws {
        guard !articles.isEmpty else { return }
        var minhash = PostgresCopyRows(reservingBytes: articles.count * 3500)
        var bandKeys: [(key: Int64, id: Int64)] = []
        var sentenceKeys: [(key: Int64, id: Int64)] = []
        bandKeys.reserveCapacity(articles.count * 21)
        sentenceKeys.reserveCapacity(articles.count * 40)
        var stories = PostgresCopyRows(reservingBytes: articles.count * 90)
        var members = PostgresCopyRows(reservingBytes: articles.count * 24)
        for stored in articles {
            let id = stored.id
            let prints = stored.result.article.fingerprints
            // Each article's keys once: kept in article_minhash (to find its index rows again) and indexed.
            let bands = DedupKeySampling.indexedBands(prints)
            let anchors = Self.storableAnchors(prints)
            let quotes = Self.storableQuoteKeys(prints)
            // The arrays as packed bytes (Migrations/0016): no number is formatted here or parsed by the server.
            minhash.append(id)
            minhash.append(packed: prints.minhash)
            minhash.append(prints.tokenHash)
            minhash.append(packed: bands)
            minhash.append(packed: prints.sentenceHashes)
            minhash.append(packed: anchors)
            minhash.append(packed: quotes)
            minhash.endRow()
            // No row under a key whose postings linking found full before this article (ResultStore.swift): it
            // would come after every posting read of it. article_minhash.band_keys still lists every indexed key.
            for key in bands where !Self.isPast(fullBandPostings[key], id) { bandKeys.append((key, id)) }
            // One row per distinct sampled key and article (the primary key), as DedupIndex indexes them. Probes
            // read every kind of key alike, so the kind is not stored.
            for (key, _) in DedupKeySampling.indexedSentenceKeys(prints)
            where !Self.isPast(fullSentencePostings[key], id) {
                sentenceKeys.append((key, id))
            }
            stories.append(id)
            stories.append(prints.contentHash)
            stories.endRow()
            members.append(id)
            members.append(id)
            members.endRow()
        }
        try connection.copy(
            """
            COPY article_minhash (article_id, signature, token_hash, band_keys, sentence_hashes, sentence_anchors,
                                  quote_keys) FROM STDIN
            """,
            rows: minhash
        )
        try copyKeyRows("COPY lsh_band (band_key, article_id) FROM STDIN", bandKeys)
        try copyKeyRows("COPY sentence_index (sentence_hash, article_id) FROM STDIN", sentenceKeys)
        try connection.copy("COPY stories (story_id, story_key) FROM STDIN", rows: stories)
        // A singleton story per article (story_id = article_id) and its pending marker: rows of one id each.
        try connection.copy("COPY story_members (article_id, story_id) FROM STDIN", rows: members)
        var pending = PostgresCopyRows(reservingBytes: articles.count * 12)
        for stored in articles {
            pending.append(stored.id)
            pending.endRow()
        }
        try connection.copy("COPY dedup_pending (article_id) FROM STDIN", rows: pending)
    }

    /// Copies key rows in key order: each lands in the index page after the previous one's, so a batch modifies
    /// each leaf page once in a row rather than in a random order across an index larger than shared buffers.
    /// Also used by the rebuild of the key tables (DedupKeyRebuild.swift).
    func copyKeyRows(_ statement: String, _ rows: [(key: Int64, id: Int64)]) throws {
        guard !rows.isEmpty else { return }
        var copy = PostgresCopyRows(reservingBytes: rows.count * 30)
        for row in rows.sorted(by: { ($0.key, $0.id) < ($1.key, $1.id) }) {
            copy.append(row.key)
            copy.append(row.id)
            copy.endRow()
        }
        try connection.copy(statement, rows: copy)
    }

    /// Whether article `id` comes after `lastRead`, the last of a full key's postings that linking reads.
    static func isPast(_ lastRead: Int64?, _ id: Int64) -> Bool {
        lastRead.map { id > $0 } ?? false
    }

    /// Anchors are stored only when they come two per sentence (fingerprints from before anchors have none).
    static func storableAnchors(_ fingerprints: Fingerprints) -> [Int64] {
        fingerprints.sentenceAnchors.count == 2 * fingerprints.sentenceHashes.count ? fingerprints.sentenceAnchors : []
    }

    /// Quote keys come in triples; anything else (a future format) is not stored rather than misread.
    static func storableQuoteKeys(_ fingerprints: Fingerprints) -> [Int64] {
        fingerprints.quoteKeys.count % 3 == 0 ? fingerprints.quoteKeys : []
    }
}
