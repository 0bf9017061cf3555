import ArgumentParser
import Foundation
import IngestConfig
import IngestStore
import Kafka
import Logging
import Postgres

/// `ingestctl dlq list|retry`.
public struct DeadLetterCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "Inspect dead letters, and send them back for processing after a fix.",
        subcommands: [List.self, Retry.self]
    )

    public init() {}

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters, newest first.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this error class (e.g. malformed-envelope).") var errorClass: String?
        @Option(help: "At most this many rows.") var limit: Int = 50
        @Flag(help: "Include dead letters already retried.") var includeRetried = false

        func run() throws {
            let store = try openStore(database, label: "ingestctl-dlq")
            let rows = try store.connection.query(
                """
                SELECT topic, partition, "offset", error_class, message, payload_bytes, created_at::text AS at,
                       retried_at IS NOT NULL AS retried
                FROM ingest_errors
                WHERE (\(errorClass)::text IS NULL OR error_class = \(errorClass))
                  AND (\(includeRetried) OR retried_at IS NULL)
                ORDER BY created_at DESC, topic, partition, "offset" LIMIT \(limit)
                """
            ).rows
            let summary = try store.connection.query(
                "SELECT error_class, count(*) AS n FROM ingest_errors WHERE retried_at IS NULL GROUP BY 1 ORDER BY 2 DESC"
            ).rows
            print(
                "pending dead letters by class: "
                    + summary.map { "\($0["error_class"] ?? "")=\($0["n"] ?? "")" }.joined(separator: " ")
            )
            for row in rows {
                let origin = "\(row["topic"] ?? "")[\(row["partition"] ?? "")]@\(row["offset"] ?? "")"
                let retried = row["retried"] == "t" ? " (retried)" : ""
                print(
                    "\(origin)  \(row["error_class"] ?? "")  \(row["payload_bytes"] ?? "")B  \(row["message"] ?? "")\(retried)"
                )
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-publish dead-lettered messages to their origin topic (after a fix), and mark them retried.",
            discussion: """
                Each selected message is read back from the dead-letter topic and produced again, with its key, to \
                the topic it came from; workers then process it as a new message. The original row stays in \
                ingest_errors (with retried_at set), so accounting for the old offset still holds. A retry that was \
                interrupted between publishing and marking is not repeated (it may have been published) unless \
                --force is given.
                """
        )
        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this error class.") var errorClass: String?
        @Option(help: "At most this many messages.") var limit: Int = 1000
        @Flag(help: "Also re-publish messages whose earlier retry was interrupted (they may be published twice).")
        var force = false

        func run() throws {
            let logger = Logger(label: "ingestctl-dlq")
            let store = try openStore(database, label: "ingestctl-dlq")
            let rows = try store.connection.query(
                """
                SELECT consumer_group, topic, partition, "offset", dlq_topic, dlq_partition, dlq_offset,
                       encode(payload, 'hex') AS payload_hex, retry_started_at IS NOT NULL AS interrupted
                FROM ingest_errors
                WHERE retried_at IS NULL AND dlq_offset IS NOT NULL
                  AND (\(errorClass)::text IS NULL OR error_class = \(errorClass))
                ORDER BY created_at, topic, partition, "offset" LIMIT \(limit)
                """
            ).rows
            let reader = try KafkaPartitionReader(
                brokers: kafka.brokers,
                passThrough: kafka.passThrough,
                logger: logger
            )
            var configuration = KafkaProducer.defaults(brokers: kafka.brokers)
            // Messages are re-published whole, whatever their size (some come from PostgreSQL because the dead-letter
            // topic could not hold them): lift librdkafka's local 1 MB check and let the broker's own limit decide.
            configuration["message.max.bytes"] = "100000000"
            try configuration.apply(passThrough: kafka.passThrough)
            let producer = try KafkaProducer(configuration: configuration, logger: logger)
            var retried = 0
            var missing = 0
            var interrupted = 0
            for row in rows {
                if try row.decode("interrupted", as: Bool.self) && !force {
                    interrupted += 1
                    continue
                }
                let dlqTopic: String = try row.decode("dlq_topic")
                let dlqPartition = Int32(try row.decode("dlq_partition", as: Int.self))
                let dlqOffset: Int64 = try row.decode("dlq_offset")
                guard let message = try reader.message(topic: dlqTopic, partition: dlqPartition, offset: dlqOffset)
                else {
                    missing += 1
                    continue
                }
                let origin: String = try row.decode("topic")
                // A record marked x-payload-truncated holds a prefix only; the whole message is in PostgreSQL.
                let value = row["payload_hex"].map(Self.bytes(fromHex:)) ?? message.value
                try Self.mark(row, finished: false, in: store)
                let report = try producer.sendOne(
                    KafkaOutgoingMessage(
                        topic: origin,
                        key: message.key,
                        value: value,
                        headers: [
                            KafkaHeader(key: "x-retried-from", string: "\(dlqTopic)[\(dlqPartition)]@\(dlqOffset)")
                        ]
                    )
                )
                try Self.mark(row, finished: true, in: store)
                retried += 1
                logger.debug("retried", metadata: ["to": "\(report.topic)[\(report.partition)]@\(report.offset)"])
            }
            print(
                "re-published \(retried) dead letter(s)"
                    + (missing > 0 ? "; \(missing) no longer in the dead-letter topic" : "")
                    + (interrupted > 0
                        ? "; \(interrupted) skipped: an earlier retry was interrupted and may have published them "
                            + "(check the origin topic for x-retried-from, then use --force)" : "")
            )
        }

        /// Before publishing: the retry started (so a crash leaves a trace); after: it is done.
        static func mark(_ row: PostgresRow, finished: Bool, in store: ResultStore) throws {
            try store.connection.query(
                """
                UPDATE ingest_errors
                SET retry_started_at = now(), retried_at = CASE WHEN \(finished) THEN now() END
                WHERE consumer_group = \(try row.decode("consumer_group", as: String.self))
                  AND topic = \(try row.decode("topic", as: String.self))
                  AND partition = \(try row.decode("partition", as: Int.self))
                  AND "offset" = \(try row.decode("offset", as: Int64.self))
                """
            )
        }

        static func bytes(fromHex hex: String) -> [UInt8] {
            let digits = Array(hex.utf8).map { $0 <= 0x39 ? $0 - 0x30 : ($0 | 0x20) - 0x61 + 10 }
            return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
        }
    }
}
