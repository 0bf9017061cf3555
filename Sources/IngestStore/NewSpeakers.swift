import IngestCore
import Postgres

// Speakers new to the store, inserted before the batch transaction, each in its own short autocommit statement.
extension ResultStore {
    /// Before the batch transaction: inserts the batch's speakers that are not stored yet, with their earliest
    /// sighting in the batch, and commits them at once. Inserted inside the batch transaction instead, a new
    /// speaker's row stays uncommitted until the batch commits, and every other batch naming that speaker waits for
    /// it on the unique index (measured with 2 workers: about half of their row-lock waits). Committed here, the
    /// batch's own insert finds it and waits on nothing; the batch then takes over the row's sighting only when its
    /// own is earlier (ClaimWrite.swift), locking it only in that case.
    ///
    /// If the batch then fails, the row stays without a committed mention. No view reads a speaker except through a
    /// mention's or claim's speaker_id, and the sighting is the one the batch's messages carry, so a retry of them
    /// stores the same.
    func insertNewSpeakers(_ representatives: [ArticleResult], pipelineVersion: String) throws {
        var names: [String] = []
        var types: [String] = []
        var roles: [String?] = []
        var affiliations: [String?] = []
        var ranks: [Int32] = []
        var seen: [String?] = []
        var hashes: [String] = []
        var starts: [Int32] = []
        for result in representatives {
            let hash = result.article.fingerprints.contentHash
            let fetched = Self.timestamp(result.article.envelope)
            for claim in result.article.claims {
                guard let speaker = claim.speaker, let name = speaker.resolved else { continue }
                names.append(name)
                types.append(speaker.type.rawValue)
                roles.append(speaker.role)
                affiliations.append(speaker.affiliation)
                ranks.append(Int32(ClaimRows.rank(speaker)))
                seen.append(fetched)
                hashes.append(hash)
                starts.append(Int32(speaker.span.start))
            }
        }
        guard !names.isEmpty else { return }
        // The same earliest sighting as ClaimWrite.earliestSpeakerSightings; names already stored are skipped before
        // the insert (no sequence value spent on them). In name order, as every batch inserts.
        try connection.query(
            """
            INSERT INTO speakers (pipeline_version, name, speaker_type, role, affiliation, source_rank, source_seen,
                                  source_article, source_start)
            SELECT \(pipelineVersion), v.name, v.type, v.role, v.affiliation, v.rank, v.seen, v.hash, v.start
            FROM (
                SELECT DISTINCT ON (u.name) u.name, u.type, u.role, u.affiliation, u.rank, u.seen::timestamptz AS seen,
                       u.hash, u.start
                FROM unnest(\(names)::text[], \(types)::text[], \(roles)::text[], \(affiliations)::text[],
                            \(ranks)::int4[], \(seen)::text[], \(hashes)::text[], \(starts)::int4[])
                     AS u(name, type, role, affiliation, rank, seen, hash, start)
                WHERE u.seen IS NOT NULL
                ORDER BY u.name, u.rank, u.seen::timestamptz, u.hash, u.start, u.type, u.role, u.affiliation
            ) v
            WHERE NOT EXISTS (
                SELECT 1 FROM speakers s WHERE s.pipeline_version = \(pipelineVersion) AND s.name = v.name
            )
            ORDER BY v.name
            ON CONFLICT (pipeline_version, name) DO NOTHING
            """
        )
    }
}
