import Blocking
import Foundation
import Postgres
import Testing

/// A real `ingest-worker` with `METRICS_PORT`: its /metrics after an ingest, and /readyz and /healthz while its
/// (private) PostgreSQL stops and starts again.
@Suite(.serialized) struct ObservabilityTests {
    @Test func metricsCountAnIngestAndReadinessFollowsTheDatabase() async throws {
        try await Blocking.run {
            let postgres = try PrivatePostgres()
            let database = try postgres.database("observability")
            var connection = try TestEnvironment.connect(database)
            let broker = try DevBrokerProcess(topics: ["o.raw:3", "o.dlq:1"])
            defer { withExtendedLifetime(broker) {} }
            let brokers = broker.brokers
            let port = try HTTPProbe.freePort()
            let environment = [
                "KAFKA_BROKERS": brokers, "DATABASE_URL": database, "KAFKA_TOPIC": "o.raw", "KAFKA_DLQ_TOPIC": "o.dlq",
                "KAFKA_GROUP": "o", "METRICS_PORT": String(port), "LOG_LEVEL": "warning",
                "INGEST_MIGRATIONS_DIR": TestEnvironment.packageRoot.appendingPathComponent("Migrations").path,
            ]
            let worker = try ChildProcess(
                try TestEnvironment.executable("ingest-worker"),
                ["--worker-id", "observed"],
                environment: environment
            )
            defer { worker.kill(SIGKILL) }
            func get(_ path: String) -> HTTPProbe.Answer? { HTTPProbe.get(port: port, path: path) }
            func metric(_ series: String) -> Double {
                get("/metrics").flatMap { HTTPProbe.sample($0.body, series) } ?? 0
            }
            func publish(_ range: Range<Int>, extraLines: [String] = []) throws {
                let lines = try range.map { n -> String in
                    let article = TestEnvironment.article(n, outlet: "Outlet \(n % 3)")
                    let object = ["url": "https://o.test/\(n)", "outlet": article.outlet, "body": article.body]
                    return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
                }
                let input = Pipe()
                let producer = try ChildProcess(
                    try TestEnvironment.executable("ingest-producer"),
                    ["--stdin-format", "jsonl"],
                    environment: environment,
                    stdin: input
                )
                try input.fileHandleForWriting.write(
                    contentsOf: Data((lines + extraLines).joined(separator: "\n").utf8)
                )
                try input.fileHandleForWriting.close()
                #expect(producer.wait(timeout: .seconds(60)) == 0, "\(producer.output)")
            }

            #expect(try TestEnvironment.waitUntil(timeout: .seconds(60)) { get("/readyz")?.status == 200 })
            #expect(get("/healthz")?.status == 200)
            #expect(get("/nowhere")?.status == 404)

            // 30 articles and one empty body (a dead letter).
            try publish(0..<30, extraLines: [#"{"outlet": "Blank Desk", "body": ""}"#])
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 30
                        && TestEnvironment.scalar(connection, "SELECT count(*) FROM ingest_errors") == 1
                }
            )
            // A batch's duration is recorded after its linking, which follows the commit the counters come from.
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(30)) {
                    metric("ingest_sightings_total") == 30
                        && metric("ingest_batch_duration_seconds_count")
                            == metric(#"ingest_batches_total{outcome="committed"}"#)
                }
            )
            #expect(metric("ingest_messages_consumed_total") == 31)
            #expect(metric("ingest_articles_stored_total") == 30)
            #expect(metric(#"ingest_dead_letters_total{error_class="empty"}"#) == 1)
            #expect(metric(#"ingest_batches_total{outcome="committed"}"#) >= 1)
            #expect(metric("ingest_batch_duration_seconds_count") >= 1)
            for stage in ["parse", "fingerprint", "claims"] {
                #expect(metric(#"ingest_stage_duration_seconds_count{stage="\#(stage)"}"#) == 31, "\(stage)")
                #expect(metric(#"ingest_stage_duration_seconds_sum{stage="\#(stage)"}"#) > 0, "\(stage)")
            }
            for stage in ["transaction", "linking"] {
                #expect(metric(#"ingest_stage_duration_seconds_count{stage="\#(stage)"}"#) >= 1, "\(stage)")
            }
            #expect(metric(#"ingest_rebalances_total{kind="assigned"}"#) >= 1)
            // Commits waiting for the linker (WorkerTests holds one there): exposed from the start.
            let exposition = get("/metrics")?.body ?? ""
            for series in ["ingest_commits_waiting_on_linker", "ingest_linker_wait_seconds_count"] {
                #expect(exposition.contains("\n\(series) "), "\(series)")
            }
            #expect(metric("ingest_assigned_partitions") == 3)
            // Lag and backlog are sampled every few seconds.
            let sampled =
                [
                    #"ingest_linking_backlog{queue="stories"}"#, #"ingest_linking_backlog{queue="claims"}"#,
                ] + (0..<3).map { #"ingest_consumer_lag{topic="o.raw",partition="\#($0)"}"# }
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(30)) {
                    let exposition = get("/metrics")?.body ?? ""
                    return sampled.allSatisfy { exposition.contains($0 + " ") }
                }
            )

            // PostgreSQL stops: not ready (the database check names the cause), still alive; articles sent meanwhile
            // are retried, never dead-lettered.
            postgres.stop()
            #expect(try TestEnvironment.waitUntil(timeout: .seconds(30)) { get("/readyz")?.status == 503 })
            #expect(get("/readyz")?.body.contains("FAIL database: unreachable") == true)
            #expect(get("/healthz")?.status == 200)
            try publish(30..<40)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    metric(#"ingest_transient_retries_total{operation="commit"}"#) >= 1
                }
            )
            #expect(get("/healthz")?.status == 200, "a worker retrying a database outage is alive")

            try postgres.start()
            #expect(try TestEnvironment.waitUntil(timeout: .seconds(60)) { get("/readyz")?.status == 200 })
            connection = try TestEnvironment.connect(database)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 40
                }
            )
            #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM ingest_errors") == 1)

            // Another owner bumps the epochs (as a rebalance elsewhere would): the next batch is fenced, and counted.
            try connection.query("UPDATE consumer_offsets SET epoch = epoch + 1")
            try publish(40..<50)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    metric(#"ingest_batches_total{outcome="fenced"}"#) >= 1
                }
            )

            worker.kill(SIGTERM)
            #expect(worker.wait(timeout: .seconds(30)) == 0, "\(worker.output.suffix(3000))")
        }
    }

    @Test func aTakenMetricsPortStopsTheWorkerWithTheReason() async throws {
        try await Blocking.run {
            let database = try TestEnvironment.freshDatabase("metricsport")
            let broker = try DevBrokerProcess(topics: ["q.raw:1", "q.dlq:1"])
            defer { withExtendedLifetime(broker) {} }
            let (fd, port) = try HTTPProbe.occupiedPort()
            defer { close(fd) }
            let worker = try ChildProcess(
                try TestEnvironment.executable("ingest-worker"),
                ["--worker-id", "clash"],
                environment: [
                    // Every topic the worker checks exists, so the taken port is its only reason to stop.
                    "KAFKA_BROKERS": broker.brokers, "DATABASE_URL": database, "KAFKA_TOPIC": "q.raw",
                    "KAFKA_DLQ_TOPIC": "q.dlq", "METRICS_PORT": String(port),
                ]
            )
            defer { worker.kill(SIGKILL) }
            // Without the graceful-shutdown wiring the worker kept consuming, blind, and ignored SIGTERM.
            let status = worker.wait(timeout: .seconds(60))
            #expect(status != nil && status != 0, "\(worker.output)")
            #expect(
                worker.output.contains("cannot serve /metrics, /healthz and /readyz on 0.0.0.0:\(port) (METRICS_PORT)"),
                "\(worker.output)"
            )
        }
    }
}
