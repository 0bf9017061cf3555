import IngestCore
import IngestStore
import Postgres
import Testing

/// The story candidate key tables are unlogged (Migrations/0022): a crash of PostgreSQL empties them, and story
/// linking rebuilds them from article_minhash before it reads postings, so nothing stored before the crash is
/// missing from later candidate searches.
@Suite(.serialized) struct DedupKeyRebuildTests {
    /// Each key table's row count and digest, leaving out one article's rows.
    static func keys(_ connection: PostgresConnection, except article: Int64 = 0) throws -> [String] {
        let queries: [PostgresQuery] = [
            """
            SELECT count(*)::text || ' ' || coalesce(md5(string_agg(band_key || ':' || article_id, ','
                ORDER BY band_key, article_id)), '') AS d
            FROM lsh_band WHERE article_id <> \(article)
            """,
            """
            SELECT count(*)::text || ' ' || coalesce(md5(string_agg(sentence_hash || ':' || article_id, ','
                ORDER BY sentence_hash, article_id)), '') AS d
            FROM sentence_index WHERE article_id <> \(article)
            """,
        ]
        return try queries.map { try connection.query($0).rows[0].decode("d", as: String.self) }
    }

    static let stories: PostgresQuery = "SELECT count(DISTINCT story_id) FROM story_articles"

    @Test func keysEmptiedByACrashAreRebuiltBeforeAnyPostingsAreRead() throws {
        let postgres = try PrivatePostgres()
        let database = try postgres.database("keyrebuild")
        var before = try SeedClaims("keyrebuild", database: database)
        _ = try before.commit(
            [try Pipeline().process(TestEnvironment.article(1)), try Pipeline().process(TestEnvironment.article(2))],
            link: false
        )
        while try before.store.linkPendingStories(limit: 100) > 0 {}
        let stored = try Self.keys(before.connection)
        #expect(!stored[0].hasPrefix("0 ") && !stored[1].hasPrefix("0 "))
        #expect(try TestEnvironment.scalar(before.connection, Self.stories) == 2)

        // An immediate stop is a crash: recovery resets every unlogged table to empty.
        postgres.stop()
        try postgres.start()
        var after = try SeedClaims("keyrebuild", database: database, group: "g-after-crash")
        #expect(try Self.keys(after.connection) == ["0 ", "0 "])
        #expect(try TestEnvironment.scalar(after.connection, "SELECT count(*) FROM dedup_keys_intact") == 0)

        // A copy of article 1 committed before any linking step: its batch writes its own key rows into the emptied
        // tables, and the step that links it first rebuilds them (its rows included, without a duplicate).
        _ = try after.commit([try Pipeline().process(TestEnvironment.trimmedCopy(of: 1))], link: false)
        let copy = try TestEnvironment.scalar(after.connection, "SELECT max(article_id) FROM articles")
        while try after.store.linkPendingStories(limit: 100) > 0 {}
        #expect(try Self.keys(after.connection, except: copy) == stored)
        #expect(try TestEnvironment.scalar(after.connection, "SELECT count(*) FROM dedup_keys_intact") == 1)
        // Found through the rebuilt postings: the copy joins article 1's story.
        #expect(
            try TestEnvironment.scalar(
                after.connection,
                "SELECT count(*) FROM duplicate_edges WHERE article_b = \(copy) AND same_story"
            ) == 1
        )
        #expect(try TestEnvironment.scalar(after.connection, Self.stories) == 2)
    }

    /// With its row in place nothing is rebuilt: the key rows linking reads are the ones the batch wrote.
    @Test func intactKeysAreLeftAlone() throws {
        var db = try SeedClaims("keyrebuildintact")
        _ = try db.commit([try Pipeline().process(TestEnvironment.article(3))], link: false)
        // The transactions that wrote the rows: a rebuild would write them again in the linking step's.
        let writers: PostgresQuery = """
            SELECT count(DISTINCT x) FROM (
                SELECT xmin::text AS x FROM lsh_band UNION ALL SELECT xmin::text FROM sentence_index
            ) w
            """
        let written = try TestEnvironment.scalar(db.connection, "SELECT max(xmin::text::int8) FROM lsh_band")
        #expect(try TestEnvironment.scalar(db.connection, writers) == 1)
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM dedup_keys_intact") == 1)
        while try db.store.linkPendingStories(limit: 100) > 0 {}
        #expect(try TestEnvironment.scalar(db.connection, writers) == 1)
        #expect(try TestEnvironment.scalar(db.connection, "SELECT max(xmin::text::int8) FROM lsh_band") == written)
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                """
                SELECT count(*) FROM pg_class
                WHERE relname IN ('lsh_band', 'sentence_index', 'dedup_keys_intact') AND relpersistence = 'u'
                """
            ) == 3
        )
    }
}
