import IngestCore
import IngestStore
import Postgres
import Testing

/// The claim tables' references are kept per statement (Migrations/0013_claim_rows_without_row_checks.sql): no
/// referential check per written row, and deletes still cascade or fail as the foreign keys made them.
@Suite(.serialized) struct ClaimReferenceTests {
    /// Each foreign key on these tables cost a referential query and a row lock per written row (about 95 per
    /// article); the batch writes them from rows it has just inserted or joined.
    @Test func claimRowsAreWrittenWithoutPerRowReferenceChecks() throws {
        let db = try SeedClaims("claimrefs")
        let perRow = try TestEnvironment.scalar(
            db.connection,
            """
            SELECT count(*) FROM pg_constraint
            WHERE contype = 'f'
              AND conrelid IN ('claim_mentions'::regclass, 'claims'::regclass, 'speakers'::regclass,
                               'claim_link_pending'::regclass)
            """
        )
        #expect(perRow == 0)
    }

    /// Deleting articles deletes their mentions, as ON DELETE CASCADE did.
    @Test func deletingAnArticleDeletesItsMentions() throws {
        var db = try SeedClaims("claimrefdelete")
        _ = try db.commit(Array(try SeedClaims.seeds().prefix(2)))
        let article = try db.rows("SELECT min(article_id) AS id FROM claim_mentions")[0].decode("id", as: Int64.self)
        let mentions: PostgresQuery = "SELECT count(*) FROM claim_mentions WHERE article_id = \(article)"
        let before = try TestEnvironment.scalar(db.connection, mentions)
        let total = try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM claim_mentions")
        try #require(before > 0 && total > before)
        try db.connection.transaction {
            try db.connection.query("DELETE FROM article_sightings WHERE article_id = \(article)")
            try db.connection.query("DELETE FROM articles WHERE article_id = \(article)")
        }
        #expect(try TestEnvironment.scalar(db.connection, mentions) == 0)
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM claim_mentions") == total - before)
    }

    /// A claim or speaker a stored row names cannot be deleted (23503, as NO ACTION keys refused it); a claim no
    /// mention names can, and takes its queue row with it.
    @Test func namedClaimsAndSpeakersAreNotDeleted() throws {
        var db = try SeedClaims("claimrefkeep")
        _ = try db.commit(Array(try SeedClaims.seeds().prefix(2)), link: false)
        let claim = try db.rows("SELECT min(claim_id) AS id FROM claim_mentions")[0].decode("id", as: Int64.self)
        let speaker = try db.rows("SELECT min(speaker_id) AS id FROM claims")[0].decode("id", as: Int64.self)
        let refused: (any Error) -> Bool = { ($0 as? PostgresError)?.sqlState == "23503" }
        #expect(
            performing: { try db.connection.query("DELETE FROM claims WHERE claim_id = \(claim)") },
            throws: refused
        )
        #expect(
            performing: { try db.connection.query("DELETE FROM speakers WHERE speaker_id = \(speaker)") },
            throws: refused
        )
        #expect(
            performing: {
                try db.connection.query("DELETE FROM pipeline_versions WHERE version = \(Pipeline.defaultVersion)")
            },
            throws: refused
        )
        #expect(try TestEnvironment.scalar(db.connection, "SELECT count(*) FROM claims WHERE claim_id = \(claim)") == 1)

        let pending: PostgresQuery = "SELECT count(*) FROM claim_link_pending WHERE claim_id = \(claim)"
        try #require(try TestEnvironment.scalar(db.connection, pending) == 1)
        try db.connection.transaction {
            try db.connection.query("DELETE FROM claim_mentions WHERE claim_id = \(claim)")
            try db.connection.query("DELETE FROM claims WHERE claim_id = \(claim)")
        }
        #expect(try TestEnvironment.scalar(db.connection, pending) == 0)
    }
}
