import IngestCore
import Postgres

// Claims storage (issue 4). The tables, views and protocol are described in Migrations/0004_claims.sql.
extension ResultStore {
    /// Linkers of every worker take this transaction-scoped advisory lock, so group merges never race.
    static let claimLinkLock: Int64 = 0x4E49_434C_4149_4D53

    /// Candidates judged per pending claim, the ones sharing most tokens first (then smallest fingerprint).
    static let claimCandidateCap = 200
    /// Claims read per token of a pending claim, earliest stored first. A common word ("government") is carried by
    /// a growing share of all claims; without this bound one batch of claims would read most of the index
    /// (measured: the fault suite's 10,000 articles went from 150 s to a projected 45 min). True variants share
    /// rarer words too, so they are still found through those.
    static let claimPostingsPerToken = 32

    /// Inside the batch transaction: stores the claims, mentions and speakers of articles new in this batch, in
    /// three statements whatever the number of claims.
    func writeClaims(_ articles: [StoredArticle], pipelineVersion: String) throws {
        let rows = ClaimRows(articles)
        guard !rows.article.isEmpty else { return }
        try connection.query(
            """
            INSERT INTO speakers AS s (pipeline_version, name, speaker_type, role, affiliation, source_rank,
                                       source_seen, source_article, source_start)
            SELECT DISTINCT ON (v.name) \(pipelineVersion), v.name, v.type, v.role, v.affiliation, v.rank,
                   a.first_seen, a.content_hash, v.start
            FROM unnest(\(rows.article)::int8[], \(rows.speakerResolved)::text[], \(rows.speakerType)::text[],
                        \(rows.role)::text[], \(rows.affiliation)::text[], \(rows.speakerRank)::int8[],
                        \(rows.speakerStart)::int8[])
                 AS v(article_id, name, type, role, affiliation, rank, start)
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
                FROM unnest(\(rows.article)::int8[], \(rows.fingerprint)::text[], \(rows.content)::text[],
                            \(rows.kind)::text[], \(rows.speakerResolved)::text[], \(rows.polarity)::text[],
                            \(rows.contentStart)::int8[], \(rows.tokens)::text[], \(rows.numbers)::text[])
                     AS v(article_id, fingerprint, content, kind, speaker, polarity, start, tokens, numbers)
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
                       n.polarity, n.first_seen, n.content_hash, n.start, n.tokens::int8[], n.numbers::int8[]
                FROM n ORDER BY n.fingerprint
                ON CONFLICT (pipeline_version, fingerprint) DO UPDATE
                    SET content = EXCLUDED.content, kind = EXCLUDED.kind, speaker_id = EXCLUDED.speaker_id,
                        polarity = EXCLUDED.polarity, first_seen = EXCLUDED.first_seen,
                        first_article = EXCLUDED.first_article, first_start = EXCLUDED.first_start
                    WHERE (EXCLUDED.first_seen, EXCLUDED.first_article, EXCLUDED.first_start)
                        < (c.first_seen, c.first_article, c.first_start)
                RETURNING c.claim_id, c.tokens, (c.xmax = 0) AS inserted
            ),
            indexed AS (
                INSERT INTO claim_tokens (pipeline_version, token_hash, claim_id)
                SELECT \(pipelineVersion), t.token_hash, up.claim_id
                FROM up CROSS JOIN LATERAL unnest(up.tokens) AS t(token_hash)
                WHERE up.inserted
                ON CONFLICT DO NOTHING
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
                   v.cue_start, v.cue_end, v.content, v.c_start, v.c_end, v.parts::int4[], v.polarity, v.source,
                   v.confidence, v.worthiness, v.sentence, \(pipelineVersion)
            FROM unnest(\(rows.article)::int8[], \(rows.index)::int8[], \(rows.fingerprint)::text[],
                        \(rows.kind)::text[], \(rows.speakerWritten)::text[], \(rows.speakerResolved)::text[],
                        \(rows.speakerType)::text[], \(rows.role)::text[], \(rows.affiliation)::text[],
                        \(rows.resolution)::text[], \(rows.speakerSpanStart)::int8[], \(rows.speakerSpanEnd)::int8[],
                        \(rows.phraseStart)::int8[], \(rows.phraseEnd)::int8[], \(rows.cue)::text[],
                        \(rows.cueStart)::int8[], \(rows.cueEnd)::int8[], \(rows.content)::text[],
                        \(rows.contentStart)::int8[], \(rows.contentEnd)::int8[], \(rows.parts)::text[],
                        \(rows.polarity)::text[], \(rows.reportingSource)::text[], \(rows.confidence)::float8[],
                        \(rows.checkWorthiness)::float8[], \(rows.sentence)::int8[])
                 AS v(article_id, idx, fingerprint, kind, written, resolved, type, role, affiliation, resolution,
                      s_start, s_end, p_start, p_end, cue, cue_start, cue_end, content, c_start, c_end, parts,
                      polarity, source, confidence, worthiness, sentence)
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

    /// After the batch committed: compares pending claims with every claim of their version sharing enough
    /// canonical tokens and merges the variant groups of those that are the same claim worded differently.
    /// Returns how many pending claims were processed (at most `limit`; fewer means the queue is empty).
    public func linkPendingClaims(limit: Int = 1000) throws -> Int {
        try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock(\(Self.claimLinkLock)::int8)")
            try connection.query("SET LOCAL jit = off")  // index probes: compiling costs more than it saves
            let pending: [Int64] = try connection.query(
                """
                DELETE FROM claim_link_pending p
                WHERE p.claim_id IN (
                    SELECT claim_id FROM claim_link_pending ORDER BY claim_id LIMIT \(limit) FOR UPDATE SKIP LOCKED
                )
                RETURNING p.claim_id
                """
            ).rows.map { try $0.decode("claim_id") }
            guard !pending.isEmpty else { return 0 }
            let pairs = try connection.query(
                """
                WITH shared AS (
                    SELECT n.claim_id AS claim, o.claim_id AS other, count(*) AS shared
                    FROM claim_tokens n
                    CROSS JOIN LATERAL (
                        SELECT t.claim_id FROM claim_tokens t
                        WHERE t.pipeline_version = n.pipeline_version AND t.token_hash = n.token_hash
                          AND t.claim_id <> n.claim_id
                        ORDER BY t.claim_id
                        LIMIT \(Self.claimPostingsPerToken)
                    ) o
                    WHERE n.claim_id = ANY(\(pending)::int8[])
                    GROUP BY n.claim_id, o.claim_id
                    HAVING count(*) >= \(ClaimMatcher.minimumSharedTokens)
                ),
                ranked AS (
                    SELECT s.claim, s.other,
                           row_number() OVER (PARTITION BY s.claim ORDER BY s.shared DESC, c.fingerprint) AS rank
                    FROM shared s JOIN claims c ON c.claim_id = s.other
                )
                SELECT claim, other FROM ranked WHERE rank <= \(Self.claimCandidateCap)
                """
            ).rows.map { (try $0.decode("claim", as: Int64.self), try $0.decode("other", as: Int64.self)) }
            var involved = Set(pending)
            for (claim, other) in pairs {
                involved.insert(claim)
                involved.insert(other)
            }
            var groupOf: [Int64: Int64] = [:]
            var signature: [Int64: ClaimSignature] = [:]
            for row in try connection.query(
                """
                SELECT claim_id, canonical_id, array_to_string(tokens, ',') AS tokens,
                       array_to_string(numbers, ',') AS numbers
                FROM claims
                WHERE claim_id = ANY(\(Array(involved))::int8[])
                """
            ).rows {
                let id: Int64 = try row.decode("claim_id")
                groupOf[id] = try row.decode("canonical_id")
                signature[id] = ClaimSignature(
                    tokens: try Self.integers(row["tokens"]).map { UInt64(bitPattern: $0) },
                    numbers: try Self.integers(row["numbers"]).map { UInt64(bitPattern: $0) }
                )
            }
            // Union-find over variant groups: every group a pending claim touches is recomputed, merged or not.
            var parent: [Int64: Int64] = [:]
            func find(_ group: Int64) -> Int64 {
                var root = group
                while let next = parent[root], next != root { root = next }
                parent[group] = root
                return root
            }
            for id in pending { if let group = groupOf[id] { parent[group] = group } }
            for (claim, other) in pairs {
                guard let a = groupOf[claim], let b = groupOf[other], let sa = signature[claim],
                    let sb = signature[other], ClaimMatcher.isSameClaim(sa, sb)
                else { continue }
                parent[a] = parent[a] ?? a
                parent[b] = parent[b] ?? b
                let (ra, rb) = (find(a), find(b))
                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            }
            let groups = parent.keys.sorted()
            guard !groups.isEmpty else { return pending.count }
            let components = groups.map { find($0) }
            // Each component's canonical claim is its earliest member (first_seen, then smallest fingerprint).
            try connection.query(
                """
                UPDATE claims c SET canonical_id = w.canonical
                FROM (
                    SELECT g.old,
                           first_value(m.claim_id) OVER (
                               PARTITION BY g.component ORDER BY m.first_seen, m.fingerprint
                           ) AS canonical
                    FROM unnest(\(groups)::int8[], \(components)::int8[]) AS g(old, component)
                    CROSS JOIN LATERAL (
                        SELECT claim_id, first_seen, fingerprint FROM claims
                        WHERE canonical_id = g.old ORDER BY first_seen, fingerprint LIMIT 1
                    ) m
                ) w
                WHERE c.canonical_id = w.old AND c.canonical_id <> w.canonical
                """
            )
            return pending.count
        }
    }
}

/// The columns of `claim_mentions`, one entry per claim occurrence, for the `unnest` writes.
struct ClaimRows {
    var article: [Int64] = []
    var index: [Int] = []
    var fingerprint: [String] = []
    var kind: [String] = []
    var speakerWritten: [String?] = []
    var speakerResolved: [String?] = []
    var speakerType: [String?] = []
    var role: [String?] = []
    var affiliation: [String?] = []
    var resolution: [String?] = []
    /// 0 when the sighting describes the speaker (role or affiliation): such a sighting names the speaker row.
    var speakerRank: [Int] = []
    var speakerStart: [Int] = []
    var speakerSpanStart: [Int?] = []
    var speakerSpanEnd: [Int?] = []
    var phraseStart: [Int?] = []
    var phraseEnd: [Int?] = []
    var cue: [String?] = []
    var cueStart: [Int?] = []
    var cueEnd: [Int?] = []
    var content: [String] = []
    var contentStart: [Int] = []
    var contentEnd: [Int] = []
    var parts: [String] = []
    var polarity: [String] = []
    var reportingSource: [String?] = []
    var confidence: [Double] = []
    var checkWorthiness: [Double?] = []
    var sentence: [Int] = []
    /// The claim's signature as PostgreSQL array literals (`{...}`), same for every mention of a fingerprint.
    var tokens: [String] = []
    var numbers: [String] = []

    init(_ articles: [StoredArticle]) {
        var signatures: [String: (tokens: String, numbers: String)] = [:]
        for stored in articles {
            for (position, claim) in stored.result.article.claims.enumerated() {
                let signature =
                    signatures[claim.fingerprint]
                    ?? {
                        let text =
                            claim.contentParts.isEmpty
                            ? claim.content.text : claim.contentParts.map(\.text).joined(separator: " ")
                        let signature = ClaimMatcher.signature(text)
                        let value = (Self.literal(signature.tokens), Self.literal(signature.numbers))
                        signatures[claim.fingerprint] = value
                        return value
                    }()
                let speaker = claim.speaker
                article.append(stored.id)
                index.append(position)
                fingerprint.append(claim.fingerprint)
                kind.append(claim.kind.rawValue)
                speakerWritten.append(speaker?.asWritten)
                speakerResolved.append(speaker?.resolved)
                speakerType.append(speaker?.type.rawValue)
                role.append(speaker?.role)
                affiliation.append(speaker?.affiliation)
                resolution.append(speaker?.resolution.rawValue)
                speakerRank.append(speaker?.role != nil || speaker?.affiliation != nil ? 0 : 1)
                speakerStart.append(speaker?.span.start ?? claim.content.span.start)
                speakerSpanStart.append(speaker?.span.start)
                speakerSpanEnd.append(speaker?.span.end)
                phraseStart.append(speaker?.mentionSpan?.start)
                phraseEnd.append(speaker?.mentionSpan?.end)
                cue.append(claim.cue?.text)
                cueStart.append(claim.cue?.span.start)
                cueEnd.append(claim.cue?.span.end)
                content.append(claim.content.text)
                contentStart.append(claim.content.span.start)
                contentEnd.append(claim.content.span.end)
                parts.append(
                    "{" + claim.contentParts.map { "\($0.span.start),\($0.span.end)" }.joined(separator: ",") + "}"
                )
                polarity.append(claim.polarity.rawValue)
                reportingSource.append(claim.reportingSource)
                confidence.append(claim.confidence)
                checkWorthiness.append(claim.checkWorthiness)
                sentence.append(claim.sentenceIndex)
                tokens.append(signature.tokens)
                numbers.append(signature.numbers)
            }
        }
    }

    /// UInt64 hashes as an int8 array literal of their bit patterns, keeping the (unsigned) order.
    static func literal(_ hashes: [UInt64]) -> String {
        PostgresArrayLiteral.integers(hashes.map { Int64(bitPattern: $0) })
    }
}
