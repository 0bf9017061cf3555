import Foundation
import IngestCore
import Logging
import Postgres

/// The SQL behind the worker, in parts with one job each: partition positions and fencing
/// (`PartitionPositions.swift`), the batch transaction (`BatchTransaction.swift`, with the fingerprint and claim rows
/// it writes in `FingerprintWrite.swift` and `ClaimWrite.swift`), story linking (`StoryLinking.swift`) and claim
/// linking (`ClaimLinking.swift`); pipeline versions and worker heartbeats here.
/// Owns one connection; like it, it belongs to a single thread (only its full-postings caches may be shared).
public final class ResultStore {
    public let connection: PostgresConnection
    let logger: Logger
    /// Claims' version, fingerprint and signature for claim linking (ClaimLinking.swift). A claim's candidates are
    /// mostly the same early claims of each key, and their token arrays were most of what linking read (measured:
    /// 186,000 rows per 1,000 articles with 6,000 stored); about 250 bytes each. `nearest_id` changes and is always
    /// read from the database.
    let claimRecordCache = ImmutableRowCache<ClaimRecord>(capacity: 100_000)
    /// Articles' fingerprints and version for story linking (StoryLinking.swift). Candidates are mostly articles
    /// judged before (the earliest carriers of common keys, earlier members of a story still arriving), and reading
    /// them was the linking read that grew most with stored data (3.8 → 17.5 articles read per article, empty →
    /// 100,000 stored); about 2 KB each.
    let dedupFingerprintCache = ImmutableRowCache<(fingerprints: Fingerprints, version: String)>(capacity: 16_384)
    /// Band keys (lsh_band) and sentence keys (sentence_index) whose postings story linking read full, each with the
    /// largest article id of the `dedupPostingsPerKey + 1` it read: those stay the first ones read whatever is
    /// stored later (ids only grow, rows are only added), so the batch transaction stores no index row for a later
    /// article under such a key (FingerprintWrite.swift). Boilerplate keys; about 40 bytes each. Shared with the
    /// store given to `init(connection:logger:sharingPostingsWith:)`.
    let fullBandPostings: ImmutableRowCache<Int64>
    let fullSentencePostings: ImmutableRowCache<Int64>
    /// The staging table's text compression clause, once read (BatchTransaction.swift).
    var stagedTextCompression: String?
    /// Articles whose fingerprints story linking read from the database, since the store was made (tests).
    package internal(set) var dedupFingerprintsRead = 0

    /// A store on `connection`. With `other`, it shares other's full-postings caches: a worker links on a second
    /// store (its own connection and thread), and its batch store must still skip the keys linking found full.
    public init(connection: PostgresConnection, logger: Logger, sharingPostingsWith other: ResultStore? = nil) {
        self.connection = connection
        self.logger = logger
        fullBandPostings = other?.fullBandPostings ?? ImmutableRowCache(capacity: 262_144)
        fullSentencePostings = other?.fullSentencePostings ?? ImmutableRowCache(capacity: 262_144)
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
}
