import IngestCore
import Postgres

// Speakers new to the store, inserted before the batch transaction, each in its own short autocommit statement.
extension ResultStore {
    /// Before the batch transaction: inserts the names of the batch's speakers that are not stored yet and commits
    /// them at once. Inserted inside the batch transaction instead, a new speaker's row stays uncommitted until the
    /// batch commits, and every other batch naming that speaker waits for it on the unique index (measured with 2
    /// workers: about half of their row-lock waits). A row is the name's id only and is never updated (its
    /// description is derived where read: `speaker_profiles`, Migrations/0015), so no batch locks it afterwards.
    ///
    /// If the batch then fails, the row stays without a committed mention. No view reads a speaker except through a
    /// mention's or claim's speaker_id.
    func insertNewSpeakers(_ representatives: [ArticleResult], pipelineVersion: String) throws {
        var names: [String] = []
        for result in representatives {
            for claim in result.article.claims {
                if let name = claim.speaker?.resolved { names.append(name) }
            }
        }
        guard !names.isEmpty else { return }
        // Names already stored are skipped before the insert (no sequence value spent on them). In name order, as
        // every batch inserts.
        try connection.query(
            """
            INSERT INTO speakers (pipeline_version, name)
            SELECT \(pipelineVersion), v.name
            FROM (SELECT DISTINCT unnest(\(names)::text[]) AS name) v
            WHERE NOT EXISTS (
                SELECT 1 FROM speakers s WHERE s.pipeline_version = \(pipelineVersion) AND s.name = v.name
            )
            ORDER BY v.name
            ON CONFLICT (pipeline_version, name) DO NOTHING
            """
        )
    }
}
