import Foundation
import IngestCore
import IngestStore
import Postgres
import Testing

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

    @Test func twoLinkersMergeDisjointVariantGroupsAtTheSameTime() throws {
        let fixture = try Fixture(
            "linkclaims",
            batches: [[TestEnvironment.article(1), Self.rewordedQuote(of: 1)]]
        )
        let firstPending = Int(
            try TestEnvironment.scalar(fixture.first.connection, "SELECT count(*) FROM claim_link_pending")
        )
        var first = fixture.first
        _ = try first.commit(
            try [TestEnvironment.article(2), Self.rewordedQuote(of: 2)].map { try Pipeline().process($0) },
            link: false
        )
        var linkedMeanwhile = 0
        let linkedFirst = try first.store.linkPendingClaims(limit: firstPending) {
            linkedMeanwhile = try fixture.second.linkPendingClaims(limit: 1000)
        }
        #expect(linkedFirst == firstPending)
        #expect(linkedMeanwhile > 0)
        #expect(try TestEnvironment.scalar(first.connection, "SELECT count(*) FROM claim_link_pending") == 0)
        // Each article's quote and its rewording form one variant group; the two groups stay apart.
        let quotes = try first.rows(
            """
            SELECT g.canonical_id, count(*) AS n FROM claims c JOIN claim_groups g USING (claim_id)
            WHERE c.content LIKE 'We expect%' GROUP BY g.canonical_id ORDER BY g.canonical_id
            """
        )
        #expect(try quotes.map { try $0.decode("n", as: Int.self) } == [2, 2])
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

    /// Two linkers whose pending claims are variants of one stored claim. Before, both locked that claim's group
    /// (its canonical row), so the second waited for the first to commit and then read the group again. Now each
    /// locks only the claims whose nearest claim it changes: while the first holds its transaction open (having
    /// made an early rewording the stored claim's nearest claim), a later rewording is stored and the second
    /// links it (with a lock timeout, so waiting on the first fails), and the three wordings form one group.
    @Test func twoLinkersJoiningOneStoredClaimDoNotWaitOnEachOther() throws {
        let fixture = try Fixture("linkjoin", batches: [[TestEnvironment.article(3)]])
        var first = fixture.first
        while try first.store.linkPendingClaims(limit: 100) > 0 {}
        var early = Self.rewordedQuote(of: 3)
        early.fetchedAt = "2026-03-03T09:00:00.000Z"
        _ = try first.commit([try Pipeline().process(early)], link: false)
        var late = Self.rewordedQuote(of: 3, word: "clearly")
        late.fetchedAt = "2026-03-03T11:00:00.000Z"
        let batch = try fixture.secondBatch(group: "g-late", of: late)
        var linkedMeanwhile = 0
        let linkedFirst = try fixture.first.store.linkPendingClaims(limit: 1000) {
            _ = try fixture.second.commit(batch)
            linkedMeanwhile = try fixture.second.linkPendingClaims(limit: 1000)
        }
        #expect(linkedFirst > 0)
        #expect(linkedMeanwhile > 0)
        // The three wordings form one group, whose canonical claim is the earliest: the early rewording.
        let groups = try fixture.first.rows(
            """
            SELECT count(*) AS n, bool_and(k.first_seen = '2026-03-03T09:00:00Z') AS earliest
            FROM claims c JOIN claim_groups g USING (claim_id) JOIN claims k ON k.claim_id = g.canonical_id
            WHERE c.content LIKE 'We expect%' GROUP BY g.canonical_id
            """
        )
        #expect(try groups.map { try $0.decode("n", as: Int.self) } == [3])
        #expect(groups.first?["earliest"] == "t")
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
