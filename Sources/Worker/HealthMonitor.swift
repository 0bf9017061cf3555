import Foundation
import IngestStore
import Logging
import Observability
import Postgres
import ServiceLifecycle

/// Checks PostgreSQL and the schema every few seconds on its own connection and thread, for `/readyz`, and reads
/// the linking backlog for its gauge. Probes then answer from the last result without waiting on the database.
public final class HealthMonitor: Service, Sendable {
    let databaseURL: String
    let expected: Result<[Migration], MonitorError>
    let telemetry: WorkerTelemetry
    let interval: Duration
    let logger: Logger

    public struct MonitorError: Error, CustomStringConvertible {
        public var description: String
    }

    /// `migrations`: the folder this build's migrations are in (`Migration.locateDirectory`); nil when not found.
    public init(
        databaseURL: String,
        migrations: URL?,
        telemetry: WorkerTelemetry,
        interval: Duration = .seconds(3),
        logger: Logger
    ) {
        self.databaseURL = databaseURL
        self.telemetry = telemetry
        self.interval = interval
        self.logger = logger
        if let migrations {
            expected = Result { try Migration.load(from: migrations) }.mapError {
                MonitorError(description: "cannot read the migrations in \(migrations.path): \($0)")
            }
        } else {
            expected = .failure(MonitorError(description: "Migrations folder not found; set INGEST_MIGRATIONS_DIR"))
        }
    }

    public func run() async throws {
        let wake = DispatchSemaphore(value: 0)
        let stop = StopSignal()
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let thread = Thread { [self] in
                        var connection: PostgresConnection?
                        while !stop.isRequested {
                            connection = check(connection)
                            _ = wake.wait(timeout: .now() + interval.seconds)
                        }
                        connection?.close()
                        continuation.resume()
                    }
                    thread.name = "ingest-health"
                    thread.start()
                }
            } onGracefulShutdown: {
                stop.request()
                wake.signal()
            }
        } onCancel: {
            stop.request()
            wake.signal()
        }
    }

    /// One round of checks; returns the connection to reuse (nil after a failure, to reconnect next time).
    func check(_ existing: PostgresConnection?) -> PostgresConnection? {
        let connection: PostgresConnection
        do {
            if let existing, existing.isConnected {
                connection = existing
            } else {
                existing?.close()
                connection = try PostgresConnection.connect(
                    PostgresSettings(
                        url: databaseURL,
                        applicationName: "ingest-worker-health",
                        connectTimeoutSeconds: 3
                    ),
                    logger: logger
                )
            }
            let applied = try Migrator(connection: connection, logger: logger).appliedChecksums()
            let schema: ProbeReport.Check
            switch expected {
            case .failure(let error):
                schema = ProbeReport.Check(name: "schema", passed: false, detail: error.description)
            case .success(let migrations):
                let problems = SchemaVersion.problems(expected: migrations, applied: applied)
                schema = ProbeReport.Check(
                    name: "schema",
                    passed: problems.isEmpty,
                    detail: problems.isEmpty
                        ? "\(migrations.count) migrations applied"
                        : problems.joined(separator: "; ")
                )
            }
            telemetry.checkedDatabase(
                ProbeReport.Check(name: "database", passed: true, detail: "reachable"),
                schema: schema
            )
            if let backlog = try? LinkingBacklog.read(connection) {
                telemetry.linkingBacklog(stories: backlog.stories, claims: backlog.claims)
            }
            return connection
        } catch {
            telemetry.checkedDatabase(
                ProbeReport.Check(name: "database", passed: false, detail: "unreachable: \(error)"),
                schema: ProbeReport.Check(name: "schema", passed: false, detail: "unknown while the database is down")
            )
            existing?.close()
            return nil
        }
    }
}
