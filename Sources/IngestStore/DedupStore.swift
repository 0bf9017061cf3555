import IngestCore
import Postgres

// Dedup storage (issue 3). Filled in by the dedup stage's store work.
extension ResultStore {
    /// T1: inside the batch transaction, stores the fingerprints and indexes of articles new in this batch.
    func writeDedupFingerprints(_ articles: [StoredArticle], pipelineVersion: String) throws {}

    /// T2: after the batch committed, links pending articles into stories. Returns how many were linked.
    public func linkPendingStories(limit: Int = 1000) throws -> Int { 0 }
}
