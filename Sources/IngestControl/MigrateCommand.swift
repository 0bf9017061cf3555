import ArgumentParser
import Foundation
import IngestConfig
import IngestStore
import Logging
import Postgres

public struct MigrateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (each in its own transaction)."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Folder of NNNN_name.sql files (env INGEST_MIGRATIONS_DIR, default ./Migrations).")
    var migrationsDir: String?

    public init() {}

    public func run() throws {
        let logger = Logger(label: "ingestctl.migrate")
        guard let directory = Migration.locateDirectory(explicit: migrationsDir) else {
            throw ValidationError("no Migrations folder found; pass --migrations-dir")
        }
        let migrations = try Migration.load(from: directory)
        let connection = try PostgresConnection.connect(
            PostgresSettings(url: database.databaseURL, applicationName: "ingestctl-migrate"),
            logger: logger,
            attempts: 10
        )
        let report = try Migrator(connection: connection, logger: logger).migrate(migrations)
        if report.applied.isEmpty {
            print("Database is up to date (\(report.alreadyApplied) migrations applied).")
        } else {
            for migration in report.applied { print("applied \(migration.name)") }
            print(
                "Applied \(report.applied.count) migration(s); \(report.alreadyApplied + report.applied.count) in total."
            )
        }
    }
}
