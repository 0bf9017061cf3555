import Foundation
import IngestControl
import IngestCore
import IngestStore
import Postgres
import Testing

/// The five seed articles stored through the real batch commit and the linking phase.
struct SeedClaims {
    /// One processed seed per file, outlet `outlet-000` ... `outlet-004`, fetched an hour apart in file order.
    static func seeds() throws -> [ProcessedArticle] {
        let directory = TestEnvironment.packageRoot.appendingPathComponent("../shared/fixtures/seeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        try #require(files.count == 5)
        return try files.enumerated().map { index, file in
            let body = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let outlet = "outlet-" + file.prefix(3)
            let envelope = ArticleEnvelope(
                key: ArticleEnvelope.stableKey(outlet: outlet, url: nil, body: body),
                outlet: outlet,
                fetchedAt: "2023-07-27T0\(index):00:00.000Z",
                contentType: .text,
                body: body
            )
            return try Pipeline().process(envelope)
        }
    }

    let store: ResultStore
    let group: String
    var next: Int64 = 0
    var epoch: Int64 = 0

    /// A store on a fresh database of the shared test server, or on `database`, writing as consumer `group`.
    init(_ label: String, database: String? = nil, group: String = "g-claims") throws {
        self.group = group
        store = ResultStore(
            connection: try TestEnvironment.connect(try database ?? TestEnvironment.freshDatabase(label)),
            logger: TestEnvironment.logger
        )
        try store.register(pipelineVersion: Pipeline.defaultVersion)
        epoch = try #require(try store.claim(group: group, topic: "t", partitions: [0], owner: "w").first).epoch
    }

    /// Commits `articles` as one batch at the next offsets; links pending claims afterwards when `link` is set.
    mutating func commit(_ articles: [ProcessedArticle], link: Bool = true) throws -> BatchOutcome {
        let outcome = try store.commit(batch(articles))
        next += Int64(articles.count)
        if link { try linkAll() }
        return outcome
    }

    /// `articles` as one batch at the next offsets, not committed.
    func batch(_ articles: [ProcessedArticle]) -> BatchWrite {
        let results = articles.enumerated().map { index, article in
            ArticleResult(
                origin: MessageOrigin(topic: "t", partition: 0, offset: next + Int64(index)),
                article: article
            )
        }
        return BatchWrite(
            group: group,
            worker: "w",
            pipelineVersion: Pipeline.defaultVersion,
            advances: [
                PartitionAdvance(
                    topic: "t",
                    partition: 0,
                    epoch: epoch,
                    expected: next == 0 ? nil : next,
                    next: next + Int64(articles.count)
                )
            ],
            articles: results,
            errors: []
        )
    }

    func linkAll() throws {
        while try store.linkPendingClaims(limit: 7) == 7 {}
    }

    var connection: PostgresConnection { store.connection }

    func rows(_ query: PostgresQuery) throws -> [PostgresRow] { try connection.query(query).rows }

    /// A text array column (`{a,b}`) as Swift strings; outlet names here contain no commas or quotes.
    static func array(_ text: String?) -> [String] {
        guard let text, text.count > 2 else { return [] }
        return text.dropFirst().dropLast().split(separator: ",").map(String.init)
    }
}

@Suite(.serialized) struct ClaimStoreTests {
    @Test func seedClaimsAreStoredWithCorroborationSpeakersAndVariants() throws {
        let seeds = try SeedClaims.seeds()
        var db = try SeedClaims("claimseeds")
        #expect(try db.commit(seeds) == .committed(newArticles: 5, sightings: 5, errors: 0))

        // Every extracted claim is stored as a mention, unattributed statements included.
        let extracted = seeds.reduce(0) { $0 + $1.claims.count }
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM claim_mentions") == Int64(extracted))
        let factual = seeds.reduce(0) { $0 + $1.claims.filter { $0.kind == .unattributedFactual }.count }
        #expect(factual > 0)
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                """
                SELECT count(*) FROM claim_mentions
                WHERE kind = 'unattributed-factual' AND check_worthiness IS NOT NULL
                """
            ) == Int64(factual)
        )
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM claim_link_pending") == 0)

        // The Panda quote: one claim, carried by seeds 002 and 003.
        let panda = try db.rows(
            "SELECT claim, outlets, outlet_count, speaker FROM claim_corroboration WHERE content LIKE '%come a long way%'"
        )
        try #require(panda.count == 1)
        #expect(SeedClaims.array(panda[0]["outlets"]) == ["outlet-002", "outlet-003"])
        #expect(panda[0]["outlet_count"] == "2")
        #expect(panda[0]["speaker"] == "Ankit Panda")

        // `ingestctl status`'s totals read each view once and count what the views show.
        let totals = Dictionary(uniqueKeysWithValues: try db.store.totals())
        let corroboration = try db.rows(
            "SELECT count(*) AS n, count(*) FILTER (WHERE outlet_count >= 2) AS carried FROM claim_corroboration"
        )[0]
        #expect(totals["claims"].map(String.init) == corroboration["n"])
        #expect(totals["claims carried by 2+ outlets"].map(String.init) == corroboration["carried"])
        #expect((totals["claims carried by 2+ outlets"] ?? 0) >= 1)
        #expect(
            totals["stories"]
                == (try TestEnvironment.scalar(
                    db.connection,
                    "SELECT count(DISTINCT story_key) FROM story_articles"
                ))
        )

        // Speakers, resolved across outlets.
        let speakers = Set(
            try db.rows("SELECT DISTINCT speaker FROM quotes_by_speaker").map {
                try $0.decode("speaker", as: String.self)
            }
        )
        #expect(speakers.isSuperset(of: ["John Kirby", "Ankit Panda", "Vedant Patel"]))
        let patel = try db.rows("SELECT role, outlet FROM quotes_by_speaker WHERE speaker = 'Vedant Patel'")
        #expect(!patel.isEmpty && patel.allSatisfy { $0["outlet"] == "outlet-003" })

        // The Shoigu "first by a Russian defence minister" statement, a fact-checkable one, in several outlets.
        let shoigu = try db.rows(
            """
            SELECT outlet_count, kind, check_worthiness FROM claim_corroboration
            WHERE content ILIKE '%first%by a Russian defence minister%' ORDER BY outlet_count DESC
            """
        )
        let top = try #require(shoigu.first)
        #expect(try top.decode("outlet_count", as: Int.self) >= 2)
        #expect(top["kind"] == "unattributed-factual")
        #expect(try top.decode("check_worthiness", as: Double.self) > 0)

        // Kirby's "no secret" quote: "the DPRK" (001) vs "[North Korea]" (002) are two wordings of one claim, and
        // the canonical wording is the one seen first (001).
        let kirby = try db.rows(
            """
            SELECT claim, wording, content, outlets, wording_count, wording_differs, is_canonical FROM quote_variants
            WHERE content LIKE '%no secret%' ORDER BY wording
            """
        )
        #expect(kirby.count >= 2)
        #expect(Set(kirby.map { $0["claim"] }).count == 1)
        #expect(kirby.allSatisfy { $0["wording_differs"] == "t" && (Int($0["wording_count"] ?? "") ?? 0) >= 2 })
        let canonical = try #require(kirby.first { $0["is_canonical"] == "t" })
        #expect(canonical["content"]?.contains("DPRK") == true)
        #expect(SeedClaims.array(canonical["outlets"]) == ["outlet-001"])
        #expect(kirby.contains { $0["content"]?.contains("[North Korea]") == true && $0["is_canonical"] == "f" })
        // Corroboration counts outlets across the variants.
        let kirbyOutlets = try db.rows(
            "SELECT outlets, variant_count FROM claim_corroboration WHERE claim = \(try #require(canonical["claim"]))"
        )
        let kirbyCarriers = SeedClaims.array(kirbyOutlets.first?["outlets"])
        #expect(kirbyCarriers.starts(with: ["outlet-001", "outlet-002"]))
        #expect((Int(kirbyOutlets.first?["variant_count"] ?? "") ?? 0) >= 2)

        // Without stories from dedup, every article is its own story, keyed by its content hash.
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                """
                SELECT count(*) FROM claims_by_story s
                WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.content_hash = s.story_key)
                """
            ) == 0
        )
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                "SELECT count(*) FROM claims_by_story WHERE content LIKE '%come a long way%' AND outlet_count = 1"
            ) == 2
        )
    }

    @Test func analystsReadTheClaimViewsButNotTheTables() throws {
        var db = try SeedClaims("claimreader")
        _ = try db.commit(try SeedClaims.seeds())
        try db.connection.query("SET ROLE newsingest_reader")
        for view in ["claim_corroboration", "claims_by_story", "quotes_by_speaker", "quote_variants"] {
            #expect(
                try TestEnvironment.scalar(db.connection, PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(view)")) > 0
            )
        }
        #expect(throws: PostgresError.self) { try db.connection.query("SELECT count(*) FROM claim_mentions") }
        try db.connection.query("RESET ROLE")
    }

    /// claim_mentions stores offsets only (0008); claim_mentions_current slices the content, the speaker as
    /// written and the cue out of the stored text, and they must be exactly the pipeline's, with the claim's
    /// fingerprint.
    @Test func offsetsSliceTheStoredTextBackToTheStoredParts() throws {
        var db = try SeedClaims("claimoffsets")
        let seeds = try SeedClaims.seeds()
        _ = try db.commit(seeds)
        var expected: [String: [String?]] = [:]
        for article in seeds {
            for (index, claim) in article.claims.enumerated() {
                expected["\(article.fingerprints.contentHash)/\(index)"] = [
                    claim.content.text, claim.speaker?.asWritten, claim.cue?.text, claim.fingerprint,
                ]
            }
        }
        #expect(expected.count > 50)
        var stored: [String: [String?]] = [:]
        for row in try db.rows(
            """
            SELECT content_hash, mention_index, content, speaker_as_written, cue, fingerprint
            FROM claim_mentions_current
            """
        ) {
            let key =
                "\(try row.decode("content_hash", as: String.self))/\(try row.decode("mention_index", as: Int.self))"
            stored[key] = [row["content"], row["speaker_as_written"], row["cue"], row["fingerprint"]]
        }
        #expect(stored == expected)
        // Not vacuous: many mentions carry a speaker and a cue.
        #expect(expected.values.filter { $0[1] != nil }.count > 20)
        #expect(expected.values.filter { $0[2] != nil }.count > 20)
        // Curly quotes and dashes are one code point each: the seeds have them, so byte offsets would fail here.
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                "SELECT count(*) FROM articles WHERE length(text) <> octet_length(text)"
            ) > 0
        )
    }

    @Test func replayingTheSameMessagesChangesNoView() throws {
        let seeds = try SeedClaims.seeds()
        var db = try SeedClaims("claimreplay")
        _ = try db.commit(seeds)
        let before = try db.store.viewChecksums()
        #expect(before["claim_corroboration"]?.hasPrefix("0:") == false)
        // Replay: positions back to the start, a new owner reclaims the partition and stores the same messages.
        try db.store.setPositions(group: db.group, topic: "t", positions: [0: nil])
        db.epoch = try #require(try db.store.claim(group: db.group, topic: "t", partitions: [0], owner: "w2").first)
            .epoch
        db.next = 0
        #expect(try db.commit(seeds) == .committed(newArticles: 0, sightings: 0, errors: 0))
        #expect(try db.store.viewChecksums() == before)
        // Re-queuing every claim and linking again changes nothing either.
        try db.connection.query("INSERT INTO claim_link_pending (claim_id) SELECT claim_id FROM claims")
        try db.linkAll()
        #expect(try db.store.viewChecksums() == before)
    }

    /// A claim queued twice (re-queued while a step held it: Migrations/0017) is linked once for both rows, and
    /// quarantining it takes both rows, so a claim that fails is set aside once, not again at its next row.
    @Test func aClaimQueuedTwiceIsLinkedOnceAndQuarantinedWhole() throws {
        var db = try SeedClaims("claimtwice")
        _ = try db.commit(Array(try SeedClaims.seeds().prefix(1)))
        let claims: [Int64] = try db.rows("SELECT claim_id FROM claims ORDER BY claim_id LIMIT 2").map {
            try $0.decode("claim_id")
        }
        try #require(claims.count == 2)
        try db.connection.query(
            "INSERT INTO claim_link_pending (claim_id) SELECT unnest(\(claims + claims)::int8[]) ORDER BY 1"
        )
        #expect(try db.store.linkPendingClaims(limit: 2) == 2)
        let pending: PostgresQuery = "SELECT claim_id FROM claim_link_pending"
        #expect(try db.rows(pending).map { try $0.decode("claim_id", as: Int64.self) } == [claims[1], claims[1]])
        #expect(try LinkingBacklog.read(db.connection).claims == 1)
        #expect(try db.store.quarantineNextPending(.claims, error: "a test") == claims[1])
        #expect(try db.rows(pending).isEmpty)
        let quarantined = try db.rows("SELECT queue, id FROM link_quarantine")
        #expect(quarantined.map { [$0["queue"], $0["id"]] } == [["claim_link_pending", "\(claims[1])"]])
    }

    @Test func variantLinkingDoesNotDependOnArrivalOrder() throws {
        let seeds = try SeedClaims.seeds()
        // One article per batch in file order, linking after each; reversed, linking only at the end.
        var forward = try SeedClaims("claimforward")
        for seed in seeds { _ = try forward.commit([seed]) }
        var backward = try SeedClaims("claimbackward")
        for seed in seeds.reversed() { _ = try backward.commit([seed], link: false) }
        try backward.linkAll()
        let a = try forward.store.viewChecksums()
        let b = try backward.store.viewChecksums()
        for view in ["claim_corroboration", "quote_variants", "quotes_by_speaker", "claims_by_story"] {
            #expect(a[view] != nil && a[view]?.hasPrefix("0:") == false)
            #expect(a[view] == b[view], "\(view) differs between arrival orders")
        }
        // Surrogate ids differ between the two databases, the groups do not.
        let groups = """
            SELECT string_agg(f, ';' ORDER BY f) AS g FROM (
                SELECT k.fingerprint || ':' || string_agg(c.fingerprint, ',' ORDER BY c.fingerprint) AS f
                FROM claims c JOIN claim_groups g USING (claim_id) JOIN claims k ON k.claim_id = g.canonical_id
                GROUP BY k.fingerprint
            ) x
            """
        #expect(
            try forward.rows(PostgresQuery(unsafeSQL: groups))[0]["g"]
                == backward.rows(PostgresQuery(unsafeSQL: groups))[0]["g"]
        )
        // Variants were linked at all (the checksums would also agree if nothing were).
        #expect(
            try TestEnvironment.scalar(
                backward.connection,
                "SELECT count(*) FROM claim_groups WHERE canonical_id <> claim_id"
            ) > 0
        )
    }

    /// The variant index holds each claim's candidate keys only (a few tokens, ClaimCandidateKeys), not every token,
    /// and the Kirby wordings are still linked through them.
    @Test func theVariantIndexHoldsCandidateKeysOnly() throws {
        var db = try SeedClaims("claimkeys")
        _ = try db.commit(try SeedClaims.seeds())
        var expected = 0
        var everyToken = 0
        for row in try db.rows(
            "SELECT array_to_string(ARRAY(SELECT packed_int8s(tokens)), ',') AS tokens FROM claims"
        ) {
            let tokens = (row["tokens"] ?? "").split(separator: ",").compactMap { Int64($0) }
                .map { UInt64(bitPattern: $0) }
            expected += ClaimCandidateKeys.indexed(tokens.sorted()).count
            everyToken += tokens.count >= ClaimMatcher.minimumSharedTokens ? tokens.count : 0
        }
        let stored = try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM claim_keys")
        #expect(stored == Int64(expected))
        #expect(expected > 0 && expected * 2 < everyToken)
        // Every stored row is one of its claim's candidate keys.
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                """
                SELECT count(*) FROM claim_keys t JOIN claim_key_heads h USING (key_id)
                JOIN claims c ON c.claim_id = t.claim_id
                WHERE NOT h.token_hash IN (SELECT packed_int8s(c.tokens)) OR h.pipeline_version <> c.pipeline_version
                """
            ) == 0
        )
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                "SELECT count(*) FROM claim_groups WHERE canonical_id <> claim_id"
            ) > 0
        )
    }

    /// A resend with an earlier time moves its article's first sighting earlier; the claims it holds the earliest
    /// sighting of must follow, or corroboration would report a later first sighting than the articles show.
    @Test func claimsFollowAnEarlierFirstSighting() throws {
        let seeds = try SeedClaims.seeds()
        var db = try SeedClaims("claimearlier")
        _ = try db.commit(Array(seeds.prefix(2)))
        // Seed 001 again, from another outlet, seen four hours before the stored copy.
        var envelope = seeds[1].envelope
        envelope.outlet = "early-outlet"
        envelope.fetchedAt = "2023-07-26T21:00:00.000Z"
        _ = try db.commit([try Pipeline().process(envelope)])
        let firstSeen = """
            SELECT count(*) FROM claims c
            JOIN claim_mentions m ON m.claim_id = c.claim_id
            JOIN articles a ON a.article_id = m.article_id
            WHERE a.outlet = 'early-outlet' AND c.first_seen = '2023-07-26T21:00:00Z'::timestamptz
            """
        let unique = """
            SELECT count(DISTINCT m.claim_id) FROM claim_mentions m JOIN articles a ON a.article_id = m.article_id
            WHERE a.outlet = 'early-outlet'
              AND NOT EXISTS (
                  SELECT 1 FROM claim_mentions o WHERE o.claim_id = m.claim_id AND o.article_id <> m.article_id
              )
            """
        // Every claim only this article carries now starts at the earlier time; shared ones too, since it is the
        // earliest article of all.
        #expect(try TestEnvironment.scalar(db.connection, PostgresQuery(unsafeSQL: unique)) > 0)
        #expect(
            try TestEnvironment.scalar(db.connection, PostgresQuery(unsafeSQL: firstSeen))
                == TestEnvironment.scalar(
                    db.connection,
                    """
                    SELECT count(*) FROM claim_mentions m JOIN articles a ON a.article_id = m.article_id
                    WHERE a.outlet = 'early-outlet'
                    """
                )
        )
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                """
                SELECT count(*) FROM claim_corroboration
                WHERE first_seen = '2023-07-26T21:00:00Z'::timestamptz AND first_outlet = 'early-outlet'
                """
            ) > 0
        )
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM claim_link_pending") == 0)
    }

    /// An earlier sighting at the same time (a smaller content hash: one producer run gives every article one fetch
    /// time) takes over a stored claim's description without queueing it for linking again, since its place among
    /// variant groups, (first_seen, fingerprint), stays; one at an earlier time queues it again.
    @Test func aTieBrokenEarlierSightingIsNotLinkedAgain() throws {
        var seeds = try SeedClaims.seeds()
        for index in seeds.indices {
            seeds[index].envelope.fetchedAt = "2023-07-27T05:00:00.000Z"
            seeds[index] = try Pipeline().process(seeds[index].envelope)
        }
        // Largest content hash first, so every later seed holds the earlier sighting of the claims it shares.
        seeds.sort { $0.fingerprints.contentHash > $1.fingerprints.contentHash }
        var db = try SeedClaims("claimtiequeue")
        var tookOver: Int64 = 0
        for seed in seeds {
            let before = try TestEnvironment.scalar(db.connection, "SELECT coalesce(max(claim_id), 0) FROM claims")
            _ = try db.commit([seed], link: false)
            let hash = seed.fingerprints.contentHash
            tookOver += try TestEnvironment.scalar(
                db.connection,
                "SELECT count(*) FROM claims WHERE claim_id <= \(before) AND first_article = \(hash)"
            )
            #expect(
                try TestEnvironment.scalar(
                    db.connection,
                    "SELECT count(*) FROM claim_link_pending WHERE claim_id <= \(before)"
                ) == 0
            )
            try db.linkAll()
        }
        try #require(tookOver > 0)

        // The first seed with a line added (another article), from another outlet an hour earlier: the claims it
        // shares have their first_seen moved, so they are queued.
        var resend = seeds[0].envelope
        resend.outlet = "early-desk"
        resend.body += "\n\nThis story was updated overnight."
        resend.key = ArticleEnvelope.stableKey(outlet: resend.outlet, url: nil, body: resend.body)
        resend.fetchedAt = "2023-07-27T04:00:00.000Z"
        _ = try db.commit([try Pipeline().process(resend)], link: false)
        let moved = try TestEnvironment.scalar(
            db.connection,
            "SELECT count(*) FROM claims WHERE first_seen = '2023-07-27T04:00:00Z'::timestamptz"
        )
        #expect(moved > 0)
        let queued: PostgresQuery = "SELECT count(DISTINCT claim_id) FROM claim_link_pending"
        #expect(try TestEnvironment.scalar(db.connection, queued) == moved)
    }

    /// The batch picks each claim's earliest sighting among its own articles (by first_seen, then content_hash, then
    /// position) whatever their order in the batch, and against the stored claims: every claim's description is its
    /// earliest mention's, and every mention names its claim and speaker.
    @Test func claimsTakeTheirEarliestSightingWithinABatch() throws {
        var seeds = try SeedClaims.seeds()
        // Ties on first_seen (broken by content_hash) and times against batch order; 003 and 004 stored first, later.
        for (index, hour) in ["01", "01", "02", "05", "06"].enumerated() {
            seeds[index].envelope.fetchedAt = "2023-07-27T\(hour):00:00.000Z"
            seeds[index] = try Pipeline().process(seeds[index].envelope)
        }
        var db = try SeedClaims("claimearliestbatch")
        _ = try db.commit([seeds[4], seeds[3]])
        _ = try db.commit([seeds[0], seeds[2], seeds[1]])
        // A claim shared by articles of both batches whose earliest sighting is in the second: the stored claim
        // took it.
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                """
                SELECT count(*) FROM claims c
                WHERE c.first_seen = '2023-07-27T01:00:00Z'::timestamptz
                  AND EXISTS (
                      SELECT 1 FROM claim_mentions_current m WHERE m.claim_id = c.claim_id
                        AND m.first_seen = '2023-07-27T05:00:00Z'::timestamptz
                  )
                """
            ) > 0
        )
        // Claims sighted in both tied articles: the one with the smaller content hash describes them.
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                """
                SELECT count(*) FROM claims c
                WHERE (SELECT count(DISTINCT m.article_id) FROM claim_mentions_current m
                       WHERE m.claim_id = c.claim_id AND m.first_seen = '2023-07-27T01:00:00Z'::timestamptz) = 2
                """
            ) > 0
        )
        let differing = """
            WITH e AS (
                SELECT DISTINCT ON (m.claim_id) m.claim_id, m.first_seen, m.content_hash, m.content_start, m.content,
                       m.kind, m.speaker_id, m.polarity
                FROM claim_mentions_current m
                ORDER BY m.claim_id, m.first_seen, m.content_hash, m.content_start, m.content, m.kind,
                         m.speaker_resolved
            )
            SELECT count(*) FROM claims c JOIN e ON e.claim_id = c.claim_id
            WHERE (c.first_seen, c.first_article, c.first_start, c.content, c.kind, c.polarity)
                      IS DISTINCT FROM (e.first_seen, e.content_hash, e.content_start, e.content, e.kind, e.polarity)
               OR c.speaker_id IS DISTINCT FROM e.speaker_id
            """
        #expect(try TestEnvironment.scalar(db.connection, PostgresQuery(unsafeSQL: differing)) == 0)
        let extracted = seeds.reduce(0) { $0 + $1.claims.count }
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                """
                SELECT count(*) FROM claim_mentions_current m JOIN claims c ON c.claim_id = m.claim_id
                LEFT JOIN speakers s ON s.speaker_id = m.speaker_id
                WHERE c.fingerprint = m.fingerprint
                  AND (m.speaker_resolved IS NULL) = (m.speaker_id IS NULL)
                  AND m.speaker_resolved IS NOT DISTINCT FROM s.name
                """
            ) == Int64(extracted)
        )
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM claim_link_pending") == 0)
    }

    @Test func sharedClaimsBetweenTwoArticlesAreAnIndexedLookup() throws {
        var db = try SeedClaims("claimshared")
        _ = try db.commit(try SeedClaims.seeds())
        let ids = try db.rows("SELECT article_id, outlet FROM articles ORDER BY outlet").map {
            try $0.decode("article_id", as: Int64.self)
        }
        try #require(ids.count == 5)
        let shared = try TestEnvironment.scalar(
            db.connection,
            """
            SELECT count(DISTINCT m1.claim_id) FROM claim_mentions m1
            JOIN claim_mentions m2 ON m2.claim_id = m1.claim_id
            WHERE m1.article_id = \(ids[2]) AND m2.article_id = \(ids[3])
            """
        )
        #expect(shared >= 1)  // the Panda quote at least
        let plan = try db.rows(
            """
            EXPLAIN SELECT count(DISTINCT m1.claim_id) FROM claim_mentions m1
            JOIN claim_mentions m2 ON m2.claim_id = m1.claim_id
            WHERE m1.article_id = 1 AND m2.article_id = 2
            """
        ).compactMap { $0.values.first ?? nil }.joined(separator: "\n")
        // Tiny tables may be scanned sequentially; with scans off the indexes must serve the query.
        try db.connection.query("SET enable_seqscan = off")
        let indexed = try db.rows(
            """
            EXPLAIN SELECT count(DISTINCT m1.claim_id) FROM claim_mentions m1
            JOIN claim_mentions m2 ON m2.claim_id = m1.claim_id
            WHERE m1.article_id = 1 AND m2.article_id = 2
            """
        ).compactMap { $0.values.first ?? nil }.joined(separator: "\n")
        #expect(!plan.isEmpty)
        #expect(!indexed.contains("Seq Scan"))
    }
}

/// `ingestctl analyze --format json` prints ``AnalysisRecord/jsonLine()``: claims must be there with their offsets.
@Suite struct ClaimAnalysisJSONTests {
    @Test func analyzeJSONCarriesClaimsWithCodePointOffsets() throws {
        for seed in try SeedClaims.seeds() {
            let line = AnalysisRecord(source: seed.envelope.outlet, result: seed).jsonLine()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let result = try #require(object["result"] as? [String: Any])
            let text = Array(try #require((result["parsed"] as? [String: Any])?["text"] as? String).unicodeScalars)
            let claims = try #require(result["claims"] as? [[String: Any]])
            #expect(claims.count == seed.claims.count && !claims.isEmpty)
            func slice(_ segment: Any?) throws -> (String, String) {
                let segment = try #require(segment as? [String: Any])
                let span = try #require(segment["span"] as? [String: Int])
                let start = try #require(span["start"])
                let end = try #require(span["end"])
                var sliced = String.UnicodeScalarView()
                sliced.append(contentsOf: text[start..<end])
                return (String(sliced), try #require(segment["text"] as? String))
            }
            for claim in claims {
                let (content, expected) = try slice(claim["content"])
                #expect(content == expected)
                #expect((claim["fingerprint"] as? String)?.count == 32)
                if let speaker = claim["speaker"] as? [String: Any] {
                    let (name, written) = try slice([
                        "span": speaker["span"] as Any, "text": speaker["asWritten"] as Any,
                    ])
                    #expect(name == written)
                }
            }
        }
    }
}
