import Postgres

/// The schema this build's SQL is written for: the number of the last file in `Migrations/`. The one rule, for the
/// worker's start and for `/readyz`: the database is at exactly this migration. Older, every batch would fail on a
/// missing table or column; newer, writes might miss what a later migration expects.
public enum SchemaVersion {
    public static let required = 22

    /// At start: refuses a database at any other migration.
    public static func check(_ connection: PostgresConnection) throws {
        let applied: Int
        do {
            let rows = try connection.query("SELECT coalesce(max(version), 0) AS version FROM schema_migrations").rows
            applied = try rows[0].decode("version")
        } catch  where error.sqlState == "42P01" {
            applied = 0  // never migrated
        }
        guard applied == required else { throw Mismatch(applied: applied, required: required) }
    }

    /// For readiness: the same rule, and each migration this build ships applied unchanged (by checksum).
    public static func problems(expected: [Migration], applied: [Int: (name: String, checksum: String)]) -> [String] {
        let newest = applied.keys.max() ?? 0
        if newest > required { return [Mismatch(applied: newest, required: required).description] }
        return expected.compactMap { migration in
            guard let found = applied[migration.version] else {
                return "\(migration.name) not applied (run `ingestctl migrate`)"
            }
            return found.checksum == migration.checksum ? nil : "\(migration.name) differs from the applied one"
        }
    }

    public struct Mismatch: Error, CustomStringConvertible {
        public var applied: Int
        public var required: Int

        public var description: String {
            applied < required
                ? "the database schema is at migration \(applied) but this build needs \(required): "
                    + "run `ingestctl migrate` with this build first"
                : "the database schema is at migration \(applied), newer than this build (\(required)): "
                    + "upgrade the worker"
        }
    }
}
