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
        let suffix = UInt32.random(in: 0...UInt32.max)
        // Role names are built from digits only; CREATE ROLE takes no parameters.
        try connection.execute(
            script: """
                CREATE ROLE analyst_\(suffix) LOGIN IN ROLE newsingest_reader;
                CREATE ROLE worker_\(suffix) LOGIN IN ROLE newsingest_writer;
                """
        )
        defer {
            try? connection.execute(
                script:
                    "DROP OWNED BY analyst_\(suffix), worker_\(suffix); DROP ROLE analyst_\(suffix), worker_\(suffix)"
            )
        }
        let analyst = try TestEnvironment.connect(url + " user=analyst_\(suffix)")
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
        let worker = try TestEnvironment.connect(url + " user=worker_\(suffix)")
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
}
