import ArgumentParser
import Foundation
import IngestConfig
import IngestStore
import Kafka
import Logging
import Postgres

struct GroupOptions: ParsableArguments {
    @Option(help: "Consumer group (env KAFKA_GROUP, default newsingest-workers).")
    var group: String?

    var resolvedGroup: String { resolveSetting(group, environment: "KAFKA_GROUP", default: "newsingest-workers") }
}

func openStore(_ database: DatabaseOptions, label: String) throws -> ResultStore {
    let logger = Logger(label: label)
    let connection = try PostgresConnection.connect(
        PostgresSettings(url: database.databaseURL, applicationName: label),
        logger: logger,
        attempts: 5
    )
    return ResultStore(connection: connection, logger: logger)
}

func metadataClient(_ kafka: KafkaOptions) throws -> KafkaProducer {
    var configuration = KafkaConfiguration(brokers: kafka.brokers)
    try configuration.apply(passThrough: kafka.passThrough)
    return try KafkaProducer(configuration: configuration, logger: Logger(label: "ingestctl"))
}

/// `ingestctl status`: stored positions against the log end, per partition, and headline counts.
public struct StatusCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each partition's stored position, the log end and the lag, plus stored totals."
    )

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var topicOptions: TopicOptions
    @OptionGroup var groupOptions: GroupOptions

    @Option(help: "Wait up to this many seconds for the lag to reach zero before printing.")
    var wait: Int?

    public init() {}

    public func run() throws {
        let store = try openStore(database, label: "ingestctl-status")
        let client = try metadataClient(kafka)
        let topic = topicOptions.topic
        let partitions = try client.metadata.partitions(of: topic)

        func lagReport() throws -> (rows: [(Int32, Int64?, Int64, Int64, String?)], total: Int64) {
            let positions = try store.positions(group: groupOptions.resolvedGroup, topic: topic)
            var rows: [(Int32, Int64?, Int64, Int64, String?)] = []
            var total: Int64 = 0
            for partition in partitions {
                let marks = try client.metadata.watermarks(topic: topic, partition: partition)
                let stored = positions[partition]?.next ?? nil
                let lag = max(0, marks.high - (stored ?? marks.low))
                total += lag
                rows.append((partition, stored, marks.high, lag, positions[partition]?.owner ?? nil))
            }
            return (rows, total)
        }

        var report = try lagReport()
        if let wait {
            let deadline = ContinuousClock.now + .seconds(wait)
            while report.total > 0 && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.5)
                report = try lagReport()
            }
        }
        print("topic \(topic), group \(groupOptions.resolvedGroup)")
        print("partition  stored  log-end  lag  owner")
        for (partition, stored, high, lag, owner) in report.rows {
            print(
                String(partition).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
                    + (stored.map(String.init) ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0) + "  "
                    + String(high).padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                    + String(lag).padding(toLength: 3, withPad: " ", startingAt: 0) + "  " + (owner ?? "-")
            )
        }
        print("total lag \(report.total)")
        for (label, count) in try store.totals() { print("\(label): \(count)") }
        if wait != nil && report.total > 0 { throw ExitCode(3) }
    }
}

/// `ingestctl verify`: proves every consumed offset is accounted for.
public struct VerifyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every offset below each stored position is an article sighting or a dead letter.",
        discussion: """
            Prints a per-partition report and exits non-zero on any gap or double count, and on offsets the \
            workers recorded as skipped (lost to retention before processing, or a consumer error) unless \
            --accept-gaps says an operator has reviewed them.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var topicOptions: TopicOptions
    @OptionGroup var groupOptions: GroupOptions
    @Flag(help: "Report recorded consumer gaps (e.g. offsets lost to retention) without failing on them.")
    var acceptGaps = false

    public init() {}

    public func run() throws {
        let store = try openStore(database, label: "ingestctl-verify")
        let accounts = try store.account(group: groupOptions.resolvedGroup, topic: topicOptions.topic)
        print("partition  next    sightings  errors  gaps")
        var failed = false
        for account in accounts {
            let gaps = account.gaps.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
            print(
                String(account.partition).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
                    + (account.nextOffset.map(String.init) ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0)
                    + "  " + String(account.sightings).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
                    + String(account.errors).padding(toLength: 6, withPad: " ", startingAt: 0) + "  "
                    + (gaps.isEmpty ? "none" : gaps)
                    + (account.doubleCounted > 0 ? "  DOUBLE-COUNTED \(account.doubleCounted)" : "")
            )
            failed = failed || !account.isComplete
        }
        if accounts.isEmpty { print("no stored positions for this group and topic") }
        // Offsets the workers skipped and recorded why: never processed, so the sums above cannot show them.
        let skipped = try store.gaps(group: groupOptions.resolvedGroup, topic: topicOptions.topic)
        for gap in skipped {
            print(
                "partition \(gap.partition) skipped \(gap.range): \(gap.cause) (code \(gap.errorCode)) \(gap.errorMessage)"
            )
        }
        let total = accounts.reduce(Int64(0)) { $0 + $1.accounted }
        if failed {
            print("FAILED: offsets are missing or double-counted")
        } else if !skipped.isEmpty && !acceptGaps {
            let lost = skipped.contains { $0.cause == ConsumerGap.retention }
            print(
                "FAILED: \(skipped.count) recorded gap(s)"
                    + (lost ? ", offsets lost to retention before they were processed" : "")
                    + "; rerun with --accept-gaps once reviewed"
            )
        } else {
            print("OK: \(total) offsets accounted for" + (skipped.isEmpty ? "" : ", \(skipped.count) gap(s) accepted"))
        }
        if failed || (!skipped.isEmpty && !acceptGaps) { throw ExitCode(1) }
    }
}
