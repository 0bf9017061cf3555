import Blocking
import Foundation
import IngestCore
import Kafka
import Postgres
import Testing

/// Generated poison input against two real worker processes with the default limits: nothing lost, every
/// message stored or dead-lettered with a reason, no worker dies, `ingestctl verify` passes.
@Suite(.serialized) struct PoisonFaultTests {
    @Test func generatedPoisonIsStoredOrDeadLetteredAndNeverStopsTheWorkers() async throws {
        try await Blocking.run {
            let seed = UInt64(ProcessInfo.processInfo.environment["POISON_SEED"] ?? "") ?? 20_261_130
            var generator = PoisonGenerator(seed: seed)
            let messages = generator.messages(good: 300)
            let cluster = try KafkaMockCluster(brokers: 1)
            try cluster.createTopic("p.raw", partitions: 4)
            try cluster.createTopic("p.dlq", partitions: 2)
            let database = try TestEnvironment.freshDatabase("poison")
            let connection = try TestEnvironment.connect(database)

            // Partitions chosen here so each message's offset is known, to check its outcome.
            var configuration = KafkaProducer.defaults(brokers: cluster.bootstrapServers)
            configuration["message.max.bytes"] = "10000000"
            let producer = try KafkaProducer(configuration: configuration, logger: TestEnvironment.logger)
            let reports = producer.send(
                messages.enumerated().map { index, message in
                    KafkaOutgoingMessage(
                        topic: "p.raw",
                        partition: Int32(index % 4),
                        key: message.key,
                        value: message.value
                    )
                }
            )
            #expect(
                reports.allSatisfy { $0.error == nil },
                "\(reports.compactMap(\.error).first.map { "\($0)" } ?? "")"
            )

            // No limits set: the defaults are what is tested.
            let environment = [
                "KAFKA_BROKERS": cluster.bootstrapServers, "DATABASE_URL": database, "KAFKA_TOPIC": "p.raw",
                "KAFKA_DLQ_TOPIC": "p.dlq", "KAFKA_GROUP": "poison", "LOG_LEVEL": "error",
            ]
            let started = ContinuousClock.now
            let workers = try (1...2).map {
                try ChildProcess(
                    try TestEnvironment.executable("ingest-worker"),
                    ["--worker-id", "p\($0)"],
                    environment: environment
                )
            }
            let processed: PostgresQuery = "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets"
            let drained = try TestEnvironment.waitUntil(timeout: .seconds(600), interval: .milliseconds(500)) {
                try TestEnvironment.scalar(connection, processed) == Int64(messages.count)
                    || workers.contains { !$0.isRunning }
            }
            let drainTime = ContinuousClock.now - started
            #expect(drained)
            for worker in workers {
                #expect(worker.isRunning, "a worker died: \(worker.output.suffix(2000))")
            }
            #expect(try TestEnvironment.scalar(connection, processed) == Int64(messages.count))

            // Every message has exactly the outcome its kind calls for, with a reason when dead-lettered.
            var outcomes: [String: String] = [:]
            for row in try connection.query(
                """
                SELECT partition, "offset", 'stored' AS outcome FROM article_sightings
                UNION ALL SELECT partition, "offset", 'dead-lettered' FROM ingest_errors
                """
            ).rows {
                outcomes["\(row["partition"] ?? "")/\(row["offset"] ?? "")"] = row["outcome"] ?? ""
            }
            var offsets = [Int64](repeating: 0, count: 4)
            var byKind: [String: (count: Int, stored: Int, deadLettered: Int)] = [:]
            for (index, message) in messages.enumerated() {
                let partition = index % 4
                let outcome = outcomes["\(partition)/\(offsets[partition])"]
                offsets[partition] += 1
                switch (message.expectation, outcome) {
                case (.stored, "stored"), (.deadLettered, "dead-lettered"), (.either, "stored"),
                    (.either, "dead-lettered"):
                    break
                default:
                    Issue.record("\(message.kind): expected \(message.expectation), got \(outcome ?? "nothing")")
                }
                let kind = message.kind.hasPrefix("hostile") ? "hostile envelope field" : message.kind
                var tally = byKind[kind] ?? (0, 0, 0)
                tally.count += 1
                if outcome == "stored" { tally.stored += 1 }
                if outcome == "dead-lettered" { tally.deadLettered += 1 }
                byKind[kind] = tally
            }
            #expect(
                try TestEnvironment.scalar(
                    connection,
                    "SELECT count(*) FROM ingest_errors WHERE error_class = '' OR message = '' OR dlq_offset IS NULL"
                ) == 0
            )

            let verify = try ChildProcess(
                try TestEnvironment.executable("ingestctl"),
                ["verify", "--topic", "p.raw", "--group", "poison"],
                environment: environment
            )
            #expect(verify.wait(timeout: .seconds(60)) == 0, "verify: \(verify.output)")
            for worker in workers { worker.kill(SIGTERM) }
            for worker in workers { #expect(worker.wait(timeout: .seconds(30)) == 0) }

            let stored = byKind.values.reduce(0) { $0 + $1.stored }
            let deadLettered = byKind.values.reduce(0) { $0 + $1.deadLettered }
            print(
                "poison: seed \(seed), \(messages.count) messages, \(stored) stored, \(deadLettered) dead-lettered, "
                    + "drained by 2 workers in \(drainTime)"
            )
            for (kind, tally) in byKind.sorted(by: { $0.key < $1.key }) {
                print("poison:   \(kind): \(tally.count) (\(tally.stored) stored, \(tally.deadLettered) dead-lettered)")
            }
        }
    }
}
