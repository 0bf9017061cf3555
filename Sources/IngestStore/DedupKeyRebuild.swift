import Foundation
import IngestCore
import Postgres

// The story candidate key tables are unlogged (Migrations/0022): PostgreSQL empties them, and the one row of
// dedup_keys_intact, after a crash or on a standby. Their rows are derived from article_minhash, so story linking
// puts them back before it reads any postings.
extension ResultStore {
    /// Articles read from article_minhash per statement while rebuilding: their key rows (about 60 each) go in one
    /// COPY per table.
    static let dedupKeyRebuildChunk = 5000

    /// When dedup_keys_intact is empty, rebuilds lsh_band and sentence_index from article_minhash, in a transaction
    /// of its own (nothing to do when another step rebuilt them first). It locks the three tables exclusive before it reads anything, so batches writing
    /// key rows and linkers checking the marker wait until it commits; a batch that committed before the lock had
    /// its rows deleted and written again with every other stored article's.
    func rebuildDedupKeys() throws {
        try connection.transaction { try rebuildLocked() }
    }

    private func rebuildLocked() throws {
        try connection.query("LOCK TABLE dedup_keys_intact, lsh_band, sentence_index IN ACCESS EXCLUSIVE MODE")
        // Read under the lock: another step's rebuild, committed while this one waited, is seen.
        guard try !dedupKeysIntact() else { return }
        let started = Date()
        try connection.query("DELETE FROM lsh_band")
        try connection.query("DELETE FROM sentence_index")
        var after = Int64.min
        var articles = 0
        var rows = 0
        while true {
            let read = try connection.query(
                """
                SELECT article_id, band_keys AS bands, sentence_hashes AS hashes, sentence_anchors AS anchors,
                       quote_keys AS quotes
                FROM article_minhash WHERE article_id > \(after)
                ORDER BY article_id LIMIT \(Self.dedupKeyRebuildChunk)
                """,
                binaryResults: true
            ).rows
            guard !read.isEmpty else { break }
            var bandKeys: [(key: Int64, id: Int64)] = []
            var sentenceKeys: [(key: Int64, id: Int64)] = []
            for row in read {
                let id = try PostgresPackedIntegers.int64(row, "article_id")
                // The stored arrays, through the rule the batch indexed them by (FingerprintWrite.swift).
                let prints = try Self.storedFingerprints(row)
                for key in DedupKeySampling.indexedBands(prints) { bandKeys.append((key, id)) }
                for (key, _) in DedupKeySampling.indexedSentenceKeys(prints) { sentenceKeys.append((key, id)) }
                after = id
            }
            try copyKeyRows("COPY lsh_band (band_key, article_id) FROM STDIN", bandKeys)
            try copyKeyRows("COPY sentence_index (sentence_hash, article_id) FROM STDIN", sentenceKeys)
            articles += read.count
            rows += bandKeys.count + sentenceKeys.count
        }
        try connection.query("INSERT INTO dedup_keys_intact DEFAULT VALUES")
        logger.warning(
            "rebuilt the story candidate keys, which PostgreSQL had emptied (after a crash, or a promoted standby)",
            metadata: [
                "articles": "\(articles)", "rows": "\(rows)",
                "seconds": "\(String(format: "%.1f", Date().timeIntervalSince(started)))",
            ]
        )
    }

    /// Whether dedup_keys_intact has its row: the key tables hold every stored article's keys.
    func dedupKeysIntact() throws -> Bool {
        try !connection.query("SELECT 1 FROM dedup_keys_intact").rows.isEmpty
    }
}
