import Foundation
import IngestCore
import KafkaModel
import Postgres

// The batch transaction: results and partition positions of one batch, all or nothing.
extension ResultStore {
    /// Writes a batch's results and moves its partitions, all or nothing. The offset rows are updated first with
    /// a compare-and-set on epoch and position: a worker that lost a partition gets `.fenced` and writes nothing.
    public func commit(_ batch: BatchWrite) throws -> BatchOutcome {
        try commit(batch, beforeCommit: {})
    }

    /// `commit`, running `beforeCommit` inside the transaction after every write (for tests that hold a batch's
    /// transaction open).
    package func commit(_ batch: BatchWrite, beforeCommit: () throws -> Void) throws -> BatchOutcome {
        let representatives = Self.representatives(batch)
        // Committed on their own first, so that batches naming the same new speaker never wait on each other, nor
        // linking steps on a new claim key.
        try insertNewSpeakers(representatives, pipelineVersion: batch.pipelineVersion)
        try insertNewClaimKeys(representatives, pipelineVersion: batch.pipelineVersion)
        do {
            return try connection.transaction {
                let fenced = try advance(batch)
                if !fenced.isEmpty {
                    throw Fenced(partitions: fenced)  // rolls back: nothing of this batch is written
                }
                let ids = try upsertArticles(batch, representatives: representatives)
                let sightings = try insertSightings(batch, ids: ids.ids)
                let errors = try insertErrors(batch)
                // Derived results of articles first stored by this batch, in the same transaction.
                try writeDedupFingerprints(ids.new)
                try writeClaims(ids.new, pipelineVersion: batch.pipelineVersion)
                try refreshClaimSightings(movedArticles: ids.moved)
                try beforeCommit()
                return BatchOutcome.committed(newArticles: ids.new.count, sightings: sightings, errors: errors)
            }
        } catch let fenced as Fenced {
            return try isAlreadyStored(batch, fenced: fenced.partitions)
                ? .alreadyCommitted : .fenced(fenced.partitions)
        }
    }

    /// A COMMIT can succeed on the server with its reply lost; the retry then fails the compare-and-set on its own
    /// earlier write. That is the case exactly when every partition of the batch still has this batch's epoch and
    /// stands at this batch's end: nobody else can have moved it there under the same epoch.
    private func isAlreadyStored(_ batch: BatchWrite, fenced: Set<TopicPartition>) throws -> Bool {
        guard fenced.count == batch.advances.count else { return false }
        let advances = batch.advances
        let matching = try connection.query(
            """
            SELECT count(*) AS n FROM consumer_offsets c
            JOIN unnest(\(advances.map(\.topic))::text[], \(advances.map(\.partition))::int4[],
                        \(advances.map(\.epoch))::int8[], \(advances.map(\.next))::int8[]) AS v(topic, partition, epoch, next)
              ON c.topic = v.topic AND c.partition = v.partition
            WHERE c.consumer_group = \(batch.group) AND c.epoch = v.epoch AND c.next_offset = v.next
            """
        ).rows
        return try matching[0].decode("n", as: Int.self) == advances.count
    }

    private struct Fenced: Error {
        var partitions: Set<TopicPartition>
    }

    /// One row per distinct content hash. Returns the id of every hash in the batch, the articles this batch
    /// stored first (whose derived results it must write), and the stored ones whose first sighting it moved
    /// earlier. The rows go through a staging table filled by COPY, then one `INSERT … SELECT … ON CONFLICT`.
    private func upsertArticles(
        _ batch: BatchWrite,
        representatives distinct: [ArticleResult]
    ) throws -> (ids: [String: Int64], new: [StoredArticle], moved: [Int64]) {
        guard !distinct.isEmpty else { return ([:], [], []) }
        var rows = PostgresCopyRows(reservingBytes: distinct.count * 6000)
        for result in distinct {
            let article = result.article
            let envelope = article.envelope
            rows.append(article.fingerprints.contentHash)
            rows.append(envelope.key)
            rows.append(envelope.outlet)
            rows.append(envelope.url)
            // A JSON article's own title (or an HTML page's metadata title) when neither the text nor the envelope
            // has one: the headline is the only place it is kept, as `parsed` is not stored.
            rows.append(article.parsed.title?.text ?? envelope.title ?? article.parsed.headline)
            rows.append(article.parsed.publishedDate ?? envelope.publishedAt)
            rows.append(article.parsed.contentType.rawValue)
            rows.append(article.parsed.language.code)
            rows.append(article.parsed.text)
            rows.append(Self.timestamp(envelope))
            rows.endRow()
        }
        // The staged text is compressed as `articles.text` stores it (Migrations/0009), since the insert below
        // keeps a compressed value as it is. Not by the database default 0009 also sets: a copy of the database
        // (CREATE DATABASE … TEMPLATE, a dump restored into an existing database) does not carry it.
        let compression = try stagedTextCompressionClause()
        try connection.execute(
            script: """
                CREATE TEMP TABLE IF NOT EXISTS staged_articles (
                    hash text, key text, outlet text, url text, title text, published text, content_type text,
                    language text, text text\(compression), first_seen timestamptz
                ) ON COMMIT DELETE ROWS
                """
        )
        try connection.copy(
            """
            COPY staged_articles (hash, key, outlet, url, title, published, content_type, language, text,
                                  first_seen) FROM STDIN
            """,
            rows: rows
        )
        let inserted = try connection.query(
            """
            INSERT INTO articles (content_hash, article_key, outlet, url, title, published_date, content_type, language,
                                  text, first_seen, pipeline_version)
            SELECT v.hash, v.key, v.outlet, v.url, v.title, v.published, v.content_type, v.language, v.text,
                   v.first_seen, \(batch.pipelineVersion)
            FROM staged_articles v
            ORDER BY v.hash
            ON CONFLICT (pipeline_version, content_hash) DO UPDATE
                SET first_seen = EXCLUDED.first_seen, outlet = EXCLUDED.outlet, url = EXCLUDED.url,
                    article_key = EXCLUDED.article_key
                WHERE (EXCLUDED.first_seen, EXCLUDED.outlet, EXCLUDED.article_key)
                    < (articles.first_seen, articles.outlet, articles.article_key)
            RETURNING article_id, content_hash, (xmax = 0) AS inserted
            """
        ).rows
        var ids: [String: Int64] = [:]
        var newHashes = Set<String>()
        // Returned but not inserted: the conflict's WHERE held, so the stored row took an earlier sighting.
        var moved: [Int64] = []
        for row in inserted {
            let hash: String = try row.decode("content_hash")
            let id: Int64 = try row.decode("article_id")
            ids[hash] = id
            if try row.decode("inserted", as: Bool.self) { newHashes.insert(hash) } else { moved.append(id) }
        }
        // Stored before and left unchanged: not returned by the upsert.
        let unchanged = distinct.map(\.article.fingerprints.contentHash).filter { ids[$0] == nil }
        if !unchanged.isEmpty {
            for row in try connection.query(
                """
                SELECT article_id, content_hash FROM articles
                WHERE pipeline_version = \(batch.pipelineVersion) AND content_hash = ANY(\(unchanged)::text[])
                """
            ).rows {
                ids[try row.decode("content_hash")] = try row.decode("article_id")
            }
        }
        var new: [StoredArticle] = []
        new.reserveCapacity(newHashes.count)
        for result in distinct {
            let hash = result.article.fingerprints.contentHash
            guard newHashes.contains(hash), let id = ids[hash] else { continue }
            new.append(StoredArticle(id: id, result: result))
        }
        return (ids, new, moved.sorted())
    }

    /// ` COMPRESSION lz4` (or `pglz`) when `articles.text` declares a method, else "" (the server's default): read
    /// once per session, when the staging table is created. The method is one of the two words of the CASE.
    private func stagedTextCompressionClause() throws -> String {
        if let known = stagedTextCompression { return known }
        let method =
            try connection.query(
                """
                SELECT CASE attcompression WHEN 'l' THEN 'lz4' WHEN 'p' THEN 'pglz' ELSE '' END AS method
                FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'text'
                """
            ).rows.first?.decode("method", as: String.self) ?? ""
        let clause = method.isEmpty ? "" : " COMPRESSION \(method)"
        stagedTextCompression = clause
        return clause
    }

    private func insertSightings(_ batch: BatchWrite, ids: [String: Int64]) throws -> Int {
        guard !batch.articles.isEmpty else { return 0 }
        let count = batch.articles.count
        var topics: [String] = []
        var partitions: [Int32] = []
        var offsets: [Int64] = []
        var articleIDs: [Int64?] = []
        var keys: [String] = []
        var outlets: [String] = []
        var urls: [String?] = []
        var fetched: [String?] = []
        topics.reserveCapacity(count)
        offsets.reserveCapacity(count)
        articleIDs.reserveCapacity(count)
        for row in batch.articles {
            let envelope = row.article.envelope
            topics.append(row.origin.topic)
            partitions.append(row.origin.partition)
            offsets.append(row.origin.offset)
            articleIDs.append(ids[row.article.fingerprints.contentHash])
            keys.append(envelope.key)
            outlets.append(envelope.outlet)
            urls.append(envelope.url)
            fetched.append(Self.timestamp(envelope))
        }
        return try connection.query(
            """
            INSERT INTO article_sightings (topic, partition, "offset", article_id, consumer_group, article_key, outlet,
                                           url, fetched_at, worker)
            SELECT v.topic, v.partition, v.off, v.article_id, \(batch.group), v.key, v.outlet, v.url,
                   v.fetched::timestamptz, \(batch.worker)
            FROM unnest(\(topics)::text[], \(partitions)::int4[], \(offsets)::int8[], \(articleIDs)::int8[],
                        \(keys)::text[], \(outlets)::text[], \(urls)::text[], \(fetched)::text[])
                 AS v(topic, partition, off, article_id, key, outlet, url, fetched)
            ON CONFLICT (consumer_group, topic, partition, "offset") DO NOTHING
            """
        ).affectedRows
    }

    private func insertErrors(_ batch: BatchWrite) throws -> Int {
        guard !batch.errors.isEmpty else { return 0 }
        let rows = batch.errors
        return try connection.query(
            """
            INSERT INTO ingest_errors (topic, partition, "offset", consumer_group, error_class, message, message_key,
                                       message_key_bytes, payload_bytes, payload, dlq_topic, dlq_partition,
                                       dlq_offset, worker, pipeline_version)
            SELECT v.topic, v.partition, v.off, \(batch.group), v.class, v.message, v.key, v.key_bytes, v.bytes,
                   v.payload, v.dlq_topic, v.dlq_partition, v.dlq_offset, \(batch.worker), \(batch.pipelineVersion)
            FROM unnest(\(rows.map(\.origin.topic))::text[], \(rows.map(\.origin.partition))::int4[],
                        \(rows.map(\.origin.offset))::int8[], \(rows.map(\.errorClass))::text[],
                        \(rows.map { Self.withoutNUL($0.message) })::text[],
                        \(rows.map { $0.messageKey.map(ErrorResult.readableKey) })::text[],
                        \(rows.map { $0.messageKey.map(PostgresBytes.init) })::bytea[],
                        \(rows.map(\.payloadBytes))::int8[],
                        \(rows.map { $0.storedPayload.map(PostgresBytes.init) })::bytea[],
                        \(rows.map(\.dlqTopic))::text[], \(rows.map(\.dlqPartition))::int4[],
                        \(rows.map(\.dlqOffset))::int8[])
                 AS v(topic, partition, off, class, message, key, key_bytes, bytes, payload, dlq_topic, dlq_partition,
                      dlq_offset)
            ON CONFLICT (consumer_group, topic, partition, "offset") DO NOTHING
            """
        ).affectedRows
    }

    /// Error messages may quote the input; text columns never receive U+0000.
    static func withoutNUL(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }

    /// The sighting an article row represents is the earliest by fetch time (the instant, not its text: `+05:00`
    /// and `Z` compare correctly), then outlet, then key: the same whatever order batches commit in. (Text and parse
    /// stay those first stored, which stored offsets point into; for a given content hash they differ at most in
    /// whitespace and removed debris.)
    /// Each content hash's representative in the batch (its earliest sighting by `representativeOrder`), in hash
    /// order, so that concurrent workers lock rows in one order.
    static func representatives(_ batch: BatchWrite) -> [ArticleResult] {
        var firstByHash: [String: (result: ArticleResult, order: (Double, String, String))] = [:]
        for result in batch.articles {
            let hash = result.article.fingerprints.contentHash
            let order = representativeOrder(result)
            if let existing = firstByHash[hash], existing.order <= order { continue }
            firstByHash[hash] = (result, order)
        }
        return firstByHash.keys.sorted().map { firstByHash[$0]!.result }
    }

    static func representativeOrder(_ result: ArticleResult) -> (Double, String, String) {
        let envelope = result.article.envelope
        return (envelope.fetchedAtSeconds ?? .infinity, envelope.outlet, envelope.key)
    }

    /// The fetch time as a timestamptz literal in UTC (decoding has refused unreadable ones; NULL if one is built
    /// in code).
    static func timestamp(_ envelope: ArticleEnvelope) -> String? {
        envelope.fetchedAtSeconds.flatMap { Date(timeIntervalSince1970: $0).postgresText }
    }
}
