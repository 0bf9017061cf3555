import IngestCore
import Postgres

// Claim candidate keys new to the store, given their lock row (claim_key_heads) before the batch transaction.
extension ResultStore {
    /// Before the batch transaction: inserts the lock rows (Migrations/0019) of the candidate keys of the batch's
    /// claims that have none, committed at once. Claim linking locks a key's row; inserted by the linking step
    /// instead, a new key's row stays uncommitted until the step commits, and every other step with that key waits
    /// on the unique index (measured with 2 workers: 0.9 s per 1,000 articles). A row is never updated or deleted.
    func insertNewClaimKeys(_ representatives: [ArticleResult], pipelineVersion: String) throws {
        var keys: Set<Int64> = []
        for result in representatives {
            for claim in result.article.claims {
                let tokens = (claim.signature ?? ClaimRows.signature(claim)).tokens
                for key in ClaimCandidateKeys.indexed(tokens) { keys.insert(Int64(bitPattern: key)) }
            }
        }
        try insertClaimKeyHeads(keys.sorted(), pipelineVersion: pipelineVersion)
    }

    /// Inserts the lock rows of `keys` (ascending) that are missing: skipped before the insert when stored (no
    /// conflict to wait on), in key order, as every batch and linking step inserts them. One index probe per key
    /// (`OFFSET 0` keeps `NOT EXISTS` a probe rather than an anti-join): as an anti-join under the linking step's
    /// settings it was a nested loop over every key of the version (5.3M rows filtered, 0.5 s, for 1,867 keys).
    func insertClaimKeyHeads(_ keys: [Int64], pipelineVersion: String) throws {
        guard !keys.isEmpty else { return }
        try connection.query(
            """
            INSERT INTO claim_key_heads (pipeline_version, token_hash)
            SELECT \(pipelineVersion), k
            FROM unnest(\(keys)::int8[]) AS k
            WHERE NOT EXISTS (
                SELECT 1 FROM claim_key_heads h
                WHERE h.pipeline_version = \(pipelineVersion) AND h.token_hash = k
                OFFSET 0
            )
            ORDER BY k
            ON CONFLICT DO NOTHING
            """
        )
    }
}
