import Foundation
import IngestStore
import Postgres
import Testing

@Suite struct MigrationTests {
    @Test func secondRunDoesNothingAndEditsAreRefused() throws {
        let url = try TestEnvironment.freshDatabase("migrate")
        let connection = try TestEnvironment.connect(url)
        let migrator = Migrator(connection: connection, logger: TestEnvironment.logger)
        let migrations = try Migration.load(from: TestEnvironment.packageRoot.appendingPathComponent("Migrations"))

        let again = try migrator.migrate(migrations)
        #expect(again.applied.isEmpty)
        #expect(again.alreadyApplied == migrations.count)
        let recorded = try TestEnvironment.scalar(connection, "SELECT count(*) FROM schema_migrations")
        #expect(recorded == Int64(migrations.count))
        let checksum = try #require(
            try connection.query("SELECT checksum FROM schema_migrations WHERE version = 1").rows.first?["checksum"]
        )
        #expect(checksum == migrations[0].checksum)

        var edited = migrations
        edited[0].sql += "\n-- edited after it was applied\n"
        #expect {
            try migrator.migrate(edited)
        } throws: { error in
            (error as? PostgresError)?.message.contains("has changed since it was applied") == true
        }
        #expect(throws: PostgresError.self) { try migrator.migrate(Array(migrations.dropFirst())) }
    }

    @Test func failingMigrationRollsBackAlone() throws {
        let url = try TestEnvironment.freshDatabase("migratefail")
        let connection = try TestEnvironment.connect(url)
        let migrator = Migrator(connection: connection, logger: TestEnvironment.logger)
        var migrations = try Migration.load(from: TestEnvironment.packageRoot.appendingPathComponent("Migrations"))
        let next = (migrations.last?.version ?? 0) + 1
        migrations.append(Migration(version: next, name: "\(next)_good", sql: "CREATE TABLE extra_good (id int);"))
        migrations.append(
            Migration(version: next + 1, name: "\(next + 1)_bad", sql: "CREATE TABLE extra_bad (id int); SELECT 1/0;")
        )
        #expect {
            try migrator.migrate(migrations)
        } throws: { error in
            (error as? PostgresError)?.sqlState == "22012"
        }
        #expect(
            try TestEnvironment.scalar(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'extra_good'") == 1
        )
        #expect(
            try TestEnvironment.scalar(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'extra_bad'") == 0
        )
        #expect(try TestEnvironment.scalar(connection, "SELECT max(version) FROM schema_migrations") == Int64(next))
    }

    /// Migration 0014: the key tables that linking reads by index only are vacuumed after a fixed number of inserted
    /// rows, not after a fifth of the table, so the rows their index-only scans must check in the heap stay few as
    /// the tables grow.
    @Test func keyTablesAreVacuumedAfterAFixedNumberOfInserts() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("keyvacuum"))
        var options: [String: [String]] = [:]
        for row in try connection.query(
            """
            SELECT relname, array_to_string(reloptions, ',') AS options FROM pg_class
            WHERE relkind = 'r' AND relname = ANY(\(["lsh_band", "sentence_index", "claim_tokens"])::text[])
            """
        ).rows {
            options[try row.decode("relname")] = (row["options"] ?? "").split(separator: ",").map(String.init)
        }
        for table in ["lsh_band", "sentence_index", "claim_tokens"] {
            let set = options[table] ?? []
            #expect(set.contains("autovacuum_vacuum_insert_scale_factor=0"), "\(table): \(set)")
            let threshold = set.first { $0.hasPrefix("autovacuum_vacuum_insert_threshold=") }
            #expect(threshold.flatMap { Int($0.split(separator: "=")[1]) }.map { $0 > 0 && $0 <= 50_000 } == true)
        }
    }
}
