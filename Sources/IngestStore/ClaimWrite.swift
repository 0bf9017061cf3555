import IngestCore
import Postgres

// The claim rows of the batch transaction (T1 of the claims protocol in Migrations/0001_baseline.sql): speakers,
// claims with their token index rows, mentions, and the claims queued for linking.
extension ResultStore {
    /// Inside the batch transaction: stores the claims, mentions and speakers of articles new in this batch, in
    /// three statements whatever the number of claims.
    func writeClaims(_ articles: [StoredArticle], pipelineVersion: String) throws {
        let staged = ClaimRows(articles).rows
        guard staged.count > 0 else { return }
        try connection.execute(
            script: "CREATE TEMP TABLE IF NOT EXISTS staged_mentions (\(ClaimRows.columnTypes)) ON COMMIT DELETE ROWS"
        )
        try connection.copy("COPY staged_mentions (\(ClaimRows.columns)) FROM STDIN", rows: staged)
        // Statistics for the joins below (a few ms): without them the planner guesses the staged table's size.
        try connection.execute(script: "ANALYZE staged_mentions")
        try connection.query(
            """
            INSERT INTO speakers AS s (pipeline_version, name, speaker_type, role, affiliation, source_rank,
                                       source_seen, source_article, source_start)
            SELECT DISTINCT ON (v.name) \(pipelineVersion), v.name, v.type, v.role, v.affiliation, v.rank,
                   a.first_seen, a.content_hash, v.start
            FROM (SELECT article_id, resolved AS name, type, role, affiliation, rank, start FROM staged_mentions) v
            JOIN articles a ON a.article_id = v.article_id
            WHERE v.name IS NOT NULL
            ORDER BY v.name, v.rank, a.first_seen, a.content_hash, v.start, v.type, v.role, v.affiliation
            ON CONFLICT (pipeline_version, name) DO UPDATE
                SET speaker_type = EXCLUDED.speaker_type, role = EXCLUDED.role, affiliation = EXCLUDED.affiliation,
                    source_rank = EXCLUDED.source_rank, source_seen = EXCLUDED.source_seen,
                    source_article = EXCLUDED.source_article, source_start = EXCLUDED.source_start
                WHERE (EXCLUDED.source_rank, EXCLUDED.source_seen, EXCLUDED.source_article, EXCLUDED.source_start)
                    < (s.source_rank, s.source_seen, s.source_article, s.source_start)
            """
        )
        // A claim's description is its earliest sighting's; an earlier one arriving later takes over and re-queues
        // the claim, so its variant group's canonical claim is recomputed.
        try connection.query(
            """
            WITH v AS (
                SELECT DISTINCT ON (v.fingerprint) v.*, a.first_seen, a.content_hash
                FROM (
                    SELECT article_id, fingerprint, content, kind, resolved AS speaker, polarity, c_start AS start,
                           tokens, numbers, keys
                    FROM staged_mentions
                ) v
                JOIN articles a ON a.article_id = v.article_id
                ORDER BY v.fingerprint, a.first_seen, a.content_hash, v.start, v.content, v.kind, v.speaker
            ),
            n AS (
                SELECT nextval('claims_claim_id_seq') AS claim_id, v.*, sp.speaker_id
                FROM v LEFT JOIN speakers sp ON sp.pipeline_version = \(pipelineVersion) AND sp.name = v.speaker
            ),
            up AS (
                INSERT INTO claims AS c (claim_id, canonical_id, pipeline_version, fingerprint, content, kind,
                                         speaker_id, polarity, first_seen, first_article, first_start, tokens,
                                         numbers)
                SELECT n.claim_id, n.claim_id, \(pipelineVersion), n.fingerprint, n.content, n.kind, n.speaker_id,
                       n.polarity, n.first_seen, n.content_hash, n.start, n.tokens, n.numbers
                FROM n ORDER BY n.fingerprint
                ON CONFLICT (pipeline_version, fingerprint) DO UPDATE
                    SET content = EXCLUDED.content, kind = EXCLUDED.kind, speaker_id = EXCLUDED.speaker_id,
                        polarity = EXCLUDED.polarity, first_seen = EXCLUDED.first_seen,
                        first_article = EXCLUDED.first_article, first_start = EXCLUDED.first_start
                    WHERE (EXCLUDED.first_seen, EXCLUDED.first_article, EXCLUDED.first_start)
                        < (c.first_seen, c.first_article, c.first_start)
                RETURNING c.claim_id, c.tokens, (c.xmax = 0) AS inserted
            ),
            -- Index rows (ClaimCandidateKeys: a few tokens per claim, none for claims too short to be a variant)
            -- only for claims this statement created: fresh ids, so no conflict is possible.
            indexed AS (
                INSERT INTO claim_tokens (pipeline_version, token_hash, claim_id)
                SELECT \(pipelineVersion), t.token_hash, up.claim_id
                FROM up JOIN n ON n.claim_id = up.claim_id CROSS JOIN LATERAL unnest(n.keys) AS t(token_hash)
                WHERE up.inserted
            )
            INSERT INTO claim_link_pending (claim_id) SELECT claim_id FROM up ON CONFLICT DO NOTHING
            """
        )
        try connection.query(
            """
            INSERT INTO claim_mentions (article_id, mention_index, claim_id, fingerprint, kind, speaker_as_written,
                                        speaker_resolved, speaker_id, speaker_type, role, affiliation, resolution,
                                        speaker_start, speaker_end, speaker_phrase_start, speaker_phrase_end, cue,
                                        cue_start, cue_end, content, content_start, content_end, content_parts,
                                        polarity, reporting_source, confidence, check_worthiness, sentence_index,
                                        pipeline_version)
            SELECT v.article_id, v.idx, c.claim_id, v.fingerprint, v.kind, v.written, v.resolved, sp.speaker_id,
                   v.type, v.role, v.affiliation, v.resolution, v.s_start, v.s_end, v.p_start, v.p_end, v.cue,
                   v.cue_start, v.cue_end, v.content, v.c_start, v.c_end, v.parts, v.polarity, v.source,
                   v.confidence, v.worthiness, v.sentence, \(pipelineVersion)
            FROM (
                SELECT article_id, idx, fingerprint, kind, written, resolved, type, role, affiliation, resolution,
                       s_start, s_end, p_start, p_end, cue, cue_start, cue_end, content, c_start, c_end, parts,
                       polarity, source, confidence, worthiness, sentence
                FROM staged_mentions
            ) v
            JOIN claims c ON c.pipeline_version = \(pipelineVersion) AND c.fingerprint = v.fingerprint
            LEFT JOIN speakers sp ON sp.pipeline_version = \(pipelineVersion) AND sp.name = v.resolved
            ON CONFLICT (article_id, mention_index) DO NOTHING
            """
        )
    }

    /// Inside the batch transaction: articles already stored whose first sighting moved earlier (a resend with an
    /// earlier time) may now hold the earliest sighting of their claims. Those claims take its description and
    /// are queued again, so their variant group's canonical claim is recomputed. Speakers keep theirs.
    func refreshClaimSightings(movedArticles: [Int64]) throws {
        guard !movedArticles.isEmpty else { return }
        try connection.query(
            """
            WITH earliest AS (
                SELECT DISTINCT ON (m.claim_id) m.claim_id, a.first_seen, a.content_hash, m.content_start, m.content,
                       m.kind, m.speaker_id, m.polarity
                FROM claim_mentions m JOIN articles a ON a.article_id = m.article_id
                WHERE m.article_id = ANY(\(movedArticles)::int8[])
                ORDER BY m.claim_id, a.first_seen, a.content_hash, m.content_start
            ),
            updated AS (
                UPDATE claims c
                SET first_seen = e.first_seen, first_article = e.content_hash, first_start = e.content_start,
                    content = e.content, kind = e.kind, speaker_id = e.speaker_id, polarity = e.polarity
                FROM earliest e
                WHERE c.claim_id = e.claim_id
                  AND (e.first_seen, e.content_hash, e.content_start) < (c.first_seen, c.first_article, c.first_start)
                RETURNING c.claim_id
            )
            INSERT INTO claim_link_pending (claim_id) SELECT claim_id FROM updated ORDER BY claim_id
            ON CONFLICT DO NOTHING
            """
        )
    }
}
