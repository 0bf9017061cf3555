import Blocking
import Foundation
import IngestCore
import Kafka
import Postgres
import Prometheus
import Testing
import Worker

/// A worker running on its own thread inside the test process.
final class InProcessWorker: @unchecked Sendable {
    // @unchecked: `result` is written once by the worker thread before `done` is signalled, read after.
    let stop = StopSignal()
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<WorkerStats, any Error>?

    init(_ configuration: WorkerConfiguration, telemetry: WorkerTelemetry = WorkerTelemetry()) {
        let thread = Thread { [self] in
            result = Result {
                try runWorker(
                    configuration: configuration,
                    stop: stop,
                    logger: TestEnvironment.logger,
                    telemetry: telemetry
                )
            }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the worker to stop on its own; nil if it is still running after `timeout`.
    func exited(within timeout: Duration) -> Result<WorkerStats, any Error>? {
        let seconds = Double(timeout.components.seconds)
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        done.signal()  // so a later `finish` does not wait again
        return result
    }

    func finish() throws -> WorkerStats {
        stop.request()
        guard done.wait(timeout: .now() + 60) == .success else { throw SetupError("worker did not stop in 60 s") }
        return try result!.get()
    }
}

@Suite struct WorkerTests {
    func publish(_ envelopes: [ArticleEnvelope], topic: String, brokers: String) throws {
        let producer = try KafkaProducer(
            configuration: KafkaProducer.defaults(brokers: brokers),
            logger: TestEnvironment.logger
        )
        let reports = producer.send(
            envelopes.map { KafkaOutgoingMessage(topic: topic, key: Array($0.key.utf8), value: $0.encoded()) }
        )
        #expect(reports.allSatisfy { $0.error == nil })
    }

    func configuration(brokers: String, database: String, topic: String) -> WorkerConfiguration {
        WorkerConfiguration(
            brokers: brokers,
            topic: topic,
            deadLetterTopic: "\(topic).dlq",
            group: "g-\(topic)",
            databaseURL: database,
            batchSize: 100,
            threads: 2,
            pollTimeout: .milliseconds(100),
            workerID: "test-\(topic)"
        )
    }

    @Test func resumesFromOffsetsStoredInPostgreSQL() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("resume", partitions: 3)
            let settings = configuration(brokers: cluster.bootstrapServers, database: database, topic: "resume")
            try publish(
                (0..<300).map { TestEnvironment.article($0) },
                topic: "resume",
                brokers: cluster.bootstrapServers
            )

            let first = InProcessWorker(settings)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 300
                }
            )
            let firstStats = try first.finish()
            #expect(firstStats.messages == 300)
            #expect(try TestEnvironment.scalar(connection, "SELECT sum(next_offset) FROM consumer_offsets") == 300)

            // A restarted worker resumes where PostgreSQL says: only the new messages are consumed.
            try publish(
                (300..<500).map { TestEnvironment.article($0) },
                topic: "resume",
                brokers: cluster.bootstrapServers
            )
            let second = InProcessWorker(settings)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 500
                }
            )
            #expect(try second.finish().messages == 200)

            // PostgreSQL is authoritative even where Kafka's committed offsets say otherwise: rewinding a partition
            // in the database (and removing its results) makes the next worker redo exactly that partition.
            let rewound = try TestEnvironment.scalar(
                connection,
                "SELECT count(*) FROM article_sightings WHERE topic = 'resume' AND partition = 1"
            )
            try connection.query("DELETE FROM article_sightings WHERE partition = 1")
            try connection.query("UPDATE consumer_offsets SET next_offset = NULL WHERE partition = 1")
            let third = InProcessWorker(settings)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 500
                }
            )
            #expect(try third.finish().messages == Int(rewound))
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == 500)
        }
    }

    /// The pipeline runs on batch N+1 while batch N commits (the loop's thread in PostgreSQL, the pipeline threads
    /// on the next messages), and every message is still stored once with every offset moved once.
    @Test func theNextBatchIsProcessedWhileThePreviousOneCommits() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("overlap", partitions: 2)
            try publish(
                (0..<800).map { TestEnvironment.article($0) },
                topic: "overlap",
                brokers: cluster.bootstrapServers
            )
            // A poll made while a batch waits to commit does not wait for messages, and a fetch from the dev broker
            // may bring no more than one batch: the pipeline then has nothing to overlap with (seen in CI: 8
            // batches, none overlapped). So the first commit is held (a trigger waiting on an advisory lock the test
            // holds) until the consumer has had a second to fetch the rest; every later poll finds a batch waiting.
            try hold(connection, ["INSERT ON article_sightings"])
            let worker = InProcessWorker(
                configuration(brokers: cluster.bootstrapServers, database: database, topic: "overlap")
            )
            #expect(try TestEnvironment.waitUntil(timeout: .seconds(60)) { try sessionsWaitingOnHold(connection) == 1 })
            Thread.sleep(forTimeInterval: 1)
            try releaseHeld(connection)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(120)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 800
                }
            )
            let stats = try worker.finish()
            #expect(stats.overlappedBatches >= 1, "\(stats)")
            #expect(stats.messages == 800)
            #expect(try TestEnvironment.scalar(connection, "SELECT sum(next_offset) FROM consumer_offsets") == 800)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == 800)
        }
    }

    /// A worker links on its own second connection: its next batch commits while its linking step still holds its
    /// transaction open (here kept open by a test trigger waiting on an advisory lock the test holds), and once
    /// released everything ends linked, nothing lost or stored twice.
    @Test func aBatchCommitsWhileTheSameWorkersLinkingStepIsOpen() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("linkoverlap", partitions: 1)
            try holdLinking(connection)
            var released = false
            defer { if !released { _ = try? releaseHeld(connection) } }
            let worker = InProcessWorker(
                configuration(brokers: cluster.bootstrapServers, database: database, topic: "linkoverlap")
            )
            try publish([TestEnvironment.article(0)], topic: "linkoverlap", brokers: cluster.bootstrapServers)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(30)) {
                    try sessionsWaitingOnHold(connection) == 1
                },
                "the first batch's linking step waits inside its transaction"
            )

            try publish([TestEnvironment.article(1)], topic: "linkoverlap", brokers: cluster.bootstrapServers)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(20)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 2
                },
                "the second batch commits while the first one's linking is still open"
            )
            #expect(try sessionsWaitingOnHold(connection) == 1)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == 2)

            try releaseHeld(connection)
            released = true
            #expect(try linkingQueuesEmpty(connection))
            let stats = try worker.finish()
            #expect(stats.messages == 2)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM story_articles") == 2)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == 2)
            #expect(try TestEnvironment.scalar(connection, "SELECT sum(next_offset) FROM consumer_offsets") == 2)
        }
    }

    /// A worker asked to stop while its linker's step is open (held by a test trigger, failing on a short lock
    /// timeout) stops without waiting out the linking retries, and the step's rows stay queued: the next worker
    /// links them all.
    @Test func aStopDuringAnOpenLinkingStepLeavesItsRowsQueuedForTheNextWorker() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("linkstop", partitions: 1)
            try holdLinking(connection)
            var settings = configuration(brokers: cluster.bootstrapServers, database: database, topic: "linkstop")
            settings.databaseURL += " options='-c lock_timeout=2s'"
            let first = InProcessWorker(settings)
            try publish(
                (0..<3).map { TestEnvironment.article($0) },
                topic: "linkstop",
                brokers: cluster.bootstrapServers
            )
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(30)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 3
                        && sessionsWaitingOnHold(connection) == 1
                }
            )
            _ = try first.finish()
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == 3)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM link_quarantine") == 0)

            try releaseHeld(connection)
            try connection.execute(script: "DROP TRIGGER hold ON dedup_pending")
            settings.workerID += "-2"
            let second = InProcessWorker(settings)
            #expect(try linkingQueuesEmpty(connection))
            #expect(try second.finish().messages == 0)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM story_articles") == 3)
        }
    }

    /// A commit waits while its worker's linker is more than one pass behind, so at most two committed batches are
    /// unlinked at a time (the bound on produce → visible latency). With every linking step held open and one
    /// message per batch, two batches commit, the third's commit reports that it waits, and nothing more commits
    /// while the linker is held; once released, everything commits and is linked.
    @Test func aCommitWaitsWhileTheLinkerIsMoreThanOnePassBehind() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("linklag", partitions: 1)
            try holdLinking(connection)
            var released = false
            defer { if !released { _ = try? releaseHeld(connection) } }
            let (worker, metric, _) = try workerWaitingOnItsHeldLinker("linklag", cluster, database, connection)
            // The commit waits before it writes, and the held linker finishes no pass, so this holds however long
            // the linker stays held.
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 2)
            #expect(try TestEnvironment.scalar(connection, "SELECT sum(next_offset) FROM consumer_offsets") == 2)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == 2)
            #expect(metric(#"ingest_batches_total{outcome="committed"}"#) == 2)
            #expect(metric("ingest_linker_wait_seconds_count") == 0, "recorded when the wait ends")

            try releaseHeld(connection)
            released = true
            try expectSixStoredAndLinked(connection, finishing: worker, consumed: 6)
            #expect(try TestEnvironment.scalar(connection, "SELECT sum(next_offset) FROM consumer_offsets") == 6)
            #expect(metric("ingest_commits_waiting_on_linker") == 0)
            #expect(metric("ingest_linker_wait_seconds_count") >= 1)
            #expect(metric("ingest_linker_wait_seconds_sum") > 0)
        }
    }

    /// A stop ends a commit's wait for the linker: the waiting batch and the one processed behind it commit (a
    /// stopping worker's last commits never wait for linking) though the linker is still held, the worker ends
    /// without waiting for the held step (cancelled), and the rows stay queued for the next worker, which links them
    /// all.
    @Test func aStopEndsACommitsWaitForTheLinker() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("lagstop", partitions: 1)
            try holdLinking(connection)
            var released = false
            defer { if !released { _ = try? releaseHeld(connection) } }
            let (worker, metric, _) = try workerWaitingOnItsHeldLinker("lagstop", cluster, database, connection)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 2)

            worker.stop.request()
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT sum(next_offset) FROM consumer_offsets") == 4
                },
                "the waiting batch and the next one commit while the linker is still held"
            )
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 4)
            #expect(metric("ingest_commits_waiting_on_linker") == 0)

            // The worker ends with its linker's step still held (the lock is not released): the stop cancels the
            // step, which its sessions' lock timeout of 0 would otherwise let wait for ever. The step rolled back:
            // its rows stay queued for the next worker.
            #expect(try worker.finish().messages == 4)
            #expect(try sessionsWaitingOnHold(connection) == 0)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == 4)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM link_quarantine") == 0)
            try releaseHeld(connection)
            released = true
            try connection.execute(script: "DROP TRIGGER hold ON dedup_pending")
            let next = InProcessWorker(
                configuration(brokers: cluster.bootstrapServers, database: database, topic: "lagstop")
            )
            try expectSixStoredAndLinked(connection, finishing: next, consumed: 2)
        }
    }

    /// A commit waiting for a linker whose steps finish is alive (a pass over a large backlog may outlast the
    /// liveness window), while one waiting on a step that hangs fails `/healthz`. Steps of both queues are held, so
    /// a pass takes several: the one step let through ends the linker's first pass (which began before any commit),
    /// the next pass's first step is held again, and the commit goes on waiting throughout.
    @Test func aCommitWaitingOnALinkerThatFinishesStepsIsAlive() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("lagalive", partitions: 1)
            try holdLinking(connection, claimsToo: true)
            var released = false
            defer { if !released { _ = try? releaseHeld(connection) } }
            let (worker, metric, telemetry) = try workerWaitingOnItsHeldLinker(
                "lagalive",
                cluster,
                database,
                connection,
                livenessWindow: .seconds(2)
            )
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(20)) { !telemetry.liveness().passed },
                "a hung linker fails /healthz through the commit it holds up"
            )

            // One step through: the held step is granted the lock as it is released, and the lock taken again in
            // the same statement holds the linker's next step.
            try connection.query(
                "SELECT pg_advisory_unlock(k), pg_advisory_lock(k) FROM (SELECT hashtext(current_database()) AS k) h"
            )
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(20), interval: .milliseconds(50)) {
                    telemetry.liveness().passed
                },
                "the finished step is a sign of life of the waiting loop"
            )
            #expect(try TestEnvironment.waitUntil(timeout: .seconds(20)) { try sessionsWaitingOnHold(connection) == 1 })
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 2)
            #expect(metric("ingest_commits_waiting_on_linker") == 1, "the commit still waits")

            try releaseHeld(connection)
            released = true
            try expectSixStoredAndLinked(connection, finishing: worker, consumed: 6)
        }
    }

    /// The end of the linker-wait tests, once the linker is let go: all six messages of `workerWaitingOnItsHeldLinker`
    /// stored and linked, and `worker`, the last to run, ends having consumed `consumed` of them.
    func expectSixStoredAndLinked(
        _ connection: PostgresConnection,
        finishing worker: InProcessWorker,
        consumed: Int
    ) throws {
        #expect(
            try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 6
            }
        )
        #expect(try linkingQueuesEmpty(connection))
        #expect(try worker.finish().messages == consumed)
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM story_articles") == 6)
    }

    /// A worker taking one message per batch, started on `topic` with six messages while `holdLinking` holds its
    /// linking steps; returns once its third commit waits for the linker, with a reader of its metrics (a registry
    /// of its own) and its telemetry (`livenessWindow` for `/healthz`). Its sessions have no lock or statement timeout, so a held step waits until released (the
    /// default 30 s lock timeout would fail it, and after its retries the linker would give up its pass).
    func workerWaitingOnItsHeldLinker(
        _ topic: String,
        _ cluster: KafkaMockCluster,
        _ database: String,
        _ connection: PostgresConnection,
        livenessWindow: Duration = .seconds(120)
    ) throws -> (worker: InProcessWorker, metric: (String) -> Double, telemetry: WorkerTelemetry) {
        var settings = configuration(brokers: cluster.bootstrapServers, database: database, topic: topic)
        settings.batchSize = 1
        settings.databaseURL += " options='-c lock_timeout=0 -c statement_timeout=0'"
        let registry = PrometheusCollectorRegistry()
        let telemetry = WorkerTelemetry(
            livenessWindow: livenessWindow,
            metrics: PrometheusMetricsFactory(registry: registry)
        )
        let worker = InProcessWorker(settings, telemetry: telemetry)
        let metric = { HTTPProbe.sample(registry.emitToString(), $0) ?? 0 }
        try publish((0..<6).map { TestEnvironment.article($0) }, topic: topic, brokers: cluster.bootstrapServers)
        #expect(
            try TestEnvironment.waitUntil(timeout: .seconds(60)) { metric("ingest_commits_waiting_on_linker") == 1 },
            "the third batch's commit waits for the linker"
        )
        #expect(try TestEnvironment.waitUntil(timeout: .seconds(30)) { try sessionsWaitingOnHold(connection) == 1 })
        return (worker, metric, telemetry)
    }

    @Test func badInputGoesToTheDeadLetterTopicWithAReason() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("bad", partitions: 1)
            let producer = try KafkaProducer(
                configuration: KafkaProducer.defaults(brokers: cluster.bootstrapServers),
                logger: TestEnvironment.logger
            )
            var empty = TestEnvironment.article(2)
            empty.body = "   \n  "
            let payloads: [[UInt8]] = [
                TestEnvironment.article(1).encoded(),
                Array("{not json".utf8),
                [0xFF, 0xFE, 0x00, 0x41],
                empty.encoded(),
                TestEnvironment.article(3).encoded(),
            ]
            let reports = producer.send(
                payloads.map { KafkaOutgoingMessage(topic: "bad", key: Array("k".utf8), value: $0) }
            )
            #expect(reports.allSatisfy { $0.error == nil })

            let worker = InProcessWorker(
                configuration(brokers: cluster.bootstrapServers, database: database, topic: "bad")
            )
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT coalesce(max(next_offset), 0) FROM consumer_offsets")
                        == 5
                }
            )
            let stats = try worker.finish()
            #expect(stats.deadLetters == 3)
            let errors = try connection.query(
                #"SELECT "offset", error_class, message, dlq_offset FROM ingest_errors ORDER BY "offset""#
            ).rows
            #expect(errors.map { $0["offset"] } == ["1", "2", "3"])
            #expect(errors.map { $0["error_class"] } == ["malformed-envelope", "invalid-utf8", "empty"])
            #expect(errors.allSatisfy { $0["dlq_offset"] != nil })
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 2)

            // The dead-letter topic holds the original bytes with the reason and origin in headers.
            let handler = RecordingHandler()
            let consumer = try KafkaConsumer(
                configuration: KafkaConsumer.defaults(brokers: cluster.bootstrapServers, group: "dlq-reader"),
                topics: ["bad.dlq"],
                handler: handler,
                logger: TestEnvironment.logger
            )
            var dead: [KafkaMessage] = []
            let deadline = ContinuousClock.now + .seconds(30)
            while dead.count < 3 && ContinuousClock.now < deadline {
                dead += try consumer.poll(maxMessages: 10, timeout: .milliseconds(200))
            }
            #expect(dead.count == 3)
            let binary = try #require(dead.first { $0.header("x-origin-offset") == Array("2".utf8) })
            #expect(binary.value == [0xFF, 0xFE, 0x00, 0x41])
            #expect(binary.header("x-error-class") == Array("invalid-utf8".utf8))
            #expect(binary.header("x-origin-topic") == Array("bad".utf8))
            #expect(binary.header("x-pipeline-version") == Array(Pipeline.defaultVersion.utf8))
            #expect(binary.header("x-error-message").map { !$0.isEmpty } == true)
        }
    }

    /// A mock cluster with `topic` (`partitions` partitions) and its one-partition dead-letter topic, and a fresh
    /// database with a connection to it.
    func topicAndDatabase(
        _ topic: String,
        partitions: Int
    ) throws -> (cluster: KafkaMockCluster, database: String, connection: PostgresConnection) {
        let cluster = try KafkaMockCluster(brokers: 1)
        try cluster.createTopic(topic, partitions: partitions)
        try cluster.createTopic("\(topic).dlq", partitions: 1)
        let database = try TestEnvironment.freshDatabase(topic)
        return (cluster, database, try TestEnvironment.connect(database))
    }

    /// Makes each statement of `events` (such as "DELETE ON dedup_pending") in `connection`'s database wait inside
    /// its open transaction until `releaseHeld`: a statement trigger named `hold` on each table takes a shared
    /// advisory lock that this session holds. The lock is named after the database, since advisory locks are shared
    /// by the whole server and tests run side by side.
    func hold(_ connection: PostgresConnection, _ events: [String]) throws {
        var script = """
            CREATE FUNCTION hold_statement() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock_shared(hashtext(current_database()));
                RETURN NULL;
            END $$;
            """
        for event in events {
            script += "\nCREATE TRIGGER hold BEFORE \(event) FOR EACH STATEMENT EXECUTE FUNCTION hold_statement();"
        }
        try connection.execute(script: script)
        try connection.query("SELECT pg_advisory_lock(hashtext(current_database()))")
    }

    /// Makes every story linking step wait (`hold`); with `claimsToo`, claim linking steps too (each takes its
    /// queue with a `DELETE`, also when it is empty).
    func holdLinking(_ connection: PostgresConnection, claimsToo: Bool = false) throws {
        try hold(connection, ["DELETE ON dedup_pending"] + (claimsToo ? ["DELETE ON claim_link_pending"] : []))
    }

    /// Lets the statements `hold` holds go on.
    func releaseHeld(_ connection: PostgresConnection) throws {
        try connection.query("SELECT pg_advisory_unlock(hashtext(current_database()))")
    }

    /// Worker sessions of this test's database waiting for an advisory lock (the tests' `hold` triggers).
    func sessionsWaitingOnHold(_ connection: PostgresConnection) throws -> Int64 {
        try TestEnvironment.scalar(
            connection,
            """
            SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
            WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = 'ingest-worker'
                AND a.datname = current_database()
            """
        )
    }

    /// Waits up to 60 s until both linking queues are empty; false if they never are.
    func linkingQueuesEmpty(_ connection: PostgresConnection) throws -> Bool {
        try TestEnvironment.waitUntil(timeout: .seconds(60)) {
            try TestEnvironment.scalar(
                connection,
                "SELECT (SELECT count(*) FROM dedup_pending) + (SELECT count(*) FROM claim_link_pending)"
            ) == 0
        }
    }

    /// A mock cluster with `topic` and its dead-letter topic, and a database holding the dedup corpus as a worker
    /// that crashed right after its commit left it: stored, never linked.
    func unlinkedCorpus(
        _ topic: String
    ) throws -> (cluster: KafkaMockCluster, configuration: WorkerConfiguration, connection: PostgresConnection) {
        let (cluster, database, connection) = try topicAndDatabase(topic, partitions: 1)
        let crashed = try DedupWriter(url: database, partition: 0)
        try crashed.commit(try DedupCorpus.variants())
        crashed.store.connection.close()
        return (
            cluster,
            configuration(brokers: cluster.bootstrapServers, database: database, topic: topic),
            connection
        )
    }

    /// Linking left pending (a crash after the commit) is finished by an idle worker, with no new batch to
    /// trigger it.
    /// A batch ends at `batchBytes` as well as at `batchSize`: the messages past the budget start the next batch.
    /// A second worker joins halfway, so partitions are revoked while messages are carried over: those are dropped
    /// and fetched again from the claimed position, and every message is still stored once.
    @Test func batchesEndAtTheirByteBudgetAndCarriedMessagesSurviveARebalance() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("bytes", partitions: 4)
            let envelopes = (0..<400).map { TestEnvironment.article($0) }
            try publish(envelopes, topic: "bytes", brokers: cluster.bootstrapServers)
            let largest = envelopes.map { $0.encoded().count + $0.key.utf8.count }.max()!
            var settings = configuration(brokers: cluster.bootstrapServers, database: database, topic: "bytes")
            settings.batchBytes = 5 * largest  // at most 5 messages per batch, where 100 fit by count
            let first = InProcessWorker(settings)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") >= 100
                }
            )
            settings.workerID += "-2"
            let second = InProcessWorker(settings)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(120)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 400
                }
            )
            let stats = [try first.finish(), try second.finish()]
            #expect(stats.map(\.messages).reduce(0, +) >= 400)
            #expect(stats.map(\.batches).reduce(0, +) >= 400 / 5, "\(stats)")
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == 400)
            #expect(try TestEnvironment.scalar(connection, "SELECT sum(next_offset) FROM consumer_offsets") == 400)
        }
    }

    @Test func anIdleWorkerLinksWhatACrashLeftPending() async throws {
        try await Blocking.run {
            let corpus = try unlinkedCorpus("idle")
            let connection = corpus.connection
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") > 0)
            let worker = InProcessWorker(corpus.configuration)
            #expect(try linkingQueuesEmpty(connection))
            #expect(try worker.finish().batches == 0)
        }
    }

    /// An idle worker whose connection was dropped reconnects for its heartbeat, so replays still see it live.
    @Test func anIdleWorkerKeepsItsHeartbeatAfterItsConnectionDrops() async throws {
        try await Blocking.run {
            let (cluster, database, connection) = try topicAndDatabase("beat", partitions: 1)
            let worker = InProcessWorker(
                configuration(brokers: cluster.bootstrapServers, database: database, topic: "beat")
            )
            let live: PostgresQuery =
                "SELECT count(*) FROM worker_heartbeats WHERE last_seen > now() - interval '2 seconds'"
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(30)) {
                    try TestEnvironment.scalar(connection, live) == 1
                }
            )
            try connection.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ingest-worker' AND datname = current_database()"
            )
            Thread.sleep(forTimeInterval: 3)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(30)) {
                    try TestEnvironment.scalar(connection, live) == 1
                }
            )
            _ = try worker.finish()
        }
    }

    /// A linking step that fails on the same row every time (here a trigger refusing its edges) must not stop
    /// linking for good: the row is quarantined with its error and everything else is linked.
    @Test func aRowThatLinkingAlwaysFailsOnIsQuarantined() async throws {
        try await Blocking.run {
            let corpus = try unlinkedCorpus("quarantine")
            let connection = corpus.connection
            try connection.execute(
                script: """
                    CREATE FUNCTION refuse_first_article() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF least(NEW.article_a, NEW.article_b) = (SELECT min(article_id) FROM articles) THEN
                            RAISE EXCEPTION 'refused by a test trigger';
                        END IF;
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER refuse BEFORE INSERT ON duplicate_edges
                        FOR EACH ROW EXECUTE FUNCTION refuse_first_article();
                    """
            )

            let worker = InProcessWorker(corpus.configuration)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == 0
                }
            )
            _ = try worker.finish()
            let quarantined = try connection.query("SELECT queue, error FROM link_quarantine").rows
            #expect(!quarantined.isEmpty)
            #expect(
                quarantined.allSatisfy {
                    $0["queue"] == "dedup_pending" && $0["error"]?.contains("refused by a test trigger") == true
                }
            )
            #expect(
                try TestEnvironment.scalar(connection, "SELECT count(*) FROM duplicate_edges") > 0,
                "the rest is linked"
            )
        }
    }

    /// A linking step failing for a reason that is not its rows' (a revoked grant) stops the worker instead of
    /// quarantining every row.
    @Test func aSystemFailureWhileLinkingStopsTheWorkerAndQuarantinesNothing() async throws {
        try await Blocking.run {
            let corpus = try unlinkedCorpus("linkgrant")
            let connection = corpus.connection
            let roles = try LoginRoles(connection)
            defer { roles.drop() }
            try connection.execute(script: "REVOKE INSERT ON duplicate_edges FROM newsingest_writer")
            var settings = corpus.configuration
            settings.databaseURL += " user=\(roles.worker)"
            let worker = InProcessWorker(settings)
            let outcome = try #require(worker.exited(within: .seconds(60)), "the worker stops")
            #expect(throws: (any Error).self) { try outcome.get() }
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM link_quarantine") == 0)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") > 0)
        }
    }
}
