import IngestCore
import Postgres

// The claim rows of the batch transaction (T1 of the claims protocol in Migrations/0001_baseline.sql): speakers,
// claims with their token index rows, mentions, and the claims queued for linking.
extension ResultStore {
    /// Inside the batch transaction: stores the claims, mentions and speakers of articles new in this batch, in
    /// a fixed number of statements whatever the number of claims.
    func writeClaims(_ articles: [StoredArticle], pipelineVersion: String) throws {
        let staged = ClaimRows(articles).rows
        guard staged.count > 0 else { return }
        // Index probes and small joins: compiling (about 0.1 s a statement) costs more than it saves. The rest of
        // the batch transaction is claims statements too.
        try connection.query("SET LOCAL jit = off")
        try connection.execute(
            script: "CREATE TEMP TABLE IF NOT EXISTS staged_mentions (\(ClaimRows.columnTypes)) ON COMMIT DELETE ROWS"
        )
        try connection.copy("COPY staged_mentions (\(ClaimRows.columns)) FROM STDIN", rows: staged)
        // Statistics for the joins below: without them the planner guesses the staged table's size. Only the join
        // columns: statistics of the token arrays made this ANALYZE cost 0.75 s per 1,000 articles.
        try connection.execute(script: "ANALYZE staged_mentions (fingerprint, resolved)")
        // Lock order (no cycle with other batches, nor with linkers, which lock the claims they change by id:
        // ClaimLinking.swift): new rows are inserted without touching stored ones; a stored claim is locked only
        // when this batch holds an earlier sighting of it, then in id order, after the claims it re-queues are
        // queued. So a later sighting of a stored claim (the common case) locks nothing and never waits on a
        // linker. Speaker rows are never updated (their description is derived where read: Migrations/0015) and new
        // ones were committed before this transaction (NewSpeakers.swift); this insert is kept for any it missed.
        // NOT EXISTS skips the stored ones before the unique index.
        try connection.query(
            """
            INSERT INTO speakers (pipeline_version, name)
            SELECT \(pipelineVersion), v.name
            FROM (SELECT DISTINCT resolved AS name FROM staged_mentions WHERE resolved IS NOT NULL) v
            WHERE NOT EXISTS (
                SELECT 1 FROM speakers s WHERE s.pipeline_version = \(pipelineVersion) AND s.name = v.name
            )
            ORDER BY v.name
            ON CONFLICT (pipeline_version, name) DO NOTHING
            """
        )
        // New claims: their index rows (ClaimCandidateKeys: a few tokens per claim, none for claims too short to be
        // a variant) and their place in the linking queue. A key holds at most the claimPostingsPerToken + 1
        // claims that linking reads of it (the earliest stored): rows past them were never read (measured: 98 % of
        // the rows with 23,000 articles stored, whose 875,000 rows had 999 distinct keys).
        try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    WITH n AS (
                        SELECT nextval('claims_claim_id_seq') AS claim_id, v.*, sp.speaker_id
                        FROM (\(Self.earliestClaimSightings)) v
                        LEFT JOIN speakers sp ON sp.pipeline_version = $1 AND sp.name = v.speaker
                    ),
                    inserted AS (
                        INSERT INTO claims AS c (claim_id, nearest_id, pipeline_version, fingerprint, content, kind,
                                                 speaker_id, polarity, first_seen, first_article, first_start, tokens,
                                                 numbers)
                        SELECT n.claim_id, n.claim_id, $1, n.fingerprint, n.content, n.kind, n.speaker_id,
                               n.polarity, n.first_seen, n.content_hash, n.start, n.tokens, n.numbers
                        FROM n ORDER BY n.fingerprint
                        ON CONFLICT (pipeline_version, fingerprint) DO NOTHING
                        RETURNING c.claim_id
                    ),
                    -- Counted once per distinct key of the batch. Materialized: inline, the planner evaluated the
                    -- count after the join, once per new (claim, key) row (measured: 33,423 counts and 146,000
                    -- buffers for a batch's 710 distinct keys, instead of 710 and 3,200).
                    counted AS MATERIALIZED (
                        SELECT d.token_hash, (
                            SELECT count(*) FROM (
                                SELECT 1 FROM claim_tokens s
                                WHERE s.pipeline_version = $1 AND s.token_hash = d.token_hash LIMIT $2
                            ) x
                        ) AS stored
                        FROM (SELECT DISTINCT unnest(n.keys) AS token_hash FROM n) d
                    ),
                    indexed AS (
                        INSERT INTO claim_tokens (pipeline_version, token_hash, claim_id)
                        SELECT $1, k.token_hash, k.claim_id
                        FROM (
                            SELECT t.token_hash, i.claim_id,
                                   row_number() OVER (PARTITION BY t.token_hash ORDER BY i.claim_id) AS position
                            FROM inserted i JOIN n ON n.claim_id = i.claim_id
                            CROSS JOIN LATERAL unnest(n.keys) AS t(token_hash)
                        ) k
                        JOIN counted c ON c.token_hash = k.token_hash
                        WHERE k.position + c.stored <= $2
                    )
                    INSERT INTO claim_link_pending (claim_id) SELECT claim_id FROM inserted
                    """,
                binds: [pipelineVersion.postgresBind, (Self.claimPostingsPerToken + 1).postgresBind]
            )
        )
        // A claim's description is its earliest sighting's; an earlier one arriving later takes over and re-queues
        // the claim, so its nearest claim is decided again in the new order. A new statement, so that it sees the rows
        // other batches committed meanwhile.
        let earlierClaims: [Int64] = try connection.query(
            """
            SELECT DISTINCT c.claim_id
            FROM staged_mentions v
            JOIN claims c ON c.pipeline_version = \(pipelineVersion) AND c.fingerprint = v.fingerprint
            WHERE (v.first_seen, v.content_hash, v.c_start) < (c.first_seen, c.first_article, c.first_start)
            ORDER BY c.claim_id
            """
        ).rows.map { try $0.decode("claim_id") }
        if !earlierClaims.isEmpty {
            try takeEarlierSightings(earlierClaims) {
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE claims c
                        SET content = v.content, kind = v.kind, speaker_id = sp.speaker_id, polarity = v.polarity,
                            first_seen = v.first_seen, first_article = v.content_hash, first_start = v.start
                        FROM (\(Self.earliestClaimSightings)) v
                        LEFT JOIN speakers sp ON sp.pipeline_version = $1 AND sp.name = v.speaker
                        WHERE c.claim_id = ANY($2::int8[]) AND c.pipeline_version = $1
                          AND c.fingerprint = v.fingerprint
                          AND (v.first_seen, v.content_hash, v.start) < (c.first_seen, c.first_article, c.first_start)
                        """,
                    binds: [pipelineVersion.postgresBind, earlierClaims.postgresBind]
                )
            }
        }
        // A plain insert: every mention belongs to an article this transaction created, so none can conflict.
        try connection.query(
            """
            INSERT INTO claim_mentions (article_id, mention_index, claim_id, kind, speaker_resolved, speaker_id,
                                        speaker_type, role, affiliation, resolution, speaker_start, speaker_end,
                                        speaker_phrase_start, speaker_phrase_end, cue_start, cue_end, content_start,
                                        content_end, content_parts, polarity, reporting_source, confidence,
                                        check_worthiness, sentence_index, pipeline_version)
            SELECT v.article_id, v.idx, c.claim_id, v.kind, v.resolved, sp.speaker_id, v.type, v.role, v.affiliation,
                   v.resolution, v.s_start, v.s_end, v.p_start, v.p_end, v.cue_start, v.cue_end, v.c_start, v.c_end,
                   v.parts, v.polarity, v.source, v.confidence, v.worthiness, v.sentence, \(pipelineVersion)
            FROM staged_mentions v
            JOIN claims c ON c.pipeline_version = \(pipelineVersion) AND c.fingerprint = v.fingerprint
            LEFT JOIN speakers sp ON sp.pipeline_version = \(pipelineVersion) AND sp.name = v.resolved
            """
        )
    }

    /// Inside the batch transaction: articles already stored whose first sighting moved earlier (a resend with an
    /// earlier time) may now hold the earliest sighting of their claims. Those claims take its description and
    /// are queued again, so their nearest claim is decided again in the new order. Speakers' descriptions follow by
    /// themselves (derived where read from the articles' first_seen).
    func refreshClaimSightings(movedArticles: [Int64]) throws {
        guard !movedArticles.isEmpty else { return }
        let earlier: [Int64] = try connection.query(
            """
            SELECT DISTINCT c.claim_id
            FROM claim_mentions m
            JOIN articles a ON a.article_id = m.article_id
            JOIN claims c ON c.claim_id = m.claim_id
            WHERE m.article_id = ANY(\(movedArticles)::int8[])
              AND (a.first_seen, a.content_hash, m.content_start) < (c.first_seen, c.first_article, c.first_start)
            ORDER BY c.claim_id
            """
        ).rows.map { try $0.decode("claim_id") }
        guard !earlier.isEmpty else { return }
        try takeEarlierSightings(earlier) {
            """
            UPDATE claims c
            SET first_seen = e.first_seen, first_article = e.content_hash, first_start = e.content_start,
                content = e.content, kind = e.kind, speaker_id = e.speaker_id, polarity = e.polarity
            FROM (
                SELECT DISTINCT ON (m.claim_id) m.claim_id, a.first_seen, a.content_hash, m.content_start,
                       substr(a.text, m.content_start + 1, m.content_end - m.content_start) AS content, m.kind,
                       m.speaker_id, m.polarity
                FROM claim_mentions m JOIN articles a ON a.article_id = m.article_id
                WHERE m.article_id = ANY(\(movedArticles)::int8[]) AND m.claim_id = ANY(\(earlier)::int8[])
                ORDER BY m.claim_id, a.first_seen, a.content_hash, m.content_start
            ) e
            WHERE c.claim_id = e.claim_id
              AND (e.first_seen, e.content_hash, e.content_start) < (c.first_seen, c.first_article, c.first_start)
            """
        }
    }

    /// Gives `claims` (ascending ids) the earlier sighting `update` writes: queues them for linking first (the
    /// queue insert may wait on a linker that took them, which must not find their rows locked by this batch),
    /// then locks them in ascending id order, then updates them. A linker locks only the claims whose nearest claim
    /// it changes, in the same order, so neither can hold a row the other waits for while waiting itself.
    private func takeEarlierSightings(_ claims: [Int64], update: () -> PostgresQuery) throws {
        try connection.query(
            """
            INSERT INTO claim_link_pending (claim_id) SELECT unnest(\(claims)::int8[]) ORDER BY 1
            ON CONFLICT DO NOTHING
            """
        )
        try connection.query(
            """
            SELECT claim_id FROM claims WHERE claim_id = ANY(\(claims)::int8[])
            ORDER BY claim_id
            FOR NO KEY UPDATE
            """
        )
        try connection.query(update())
    }

    /// Each fingerprint's earliest sighting in `staged_mentions`, by article first_seen, content_hash and position.
    static let earliestClaimSightings = """
        SELECT DISTINCT ON (v.fingerprint) v.fingerprint, v.content, v.kind, v.resolved AS speaker, v.polarity,
               v.c_start AS start, v.tokens, v.numbers, v.keys, v.first_seen, v.content_hash
        FROM staged_mentions v
        ORDER BY v.fingerprint, v.first_seen, v.content_hash, v.c_start, v.content, v.kind, v.resolved
        """
}
