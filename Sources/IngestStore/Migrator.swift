import Foundation
import IngestCore
import Logging
import Postgres

/// Applies pending migrations, each in its own transaction, under an advisory lock so concurrent runs queue.
public struct Migrator {
    /// Arbitrary constant shared by every `ingestctl migrate`.
    static let lockKey: Int64 = 0x4E_4557_5349_4E47

    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    public func migrate(_ migrations: [Migration]) throws -> MigrationReport {
        try connection.execute(
            script: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    duration_ms double precision NOT NULL
                )
                """
        )
        try connection.query("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))") }

        let applied = try appliedChecksums()
        try verifyUnchanged(migrations, applied: applied)
        var report = MigrationReport(applied: [], alreadyApplied: applied.count)
        for migration in migrations where applied[migration.version] == nil {
            let started = ContinuousClock.now
            do {
                try connection.transaction {
                    try connection.execute(script: migration.sql)
                    let elapsed = ContinuousClock.now - started
                    let milliseconds =
                        Double(elapsed.components.seconds) * 1000
                        + Double(elapsed.components.attoseconds) / 1e15
                    try connection.query(
                        """
                        INSERT INTO schema_migrations (version, name, checksum, duration_ms)
                        VALUES (\(migration.version), \(migration.name), \(migration.checksum), \(milliseconds))
                        """
                    )
                }
            } catch let error as PostgresError {
                throw PostgresError(
                    .migration,
                    sqlState: error.sqlState,
                    message: "\(migration.name): \(error.message)",
                    detail: error.detail
                )
            }
            logger.info("applied migration", metadata: ["migration": "\(migration.name)"])
            report.applied.append(migration)
        }
        return report
    }

    /// Refuses to go on when an applied file was edited or removed: the database would not match the files.
    public func verifyUnchanged(_ migrations: [Migration], applied: [Int: (name: String, checksum: String)]) throws {
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let file = byVersion[version] else {
                throw PostgresError(
                    .migration,
                    message: "migration \(record.name) is applied but its file is missing from the migrations folder"
                )
            }
            if file.checksum != record.checksum {
                throw PostgresError(
                    .migration,
                    message:
                        "migration \(file.name) has changed since it was applied (checksum \(file.checksum.prefix(12)) "
                        + "≠ applied \(record.checksum.prefix(12))); add a new migration instead of editing it"
                )
            }
        }
    }

    public func appliedChecksums() throws -> [Int: (name: String, checksum: String)] {
        var applied: [Int: (name: String, checksum: String)] = [:]
        for row in try connection.query("SELECT version, name, checksum FROM schema_migrations").rows {
            applied[try row.decode("version", as: Int.self)] = (try row.decode("name"), try row.decode("checksum"))
        }
        return applied
    }
}
