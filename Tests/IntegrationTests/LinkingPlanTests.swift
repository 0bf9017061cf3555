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

    /// What one linking step over the five seeds' queued rows did: rows linked, the tables it scanned whole (but the
    /// queue `allowed`) and its index scans of `probed`, read inside the step.
    struct Step {
        var db: SeedClaims
        var linked = 0
        var scanned: [String] = ["not read"]
        var probes = 0
    }

    static func step(
        _ label: String,
        allowed: String,
        probed: [String],
        link: (ResultStore, () throws -> Void) throws -> Int
    ) throws -> Step {
        var db = try SeedClaims(label)
        _ = try db.commit(try SeedClaims.seeds(), link: false)
        try flushStatistics(db.connection)
        var step = Step(db: db)
        step.linked = try link(db.store) {
            step.scanned = try scannedTables(db.connection, allowed: allowed)
            step.probes = try probed.map { try indexScans(db.connection, $0) }.reduce(0, +)
        }
        return step
    }

    @Test func aClaimLinkingStepScansNoStoredTable() throws {
        let step = try Self.step("planclaims", allowed: "claim_link_pending", probed: ["claims"]) { store, hook in
            try store.linkPendingClaims(limit: 10_000, whileLocked: hook)
        }
        #expect(step.linked > 20)
        #expect(step.probes > 0)
        #expect(step.scanned.isEmpty, "scanned whole: \(step.scanned)")
        // The step's settings end with it.
        let setting = try step.db.connection.query("SHOW enable_seqscan").rows[0].decode(
            "enable_seqscan",
            as: String.self
        )
        #expect(setting == "on")
    }

    @Test func aStoryLinkingStepScansNoStoredTable() throws {
        let step = try Self.step("planstories", allowed: "dedup_pending", probed: ["articles", "lsh_band"]) {
            store,
            hook in
            try store.linkPendingStories(limit: 1000, whileLocked: hook)
        }
        #expect(step.linked == 5)
        #expect(step.probes > 0)
        #expect(step.scanned.isEmpty, "scanned whole: \(step.scanned)")
        // The five seeds are one event: linked into one story.
        let stories = try TestEnvironment.scalar(
            step.db.connection,
            "SELECT count(DISTINCT story_key) FROM story_articles"
        )
        #expect(stories == 1)
    }
}
