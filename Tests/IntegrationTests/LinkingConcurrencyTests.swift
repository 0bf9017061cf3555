import Foundation
import IngestStore
import Postgres
import Testing

@testable import IngestCore

/// No global lock in linking: while one linker holds its transaction open (its locks taken, its merges done), a
/// second linker on another connection links disjoint stories and claim variants and commits. The second one runs
/// with a lock timeout, so waiting on the first (as behind one advisory lock for all of linking) fails the test.
@Suite struct LinkingConcurrencyTests {
    /// Article `n`, its quote reworded by one added word: a variant claim of article `n`'s quote.
    static func rewordedQuote(of n: Int, word: String = "overall") -> ArticleEnvelope {
        let paragraphs = TestEnvironment.paragraphs(n).map {
            $0.replacingOccurrences(of: ",\" said", with: " \(word),\" said")
        }
        return TestEnvironment.envelope(paragraphs.joined(separator: "\n\n"), outlet: "Rewrite Desk \(word)")
    }

    /// A linker run on a thread of its own, for a test to hold another linker's transaction open meanwhile.
    final class BackgroundLinker: @unchecked Sendable {
        // @unchecked: `store` is used by the thread only; the results are read after `join()`, `finished` under
        // `lock`.
        private let store: ResultStore
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var finished = false
        private(set) var linked = 0
        private(set) var error: (any Error)?

        init(_ store: ResultStore) { self.store = store }

        func start() {
            let thread = Thread { [self] in
                defer {
                    lock.withLock { finished = true }
                    done.signal()
                }
                do { linked = try store.linkPendingClaims(limit: 1000) } catch { self.error = error }
            }
            thread.start()
        }

        var isFinished: Bool { lock.withLock { finished } }

        func join() { done.wait() }

        /// Starts the linker and watches its session (`pid`, from `watcher`) for up to 5 s: whether it waits on a
        /// lock before it finishes.
        func startAndSeeItWait(pid: Int64, watcher: PostgresConnection) throws -> Bool {
            start()
            return try TestEnvironment.waitsOnALock(pid: pid, watcher: watcher, finished: { isFinished })
        }
    }

    struct Fixture {
        let first: SeedClaims
        let second: ResultStore

        init(_ label: String, batches: [[ArticleEnvelope]]) throws {
            var first = try SeedClaims(label)
            for envelopes in batches {
                _ = try first.commit(try envelopes.map { try Pipeline().process($0) }, link: false)
            }
            self.first = first
            let connection = try TestEnvironment.connect(first.connection.settings.url)
            try connection.query("SET lock_timeout = '5s'")
            second = ResultStore(connection: connection, logger: TestEnvironment.logger)
        }

        /// A batch of `envelope` alone for `second` to commit, as worker w2 of consumer group `group`.
        func secondBatch(group: String, of envelope: ArticleEnvelope) throws -> BatchWrite {
            let epoch = try #require(
                try second.claim(group: group, topic: "t", partitions: [0], owner: "w2").first
            ).epoch
            return BatchWrite(
                group: group,
                worker: "w2",
                pipelineVersion: Pipeline.defaultVersion,
                advances: [PartitionAdvance(topic: "t", partition: 0, epoch: epoch, expected: nil, next: 1)],
                articles: [
                    ArticleResult(
                        origin: MessageOrigin(topic: "t", partition: 0, offset: 0),
                        article: try Pipeline().process(envelope)
                    )
                ],
                errors: []
            )
        }
    }

    @Test func twoLinkersMergeDisjointStoriesAtTheSameTime() throws {
        let fixture = try Fixture(
            "linkstories",
            batches: [
                [TestEnvironment.article(1), TestEnvironment.trimmedCopy(of: 1)],
                [TestEnvironment.article(2), TestEnvironment.trimmedCopy(of: 2)],
            ]
        )
        var linkedMeanwhile = 0
        let linkedFirst = try fixture.first.store.linkPendingStories(limit: 2) {
            linkedMeanwhile = try fixture.second.linkPendingStories(limit: 100)
        }
        #expect(linkedFirst == 2)
        #expect(linkedMeanwhile == 2)
        let stories = try fixture.first.rows(
            "SELECT story_key, count(*) AS n FROM story_articles GROUP BY story_key ORDER BY story_key"
        )
        #expect(stories.count == 2)
        #expect(try stories.map { try $0.decode("n", as: Int.self) } == [2, 2])
    }

    /// Article `index` quoting `words` (invented ones: no key shared with other tests' claims), first seen `index`
    /// minutes after 10:00.
    static func quoting(_ words: [String], _ index: Int) throws -> ProcessedArticle {
        let text = words.joined(separator: " ")
        return try ClaimVariantOrderTests.article(text.prefix(1).uppercased() + text.dropFirst(), index)
    }

    /// Claims that share no candidate key: both linkers put their claims among their keys' hubs (each key's lock
    /// exclusive), and neither waits on the other.
    @Test func twoLinkersOfClaimsSharingNoKeyDoNotWaitOnEachOther() throws {
        let word = ClaimKeyRowsTests.word
        var first = try SeedClaims("linkclaims")
        let quote = { (n: Int) in (0..<7).map { word(3000 + n * 10 + $0) } }
        _ = try first.commit(
            [try Self.quoting(quote(1), 1), try Self.quoting(quote(1) + [word(3100)], 2)],
            link: false
        )
        let firstPending = Int(try TestEnvironment.scalar(first.connection, "SELECT count(*) FROM claim_link_pending"))
        _ = try first.commit(
            [try Self.quoting(quote(2), 3), try Self.quoting(quote(2) + [word(3101)], 4)],
            link: false
        )
        let connection = try TestEnvironment.connect(first.connection.settings.url)
        try connection.query("SET lock_timeout = '5s'")
        let second = ResultStore(connection: connection, logger: TestEnvironment.logger)
        var linkedMeanwhile = 0
        let linkedFirst = try first.store.linkPendingClaims(limit: firstPending) {
            linkedMeanwhile = try second.linkPendingClaims(limit: 1000)
        }
        #expect(linkedFirst == firstPending)
        #expect(linkedMeanwhile == 2)
        #expect(try TestEnvironment.scalar(first.connection, "SELECT count(*) FROM claim_link_pending") == 0)
        // Each quote and its rewording form one variant group; the two groups stay apart.
        let groups = try first.rows(
            "SELECT count(*) AS n FROM claim_groups GROUP BY canonical_id ORDER BY min(claim_id)"
        )
        #expect(try groups.map { try $0.decode("n", as: Int.self) } == [2, 2])
    }

    /// A batch storing later sightings of claims that a linker holds locked commits without waiting on it. Before,
    /// the batch's claim upsert (ON CONFLICT DO UPDATE) locked every stored claim it saw, in fingerprint order,
    /// while linkers lock in id order: each could hold a row the other waited for (deadlocks in the bench).
    @Test func aBatchWithSightingsOfClaimsBeingLinkedDoesNotWaitOnTheLinker() throws {
        let fixture = try Fixture("linksightings", batches: [[TestEnvironment.article(1), Self.rewordedQuote(of: 1)]])
        let copy = TestEnvironment.trimmedCopy(of: 1)
        let later = ArticleEnvelope(
            key: copy.key,
            outlet: copy.outlet,
            fetchedAt: "2026-03-03T11:00:00.000Z",
            contentType: copy.contentType,
            body: copy.body
        )
        let batch = try fixture.secondBatch(group: "g-later", of: later)
        var outcome: BatchOutcome?
        let linked = try fixture.first.store.linkPendingClaims(limit: 1000) {
            outcome = try fixture.second.commit(batch)
        }
        #expect(linked > 0)
        #expect(outcome == .committed(newArticles: 1, sightings: 1, errors: 0))
        // The copy's claims are the stored ones (no new claim), each with a second mention.
        let mentions = try fixture.first.rows(
            """
            SELECT count(*) AS n FROM claim_mentions m JOIN articles a ON a.article_id = m.article_id
            WHERE a.outlet = 'Copy Desk'
              AND m.claim_id IN (SELECT claim_id FROM claim_mentions GROUP BY claim_id HAVING count(*) > 1)
            """
        )
        #expect(try mentions[0].decode("n", as: Int.self) > 0)
    }

    /// Two linkers whose claims share a common key that already has its hubs (32 earlier claims): both only read
    /// it (its lock shared), so neither waits on the other, and each claim joins the stored claim it rewords.
    @Test func twoLinkersReadingOneKeysHubsDoNotWaitOnEachOther() throws {
        let word = ClaimKeyRowsTests.word
        let common = ClaimVariantOrderTests.common
        let key = try #require(ClaimMatcher.signature(common).tokens.first)
        func keys(_ words: [String]) -> [UInt64] {
            ClaimCandidateKeys.indexed(ClaimMatcher.signature(words.joined(separator: " ")).tokens)
        }
        // Claims of the common word and four invented ones, each with the common word among its keys.
        var stored: [[String]] = []
        var n = 0
        while stored.count < ResultStore.claimHubsPerKey + 4 {
            let words = [common] + (0..<4).map { word(4000 + n * 4 + $0) }
            n += 1
            if keys(words).contains(key) { stored.append(words) }
        }
        // A rewording (one word added) of each of the first two, also keyed by the common word.
        func rewording(of words: [String]) -> [String] {
            (0..<200).lazy.map { words + [word(5000 + $0)] }.first { keys($0).contains(key) }!
        }
        let early = rewording(of: stored[0])
        let late = rewording(of: stored[1])
        var first = try SeedClaims("linkjoin")
        _ = try first.commit(try stored.enumerated().map { try Self.quoting($1, $0) })
        _ = try first.commit([try Self.quoting(early, 100)], link: false)
        _ = try first.commit([try Self.quoting(late, 101)], link: false)
        let connection = try TestEnvironment.connect(first.connection.settings.url)
        try connection.query("SET lock_timeout = '5s'")
        let second = ResultStore(connection: connection, logger: TestEnvironment.logger)
        var linkedMeanwhile = 0
        let linkedFirst = try first.store.linkPendingClaims(limit: 1) {
            linkedMeanwhile = try second.linkPendingClaims(limit: 1000)
        }
        #expect(linkedFirst == 1)
        #expect(linkedMeanwhile == 1)
        // Each rewording is in the group of the claim it rewords.
        let joined = try first.rows(
            """
            SELECT w.content AS rewording, k.content AS canonical
            FROM claims w JOIN claim_groups g USING (claim_id) JOIN claims k ON k.claim_id = g.canonical_id
            WHERE w.first_seen >= '2026-03-03T11:40:00Z'
            ORDER BY w.first_seen
            """
        )
        #expect(
            try joined.map { try $0.decode("canonical", as: String.self).lowercased() } == [
                stored[0].joined(separator: " "), stored[1].joined(separator: " "),
            ]
        )
    }

    /// Two linkers whose claims join the hubs of one key (two rewordings of a claim, its keys new): the second reads
    /// the hubs while the first holds the key's lock, waits for it (exclusive to each), finds the version moved and
    /// reads the hubs again, so it finds the first's claim, and the two wordings form one group. Both bump the
    /// versions of the keys they change, the second after its wait too (a step that read those hubs meanwhile must
    /// see the change).
    @Test func twoLinkersJoiningOneKeysHubsTakeTurns() throws {
        let word = ClaimKeyRowsTests.word
        let quote = (0..<7).map { word(6000 + $0) }
        var first = try SeedClaims("linkturns")
        _ = try first.commit([try Self.quoting(quote + [word(6100)], 1)], link: false)
        _ = try first.commit([try Self.quoting(quote + [word(6101)], 2)], link: false)
        let connection = try TestEnvironment.connect(first.connection.settings.url)
        let secondPID = try TestEnvironment.scalar(connection, "SELECT pg_backend_pid()")
        let watcher = try TestEnvironment.connect(first.connection.settings.url)
        let second = BackgroundLinker(ResultStore(connection: connection, logger: TestEnvironment.logger))
        func keys(_ words: [String]) -> Set<Int64> {
            Set(
                ClaimCandidateKeys.indexed(ClaimMatcher.signature(words.joined(separator: " ")).tokens).map {
                    Int64(bitPattern: $0)
                }
            )
        }
        let shared = keys(quote + [word(6100)]).intersection(keys(quote + [word(6101)])).sorted()
        try #require(!shared.isEmpty)
        let versions: PostgresQuery =
            "SELECT sum(version)::int8 FROM claim_key_heads WHERE token_hash = ANY(\(shared)::int8[])"
        let versionsBefore = try TestEnvironment.scalar(first.connection, versions)
        var waited = false
        _ = try first.store.linkPendingClaims(limit: 1) {
            waited = try second.startAndSeeItWait(pid: secondPID, watcher: watcher)
        }
        second.join()
        #expect(second.error == nil)
        #expect(waited)
        #expect(second.linked == 1)
        #expect(try TestEnvironment.scalar(first.connection, versions) == versionsBefore + 2 * Int64(shared.count))
        let groups = try first.rows("SELECT count(*) AS n FROM claim_groups GROUP BY canonical_id")
        #expect(try groups.map { try $0.decode("n", as: Int.self) } == [2])
    }

    /// A claim queued twice, its two queue rows taken by two linking steps at once. Its keys' hubs are full and it
    /// comes after them, so neither step locks a key: the second writes the claim's key rows while the first's are
    /// uncommitted, waits on them, and fails on claim_keys' primary key when the first commits (key rows are written
    /// without a conflict check, Migrations/0020). It links again, finds the rows written, and commits.
    @Test func twoLinkersOfOneClaimQueuedTwiceBothCommit() throws {
        let word = ClaimKeyRowsTests.word
        func token(_ word: String) -> UInt64 { ClaimMatcher.signature(word).tokens[0] }
        func keys(_ words: [String]) -> [UInt64] {
            ClaimCandidateKeys.indexed(ClaimMatcher.signature(words.joined(separator: " ")).tokens)
        }
        // The two words of lowest key rank among 400: the keys of nearly every claim that carries both.
        let ranked = (0..<400).map { word(9000 + $0) }.sorted {
            ClaimCandidateKeys.rank(token($0)) < ClaimCandidateKeys.rank(token($1))
        }
        let common = Array(ranked.prefix(2))
        let both = common.map(token).sorted()
        var claims: [[String]] = []
        var n = 0
        while claims.count < ResultStore.claimHubsPerKey + 3 {
            let words = common + (0..<3).map { word(9500 + n * 3 + $0) }
            n += 1
            if keys(words) == both { claims.append(words) }
        }
        var first = try SeedClaims("linktwice")
        _ = try first.commit(try claims.dropLast().enumerated().map { try Self.quoting($1, $0) })
        _ = try first.commit([try Self.quoting(claims.last!, 60)], link: false)
        let claim = try TestEnvironment.scalar(first.connection, "SELECT claim_id FROM claim_link_pending")
        try first.connection.query("INSERT INTO claim_link_pending (claim_id) VALUES (\(claim))")

        let connection = try TestEnvironment.connect(first.connection.settings.url)
        try connection.query("SET lock_timeout = '5s'")
        let secondPID = try TestEnvironment.scalar(connection, "SELECT pg_backend_pid()")
        let watcher = try TestEnvironment.connect(first.connection.settings.url)
        let second = BackgroundLinker(ResultStore(connection: connection, logger: TestEnvironment.logger))
        var waited = false
        let linkedFirst = try first.store.linkPendingClaims(limit: 1) {
            waited = try second.startAndSeeItWait(pid: secondPID, watcher: watcher)
        }
        second.join()
        #expect(linkedFirst == 1)
        #expect(waited)
        #expect(second.error == nil, "\(second.error.map { "\($0)" } ?? "")")
        #expect(second.linked == 1)
        #expect(try TestEnvironment.scalar(first.connection, "SELECT count(*) FROM claim_link_pending") == 0)
        #expect(
            try TestEnvironment.scalar(first.connection, "SELECT count(*) FROM claim_keys WHERE claim_id = \(claim)")
                == Int64(both.count)
        )
    }

    /// A batch re-queuing a claim (an earlier sighting) while a linking step holds that claim's queue row. Before,
    /// the batch's queue insert (ON CONFLICT DO NOTHING on the claim's key) waited for the step to commit (here: the
    /// lock timeout, 55P03). Now queue rows conflict with nothing (Migrations/0017): the batch commits while the step
    /// is open, the claim stays queued after the step, and linking it again in the new order makes it the nearest
    /// claim of its rewording.
    @Test func aBatchRequeuingAClaimALinkerHoldsDoesNotWaitOnIt() throws {
        // The rewording at 10:00, then the quote at 11:00: the quote's nearest claim is the rewording.
        let fixture = try Fixture("requeueheld", batches: [[Self.rewordedQuote(of: 4)]])
        var first = fixture.first
        try first.linkAll()
        var quote = TestEnvironment.article(4)
        quote.fetchedAt = "2026-03-03T11:00:00.000Z"
        _ = try first.commit([try Pipeline().process(quote)])
        // A resend at 10:30 moves the quote's earliest sighting, still after the rewording: queued again, unlinked.
        var resend = TestEnvironment.article(4, outlet: "Resend Desk")
        resend.fetchedAt = "2026-03-03T10:30:00.000Z"
        _ = try first.commit([try Pipeline().process(resend)], link: false)
        let quoteClaim = try first.rows(
            "SELECT claim_id FROM claims WHERE content LIKE 'We expect%' AND content NOT LIKE '%overall%'"
        )[0].decode("claim_id", as: Int64.self)
        let queued: PostgresQuery = "SELECT count(*) FROM claim_link_pending WHERE claim_id = \(quoteClaim)"
        try #require(try TestEnvironment.scalar(first.connection, queued) == 1)
        // While a step holds the quote's row (changing no claim, so locking none), another worker's batch brings a
        // sighting at 09:00, before the rewording's.
        var earliest = TestEnvironment.article(4, outlet: "Early Desk")
        earliest.fetchedAt = "2026-03-03T09:00:00.000Z"
        let batch = try fixture.secondBatch(group: "g-requeue", of: earliest)
        var outcome: Result<BatchOutcome, any Error>?
        let linked = try first.store.linkPendingClaims(limit: 1000) {
            outcome = Result { try fixture.second.commit(batch) }
        }
        #expect(linked == 1)
        #expect(try outcome?.get() == .committed(newArticles: 0, sightings: 1, errors: 0))
        #expect(try TestEnvironment.scalar(first.connection, queued) == 1)
        try first.linkAll()
        #expect(try TestEnvironment.scalar(first.connection, "SELECT count(*) FROM claim_link_pending") == 0)
        // One group, led by the quote (now the earliest).
        let groups = try first.rows(
            """
            SELECT count(*) AS n, bool_and(g.canonical_id = \(quoteClaim)) AS quote_leads
            FROM claims c JOIN claim_groups g USING (claim_id)
            WHERE c.content LIKE 'We expect%' GROUP BY g.canonical_id
            """
        )
        #expect(try groups.map { try $0.decode("n", as: Int.self) } == [2])
        #expect(groups.first?["quote_leads"] == "t")
    }

    /// A batch storing a new article that carries a claim whose nearest claim a linking step is moving. Before, the
    /// claims insert (ON CONFLICT on the claim's fingerprint) waited for the step, which holds the claim's updated
    /// row until it commits (here: the lock timeout, 55P03); now the batch reads its stored claims first and inserts
    /// only new ones.
    @Test func aBatchSightingAClaimALinkerIsUpdatingDoesNotWaitOnIt() throws {
        // The quote at 10:00, its rewording at 11:00: the step makes the quote the rewording's nearest claim.
        var reworded = Self.rewordedQuote(of: 5)
        reworded.fetchedAt = "2026-03-03T11:00:00.000Z"
        let fixture = try Fixture("sightupdated", batches: [[TestEnvironment.article(5), reworded]])
        // Another outlet's article with the rewording (the last paragraph dropped), at 12:00.
        let paragraphs = TestEnvironment.paragraphs(5).map {
            $0.replacingOccurrences(of: ",\" said", with: " overall,\" said")
        }
        var copy = TestEnvironment.envelope(paragraphs.dropLast().joined(separator: "\n\n"), outlet: "Copy Desk")
        copy.fetchedAt = "2026-03-03T12:00:00.000Z"
        let batch = try fixture.secondBatch(group: "g-sighting", of: copy)
        var outcome: Result<BatchOutcome, any Error>?
        let linked = try fixture.first.store.linkPendingClaims(limit: 1000) {
            outcome = Result { try fixture.second.commit(batch) }
        }
        #expect(linked > 0)
        #expect(try outcome?.get() == .committed(newArticles: 1, sightings: 1, errors: 0))
        // The rewording is mentioned twice, and the quote leads its group.
        let rewording = try fixture.first.rows(
            """
            SELECT count(*) AS mentions, min(g.canonical_id) = min(q.claim_id) AS quote_leads
            FROM claims c JOIN claim_mentions m USING (claim_id) JOIN claim_groups g USING (claim_id)
            CROSS JOIN (SELECT claim_id FROM claims WHERE content LIKE 'We expect%' AND content NOT LIKE '%overall%') q
            WHERE c.content LIKE 'We expect%overall%'
            """
        )
        #expect(try rewording.first?.decode("mentions", as: Int.self) == 2)
        #expect(rewording.first?["quote_leads"] == "t")
    }

    /// Article `n` with its quote said by `speaker`, fetched at `fetchedAt`.
    static func quote(of n: Int, by speaker: String, fetchedAt: String) -> ArticleEnvelope {
        var paragraphs = TestEnvironment.paragraphs(n)
        let quote = paragraphs[1]
        let said = quote.range(of: ",\" said ")!
        let citing = quote.range(of: ", citing")!
        paragraphs[1] = String(quote[..<said.upperBound]) + speaker + String(quote[citing.lowerBound...])
        var envelope = TestEnvironment.envelope(paragraphs.joined(separator: "\n\n"), outlet: "Speaker Desk")
        envelope.fetchedAt = fetchedAt
        return envelope
    }

    /// Both one-article batches committed, Amina Osei's profile shows the 09:00 sighting, and `quotedArticles` quote
    /// her.
    static func expectBothCommitted(
        _ outcome: BatchOutcome,
        _ meanwhile: BatchOutcome?,
        in seed: SeedClaims,
        quotedArticles: Int
    ) throws {
        #expect(outcome == .committed(newArticles: 1, sightings: 1, errors: 0))
        #expect(meanwhile == .committed(newArticles: 1, sightings: 1, errors: 0))
        let speakers = try seed.rows(
            "SELECT first_seen = '2026-03-03T09:00:00Z' AS earliest FROM speaker_profiles WHERE speaker = 'Amina Osei'"
        )
        #expect(speakers.map { $0["earliest"] } == ["t"])
        let articles = try seed.rows("SELECT DISTINCT article FROM quotes_by_speaker WHERE speaker = 'Amina Osei'")
        #expect(articles.count == quotedArticles)
    }

    /// Two batches naming one new speaker. Before, the first inserted the speaker's row inside its transaction, and
    /// the second waited on that row until the first committed (here: the lock timeout, while the first waits for
    /// the second). Now the row is committed before the batch transaction: the second batch, holding the earlier
    /// sighting, commits while the first is open, and the row ends with the earliest sighting.
    @Test func batchesNamingOneNewSpeakerDoNotWaitOnEachOther() throws {
        let fixture = try Fixture("newspeaker", batches: [])
        let first = fixture.first
        let late = Self.quote(of: 5, by: "Amina Osei", fetchedAt: "2026-03-03T11:00:00.000Z")
        let early = Self.quote(of: 6, by: "Amina Osei", fetchedAt: "2026-03-03T09:00:00.000Z")
        let lateBatch = first.batch([try Pipeline().process(late)])
        let earlyBatch = try fixture.secondBatch(group: "g-early", of: early)
        var meanwhile: BatchOutcome?
        let outcome = try first.store.commit(lateBatch) {
            meanwhile = try fixture.second.commit(earlyBatch)
        }
        try Self.expectBothCommitted(outcome, meanwhile, in: first, quotedArticles: 2)
    }

    /// Amina Osei quoted by a stored article (number `n`, at `stored`); then, while a batch quoting her (`n + 1`, at
    /// `open`) holds its transaction open, a second worker's batch quoting her (`n + 2`, at `meanwhile`) commits.
    static func commitWhileAnotherIsOpen(
        _ label: String,
        _ n: Int,
        stored: String,
        open: String,
        meanwhile: String
    ) throws {
        let fixture = try Fixture(label, batches: [[Self.quote(of: n, by: "Amina Osei", fetchedAt: stored)]])
        let first = fixture.first
        let opened = first.batch([try Pipeline().process(Self.quote(of: n + 1, by: "Amina Osei", fetchedAt: open))])
        let second = try fixture.secondBatch(
            group: "g-\(label)",
            of: Self.quote(of: n + 2, by: "Amina Osei", fetchedAt: meanwhile)
        )
        var outcome: BatchOutcome?
        let openOutcome = try first.store.commit(opened) { outcome = try fixture.second.commit(second) }
        try Self.expectBothCommitted(openOutcome, outcome, in: first, quotedArticles: 3)
    }

    /// A batch naming a stored speaker while another batch, still open, holds an earlier sighting of that speaker.
    /// Before, the speakers insert (ON CONFLICT DO NOTHING) of the second batch waited on the first's updated row
    /// (here: the lock timeout); since step 9 it skips stored speakers before the unique index.
    @Test func aBatchNamingASpeakerAnOpenBatchUpdatedDoesNotWaitOnIt() throws {
        try Self.commitWhileAnotherIsOpen(
            "updatedspeaker",
            7,
            stored: "2026-03-03T11:00:00.000Z",
            open: "2026-03-03T09:00:00.000Z",
            meanwhile: "2026-03-03T12:00:00.000Z"
        )
    }

    /// Two batches each holding an earlier sighting of one stored speaker. Before, each locked the speaker's row
    /// (FOR NO KEY UPDATE) to take its sighting, so the second waited on the first until it committed (here: the
    /// lock timeout, 55P03). Now speaker rows are never updated: the second commits while the first is open, and
    /// the profile shows the earliest sighting.
    @Test func batchesWithEarlierSightingsOfAStoredSpeakerDoNotWaitOnEachOther() throws {
        try Self.commitWhileAnotherIsOpen(
            "earlierspeaker",
            10,
            stored: "2026-03-03T12:00:00.000Z",
            open: "2026-03-03T10:00:00.000Z",
            meanwhile: "2026-03-03T09:00:00.000Z"
        )
    }
}
