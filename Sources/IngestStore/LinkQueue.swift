import Postgres

/// The two queues of linking work, filled by batch commits and emptied by `linkPending…` calls.
public enum LinkQueue: String, Sendable, CaseIterable {
    case stories = "dedup_pending"
    case claims = "claim_link_pending"

    var idColumn: String { self == .stories ? "article_id" : "claim_id" }
    /// The queue order: article ids, or the claim queue's row numbers (Migrations/0017).
    var orderColumn: String { self == .stories ? "article_id" : "seq" }

    /// Rows per linking step: about one batch's articles, or one batch's claims (about ten per article). A step
    /// reads the candidates of all its rows at once, and claims of one batch share most of theirs (common words
    /// point to the same early claims), so steps of 500 claims read and parsed the same candidates ten times over
    /// (quick bench, 3,000 articles, 1 worker: 1.25 worker and 3.1 PostgreSQL CPU-s per 1,000 articles with steps
    /// of 500 claims, 0.9-1.0 and 1.9-2.0 with steps of 2,500 or 10,000).
    public var stepSize: Int {
        switch self {
        case .stories: 500
        case .claims: 5000
        }
    }
}

extension ResultStore {
    /// Set at the start of every linking step (transaction-local, one round trip). Every statement of a step is a
    /// set of index probes, but the planner, costing random reads at 4× a sequential one, prefers scanning a whole
    /// table while it is small enough, and these tables grow with every batch:
    /// - story linking, right after the first batches (no statistics yet): a LIMIT over a sequential scan instead
    ///   of one probe of the key index per key (113 s instead of about 3 s for the first 500 articles);
    /// - claim linking, while `claims` had under about 100,000 rows: sequential scans of it, and parallel hash
    ///   joins over them, for each of its reads, locks and updates (auto_explain of a 3,000-article bench run:
    ///   35 whole-table scans in 18 steps, 6 of them in parallel workers).
    /// With sequential scans off alone the planner hash-joined over full index scans instead (claims, articles,
    /// stories), so hash and merge joins are off too: each step joins a few thousand ids to tables by their keys.
    /// JIT only adds compile time to index probes.
    static let linkingStepSettings = """
        SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;
        SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off
        """

    /// Runs `read` (a postings read: for each key, the first carriers in id order, LIMITed) with bitmap scans off,
    /// then back to the server's setting for the rest of the step. A key index gives its rows in id order, so an
    /// index (only) scan stops at the limit; but until the key tables have their pages marked all-visible (a young
    /// table, as in the whole bench), the planner picks a bitmap scan and a sort per key instead: 59 against 34 ms
    /// for 9,000 band keys in psql. Elsewhere bitmap scans serve the steps' lookups of thousands of ids in page order.
    func withoutBitmapScans<T>(_ read: () throws -> T) throws -> T {
        try connection.execute(script: "SET LOCAL enable_bitmapscan = off")
        let result = try read()
        try connection.execute(script: "SET LOCAL enable_bitmapscan = DEFAULT")
        return result
    }

    /// Links up to `limit` rows of `queue`; returns how many it took.
    public func linkPending(_ queue: LinkQueue, limit: Int) throws -> Int {
        switch queue {
        case .stories: return try linkPendingStories(limit: limit)
        case .claims: return try linkPendingClaims(limit: limit)
        }
    }

    /// Moves the row a one-row link step would take next (the first in queue order no other worker holds) out of
    /// `queue` into `link_quarantine`, with the error that step failed with, and with it the other rows of its id
    /// that no other worker holds (a claim may be queued twice). Returns its id, or nil if the queue is empty.
    @discardableResult
    public func quarantineNextPending(_ queue: LinkQueue, error: String) throws -> Int64? {
        try connection.transaction {
            // Table and column names come from the enum above, never from input.
            let rows = try connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(queue.idColumn) AS id FROM \(queue.rawValue) ORDER BY \(queue.orderColumn) LIMIT 1
                        FOR UPDATE SKIP LOCKED
                        """
                )
            ).rows
            guard let id = try rows.first?.decode("id", as: Int64.self) else { return nil }
            try connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        DELETE FROM \(queue.rawValue) WHERE ctid = ANY(ARRAY(
                            SELECT ctid FROM \(queue.rawValue) WHERE \(queue.idColumn) = $1 FOR UPDATE SKIP LOCKED))
                        """,
                    binds: [id.postgresBind]
                )
            )
            try connection.query(
                """
                INSERT INTO link_quarantine (queue, id, error) VALUES (\(queue.rawValue), \(id), \(error))
                ON CONFLICT (queue, id) DO UPDATE SET error = EXCLUDED.error, quarantined_at = now()
                """
            )
            return id
        }
    }
}
