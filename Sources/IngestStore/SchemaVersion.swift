import Postgres

/// The schema this build's SQL is written for: the number of the last file in `Migrations/`.
public enum SchemaVersion {
    public static let required = 7

    /// Refuses a database whose applied migrations are not exactly the ones this build expects: older, every
    /// batch would fail on a missing table or column; newer, writes might miss what a later migration expects.
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
