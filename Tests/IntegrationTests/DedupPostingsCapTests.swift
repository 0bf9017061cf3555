import IngestCore
import IngestStore
import Postgres
import Testing

/// The candidate index stores no row under a band or sentence key whose postings story linking already read full
/// (ResultStore.dedupPostingsPerKey + 1 carriers): linking reads a key's earliest carriers only, so such rows were
/// never read, and with 100,000 articles stored they were what made the index grow with the data.
@Suite struct DedupPostingsCapTests {
    /// One wire story reprinted by `count` outlets, each copy lightly edited its own way: every copy carries most
    /// of the story's band keys and anchors.
    static func reprints(_ count: Int) throws -> [ProcessedArticle] {
        let body = try #require(try DedupCorpus.seeds().first).body
        return try (0..<count).map { index in
            let copy = DedupCorpus.variant(of: body, seed: UInt64(index) + 1, rate: 0.02, dropParagraph: false)
            return try DedupCorpus.process(copy, outlet: "outlet-\(index)")
        }
    }

    /// Stores `articles` in batches of 20, linking after each; a new store per batch when `forgetful` (a store
    /// remembers the full keys its own linking read).
    static func store(_ articles: [ProcessedArticle], database: String, forgetful: Bool) throws -> PostgresConnection {
        let url = try TestEnvironment.freshDatabase(database)
        var writer = try DedupWriter(url: url, partition: 0)
        for start in stride(from: 0, to: articles.count, by: 20) {
            if forgetful { writer = try DedupWriter(url: url, partition: 0) }
            try writer.commit(Array(articles[start..<min(start + 20, articles.count)]))
            try writer.linkAll()
        }
        return writer.store.connection
    }

    /// Per indexed key, the content hashes of the carriers linking reads (the earliest stored), and the row count.
    static func postings(_ connection: PostgresConnection) throws -> (read: [String: [String]], rows: Int64) {
        var read: [String: [String]] = [:]
        for row in try connection.query(
            """
            SELECT t.kind || ':' || t.key AS key, array_to_string(ARRAY(
                SELECT a.content_hash FROM (
                    SELECT article_id FROM lsh_band WHERE t.kind = 'b' AND band_key = t.key
                    UNION ALL
                    SELECT article_id FROM sentence_index WHERE t.kind = 's' AND sentence_hash = t.key
                ) p JOIN articles a ON a.article_id = p.article_id
                ORDER BY p.article_id LIMIT \(ResultStore.dedupPostingsPerKey + 1)), ',') AS hashes
            FROM (
                SELECT DISTINCT 'b' AS kind, band_key AS key FROM lsh_band
                UNION ALL
                SELECT DISTINCT 's', sentence_hash FROM sentence_index
            ) t
            """
        ).rows {
            read[try row.decode("key")] = try row.decode("hashes", as: String.self).split(separator: ",").map(
                String.init
            )
        }
        let rows: Int64 = try TestEnvironment.scalar(
            connection,
            "SELECT (SELECT count(*) FROM lsh_band) + (SELECT count(*) FROM sentence_index)"
        )
        return (read, rows)
    }

    @Test func fullKeysGetNoMoreRowsAndLinkingIsUnchanged() throws {
        let articles = try Self.reprints(140)
        let capped = try Self.store(articles, database: "postingscap", forgetful: false)
        let uncapped = try Self.store(articles, database: "postingsall", forgetful: true)
        let (cappedRead, cappedRows) = try Self.postings(capped)
        let (allRead, allRows) = try Self.postings(uncapped)
        // Keys read full before the last batches got no rows from them.
        let full = allRead.filter { $0.value.count == ResultStore.dedupPostingsPerKey + 1 }
        try #require(full.count > 20)
        #expect(cappedRows < allRows - Int64(full.count) * 5)
        let fullRows: Int64 = try TestEnvironment.scalar(
            capped,
            """
            SELECT max(n) FROM (
                SELECT count(*) AS n FROM lsh_band GROUP BY band_key
                UNION ALL
                SELECT count(*) FROM sentence_index GROUP BY sentence_hash
            ) c
            """
        )
        #expect(fullRows < Int64(articles.count))
        // What linking reads of every key is the same, and so are its verdicts and stories.
        #expect(cappedRead == allRead)
        #expect(try DedupCorpus.storedEdges(capped) == DedupCorpus.storedEdges(uncapped))
        #expect(try DedupCorpus.storedStories(capped) == DedupCorpus.storedStories(uncapped))
        try DedupCorpus.checkStoryInvariants(capped)
    }
}
