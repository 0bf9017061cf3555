import ArgumentParser
import Foundation
import IngestConfig
import IngestStore
import Kafka

/// `ingestctl replay`: moves a group's stored positions so its workers reprocess.
public struct ReplayCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Move a group's stored positions (stop the group first).",
        discussion: """
            Workers resume from the positions stored in PostgreSQL, so moving them there is a replay. Replaying \
            with the same pipeline version leaves the public views unchanged (every write is idempotent). To \
            reprocess with a new version, run workers with --pipeline-version V and a new --group instead, then \
            `ingestctl pipeline activate V`.
            --to-time needs the broker's offsets-for-times lookup (Apache Kafka has it). librdkafka's mock \
            cluster (ingestctl dev-broker) does not: the command then stops with an explanation and changes nothing.
            """
    )

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var topicOptions: TopicOptions
    @OptionGroup var groupOptions: GroupOptions

    @Flag(help: "Replay every partition from its first message.")
    var toBeginning = false

    @Option(help: "Replay PARTITION from OFFSET, as P:O (repeatable).")
    var toOffset: [String] = []

    @Option(help: "Replay from the first message at or after this ISO 8601 time.")
    var toTime: String?

    public init() {}

    public func validate() throws {
        let chosen = [toBeginning, !toOffset.isEmpty, toTime != nil].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose exactly one of --to-beginning, --to-offset, --to-time") }
    }

    public func run() throws {
        let group = groupOptions.group
        let topic = topicOptions.topic
        let store = try openStore(database, label: "ingestctl-replay")
        let client = try metadataClient(kafka)

        // Refuse while the group is running: its workers would race the new positions.
        if let groups = try? client.metadata.groups(named: group), let live = groups.first(where: { $0.members > 0 }) {
            throw RefusedError("group \(group) has \(live.members) member(s) in Kafka; stop its workers first")
        }
        let live = try store.liveWorkers(group: group, withinSeconds: 20)
        guard live.isEmpty else {
            throw RefusedError("group \(group) has running workers (\(live.joined(separator: ", "))); stop them first")
        }

        let partitions = try client.metadata.partitions(of: topic)
        var positions: [Int32: Int64?] = [:]
        if toBeginning {
            for partition in partitions { positions[partition] = .some(nil) }
        } else if !toOffset.isEmpty {
            for spec in toOffset {
                let parts = spec.split(separator: ":")
                guard parts.count == 2, let partition = Int32(parts[0]), let offset = Int64(parts[1]) else {
                    throw ValidationError("--to-offset expects PARTITION:OFFSET, got \(spec)")
                }
                guard partitions.contains(partition) else {
                    throw ValidationError("\(topic) has no partition \(partition)")
                }
                let marks = try client.metadata.watermarks(topic: topic, partition: partition)
                guard offset >= marks.low && offset <= marks.high else {
                    throw ValidationError(
                        "offset \(offset) is outside \(topic)[\(partition)]'s log \(marks.low)...\(marks.high)"
                    )
                }
                positions[partition] = offset
            }
        } else if let toTime {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = formatter.date(from: toTime) ?? fractional.date(from: toTime) else {
                throw ValidationError("--to-time expects ISO 8601 like 2026-03-03T10:00:00Z")
            }
            let unsupported = RefusedError(
                "the broker cannot look up offsets by time. librdkafka's mock cluster (ingestctl dev-broker) does "
                    + "not implement this lookup (it answers 'no message' for every time); nothing was changed. Use "
                    + "--to-offset PARTITION:OFFSET or --to-beginning, or run against Apache Kafka."
            )
            let found: [Int32: Int64]
            do {
                found = try client.metadata.offsets(
                    forTimestamp: Int64(date.timeIntervalSince1970 * 1000),
                    topic: topic,
                    partitions: partitions
                )
                // Every message is at or after the epoch, so a broker that implements the lookup maps time 0 to
                // the log start of any non-empty partition. One that answers "none" would make a silent wrong
                // replay (skipping everything): refuse instead.
                let probe = try client.metadata.offsets(forTimestamp: 0, topic: topic, partitions: partitions)
                for partition in partitions {
                    let marks = try client.metadata.watermarks(topic: topic, partition: partition)
                    if marks.high > marks.low && (probe[partition] ?? -1) != marks.low { throw unsupported }
                }
            } catch let error as KafkaError {
                throw RefusedError("\(unsupported.description) (\(error.codeName))")
            }
            for partition in partitions {
                // -1: no message at or after the time, so the replay starts at the log end.
                let offset = found[partition] ?? -1
                positions[partition] =
                    offset >= 0 ? offset : try client.metadata.watermarks(topic: topic, partition: partition).high
            }
        }

        let before = try store.positions(group: group, topic: topic)
        try store.setPositions(group: group, topic: topic, positions: positions)
        print("replay of \(topic) for group \(group):")
        for partition in positions.keys.sorted() {
            let old = before[partition]?.next.map(String.init) ?? "beginning"
            let new = positions[partition]!.map(String.init) ?? "beginning"
            print("  partition \(partition): \(old) -> \(new)")
        }
        print("Start the workers: they resume from these positions.")
    }
}
