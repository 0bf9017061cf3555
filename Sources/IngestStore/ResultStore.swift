import Foundation
import IngestCore
import Logging
import Postgres

/// The SQL behind the worker: partition claims and the one-transaction batch write.
/// Owns one connection; like it, it belongs to a single thread.
public final class ResultStore {
    public let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Takes ownership of partitions for `owner`: bumps each partition's epoch (fencing out the previous owner)
    /// and returns where to resume.
    public func claim(
        group: String,
        topic: String,
        partitions: [Int32],
        owner: String
    ) throws -> [PartitionClaim] {
        let rows = try connection.query(
            """
            INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset, epoch, owner)
            SELECT \(group), \(topic), p, NULL, 1, \(owner) FROM unnest(\(partitions)::int4[]) AS p
            ON CONFLICT (consumer_group, topic, partition) DO UPDATE
                SET epoch = consumer_offsets.epoch + 1, owner = EXCLUDED.owner, updated_at = now()
            RETURNING partition, next_offset, epoch
            """
        ).rows
        return try rows.map { row in
            PartitionClaim(
                key: PartitionKey(topic: topic, partition: Int32(try row.decode("partition", as: Int.self))),
                epoch: try row.decode("epoch"),
                nextOffset: try row.decode("next_offset", as: Int64?.self)
            )
        }
    }

    /// Records a pipeline version before it writes. The first version ever registered becomes current; later ones
    /// write alongside it until `activate` makes them current.
    public func register(pipelineVersion version: String) throws {
        try connection.transaction {
            try connection.query("LOCK TABLE pipeline_versions IN SHARE ROW EXCLUSIVE MODE")
            try connection.query("INSERT INTO pipeline_versions (version) VALUES (\(version)) ON CONFLICT DO NOTHING")
            try connection.query(
                """
                UPDATE pipeline_versions SET is_current = true, activated_at = now()
                WHERE version = \(version) AND NOT EXISTS (SELECT 1 FROM pipeline_versions WHERE is_current)
                """
            )
        }
    }

    /// Makes `version` the one the public views show, in one transaction: readers switch atomically.
    public func activate(pipelineVersion version: String) throws {
        try connection.transaction {
            let known = try connection.query("SELECT 1 FROM pipeline_versions WHERE version = \(version)").rows
            guard !known.isEmpty else {
                throw PostgresError(.unexpectedResult, message: "pipeline version \(version) has written no results")
            }
            try connection.query("UPDATE pipeline_versions SET is_current = false WHERE is_current")
            try connection.query(
                "UPDATE pipeline_versions SET is_current = true, activated_at = now() WHERE version = \(version)"
            )
        }
    }

    public func heartbeat(group: String, worker: String, topic: String, pipelineVersion: String) throws {
        try connection.query(
            """
            INSERT INTO worker_heartbeats (consumer_group, worker, topic, pipeline_version)
            VALUES (\(group), \(worker), \(topic), \(pipelineVersion))
            ON CONFLICT (consumer_group, worker) DO UPDATE SET last_seen = now()
            """
        )
    }

    public func removeHeartbeat(group: String, worker: String) throws {
        try connection.query("DELETE FROM worker_heartbeats WHERE consumer_group = \(group) AND worker = \(worker)")
    }

    /// Workers of `group` seen within `seconds`.
    public func liveWorkers(group: String, withinSeconds seconds: Int) throws -> [String] {
        try connection.query(
            """
            SELECT worker FROM worker_heartbeats
            WHERE consumer_group = \(group) AND last_seen > now() - make_interval(secs => \(seconds))
            ORDER BY worker
            """
        ).rows.map { try $0.decode("worker") }
    }

    /// Moves stored positions (replay). nil means "from the beginning". Epochs are bumped so no worker still
    /// holding an old assignment can write afterwards. Returns the partitions changed.
    @discardableResult
    public func setPositions(group: String, topic: String, positions: [Int32: Int64?]) throws -> Int {
        let partitions = positions.keys.sorted()
        return try connection.transaction {
            try connection.query(
                """
                INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset, epoch, owner)
                SELECT \(group), \(topic), p, o, 1, 'ingestctl replay'
                FROM unnest(\(partitions)::int4[], \(partitions.map { positions[$0]! })::int8[]) AS v(p, o)
                ON CONFLICT (consumer_group, topic, partition) DO UPDATE
                    SET next_offset = EXCLUDED.next_offset, epoch = consumer_offsets.epoch + 1,
                        owner = EXCLUDED.owner, updated_at = now()
                """
            ).affectedRows
        }
    }

    /// Stored positions, for status, verify and replay.
    public func positions(group: String, topic: String) throws -> [Int32: (next: Int64?, epoch: Int64, owner: String?)]
    {
        var result: [Int32: (next: Int64?, epoch: Int64, owner: String?)] = [:]
        for row in try connection.query(
            """
            SELECT partition, next_offset, epoch, owner FROM consumer_offsets
            WHERE consumer_group = \(group) AND topic = \(topic)
            """
        ).rows {
            result[Int32(try row.decode("partition", as: Int.self))] = (
                try row.decode("next_offset"), try row.decode("epoch"), row["owner"]
            )
        }
        return result
    }

    /// Writes a batch's results and moves its partitions, all or nothing. The offset rows are updated first with
    /// a compare-and-set on epoch and position: a worker that lost a partition gets `.fenced` and writes nothing.
    public func commit(_ batch: BatchWrite) throws -> BatchOutcome {
        do {
            return try connection.transaction {
                let fenced = try advance(batch)
                if !fenced.isEmpty {
                    throw Fenced(partitions: fenced)  // rolls back: nothing of this batch is written
                }
                let ids = try upsertArticles(batch)
                let sightings = try insertSightings(batch, ids: ids.ids)
                let errors = try insertErrors(batch)
                // Derived results of articles first stored by this batch, in the same transaction.
                try writeDedupFingerprints(ids.new, pipelineVersion: batch.pipelineVersion)
                try writeClaims(ids.new, pipelineVersion: batch.pipelineVersion)
                try refreshClaimSightings(movedArticles: ids.moved)
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
    private func isAlreadyStored(_ batch: BatchWrite, fenced: Set<PartitionKey>) throws -> Bool {
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
        var partitions: Set<PartitionKey>
    }

    private func advance(_ batch: BatchWrite) throws -> Set<PartitionKey> {
        guard !batch.advances.isEmpty else { return [] }
        let advances = batch.advances
        let updated = try connection.query(
            """
            UPDATE consumer_offsets AS c
            SET next_offset = v.next, updated_at = now()
            FROM unnest(\(advances.map(\.topic))::text[], \(advances.map(\.partition))::int4[],
                        \(advances.map(\.epoch))::int8[], \(advances.map(\.expected))::int8[],
                        \(advances.map(\.next))::int8[]) AS v(topic, partition, epoch, expected, next)
            WHERE c.consumer_group = \(batch.group) AND c.topic = v.topic AND c.partition = v.partition
              AND c.epoch = v.epoch AND c.next_offset IS NOT DISTINCT FROM v.expected
            RETURNING c.topic, c.partition
            """
        ).rows
        let moved = Set(
            try updated.map {
                PartitionKey(topic: try $0.decode("topic"), partition: Int32(try $0.decode("partition", as: Int.self)))
            }
        )
        return Set(advances.map { PartitionKey(topic: $0.topic, partition: $0.partition) }).subtracting(moved)
    }

    /// One row per distinct content hash. Returns the id of every hash in the batch, the articles this batch
    /// stored first (whose derived results it must write), and the stored ones whose first sighting it moved
    /// earlier.
    private func upsertArticles(
        _ batch: BatchWrite
    ) throws -> (ids: [String: Int64], new: [StoredArticle], moved: [Int64]) {
        guard !batch.articles.isEmpty else { return ([:], [], []) }
        // The earliest sighting in the batch represents each hash; sorted so concurrent workers lock in one order.
        var firstByHash: [String: ArticleResult] = [:]
        for result in batch.articles {
            let hash = result.article.fingerprints.contentHash
            if let existing = firstByHash[hash], Self.representativeOrder(existing) <= Self.representativeOrder(result)
            {
                continue
            }
            firstByHash[hash] = result
        }
        let distinct = firstByHash.keys.sorted().map { firstByHash[$0]! }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var parsedJSON: [String] = []
        for result in distinct {
            var structure = result.article.parsed
            structure.text = ""  // stored in its own column
            parsedJSON.append(String(decoding: try encoder.encode(ParsedStructure(parsed: structure)), as: UTF8.self))
        }
        let inserted = try connection.query(
            """
            INSERT INTO articles (content_hash, article_key, outlet, url, title, published_date, content_type, language,
                                  text, parsed, first_seen, pipeline_version)
            SELECT v.hash, v.key, v.outlet, v.url, v.title, v.published, v.content_type, v.language, v.text,
                   v.parsed::jsonb, v.first_seen::timestamptz, \(batch.pipelineVersion)
            FROM unnest(\(distinct.map(\.article.fingerprints.contentHash))::text[],
                        \(distinct.map(\.article.envelope.key))::text[],
                        \(distinct.map(\.article.envelope.outlet))::text[],
                        \(distinct.map(\.article.envelope.url))::text[],
                        \(distinct.map { $0.article.parsed.title?.text ?? $0.article.envelope.title })::text[],
                        \(distinct.map { $0.article.parsed.publishedDate ?? $0.article.envelope.publishedAt })::text[],
                        \(distinct.map(\.article.parsed.contentType.rawValue))::text[],
                        \(distinct.map(\.article.parsed.language.code))::text[],
                        \(distinct.map(\.article.parsed.text))::text[],
                        \(parsedJSON)::text[],
                        \(distinct.map { Self.timestamp($0.article.envelope) })::text[])
                 AS v(hash, key, outlet, url, title, published, content_type, language, text, parsed, first_seen)
            ON CONFLICT (pipeline_version, content_hash) DO UPDATE
                SET first_seen = EXCLUDED.first_seen, outlet = EXCLUDED.outlet, url = EXCLUDED.url,
                    article_key = EXCLUDED.article_key
                WHERE (EXCLUDED.first_seen, EXCLUDED.outlet, EXCLUDED.article_key)
                    < (articles.first_seen, articles.outlet, articles.article_key)
            RETURNING content_hash, (xmax = 0) AS inserted
            """
        ).rows
        let newHashes = Set(
            try inserted.filter { try $0.decode("inserted", as: Bool.self) }.map {
                try $0.decode("content_hash", as: String.self)
            }
        )
        // Returned but not inserted: the conflict's WHERE held, so the stored row took an earlier sighting.
        let movedHashes = try inserted.filter { try !$0.decode("inserted", as: Bool.self) }.map {
            try $0.decode("content_hash", as: String.self)
        }
        var ids: [String: Int64] = [:]
        for row in try connection.query(
            """
            SELECT article_id, content_hash FROM articles
            WHERE pipeline_version = \(batch.pipelineVersion) AND content_hash = ANY(\(Array(firstByHash.keys))::text[])
            """
        ).rows {
            ids[try row.decode("content_hash")] = try row.decode("article_id")
        }
        let new = distinct.compactMap { result -> StoredArticle? in
            let hash = result.article.fingerprints.contentHash
            guard newHashes.contains(hash), let id = ids[hash] else { return nil }
            return StoredArticle(id: id, result: result)
        }
        return (ids, new, movedHashes.compactMap { ids[$0] }.sorted())
    }

    private func insertSightings(_ batch: BatchWrite, ids: [String: Int64]) throws -> Int {
        guard !batch.articles.isEmpty else { return 0 }
        let rows = batch.articles
        return try connection.query(
            """
            INSERT INTO article_sightings (topic, partition, "offset", article_id, consumer_group, article_key, outlet,
                                           url, fetched_at, worker, pipeline_version)
            SELECT v.topic, v.partition, v.off, v.article_id, \(batch.group), v.key, v.outlet, v.url,
                   v.fetched::timestamptz, \(batch.worker), \(batch.pipelineVersion)
            FROM unnest(\(rows.map(\.origin.topic))::text[], \(rows.map(\.origin.partition))::int4[],
                        \(rows.map(\.origin.offset))::int8[],
                        \(rows.map { ids[$0.article.fingerprints.contentHash] })::int8[],
                        \(rows.map(\.article.envelope.key))::text[], \(rows.map(\.article.envelope.outlet))::text[],
                        \(rows.map(\.article.envelope.url))::text[],
                        \(rows.map { Self.timestamp($0.article.envelope) })::text[])
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
                        \(rows.map(\.payloadBytes))::int8[], \(rows.map { $0.storedPayload.map(PostgresBytes.init) })::bytea[],
                        \(rows.map(\.dlqTopic))::text[], \(rows.map(\.dlqPartition))::int4[], \(rows.map(\.dlqOffset))::int8[])
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

/// The parsed structure stored as JSON beside the text (which has its own column).
struct ParsedStructure: Encodable {
    var parsed: ParsedArticle

    func encode(to encoder: any Encoder) throws {
        try parsed.encode(to: encoder)
    }
}
