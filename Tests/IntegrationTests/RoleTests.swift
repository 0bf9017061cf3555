import Foundation
import IngestCore
import IngestStore
import Postgres
import Testing

@Suite struct RoleTests {
    /// Analysts get the public views and nothing else; workers can write results but not change the schema.
    @Test func readerSeesOnlyViewsAndWriterCannotAlterTheSchema() throws {
        let url = try TestEnvironment.freshDatabase("roles")
        let connection = try TestEnvironment.connect(url)
        let roles = try LoginRoles(connection)
        defer { roles.drop() }
        let analyst = try TestEnvironment.connect(url + " user=\(roles.analyst)")
        for view in ResultStore.publicViews.map(\.name) {
            let rows = try analyst.query(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(view)")).rows
            #expect(rows.count == 1, "reader can query \(view)")
        }
        for table in ["articles", "article_sightings", "ingest_errors", "consumer_offsets", "schema_migrations"] {
            #expect(throws: PostgresError.self, "reader must not read \(table)") {
                try analyst.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
            }
        }
        #expect {
            try analyst.query("SELECT count(*) FROM articles")
        } throws: { error in
            (error as? PostgresError)?.sqlState == "42501"
        }

        // The batch transaction stages rows in temporary tables: workers get TEMP from the migration, not PUBLIC.
        let database = try #require(try connection.query("SELECT current_database() AS d").rows.first?["d"])
        try connection.execute(script: "REVOKE TEMPORARY ON DATABASE \"\(database)\" FROM PUBLIC")
        let worker = try TestEnvironment.connect(url + " user=\(roles.worker)")
        let store = ResultStore(connection: worker, logger: TestEnvironment.logger)
        try store.register(pipelineVersion: "v-roles")
        let claim = try #require(try store.claim(group: "g", topic: "t", partitions: [0], owner: "w").first)
        let outcome = try store.commit(
            BatchWrite(
                group: "g",
                worker: "w",
                pipelineVersion: "v-roles",
                advances: [PartitionAdvance(topic: "t", partition: 0, epoch: claim.epoch, expected: nil, next: 1)],
                articles: [
                    ArticleResult(
                        origin: MessageOrigin(topic: "t", partition: 0, offset: 0),
                        article: try Pipeline().process(TestEnvironment.article(1))
                    )
                ],
                errors: []
            )
        )
        #expect(outcome == .committed(newArticles: 1, sightings: 1, errors: 0))
        #expect(try store.linkPendingStories() == 1)
        #expect(try store.linkPendingClaims() > 0)
        #expect(throws: PostgresError.self) { try worker.execute(script: "DROP TABLE articles") }
        #expect(throws: PostgresError.self) { try worker.execute(script: "CREATE TABLE sneaky (id int)") }
    }

    /// current_pipeline_version() runs as its owner with pg_temp searched last, so a reader's temporary table
    /// cannot stand in for pipeline_versions; and workers cannot rewrite the migration history or delete the rows
    /// the accounting rests on.
    @Test func readersCannotSpoofTheVersionAndWritersCannotRewriteHistory() throws {
        let url = try TestEnvironment.freshDatabase("spoof")
        let connection = try TestEnvironment.connect(url)
        let store = ResultStore(connection: connection, logger: TestEnvironment.logger)
        try store.register(pipelineVersion: "real")
        let roles = try LoginRoles(connection)
        defer { roles.drop() }
        let analyst = try TestEnvironment.connect(url + " user=\(roles.analyst)")
        try analyst.execute(
            script: """
                CREATE TEMP TABLE pipeline_versions (version text, is_current boolean);
                INSERT INTO pipeline_versions VALUES ('spoofed', true);
                """
        )
        let seen = try analyst.query("SELECT current_pipeline_version() AS v").rows.first?["v"]
        #expect(seen == "real")

        let worker = try TestEnvironment.connect(url + " user=\(roles.worker)")
        #expect(try worker.query("SELECT count(*) AS n FROM schema_migrations").rows.count == 1)
        for statement in [
            "UPDATE schema_migrations SET checksum = 'x'",
            "DELETE FROM schema_migrations",
            "INSERT INTO schema_migrations (version, name, checksum, duration_ms) VALUES (99, 'x', 'x', 0)",
            "DELETE FROM article_sightings",
            "DELETE FROM ingest_errors",
            "DELETE FROM consumer_offsets",
            "DELETE FROM articles",
        ] {
            #expect {
                try worker.query(PostgresQuery(unsafeSQL: statement))
            } throws: { error in
                (error as? PostgresError)?.sqlState == "42501"
            }
        }
    }
}
