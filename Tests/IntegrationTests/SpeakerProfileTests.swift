import Foundation
import IngestCore
import IngestStore
import Postgres
import Testing

/// A speaker's description (`speaker_profiles`, Migrations/0015) is derived where it is read from the mentions: its
/// earliest sighting that gives a role or affiliation, else its earliest sighting, whatever order the articles
/// arrived in and however they were batched.
@Suite struct SpeakerProfileTests {
    /// Amina Osei quoted three times: first without a role (09:00), then as Prime Minister (10:00), then as Finance
    /// Minister (11:00).
    static func sightings() throws -> [ProcessedArticle] {
        try [
            LinkingConcurrencyTests.quote(of: 21, by: "Amina Osei", fetchedAt: "2026-03-03T09:00:00.000Z"),
            LinkingConcurrencyTests.quote(
                of: 22,
                by: "Prime Minister Amina Osei",
                fetchedAt: "2026-03-03T10:00:00.000Z"
            ),
            LinkingConcurrencyTests.quote(
                of: 23,
                by: "Finance Minister Amina Osei",
                fetchedAt: "2026-03-03T11:00:00.000Z"
            ),
        ].map { try Pipeline().process($0) }
    }

    static func profile(_ db: SeedClaims) throws -> [String?] {
        let rows = try db.rows(
            """
            SELECT speaker_type, role, affiliation, first_seen = '2026-03-03T10:00:00Z' AS at_ten, article, outlet
            FROM speaker_profiles WHERE speaker = 'Amina Osei'
            """
        )
        try #require(rows.count == 1)
        return ["speaker_type", "role", "affiliation", "at_ten", "article", "outlet"].map { rows[0][$0] }
    }

    @Test func theEarliestDescribingSightingWinsInEveryArrivalOrder() throws {
        let articles = try Self.sightings()
        #expect(
            articles.map { $0.claims.first { $0.speaker?.resolved == "Amina Osei" }?.speaker?.role } == [
                nil, "Prime Minister", "Finance Minister",
            ]
        )
        var profiles: [[String?]] = []
        var checksums: [String?] = []
        for (label, batches) in [
            ("profileforward", articles.map { [$0] }),
            ("profilebackward", articles.reversed().map { [$0] }),
            ("profilemiddle", [[articles[1]], [articles[2], articles[0]]]),
            ("profileone", [articles]),
        ] {
            var db = try SeedClaims(label)
            for batch in batches { _ = try db.commit(batch, link: false) }
            profiles.append(try Self.profile(db))
            checksums.append(try db.store.viewChecksums()["speaker_profiles"])
        }
        let expected: [String?] = [
            "person", "Prime Minister", nil, "t", articles[1].fingerprints.contentHash, "Speaker Desk",
        ]
        #expect(profiles == Array(repeating: expected, count: 4))
        #expect(Set(checksums).count == 1)
    }

    /// An article resent with an earlier time moves its first sighting, and with it the speaker's description: no
    /// speaker row holds a copy to refresh.
    @Test func aResendWithAnEarlierTimeMovesTheDescription() throws {
        let articles = try Self.sightings()
        var db = try SeedClaims("profileresend")
        _ = try db.commit(articles, link: false)
        #expect(try Self.profile(db)[1] == "Prime Minister")
        var resent = articles[2].envelope
        resent.fetchedAt = "2026-03-03T08:00:00.000Z"
        #expect(
            try db.commit([try Pipeline().process(resent)], link: false)
                == .committed(newArticles: 0, sightings: 1, errors: 0)
        )
        let profile = try Self.profile(db)
        #expect(profile[1] == "Finance Minister")
        #expect(profile[4] == articles[2].fingerprints.contentHash)
    }

    @Test func analystsReadTheProfilesButNotTheSpeakersTable() throws {
        var db = try SeedClaims("profilereader")
        _ = try db.commit(try Self.sightings(), link: false)
        try db.connection.query("SET ROLE newsingest_reader")
        defer { _ = try? db.connection.query("RESET ROLE") }
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM speaker_profiles") == 1)
        #expect(throws: PostgresError.self) { try db.connection.query("SELECT count(*) FROM speakers") }
    }
}
