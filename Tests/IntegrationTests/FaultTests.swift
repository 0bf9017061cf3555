import Blocking
import Foundation
import IngestCore
import Kafka
import Postgres
import Testing

/// Malformed or hostile payloads, each a different way input goes wrong.
enum Fuzz {
    static func payload(_ index: Int, random: inout SplitMix64) -> [UInt8] {
        let valid = TestEnvironment.article(1_000_000 + index)
        let json = String(decoding: valid.encoded(), as: UTF8.self)
        switch index % 12 {
        case 0:
            return (0..<Int.random(in: 1...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 1:
            return Array(json.utf8.prefix(Int.random(in: 1..<json.utf8.count, using: &random)))
        case 2:
            return Array(json.replacingOccurrences(of: #""v":1"#, with: #""v":"one""#).utf8)
        case 3:
            return Array(["[1,2,3]", "42", "\"just a string\"", "null", "true"][index % 5].utf8)
        case 4:
            return Array(json.replacingOccurrences(of: #""outlet":"Test Wire","#, with: "").utf8)
        case 5:
            var blank = valid
            blank.body = String(repeating: " \n\t", count: index % 50 + 1)
            return blank.encoded()
        case 6:
            var huge = valid
            huge.body = String(repeating: "An oversize body. ", count: 2000)
            return huge.encoded()
        case 7:
            var bytes = valid.encoded()
            bytes.insert(contentsOf: [0xC3, 0x28, 0xFF], at: bytes.count / 2)
            return bytes
        case 8:
            return Array(json.replacingOccurrences(of: "text/plain", with: "image/png").utf8)
        case 9:
            return Array(json.replacingOccurrences(of: #""v":1"#, with: #""v":7"#).utf8)
        case 10:
            var nul = valid
            nul.body = "Binary\u{0}garbage\u{0}\u{1}\u{2} inside a body."
            return nul.encoded()
        default:
            return Array(json.replacingOccurrences(of: #""body":"#, with: #""body":12345,"x":"#).utf8)
        }
    }
}

/// Real processes, a private PostgreSQL, and the dev broker's fault injection. Slow by nature (a few minutes).
@Suite(.serialized) struct FaultTests {
    @Test func nothingIsLostUnderKillsBrokerFaultsAndADatabaseRestart() async throws {
        try await Blocking.run {
            let seed = UInt64(ProcessInfo.processInfo.environment["FAULT_SEED"] ?? "") ?? 20_261_122
            var random = SplitMix64(seed: seed)  // replayable from its seed
            let good = 10_000
            let bad = 1_000
            let postgres = try PrivatePostgres()
            let database = try postgres.database("faults")
            let connection = try PostgresConnection.connect(
                PostgresSettings(url: database),
                logger: TestEnvironment.logger
            )

            let control = Pipe()
            let broker = try ChildProcess(
                try TestEnvironment.executable("ingestctl"),
                ["dev-broker", "--brokers", "3", "--topic", "f.raw:6", "--topic", "f.dlq:2"],
                stdin: control
            )
            #expect(try TestEnvironment.waitUntil(timeout: .seconds(20)) { broker.output.contains("127.0.0.1:") })
            let brokers = try #require(broker.output.split(separator: "\n").first { $0.hasPrefix("127.0.0.1:") })
                .description
            var faults: [String] = []
            func inject(_ command: String) throws {
                try control.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8))
                faults.append(command)
            }

            let environment = [
                "KAFKA_BROKERS": brokers, "DATABASE_URL": database, "KAFKA_TOPIC": "f.raw", "KAFKA_DLQ_TOPIC": "f.dlq",
                "KAFKA_GROUP": "faults", "INGEST_BATCH_SIZE": "100", "INGEST_MAX_BODY_BYTES": "20000",
                // About 30 of these articles (100 would fit by count): batches end at their byte budget, so carried
                // messages meet the kills, rebalances and broker faults too.
                "INGEST_BATCH_BYTES": "30000",
                "LOG_LEVEL": "error",
            ]
            var workers: [ChildProcess] = []
            var started = 0
            func startWorker() throws -> ChildProcess {
                started += 1
                return try ChildProcess(
                    try TestEnvironment.executable("ingest-worker"),
                    ["--worker-id", "f\(started)"],
                    environment: environment
                )
            }
            workers = [try startWorker(), try startWorker()]

            // Good and bad messages interleaved, published in chunks while the faults happen.
            var payloads: [(value: [UInt8], isBad: Bool)] = (0..<good).map {
                (TestEnvironment.article($0).encoded(), false)
            }
            for index in 0..<bad {
                payloads.insert(
                    (Fuzz.payload(index, random: &random), true),
                    at: Int.random(in: 0...payloads.count, using: &random)
                )
            }
            let producer = try KafkaProducer(
                configuration: KafkaProducer.defaults(brokers: brokers),
                logger: TestEnvironment.logger
            )
            let chunks = stride(from: 0, to: payloads.count, by: 500).map {
                Array(payloads[$0..<min($0 + 500, payloads.count)])
            }

            var kills = 0
            var chunkIndex = 0
            var databaseRestarts = 0
            let processed: PostgresQuery = "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets"
            let progress: () -> Int64 = {
                if let value = try? TestEnvironment.scalar(connection, processed) { return value }
                try? connection.reset()  // the test's own connection also dies when PostgreSQL restarts
                return -1
            }
            let deadline = ContinuousClock.now + .seconds(900)
            while ContinuousClock.now < deadline {
                if chunkIndex < chunks.count {
                    let reports = producer.send(
                        chunks[chunkIndex].enumerated().map { offset, payload in
                            KafkaOutgoingMessage(
                                topic: "f.raw",
                                key: Array("k\(chunkIndex)-\(offset)".utf8),
                                value: payload.value
                            )
                        }
                    )
                    #expect(reports.allSatisfy { $0.error == nil }, "chunk \(chunkIndex) not acknowledged")
                    chunkIndex += 1
                }
                if kills < 20 {
                    // Kill mid-processing: only once the group has committed something since the last kill.
                    let before = progress()
                    let waitUntil = ContinuousClock.now + .seconds(60)
                    while progress() <= before && ContinuousClock.now < waitUntil { Thread.sleep(forTimeInterval: 0.1) }
                    Thread.sleep(forTimeInterval: Double.random(in: 0.2...1.5, using: &random))
                    let victim = Int.random(in: 0..<workers.count, using: &random)
                    workers[victim].kill(SIGKILL)
                    _ = workers[victim].wait(timeout: .seconds(10))
                    workers[victim] = try startWorker()
                    kills += 1
                    switch kills {
                    case 4:
                        // The mock does not re-elect leaders, so partitions led by broker 2 wait for it to return.
                        try inject("broker down 2")
                        Thread.sleep(forTimeInterval: 4)
                        try inject("broker up 2")
                    case 8:
                        try inject("errors produce 5 NOT_LEADER_FOR_PARTITION")
                        try inject("errors fetch 5 NOT_LEADER_FOR_PARTITION")
                        try inject("errors commit 5 REQUEST_TIMED_OUT")
                    case 10:
                        try inject("leader f.raw 0 3")
                        try inject("leader f.raw 1 1")
                        try inject("leader f.dlq 0 2")
                    case 12:
                        try postgres.restart()
                        databaseRestarts += 1
                    default: break
                    }
                } else if chunkIndex >= chunks.count {
                    if progress() == Int64(payloads.count) { break }
                    Thread.sleep(forTimeInterval: 0.5)
                }
            }
            let reached = progress()
            let reassignments = try TestEnvironment.scalar(connection, "SELECT sum(epoch) FROM consumer_offsets")
            #expect(reached == Int64(payloads.count), "processed \(reached) of \(payloads.count); seed \(seed)")
            #expect(reassignments > 6 * 5, "kills should land while partitions are assigned and moving")

            // Full accounting: `ingestctl verify` (a real process) and the numbers behind it.
            let verify = try ChildProcess(
                try TestEnvironment.executable("ingestctl"),
                ["verify", "--topic", "f.raw", "--group", "faults"],
                environment: environment
            )
            #expect(verify.wait(timeout: .seconds(30)) == 0, "verify: \(verify.output)")
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == Int64(good))
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == Int64(good))
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM ingest_errors") == Int64(bad))
            #expect(
                try TestEnvironment.scalar(connection, "SELECT count(*) FROM ingest_errors WHERE dlq_offset IS NULL")
                    == 0
            )
            #expect(
                try TestEnvironment.scalar(connection, "SELECT count(DISTINCT error_class) FROM ingest_errors") >= 5
            )
            // No claim lost or stored twice: the mentions are exactly what the pipeline extracts from the good articles.
            let pipeline = Pipeline()
            let expectedMentions = try (0..<good).reduce(0) {
                $0 + (try pipeline.process(TestEnvironment.article($1)).claims.count)
            }
            #expect(
                try TestEnvironment.scalar(connection, "SELECT count(*) FROM claim_mentions") == Int64(expectedMentions)
            )
            var dlqTotal: Int64 = 0
            for partition: Int32 in 0..<2 {
                dlqTotal += try producer.metadata.watermarks(topic: "f.dlq", partition: partition).high
            }
            #expect(dlqTotal >= Int64(bad), "every bad message reached the dead-letter topic at least once")

            // Graceful shutdown: SIGTERM lets each worker finish, commit and leave within the bound.
            let stopping = ContinuousClock.now
            for worker in workers { worker.kill(SIGTERM) }
            for worker in workers { #expect(worker.wait(timeout: .seconds(20)) == 0) }
            let shutdown = ContinuousClock.now - stopping
            print(
                "faults: seed \(seed), \(kills) SIGKILLs, \(faults.count) broker faults (\(faults.joined(separator: "; "))), "
                    + "\(databaseRestarts) PostgreSQL restart(s), \(good) good + \(bad) bad messages, "
                    + "\(dlqTotal) dead-letter records, \(reassignments) partition assignments, graceful shutdown in \(shutdown)"
            )
            broker.kill(SIGTERM)
            _ = broker.wait(timeout: .seconds(10))
        }
    }
}
