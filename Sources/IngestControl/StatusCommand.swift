import ArgumentParser
import Foundation
import IngestConfig
import IngestStore
import Kafka

/// `ingestctl status`: stored positions against the log end, per partition, and headline counts.
public struct StatusCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Show each partition's stored position, the log end and the lag, the linking queues, plus stored totals."
    )

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var topicOptions: TopicOptions
    @OptionGroup var groupOptions: GroupOptions

    @Option(help: "Wait up to this many seconds for the lag and the linking queues to reach zero before printing.")
    var wait: Int?

    public init() {}

    public func run() throws {
        let store = try openStore(database, label: "ingestctl-status")
        let client = try metadataClient(kafka)
        let topic = topicOptions.topic
        let partitions = try client.metadata.partitions(of: topic)

        func lagReport() throws -> (rows: [(Int32, Int64?, Int64, Int64, String?)], total: Int64) {
            let positions = try store.positions(group: groupOptions.group, topic: topic)
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

        // Stories and claim variants are linked after their batch commits, so totals read at zero lag alone can
        // still miss the last merges.
        var report = try lagReport()
        var backlog = try LinkingBacklog.read(store.connection)
        if let wait {
            let deadline = ContinuousClock.now + .seconds(wait)
            while report.total + backlog.stories + backlog.claims > 0 && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.5)
                report = try lagReport()
                backlog = try LinkingBacklog.read(store.connection)
            }
        }
        print("topic \(topic), group \(groupOptions.group)")
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
        print("linking queued: \(backlog.stories) articles, \(backlog.claims) claims")
        for (label, count) in try store.totals() { print("\(label): \(count)") }
        if wait != nil && report.total + backlog.stories + backlog.claims > 0 { throw ExitCode(3) }
    }
}
