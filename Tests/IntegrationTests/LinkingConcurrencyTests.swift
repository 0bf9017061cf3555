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
    static func rewordedQuote(of n: Int) -> ArticleEnvelope {
        let paragraphs = TestEnvironment.paragraphs(n).map {
            $0.replacingOccurrences(of: ",\" said", with: " overall,\" said")
        }
        return TestEnvironment.envelope(paragraphs.joined(separator: "\n\n"), outlet: "Rewrite Desk")
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
            SELECT canonical_id, count(*) AS n FROM claims WHERE content LIKE 'We expect%'
            GROUP BY canonical_id ORDER BY canonical_id
            """
        )
        #expect(try quotes.map { try $0.decode("n", as: Int.self) } == [2, 2])
    }
}
