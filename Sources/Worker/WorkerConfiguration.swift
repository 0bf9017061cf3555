import Foundation
import IngestConfig
import IngestCore

/// Everything a worker needs, resolved from flags and environment.
public struct WorkerConfiguration: Sendable {
    public var brokers: String
    public var kafkaPassThrough: [String]
    public var topic: String
    public var deadLetterTopic: String
    public var group: String
    public var databaseURL: String
    /// Messages per batch (one PostgreSQL transaction each).
    public var batchSize: Int
    /// 500: large enough that a transaction's fixed cost is small per article, small enough that a graceful
    /// shutdown finishes the batch in flight well within a 30-second stop grace period.
    public static let defaultBatchSize = 500
    /// Message bytes per batch: a batch also ends once its messages reach this many bytes, so a worker's memory is
    /// bounded by bytes, not by `batchSize` times the largest message (500 pages of 200 KB are 100 MB, and two
    /// batches are in memory while one commits).
    public var batchBytes: Int
    /// 16 MiB: 500 articles of 4 KB are 2 MB and never reach it; 200 KB web pages make batches of about 80.
    public static let defaultBatchBytes = 16 * 1024 * 1024
    /// Where bad input goes, with the reason in its headers.
    public static let defaultDeadLetterTopic = "articles.dlq"
    /// Threads that process a batch in parallel.
    public var threads: Int
    /// How long a poll waits to fill a batch.
    public var pollTimeout: Duration
    public var workerID: String
    public var pipeline: Pipeline
    /// How long start-up waits for a broker to answer before exiting with the brokers named.
    public var brokerTimeout: Duration
    /// Time bounds on the worker's PostgreSQL session, as libpq keywords: a hung statement, a lock wait, a
    /// forgotten transaction or a silent network peer ends in an error the worker retries, never in a stall.
    /// DATABASE_URL overrides any of them (`?options=-c%20statement_timeout%3D5min`, `&keepalives_idle=10`).
    public var databaseSessionDefaults: KeyValuePairs<String, String> = [
        "options": "-c statement_timeout=60s -c lock_timeout=30s -c idle_in_transaction_session_timeout=120s",
        "keepalives": "1",
        "keepalives_idle": "30",
        "keepalives_interval": "10",
        "keepalives_count": "3",
        "tcp_user_timeout": "60000",
    ]

    public init(
        brokers: String,
        kafkaPassThrough: [String] = [],
        topic: String = Setting.topic.defaultValue,
        deadLetterTopic: String = defaultDeadLetterTopic,
        group: String = Setting.group.defaultValue,
        databaseURL: String,
        batchSize: Int = defaultBatchSize,
        batchBytes: Int = defaultBatchBytes,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        pollTimeout: Duration = .milliseconds(250),
        workerID: String = WorkerConfiguration.defaultWorkerID(),
        pipeline: Pipeline = Pipeline(),
        brokerTimeout: Duration = .seconds(30)
    ) {
        self.brokers = brokers
        self.kafkaPassThrough = kafkaPassThrough
        self.topic = topic
        self.deadLetterTopic = deadLetterTopic
        self.group = group
        self.databaseURL = databaseURL
        self.batchSize = batchSize
        self.batchBytes = max(1, batchBytes)
        self.threads = max(1, threads)
        self.pollTimeout = pollTimeout
        self.workerID = workerID
        self.pipeline = pipeline
        self.brokerTimeout = brokerTimeout
    }

    /// The dead-letter producer's `message.max.bytes`: room for any message the worker could have accepted (the
    /// body limit plus envelope and headers), so a bad message goes whole wherever the broker allows it; never
    /// below librdkafka's default.
    public var deadLetterMessageMaxBytes: Int { max(1_000_000, pipeline.options.maxBodyBytes + 256 * 1024) }

    /// Bad messages larger than this go to the dead-letter topic as a prefix (headers leave the rest of the room).
    public var deadLetterPayloadLimit: Int { deadLetterMessageMaxBytes - 64 * 1024 }

    public static func defaultWorkerID() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }
}
