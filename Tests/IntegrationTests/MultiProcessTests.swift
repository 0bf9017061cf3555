import Blocking
import Foundation
import IngestCore
import Postgres
import Testing

/// Real processes: `ingestctl dev-broker`, `ingest-producer` and two `ingest-worker`s, one killed with SIGKILL.
@Suite(.serialized) struct MultiProcessTests {
    @Test func twoWorkersSurviveASigkillWithEveryArticleExactlyOnce() async throws {
        try await Blocking.run {
            let total = 5000
            let database = try TestEnvironment.freshDatabase("multiprocess")
            let connection = try TestEnvironment.connect(database)
            let control = Pipe()
            let broker = try ChildProcess(
                try TestEnvironment.executable("ingestctl"),
                ["dev-broker", "--brokers", "3", "--topic", "mp.raw:6", "--topic", "mp.dlq:1"],
                stdin: control
            )
            #expect(try TestEnvironment.waitUntil(timeout: .seconds(20)) { broker.output.contains("127.0.0.1:") })
            let brokers = try #require(broker.output.split(separator: "\n").first { $0.hasPrefix("127.0.0.1:") })
                .description

            let environment = [
                "KAFKA_BROKERS": brokers, "DATABASE_URL": database, "KAFKA_TOPIC": "mp.raw",
                "KAFKA_DLQ_TOPIC": "mp.dlq",
                "KAFKA_GROUP": "mp", "INGEST_BATCH_SIZE": "200", "LOG_LEVEL": "warning",
            ]
            func startWorker(_ id: String) throws -> ChildProcess {
                try ChildProcess(
                    try TestEnvironment.executable("ingest-worker"),
                    ["--worker-id", id],
                    environment: environment
                )
            }
            var first = try startWorker("w1")
            let second = try startWorker("w2")

            // Publish through the real producer binary, as JSON Lines on stdin.
            let feed = (0..<total).map { n -> String in
                let article = TestEnvironment.article(n, outlet: "Outlet \(n % 7)")
                let object: [String: String] = [
                    "url": "https://mp.test/\(n)", "outlet": article.outlet, "body": article.body,
                ]
                return String(
                    decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
                    as: UTF8.self
                )
            }.joined(separator: "\n")
            let input = Pipe()
            let producer = try ChildProcess(
                try TestEnvironment.executable("ingest-producer"),
                ["--stdin-format", "jsonl"],
                environment: environment,
                stdin: input
            )
            try input.fileHandleForWriting.write(contentsOf: Data(feed.utf8))
            try input.fileHandleForWriting.close()
            #expect(producer.wait(timeout: .seconds(120)) == 0)
            #expect(producer.output.contains("published \(total)/\(total) articles"))

            // Kill one worker midway, without warning, then start it again.
            let sightings: PostgresQuery = "SELECT count(*) FROM article_sightings"
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(120)) {
                    try TestEnvironment.scalar(connection, sightings) >= 1500
                }
            )
            first.kill(SIGKILL)
            #expect(first.wait(timeout: .seconds(10)) != nil)
            let atKill = try TestEnvironment.scalar(connection, sightings)
            first = try startWorker("w1-restarted")

            let finished = try TestEnvironment.waitUntil(timeout: .seconds(180)) {
                try TestEnvironment.scalar(connection, sightings) == Int64(total)
                    && TestEnvironment.scalar(connection, "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets")
                        == Int64(total)
            }
            let reached = try TestEnvironment.scalar(connection, sightings)
            #expect(finished, "stalled at \(reached) of \(total)")
            #expect(atKill < Int64(total), "the kill should land midway")

            // Exactly once: every offset below each stored position has one sighting, no gaps, no duplicates.
            let gaps = try TestEnvironment.scalar(
                connection,
                """
                SELECT count(*) FROM consumer_offsets c
                WHERE c.next_offset <> (SELECT count(*) FROM article_sightings s
                                        WHERE s.topic = c.topic AND s.partition = c.partition AND s."offset" < c.next_offset)
                """
            )
            #expect(gaps == 0)
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == Int64(total))
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM ingest_errors") == 0)

            // Both survivors stop cleanly on SIGTERM, leaving the group.
            for worker in [first, second] { worker.kill(SIGTERM) }
            #expect(first.wait(timeout: .seconds(30)) == 0)
            #expect(second.wait(timeout: .seconds(30)) == 0)
            broker.kill(SIGTERM)
            _ = broker.wait(timeout: .seconds(10))
        }
    }
}
