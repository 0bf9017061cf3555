import Blocking
import Foundation
import IngestControl
import IngestCore
import IngestStore
import Postgres
import Testing

@testable import Kafka
@testable import Worker

/// Input no worker can process, and failures no message caused, with the default limits: bad input is
/// dead-lettered with a reason and never holds up the messages behind it; a broken database stops the worker
/// instead of dead-lettering good articles.
@Suite struct PoisonInputTests {
    struct Setup {
        let cluster: KafkaMockCluster
        let database: String
        let connection: PostgresConnection
        let configuration: WorkerConfiguration
    }

    func setUp(_ topic: String, partitions: Int = 1) throws -> Setup {
        let cluster = try KafkaMockCluster(brokers: 1)
        try cluster.createTopic(topic, partitions: partitions)
        try cluster.createTopic("\(topic).dlq", partitions: 1)
        let database = try TestEnvironment.freshDatabase(topic)
        let configuration = WorkerConfiguration(
            brokers: cluster.bootstrapServers,
            topic: topic,
            deadLetterTopic: "\(topic).dlq",
            group: "g-\(topic)",
            databaseURL: database,
            threads: 2,
            pollTimeout: .milliseconds(100),
            workerID: "w-\(topic)"
        )
        return Setup(
            cluster: cluster,
            database: database,
            connection: try TestEnvironment.connect(database),
            configuration: configuration
        )
    }

    /// Publishes with a producer that allows records up to 10 MB, as a careless upstream might.
    static func publish(_ messages: [(key: [UInt8]?, value: [UInt8])], topic: String, brokers: String) throws {
        var configuration = KafkaProducer.defaults(brokers: brokers)
        configuration["message.max.bytes"] = "10000000"
        let producer = try KafkaProducer(configuration: configuration, logger: TestEnvironment.logger)
        let reports = producer.send(
            messages.map { KafkaOutgoingMessage(topic: topic, partition: 0, key: $0.key, value: $0.value) }
        )
        #expect(reports.allSatisfy { $0.error == nil }, "\(reports.compactMap(\.error).first.map { "\($0)" } ?? "")")
    }

    static func good(_ n: Int) -> (key: [UInt8]?, value: [UInt8]) {
        let envelope = TestEnvironment.article(n)
        return (Array(envelope.key.utf8), envelope.encoded())
    }

    static func processed(_ connection: PostgresConnection) throws -> Int64 {
        try TestEnvironment.scalar(connection, "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets")
    }

    /// The issue's report: a 3 MB bad message (over librdkafka's 1,000,000-byte default) could never be
    /// dead-lettered, and the partition stopped behind it.
    @Test func anOversizeBadMessageIsDeadLetteredWithoutItsPayloadAndTheArticlesBehindItAreStored() async throws {
        try await Blocking.run {
            let setup = try setUp("oversize")
            let huge =
                Array(#"{"body": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 3_000_000) + Array(#""}"#.utf8)
            let large =
                Array(#"{"body": ""#.utf8) + Array(repeating: UInt8(ascii: "y"), count: 1_500_000) + Array(#""}"#.utf8)
            let messages =
                (0..<40).map(Self.good) + [(Array("huge".utf8), huge)] + (40..<80).map(Self.good)
                + [(Array("large".utf8), large)] + (80..<100).map(Self.good)
            try Self.publish(messages, topic: "oversize", brokers: setup.cluster.bootstrapServers)

            let worker = InProcessWorker(setup.configuration)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) { try Self.processed(setup.connection) == 102 }
            )
            _ = try worker.finish()
            #expect(try TestEnvironment.scalar(setup.connection, "SELECT count(*) FROM article_sightings") == 100)
            let errors = try setup.connection.query(
                #"SELECT "offset", error_class, payload_bytes, length(payload) AS kept FROM ingest_errors ORDER BY "offset""#
            ).rows
            #expect(errors.map { $0["offset"] } == ["40", "81"])
            #expect(errors.map { $0["error_class"] } == ["malformed-envelope", "malformed-envelope"])
            // The whole 3 MB payload is kept in PostgreSQL; the 1.5 MB one went whole to the topic.
            #expect(errors.map { $0["payload_bytes"] } == [String(huge.count), String(large.count)])
            #expect(errors.map { $0["kept"] } == [String(huge.count), nil])
            #expect(
                try TestEnvironment.scalar(
                    setup.connection,
                    "SELECT count(*) FROM ingest_errors WHERE payload = \(PostgresBytes(huge))"
                )
                    == 1
            )

            let records = try TestEnvironment.readMessages(
                "oversize.dlq",
                count: 2,
                brokers: setup.cluster.bootstrapServers
            )
            let truncated = try #require(records.first { $0.header("x-origin-offset") == Array("40".utf8) })
            #expect(truncated.value == Array(huge.prefix(16 * 1024)))
            #expect(truncated.header("x-payload-truncated") == Array("true".utf8))
            #expect(truncated.header("x-original-size") == Array(String(huge.count).utf8))
            #expect(truncated.header("x-error-class") == Array("malformed-envelope".utf8))
            let whole = try #require(records.first { $0.header("x-origin-offset") == Array("81".utf8) })
            #expect(whole.value == large)
            #expect(whole.header("x-payload-truncated") == nil)

            // `dlq retry` re-publishes the whole message, taken from PostgreSQL, not the 16 KiB prefix.
            var retry = try IngestCtl.parseAsRoot([
                "dlq", "retry", "--brokers", setup.cluster.bootstrapServers, "--database-url", setup.database,
            ])
            try retry.run()
            let reader = try KafkaPartitionReader(
                brokers: setup.cluster.bootstrapServers,
                passThrough: [],
                logger: TestEnvironment.logger
            )
            let republished = [
                try reader.message(topic: "oversize", partition: 0, offset: 102),
                try reader.message(topic: "oversize", partition: 0, offset: 103),
            ].compactMap { $0?.value }
            #expect(Set(republished.map(\.count)) == [huge.count, large.count])
            #expect(republished.contains(huge))
        }
    }

    /// Keys are bytes: a NUL in the key of a failing message once made the error row itself fail (a crash loop);
    /// U+0000 in envelope fields once rolled back whole batches.
    @Test func nulBytesInKeysAndFieldsNeverStopThePartition() async throws {
        try await Blocking.run {
            let setup = try setUp("nul")
            var nulOutlet = TestEnvironment.article(2)
            nulOutlet.outlet = "Daily\u{0}Example"
            var nulTitle = TestEnvironment.article(3)
            nulTitle.title = "A\u{0}title"
            let jsonArticle = ArticleEnvelope(
                key: "json-nul",
                outlet: "JSON Wire",
                fetchedAt: "2026-03-03T10:00:00Z",
                contentType: .json,
                body: #"{"title": "Port\u0000 strike", "author": "A\u0000B", "body": "#
                    + String(
                        decoding: try JSONEncoder().encode(TestEnvironment.paragraphs(4).joined(separator: "\n\n")),
                        as: UTF8.self
                    ) + "}"
            )
            let messages: [(key: [UInt8]?, value: [UInt8])] = [
                Self.good(1),
                ([0x61, 0x00, 0x62], Array("{not json".utf8)),
                ([0xFF, 0x00, 0xFE], nulOutlet.encoded()),
                (Array("title".utf8), nulTitle.encoded()),
                (Array("json".utf8), jsonArticle.encoded()),
                Self.good(5),
            ]
            try Self.publish(messages, topic: "nul", brokers: setup.cluster.bootstrapServers)
            let worker = InProcessWorker(setup.configuration)
            #expect(try TestEnvironment.waitUntil(timeout: .seconds(60)) { try Self.processed(setup.connection) == 6 })
            #expect(worker.exited(within: .seconds(1)) == nil, "the worker keeps running")
            _ = try worker.finish()

            let errors = try setup.connection.query(
                #"SELECT "offset", error_class, message, message_key, encode(message_key_bytes, 'hex') AS key_hex FROM ingest_errors ORDER BY "offset""#
            ).rows
            #expect(errors.map { $0["offset"] } == ["1", "2", "3"], "\(errors.map { $0["message"] ?? "" })")
            #expect(errors.map { $0["key_hex"] } == ["610062", "ff00fe", "7469746c65"])
            #expect(errors.map { $0["message_key"] } == [#"a\x00b"#, #"\xff\x00\xfe"#, "title"])
            #expect(errors[1]["message"] == "malformed envelope: field 'outlet' contains U+0000 (NUL)")
            #expect(errors[2]["message"] == "malformed envelope: field 'title' contains U+0000 (NUL)")
            // The JSON article's NULs are dropped at decode, like other control characters: it is stored, with its
            // own title.
            #expect(
                try TestEnvironment.scalar(
                    setup.connection,
                    """
                    SELECT count(*) FROM articles a JOIN article_sightings s USING (article_id)
                    WHERE s."offset" = 4 AND a.title = 'Port strike'
                    """
                ) == 1
            )
            #expect(try TestEnvironment.scalar(setup.connection, "SELECT count(*) FROM article_sightings") == 3)
        }
    }

    /// Only the message's own data errors (22xxx, 23xxx, 54000) are its fault. A dropped column or a revoked
    /// grant must stop the worker with the offsets unmoved, not dead-letter every good article.
    @Test(arguments: [
        "ALTER TABLE article_sightings DROP COLUMN url CASCADE",
        "REVOKE INSERT ON article_sightings FROM newsingest_writer",
    ])
    func aBrokenDatabaseStopsTheWorkerWithoutDeadLetteringGoodArticles(breakage: String) async throws {
        try await Blocking.run {
            let setup = try setUp("system")
            let roles = try LoginRoles(setup.connection)
            defer { roles.drop() }
            var configuration = setup.configuration
            configuration.databaseURL = setup.database + " user=\(roles.worker)"
            try Self.publish((0..<50).map(Self.good), topic: "system", brokers: setup.cluster.bootstrapServers)
            let worker = InProcessWorker(configuration)
            #expect(try TestEnvironment.waitUntil(timeout: .seconds(60)) { try Self.processed(setup.connection) == 50 })

            try setup.connection.execute(script: breakage)
            try Self.publish((50..<100).map(Self.good), topic: "system", brokers: setup.cluster.bootstrapServers)
            let outcome = try #require(worker.exited(within: .seconds(60)), "the worker stops")
            #expect(throws: (any Error).self) { try outcome.get() }
            if case .failure(let error) = outcome {
                #expect("\(error)".contains("not the input's fault"), "\(error)")
            }
            #expect(try TestEnvironment.scalar(setup.connection, "SELECT count(*) FROM ingest_errors") == 0)
            #expect(try Self.processed(setup.connection) == 50, "offsets stay where the last good batch left them")
        }
    }

    /// A worker built for another schema refuses to consume, saying which way to go.
    @Test func aWorkerRefusesASchemaItWasNotBuiltFor() async throws {
        try await Blocking.run {
            let setup = try setUp("schema")
            try setup.connection.query("DELETE FROM schema_migrations WHERE version = \(SchemaVersion.required)")
            #expect {
                _ = try runWorker(
                    configuration: setup.configuration,
                    stop: StopSignal(),
                    logger: TestEnvironment.logger
                )
            } throws: { error in
                ((error as? SchemaVersion.Mismatch)?.applied ?? .max) < SchemaVersion.required
                    && "\(error)".contains("ingestctl migrate")
            }
            let files = try Migration.load(from: TestEnvironment.packageRoot.appendingPathComponent("Migrations"))
            #expect(files.last?.version == SchemaVersion.required, "SchemaVersion.required names the last migration")
        }
    }

    /// No dead-letter topic means the first bad message could never be set aside: refuse to start, naming it.
    @Test func aMissingDeadLetterTopicIsAClearErrorAtStartUp() async throws {
        try await Blocking.run {
            let setup = try setUp("nodlq")
            var configuration = setup.configuration
            configuration.deadLetterTopic = "no.such.topic"
            let worker = InProcessWorker(configuration)
            let outcome = try #require(worker.exited(within: .seconds(60)), "the worker refuses to start")
            #expect {
                _ = try outcome.get()
            } throws: { error in
                "\(error)".contains("no.such.topic") && "\(error)".contains("cannot be written")
            }
        }
    }

    /// An unreachable broker is named within the configured bound instead of a silent wait.
    @Test func anUnreachableBrokerIsNamed() async throws {
        try await Blocking.run {
            var configuration = try setUp("nobroker").configuration
            configuration.brokers = "127.0.0.1:1"
            configuration.brokerTimeout = .seconds(3)
            let worker = InProcessWorker(configuration)
            let outcome = try #require(worker.exited(within: .seconds(60)), "the worker gives up")
            #expect {
                _ = try outcome.get()
            } throws: { error in
                "\(error)".contains("no Kafka broker answered at 127.0.0.1:1")
            }
        }
    }

    /// The producer names an unreachable cluster within seconds, not after each article's delivery timeout.
    @Test func theProducerNamesAnUnreachableBroker() throws {
        let producer = try ChildProcess(
            try TestEnvironment.executable("ingest-producer"),
            [
                "--brokers", "127.0.0.1:1",
                TestEnvironment.packageRoot.appendingPathComponent("Examples/feeds/quillon-nettlefield-deal.json").path,
            ]
        )
        let status = producer.wait(timeout: .seconds(60))
        #expect(status != nil && status != 0)
        #expect(producer.output.contains("no Kafka broker answered at 127.0.0.1:1"), "\(producer.output.suffix(500))")
    }

    /// When another claim bumps the epoch while Kafka still assigns the partition here (no rebalance follows),
    /// the worker claims it again from the stored position instead of leaving it unprocessed.
    @Test func aFencedPartitionStillAssignedHereIsClaimedAgain() async throws {
        try await Blocking.run {
            let setup = try setUp("reclaim")
            try Self.publish((0..<50).map(Self.good), topic: "reclaim", brokers: setup.cluster.bootstrapServers)
            let worker = InProcessWorker(setup.configuration)
            #expect(try TestEnvironment.waitUntil(timeout: .seconds(60)) { try Self.processed(setup.connection) == 50 })
            try setup.connection.query("UPDATE consumer_offsets SET epoch = epoch + 1")
            try Self.publish((50..<100).map(Self.good), topic: "reclaim", brokers: setup.cluster.bootstrapServers)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) { try Self.processed(setup.connection) == 100 }
            )
            let stats = try worker.finish()
            #expect(stats.fencedBatches >= 1)
            #expect(try TestEnvironment.scalar(setup.connection, "SELECT count(*) FROM article_sightings") == 100)
            #expect(try TestEnvironment.scalar(setup.connection, "SELECT count(*) FROM articles") == 100)

            // The same while the stored position is also moved back (a replay by hand under a live worker): the
            // worker resumes from it, with no offset skipped, while more messages keep arriving.
            let again = InProcessWorker(setup.configuration)
            try Self.publish((100..<150).map(Self.good), topic: "reclaim", brokers: setup.cluster.bootstrapServers)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) { try Self.processed(setup.connection) == 150 }
            )
            try setup.connection.execute(
                script: """
                    DELETE FROM article_sightings WHERE "offset" >= 120;
                    UPDATE consumer_offsets SET epoch = epoch + 1, next_offset = 120;
                    """
            )
            for chunk in stride(from: 150, to: 300, by: 30) {
                try Self.publish(
                    (chunk..<chunk + 30).map(Self.good),
                    topic: "reclaim",
                    brokers: setup.cluster.bootstrapServers
                )
            }
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) { try Self.processed(setup.connection) == 300 }
            )
            _ = try again.finish()
            let store = ResultStore(connection: setup.connection, logger: TestEnvironment.logger)
            #expect(try store.account(group: "g-reclaim", topic: "reclaim").allSatisfy(\.isComplete))
            #expect(try TestEnvironment.scalar(setup.connection, "SELECT count(*) FROM article_sightings") == 300)
        }
    }

    /// An idempotent producer in a fatal state refuses every send; the worker replaces it and goes on.
    @Test func aFatalDeadLetterProducerIsReplaced() async throws {
        try await Blocking.run {
            let setup = try setUp("fatal")
            let sender = try DeadLetterSender(configuration: setup.configuration, logger: TestEnvironment.logger)
            sender.currentProducer.raiseFatalError(reason: "test: out of sequence")
            let message = KafkaMessage(
                topic: "fatal",
                partition: 0,
                offset: 7,
                key: [0x6B],
                value: Array("{not json".utf8)
            )
            let results = try sender.send(
                [(message, .malformedEnvelope(field: nil, reason: "not JSON"))],
                stop: StopSignal()
            ) {}
            #expect(results.count == 1)
            #expect(results.first?.dlqOffset == 0)
            #expect(sender.currentProducer.fatalError == nil, "a new producer replaced the failed one")
        }
    }
}
