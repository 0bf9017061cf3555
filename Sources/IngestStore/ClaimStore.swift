import IngestCore
import Postgres

// Claims storage (issue 4). Filled in by the claims stage's store work.
extension ResultStore {
    /// Inside the batch transaction: stores the claims, mentions and speakers of articles new in this batch.
    func writeClaims(_ articles: [StoredArticle], pipelineVersion: String) throws {}

    /// After the batch committed: attaches new claims to existing ones as variants. Returns how many were linked.
    public func linkPendingClaims(limit: Int = 1000) throws -> Int { 0 }
}
