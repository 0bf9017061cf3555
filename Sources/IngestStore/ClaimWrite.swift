import IngestCore
import Postgres

// The claim rows of the batch transaction (T1 of the claims protocol in Migrations/0001_baseline.sql): speakers,
// claims with their token index rows, mentions, and the claims queued for linking.
extension ResultStore {
    /// Inside the batch transaction: stores the claims, mentions and speakers of articles new in this batch, in
    /// a fixed number of statements whatever the number of claims.
    func writeClaims(_ articles: [StoredArticle], pipelineVersion: String) throws {
        let rows = ClaimRows(articles)
        guard !rows.isEmpty else { return }
        // Index probes and small joins: compiling (about 0.1 s a statement) costs more than it saves. The rest of
        // the batch transaction is claims statements too.
        try connection.query("SET LOCAL jit = off")
        // The staged claims are sorted twice (earliest sighting, then insert order): about 4 MB a batch of 500
        // articles, which spilled to disk at the default 4 MB.
        try connection.query("SET LOCAL work_mem = '32MB'")
        // Lock order (no cycle with other batches, nor with linkers, which lock the claims they change by id:
        // ClaimLinking.swift): new rows are inserted without touching stored ones; a stored claim is locked only
        // when this batch holds an earlier sighting of it, then in id order, after the claims it re-queues are
        // queued. So a later sighting of a stored claim (the common case) locks nothing and never waits on a
        // linker. Speaker rows are never updated (their description is derived where read: Migrations/0015) and new
        // ones were committed before this transaction (NewSpeakers.swift); `speakerIDs` inserts any it missed.
        let speakers = try speakerIDs(rows.speakerNames, pipelineVersion: pipelineVersion)
        // The batch's claims stored before, found first by a plain read, so that the insert tries only the others:
        // `ON CONFLICT` on a stored claim's fingerprint waits for any transaction updating that claim, such as a
        // linker moving its nearest claim (Migrations/0017).
        var stored = StoredClaims()
        stored.ids.reserveCapacity(rows.fingerprints.count)
        try readStoredClaims(rows, rows.fingerprints, pipelineVersion: pipelineVersion, into: &stored)
        let unstored = rows.fingerprints.filter { stored.ids[$0] == nil }
        // Staged: each new claim's earliest sighting, chosen in Swift (ClaimRows), and those of stored claims this
        // batch saw earlier; not the later sightings of stored claims (a third of the rows in the bench), which
        // the statements below would only skip. No statistics needed: they read the staged rows whole or by
        // fingerprint.
        try connection.execute(
            script:
                "CREATE TEMP TABLE IF NOT EXISTS staged_claims (\(ClaimRows.stagedColumnTypes)) ON COMMIT DELETE ROWS"
        )
        try connection.copy(
            "COPY staged_claims (\(ClaimRows.stagedColumns)) FROM STDIN",
            rows: rows.stagedClaims(Set(unstored).union(stored.earlierFingerprints), speakers: speakers)
        )
        // New claims, queued for linking, which writes their key rows (ClaimLinking.swift).
        for row in try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    WITH n AS (
                        SELECT nextval('claims_claim_id_seq') AS claim_id, v.*
                        FROM (\(Self.earliestClaimSightings(where: "v.fingerprint = ANY($2::text[])"))) v
                    ),
                    inserted AS (
                        INSERT INTO claims AS c (claim_id, nearest_id, pipeline_version, fingerprint, content, kind,
                                                 speaker_id, polarity, first_seen, first_article, first_start, tokens,
                                                 numbers)
                        SELECT n.claim_id, n.claim_id, $1, n.fingerprint, n.content, n.kind, n.speaker_id,
                               n.polarity, n.first_seen, n.content_hash, n.start, n.tokens, n.numbers
                        FROM n ORDER BY n.fingerprint
                        ON CONFLICT (pipeline_version, fingerprint) DO NOTHING
                        RETURNING c.claim_id, c.fingerprint
                    ),
                    queued AS (
                        INSERT INTO claim_link_pending (claim_id) SELECT claim_id FROM inserted
                    )
                    SELECT claim_id, fingerprint FROM inserted
                    """,
                binds: [pipelineVersion.postgresBind, unstored.postgresBind]
            )
        ).rows {
            stored.ids[try row.decode("fingerprint")] = try row.decode("claim_id")
        }
        // Claims another batch stored meanwhile (a new statement sees them).
        let raced = unstored.filter { stored.ids[$0] == nil }
        if !raced.isEmpty {
            try readStoredClaims(rows, raced, pipelineVersion: pipelineVersion, into: &stored)
        }
        if !stored.earlier.isEmpty {
            try takeEarlierSightings(stored.earlier.sorted(), requeue: stored.movedFirstSeen) {
                // By claim id alone (they were read for this version): with the version in the condition too, a
                // young table's planner read every claim of the version (24,830 rows for 1,876 updated).
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE claims c
                        SET content = v.content, kind = v.kind, speaker_id = v.speaker_id, polarity = v.polarity,
                            first_seen = v.first_seen, first_article = v.content_hash, first_start = v.start
                        FROM (\(Self.earliestClaimSightings(where: "v.fingerprint = ANY($2::text[])"))) v
                        WHERE c.claim_id = ANY($1::int8[]) AND c.fingerprint = v.fingerprint
                          AND (v.first_seen, v.content_hash, v.start) < (c.first_seen, c.first_article, c.first_start)
                        """,
                    binds: [stored.earlier.postgresBind, stored.earlierFingerprints.postgresBind]
                )
            }
        }
        // Straight into the table: every mention belongs to an article this transaction created, so none can
        // conflict, and its claim and speaker ids are known.
        try connection.copy(
            "COPY claim_mentions (\(ClaimRows.mentionColumns)) FROM STDIN",
            rows: rows.mentions(claims: stored.ids, speakers: speakers, pipelineVersion: pipelineVersion)
        )
    }

    /// The batch's claims found stored, and those for which the batch holds an earlier sighting.
    private struct StoredClaims {
        var ids: [String: Int64] = [:]
        var earlier: [Int64] = []
        var earlierFingerprints: [String] = []
        /// The earlier claims whose first_seen moves (not only their first article or position).
        var movedFirstSeen: [Int64] = []
    }

    /// Inside the batch transaction: the claims of `fingerprints` already stored, and those for which this batch
    /// holds an earlier sighting (compared in Swift: ClaimRows.earlierSighting). A claim's description is its
    /// earliest sighting's; an earlier one arriving later takes over. Until `claims` is first analyzed the plan
    /// reads every claim of the version and keeps these (12,581 rows left out for 4,066 found in one batch of a
    /// 3,000-article bench); one probe per fingerprint instead (a LATERAL subquery) cost more up to 8,000 articles:
    /// 84–98 against 59–61 ms per 1,000 articles, 73,768 against 7,617 blocks (Deploy/SCALING.md, step 16).
    private func readStoredClaims(
        _ rows: ClaimRows,
        _ fingerprints: [String],
        pipelineVersion: String,
        into stored: inout StoredClaims
    ) throws {
        guard !fingerprints.isEmpty else { return }
        for row in try connection.query(
            """
            SELECT c.claim_id, c.fingerprint, (extract(epoch FROM c.first_seen) * 1000000)::int8 AS seen,
                   c.first_article, c.first_start
            FROM claims c
            WHERE c.pipeline_version = \(pipelineVersion) AND c.fingerprint = ANY(\(fingerprints)::text[])
            ORDER BY c.claim_id
            """
        ).rows {
            let id: Int64 = try row.decode("claim_id")
            let fingerprint: String = try row.decode("fingerprint")
            stored.ids[fingerprint] = id
            let sighting = rows.earlierSighting(
                fingerprint,
                thanSeen: try row.decode("seen"),
                article: try row.decode("first_article"),
                start: try row.decode("first_start")
            )
            guard sighting.earlier else { continue }
            stored.earlier.append(id)
            stored.earlierFingerprints.append(fingerprint)
            if sighting.movesFirstSeen { stored.movedFirstSeen.append(id) }
        }
    }

    /// Inside the batch transaction: the ids of `names`. They were inserted and committed before the transaction
    /// (NewSpeakers.swift); any missing now (deleted meanwhile) is inserted again, in name order.
    private func speakerIDs(_ names: [String], pipelineVersion: String) throws -> [String: Int64] {
        guard !names.isEmpty else { return [:] }
        var ids = try storedSpeakers(names, pipelineVersion: pipelineVersion)
        let missing = names.filter { ids[$0] == nil }.sorted()
        guard !missing.isEmpty else { return ids }
        try connection.query(
            """
            INSERT INTO speakers (pipeline_version, name)
            SELECT \(pipelineVersion), v.name FROM unnest(\(missing)::text[]) AS v(name)
            ORDER BY v.name
            ON CONFLICT (pipeline_version, name) DO NOTHING
            """
        )
        ids.merge(try storedSpeakers(missing, pipelineVersion: pipelineVersion)) { old, _ in old }
        return ids
    }

    private func storedSpeakers(_ names: [String], pipelineVersion: String) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for row in try connection.query(
            """
            SELECT speaker_id, name FROM speakers
            WHERE pipeline_version = \(pipelineVersion) AND name = ANY(\(names)::text[])
            """
        ).rows {
            ids[try row.decode("name")] = try row.decode("speaker_id")
        }
        return ids
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
        // Each moved article's first_seen moved earlier, so every claim taking its sighting moves.
        try takeEarlierSightings(earlier, requeue: earlier) {
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

    /// Gives `claims` (ascending ids) the earlier sighting `update` writes: locks `claims` in ascending id order,
    /// queues `requeue` (those whose first_seen moves) for linking again with the first_seen they move from (where
    /// their key rows are: Migrations/0019; read under the lock, so no other batch moves them in between), then
    /// updates them. A claim's place among variant groups is (first_seen, fingerprint), so one whose earlier sighting
    /// only breaks a tie of first_seen (another article or position, the same time) keeps its nearest claim and is
    /// not linked again: in the bench, where one producer run gives every article the same fetch time, that was 4,000
    /// claims per 1,000 articles. The queue rows conflict with nothing, so never wait on a linking step holding
    /// earlier rows of these claims (Migrations/0017). A linker locks only the claims whose nearest claim it changes,
    /// in the same order, so neither can hold a row the other waits for while waiting itself.
    private func takeEarlierSightings(_ claims: [Int64], requeue: [Int64], update: () -> PostgresQuery) throws {
        // The lock and the update look claims up by id. Until `claims` is first analyzed (a minute or more after a
        // start) the planner costs a probe at 4 sequential page reads, and scanned the whole table for both
        // (auto_explain, 3,000-article bench: 5 of 5 batches); its pages are in shared buffers, where a probe costs
        // about what a sequential read does. It holds for the rest of the transaction: the mentions copy and the
        // moved articles' claims (refreshClaimSightings), looked up by key too.
        try connection.query("SET LOCAL random_page_cost = 1.1")
        try connection.query(
            """
            SELECT claim_id FROM claims WHERE claim_id = ANY(\(claims)::int8[])
            ORDER BY claim_id
            FOR NO KEY UPDATE
            """
        )
        if !requeue.isEmpty {
            try connection.query(
                """
                INSERT INTO claim_link_pending (claim_id, moved_from)
                SELECT claim_id, (extract(epoch FROM first_seen) * 1000000)::int8
                FROM claims WHERE claim_id = ANY(\(requeue.sorted())::int8[])
                ORDER BY claim_id
                """
            )
        }
        try connection.query(update())
    }

    /// Each fingerprint's earliest sighting in `staged_claims`, by article first_seen, content_hash and position,
    /// then (a tie within one article at one position) content, kind and speaker name; of the staged rows that
    /// match `condition`.
    static func earliestClaimSightings(where condition: String) -> String {
        """
        SELECT DISTINCT ON (v.fingerprint) v.fingerprint, v.content, v.kind, v.speaker_id, v.polarity, v.start,
               v.tokens, v.numbers, v.first_seen, v.content_hash
        FROM staged_claims v
        WHERE \(condition)
        ORDER BY v.fingerprint, v.first_seen, v.content_hash, v.start, v.content, v.kind, v.resolved
        """
    }
}
