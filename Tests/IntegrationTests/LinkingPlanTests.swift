import IngestStore
import Postgres
import Testing

/// Linking steps reach stored rows by index only, whatever the tables' sizes (ResultStore.linkingStepSettings): on
/// tables this small the planner would otherwise scan them whole, and it kept doing so for `claims` up to about
/// 100,000 rows, at a cost growing with every batch (Deploy/SCALING.md, step 15).
@Suite(.serialized) struct LinkingPlanTests {
    /// Flushes the session's pending table statistics (earlier transactions' scans), so that
    /// `pg_stat_xact_user_tables` then counts the next transaction's own.
    static func flushStatistics(_ connection: PostgresConnection) throws {
        try connection.query("SELECT pg_stat_force_next_flush()")
        try connection.query("SELECT 1")  // the flush happens when the session next goes idle
    }

    /// The tables the current transaction has scanned whole so far, but `allowed` (a queue without an index).
    static func scannedTables(_ connection: PostgresConnection, allowed: String) throws -> [String] {
        try connection.query(
            "SELECT relname FROM pg_stat_xact_user_tables WHERE seq_scan > 0 AND relname <> \(allowed) ORDER BY 1"
        ).rows.map { try $0.decode("relname") }
    }

    /// Index scans of `table` in the current transaction so far.
    static func indexScans(_ connection: PostgresConnection, _ table: String) throws -> Int {
        let rows = try connection.query(
            "SELECT coalesce(sum(idx_scan), 0)::int8 AS n FROM pg_stat_xact_user_tables WHERE relname = \(table)"
        ).rows
        return try rows[0].decode("n")
    }

    @Test func aClaimLinkingStepScansNoStoredTable() throws {
        var db = try SeedClaims("planclaims")
        _ = try db.commit(try SeedClaims.seeds(), link: false)
        try Self.flushStatistics(db.connection)
        var scanned: [String] = ["not read"]
        var probes = 0
        let linked = try db.store.linkPendingClaims(limit: 10_000) {
            scanned = try Self.scannedTables(db.connection, allowed: "claim_link_pending")
            probes = try Self.indexScans(db.connection, "claims")
        }
        #expect(linked > 20)
        #expect(probes > 0)
        #expect(scanned.isEmpty, "scanned whole: \(scanned)")
        // The step's settings end with it.
        let setting = try db.connection.query("SHOW enable_seqscan").rows[0].decode("enable_seqscan", as: String.self)
        #expect(setting == "on")
    }

    @Test func aStoryLinkingStepScansNoStoredTable() throws {
        var db = try SeedClaims("planstories")
        _ = try db.commit(try SeedClaims.seeds(), link: false)
        try Self.flushStatistics(db.connection)
        var scanned: [String] = ["not read"]
        var probes = 0
        let linked = try db.store.linkPendingStories(limit: 1000) {
            scanned = try Self.scannedTables(db.connection, allowed: "dedup_pending")
            probes = try Self.indexScans(db.connection, "articles") + Self.indexScans(db.connection, "lsh_band")
        }
        #expect(linked == 5)
        #expect(probes > 0)
        #expect(scanned.isEmpty, "scanned whole: \(scanned)")
        // The five seeds are one event: linked into one story.
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(DISTINCT story_key) FROM story_articles") == 1)
    }
}
