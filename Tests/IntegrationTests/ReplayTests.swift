import ArgumentParser
import Blocking
import Foundation
import IngestControl
import IngestCore
import IngestStore
import Kafka
import Testing
import Worker

@Suite struct ReplayTests {
    struct Setup {
        let cluster: KafkaMockCluster
        let database: String
        let topic: String

        var brokers: String { cluster.bootstrapServers }

        func worker(maxBodyBytes: Int = PipelineOptions.defaultMaxBodyBytes) -> WorkerConfiguration {
            WorkerConfiguration(
                brokers: brokers,
                topic: topic,
                deadLetterTopic: "\(topic).dlq",
                group: "g-\(topic)",
                databaseURL: database,
                batchSize: 64,
                threads: 2,
                pollTimeout: .milliseconds(100),
                workerID: "replay-test-\(UUID().uuidString.prefix(6))",
                pipeline: Pipeline(options: PipelineOptions(maxBodyBytes: maxBodyBytes))
            )
        }

        func ctl(_ arguments: [String], scoped: Bool = true) throws {
            var common = ["--brokers", brokers, "--database-url", database]
            if scoped { common += ["--topic", topic, "--group", "g-\(topic)"] }
            var command = try IngestCtl.parseAsRoot(arguments + common)
            try command.run()
        }
    }

    func setUp(_ topic: String, articles: Int, big: Int = 0) throws -> Setup {
        let cluster = try KafkaMockCluster(brokers: 1)
        try cluster.createTopic(topic, partitions: 3)
        try cluster.createTopic("\(topic).dlq", partitions: 1)
        let producer = try KafkaProducer(
            configuration: KafkaProducer.defaults(brokers: cluster.bootstrapServers),
            logger: TestEnvironment.logger
        )
        var envelopes = (0..<articles).map { TestEnvironment.article($0) }
        for n in 0..<big {
            var large = TestEnvironment.article(10_000 + n)
            large.body += "\n\n" + String(repeating: "More port statistics follow in this long annex. ", count: 40)
            envelopes.append(large)
        }
        let reports = producer.send(
            envelopes.map { KafkaOutgoingMessage(topic: topic, key: Array($0.key.utf8), value: $0.encoded()) }
        )
        #expect(reports.allSatisfy { $0.error == nil })
        return Setup(cluster: cluster, database: try TestEnvironment.freshDatabase(topic), topic: topic)
    }

    func runUntilCaughtUp(_ setup: Setup, _ configuration: WorkerConfiguration, total: Int) throws -> WorkerStats {
        let connection = try TestEnvironment.connect(setup.database)
        let worker = InProcessWorker(configuration)
        // Linked too: the worker links a batch after committing it, and a stop requested in between leaves the
        // linking to the next worker (seen under load: `status --wait` then saw the last batch queued).
        let caughtUp = try TestEnvironment.waitUntil(timeout: .seconds(60)) {
            try TestEnvironment.scalar(connection, "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets")
                == Int64(total)
                && TestEnvironment.scalar(
                    connection,
                    "SELECT (SELECT count(*) FROM dedup_pending) + (SELECT count(*) FROM claim_link_pending)"
                ) == 0
        }
        let stats = try worker.finish()
        #expect(caughtUp)
        return stats
    }

    @Test func replayingTheSameVersionLeavesTheViewsUnchanged() async throws {
        try await Blocking.run {
            let setup = try setUp("replay", articles: 150, big: 2)
            let store = ResultStore(
                connection: try TestEnvironment.connect(setup.database),
                logger: TestEnvironment.logger
            )
            _ = try runUntilCaughtUp(setup, setup.worker(maxBodyBytes: 1500), total: 152)
            let before = try store.viewChecksums()
            #expect(before["article_summary"]?.hasPrefix("150:") == true)
            #expect(before["dead_letters"]?.hasPrefix("2:") == true)

            // Refused while a worker of the group is alive.
            let running = InProcessWorker(setup.worker(maxBodyBytes: 1500))
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(20)) {
                    !(try store.liveWorkers(group: "g-replay", withinSeconds: 20).isEmpty)
                }
            )
            #expect(throws: (any Error).self) { try setup.ctl(["replay", "--to-beginning"]) }
            _ = try running.finish()

            try setup.ctl(["replay", "--to-beginning"])
            #expect(
                try TestEnvironment.scalar(
                    store.connection,
                    "SELECT count(*) FROM consumer_offsets WHERE next_offset IS NULL"
                ) == 3
            )
            let again = try runUntilCaughtUp(setup, setup.worker(maxBodyBytes: 1500), total: 152)
            #expect(again.messages == 152)
            #expect(try store.viewChecksums() == before)
            #expect(try store.account(group: "g-replay", topic: "replay").allSatisfy(\.isComplete))

            // The dev broker cannot look offsets up by time: a clear refusal, and nothing moves.
            let positions = try store.positions(group: "g-replay", topic: "replay").mapValues(\.next)
            #expect {
                try setup.ctl(["replay", "--to-time", "2026-01-01T00:00:00Z"])
            } throws: { error in
                "\(error)".contains("does not implement this lookup")
            }
            #expect(try store.positions(group: "g-replay", topic: "replay").mapValues(\.next) == positions)

            // --to-offset moves one partition only.
            try setup.ctl(["replay", "--to-offset", "1:0"])
            let moved = try store.positions(group: "g-replay", topic: "replay")
            #expect(moved[1]?.next == 0)
            #expect(moved[0]?.next == positions[0])
        }
    }

    @Test func deadLettersCanBeRetriedAfterAFix() async throws {
        try await Blocking.run {
            let setup = try setUp("retry", articles: 20, big: 3)
            let store = ResultStore(
                connection: try TestEnvironment.connect(setup.database),
                logger: TestEnvironment.logger
            )
            // The "bug": a body limit too small for the three long articles.
            let first = try runUntilCaughtUp(setup, setup.worker(maxBodyBytes: 1500), total: 23)
            #expect(first.deadLetters == 3)
            #expect(
                try TestEnvironment.scalar(
                    store.connection,
                    "SELECT count(*) FROM dead_letters WHERE error_class = 'too-large'"
                ) == 3
            )

            // A retry interrupted between publishing and marking (simulated: started, never finished) is not
            // repeated without --force, so it cannot publish a message twice unasked.
            try store.connection.query(
                "UPDATE ingest_errors SET retry_started_at = now() WHERE ctid = (SELECT ctid FROM ingest_errors LIMIT 1)"
            )
            try setup.ctl(["dlq", "retry", "--error-class", "too-large"], scoped: false)
            #expect(
                try TestEnvironment.scalar(
                    store.connection,
                    "SELECT count(*) FROM ingest_errors WHERE retried_at IS NOT NULL"
                )
                    == 2
            )
            // After checking, the operator forces it; a worker with the fixed limit stores them all.
            try setup.ctl(["dlq", "retry", "--error-class", "too-large", "--force"], scoped: false)
            #expect(
                try TestEnvironment.scalar(
                    store.connection,
                    "SELECT count(*) FROM ingest_errors WHERE retried_at IS NOT NULL"
                ) == 3
            )
            let second = try runUntilCaughtUp(setup, setup.worker(), total: 26)
            #expect(second.deadLetters == 0)
            #expect(try TestEnvironment.scalar(store.connection, "SELECT count(*) FROM articles") == 23)
            #expect(try store.account(group: "g-retry", topic: "retry").allSatisfy(\.isComplete))
        }
    }

    /// `status --wait` (what quickstart prints from) waits for the linking queues too, not only for the lag: stories
    /// and claim variants are linked after their batch commits.
    @Test func statusWaitsForTheLinkingQueues() async throws {
        try await Blocking.run {
            let setup = try setUp("status", articles: 12)
            _ = try runUntilCaughtUp(setup, setup.worker(), total: 12)
            let store = ResultStore(
                connection: try TestEnvironment.connect(setup.database),
                logger: TestEnvironment.logger
            )
            #expect(throws: Never.self) { try setup.ctl(["status", "--wait", "5"]) }
            // Queue one stored article for story linking again, as a batch just committed would leave it.
            try store.connection.execute(
                script: "INSERT INTO dedup_pending (article_id) SELECT min(article_id) FROM articles"
            )
            #expect(throws: ExitCode(3)) { try setup.ctl(["status", "--wait", "1"]) }
            _ = try store.linkPendingStories()
            #expect(try TestEnvironment.scalar(store.connection, "SELECT count(*) FROM dedup_pending") == 0)
            #expect(throws: Never.self) { try setup.ctl(["status", "--wait", "1"]) }
        }
    }
}
