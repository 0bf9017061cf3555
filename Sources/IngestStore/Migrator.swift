import Foundation
import IngestCore
import Logging
import Postgres

/// One numbered file in `Migrations/`, e.g. `0001_baseline.sql`.
public struct Migration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var sql: String

    /// SHA-256 of the file's bytes; an applied migration whose file changes afterwards is refused.
    public var checksum: String { SHA256.hex(of: Array(sql.utf8)) }

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Reads `NNNN_name.sql` files, sorted by number. Other files are ignored; duplicate numbers are an error.
    public static func load(from directory: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var migrations: [Migration] = []
        for name in names where name.hasSuffix(".sql") {
            let stem = name.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else { continue }
            let sql = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw PostgresError(.migration, message: "two migrations share number \(next.version)")
        }
        return migrations
    }

    /// `--migrations-dir`, then `INGEST_MIGRATIONS_DIR`, then `Migrations/` in the working directory or above the
    /// executable (a build folder inside the checkout).
    public static func locateDirectory(explicit: String?) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["INGEST_MIGRATIONS_DIR"] {
            return URL(fileURLWithPath: fromEnvironment)
        }
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates {
            let folder = candidate.appendingPathComponent("Migrations")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return folder
            }
        }
        return nil
    }
}

public struct MigrationReport: Sendable {
    public var applied: [Migration]
    public var alreadyApplied: Int
}

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
