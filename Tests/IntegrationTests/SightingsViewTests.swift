import Foundation
import IngestCore
import IngestStore
import Postgres
import Testing

/// The public `sightings` view: from a Kafka message (or its URL or key) to the stored article, its story, and
/// what it is a copy of.
@Suite struct SightingsViewTests {
    static func envelope(_ body: String, outlet: String, url: String, fetchedAt: String) -> ArticleEnvelope {
        ArticleEnvelope(
            key: ArticleEnvelope.stableKey(outlet: outlet, url: url, body: body),
            outlet: outlet,
            url: url,
            fetchedAt: fetchedAt,
            contentType: .text,
            body: body
        )
    }

    @Test func findsTheStoryAndTheOriginalOfEachMessage() throws {
        let url = try TestEnvironment.freshDatabase("sightingsview")
        let writer = try DedupWriter(url: url, partition: 0)
        let connection = writer.store.connection
        let original = TestEnvironment.paragraphs(7).joined(separator: "\n\n")
        let trimmed = TestEnvironment.paragraphs(7).dropLast().joined(separator: "\n\n")
        let other = TestEnvironment.paragraphs(8).joined(separator: "\n\n")
        let pipeline = Pipeline()
        let messages = try [
            Self.envelope(original, outlet: "Wire", url: "https://wire.test/a", fetchedAt: "2026-03-03T09:00:00.000Z"),
            Self.envelope(trimmed, outlet: "Copy Desk", url: "https://copy.test/a", fetchedAt: "2026-03-03T10:00:00Z"),
            Self.envelope(other, outlet: "Wire", url: "https://wire.test/b", fetchedAt: "2026-03-03T11:00:00.000Z"),
            // The original again, resent later: a second sighting of the same article.
            Self.envelope(original, outlet: "Wire", url: "https://wire.test/a", fetchedAt: "2026-03-04T09:00:00.000Z"),
        ].map { try pipeline.process($0) }
        #expect(try writer.commit(messages) == .committed(newArticles: 3, sightings: 4, errors: 0))

        // Stored but not linked yet.
        #expect(
            try TestEnvironment.scalar(
                connection,
                "SELECT count(*) FROM sightings WHERE NOT linked AND relation = 'earliest'"
            ) == 4
        )
        try writer.linkAll()

        let rows = try connection.query(
            """
            SELECT topic, partition, "offset", message_key, outlet, url, relation, story_key, story_articles,
                   earliest_outlet, earliest_url, article_id, content_hash, fetched_at
            FROM sightings ORDER BY "offset"
            """
        ).rows
        #expect(rows.count == 4)
        #expect(rows.map { $0["offset"] } == ["0", "1", "2", "3"])
        #expect(rows.allSatisfy { $0["topic"] == "t" && $0["partition"] == "0" })
        #expect(rows.map { $0["message_key"] } == messages.map(\.envelope.key))
        #expect(rows.map { $0["relation"] } == ["earliest", "near-duplicate", "earliest", "earliest"])
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM sightings WHERE linked") == 4)
        // The copy names what it is a copy of; the resend is the same article as the first message.
        #expect(rows[1]["earliest_url"] == "https://wire.test/a")
        #expect(rows[1]["earliest_outlet"] == "Wire")
        #expect(rows[1]["story_key"] == rows[0]["story_key"])
        #expect(rows[1]["story_articles"] == "2")
        #expect(rows[2]["story_key"] != rows[0]["story_key"])
        #expect(rows[2]["story_articles"] == "1")
        #expect(rows[3]["article_id"] == rows[0]["article_id"])
        #expect(rows[3]["fetched_at"] != rows[0]["fetched_at"])
        #expect(rows[0]["content_hash"] == messages[0].fingerprints.contentHash)

        // The cookbook's lookup by URL.
        let byURL = try connection.query(
            "SELECT relation, earliest_outlet FROM sightings WHERE url = \("https://copy.test/a")"
        ).rows
        #expect(byURL.map { [$0["relation"], $0["earliest_outlet"]] } == [["near-duplicate", "Wire"]])

        let granted = try connection.query(
            "SELECT has_table_privilege('newsingest_reader', 'sightings', 'SELECT') AS ok"
        )
        .rows[0]
        #expect(try granted.decode("ok", as: Bool.self))
    }
}
