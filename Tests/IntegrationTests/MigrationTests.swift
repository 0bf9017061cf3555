import Foundation
import IngestCore
import IngestStore
import Postgres
import Testing

@Suite struct MigrationTests {
    /// A fresh database migrated up to just before the migration named `…suffix`, with every migration and that one.
    static func databaseBefore(
        _ suffix: String,
        label: String
    ) throws -> (
        migrations: [Migration], target: Migration, url: String, connection: PostgresConnection
    ) {
        let migrations = try Migration.load(from: TestEnvironment.packageRoot.appendingPathComponent("Migrations"))
        let target = try #require(migrations.first { $0.name.hasSuffix(suffix) })
        let url = try TestEnvironment.freshDatabase(label, through: target.version - 1)
        return (migrations, target, url, try TestEnvironment.connect(url))
    }

    /// Two wordings of one claim (the same claim by ClaimMatcher), with a figure and a hash past Int64.max.
    static let earlierWording = ClaimMatcher.signature(
        "The harbour will reopen on Monday with 12 berths after the storm"
    )
    static let laterWording = ClaimMatcher.signature(
        "The harbour will reopen Monday with 12 berths after the storm passes"
    )

    /// Stores the later wording as claim 1 at 10:02 and the earlier one as claim 2 at 10:01, each its own nearest
    /// claim, in a database of pipeline version 'v' at migration 0018 or later (packed signatures).
    static func storeTwoWordings(_ connection: PostgresConnection) throws {
        for (id, signature, minute) in [(1, laterWording, 2), (2, earlierWording, 1)] as [(Int64, ClaimSignature, Int)]
        {
            try connection.query(
                """
                INSERT INTO claims (claim_id, nearest_id, pipeline_version, fingerprint, content, kind, polarity,
                                    first_seen, first_article, first_start, tokens, numbers)
                VALUES (\(id), \(id), 'v', \("f\(id)"), 'c', 'direct', 'neutral',
                        timestamptz '2026-03-03 10:00:00+00' + \(minute) * interval '1 minute', 'h', 0,
                        (SELECT string_agg(int8send(k), ''::bytea ORDER BY o)
                         FROM unnest(\(signature.tokens.map { Int64(bitPattern: $0) })::int8[]) WITH ORDINALITY u(k, o)),
                        coalesce((SELECT string_agg(int8send(k), ''::bytea ORDER BY o)
                         FROM unnest(\(signature.numbers.map { Int64(bitPattern: $0) })::int8[]) WITH ORDINALITY u(k, o)),
                         ''::bytea))
                """
            )
        }
    }

    @Test func secondRunDoesNothingAndEditsAreRefused() throws {
        let url = try TestEnvironment.freshDatabase("migrate")
        let connection = try TestEnvironment.connect(url)
        let migrator = Migrator(connection: connection, logger: TestEnvironment.logger)
        let migrations = try Migration.load(from: TestEnvironment.packageRoot.appendingPathComponent("Migrations"))

        let again = try migrator.migrate(migrations)
        #expect(again.applied.isEmpty)
        #expect(again.alreadyApplied == migrations.count)
        let recorded = try TestEnvironment.scalar(connection, "SELECT count(*) FROM schema_migrations")
        #expect(recorded == Int64(migrations.count))
        let checksum = try #require(
            try connection.query("SELECT checksum FROM schema_migrations WHERE version = 1").rows.first?["checksum"]
        )
        #expect(checksum == migrations[0].checksum)

        var edited = migrations
        edited[0].sql += "\n-- edited after it was applied\n"
        #expect {
            try migrator.migrate(edited)
        } throws: { error in
            (error as? PostgresError)?.message.contains("has changed since it was applied") == true
        }
        #expect(throws: PostgresError.self) { try migrator.migrate(Array(migrations.dropFirst())) }
    }

    @Test func failingMigrationRollsBackAlone() throws {
        let url = try TestEnvironment.freshDatabase("migratefail")
        let connection = try TestEnvironment.connect(url)
        let migrator = Migrator(connection: connection, logger: TestEnvironment.logger)
        var migrations = try Migration.load(from: TestEnvironment.packageRoot.appendingPathComponent("Migrations"))
        let next = (migrations.last?.version ?? 0) + 1
        migrations.append(Migration(version: next, name: "\(next)_good", sql: "CREATE TABLE extra_good (id int);"))
        migrations.append(
            Migration(version: next + 1, name: "\(next + 1)_bad", sql: "CREATE TABLE extra_bad (id int); SELECT 1/0;")
        )
        #expect {
            try migrator.migrate(migrations)
        } throws: { error in
            (error as? PostgresError)?.sqlState == "22012"
        }
        #expect(
            try TestEnvironment.scalar(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'extra_good'") == 1
        )
        #expect(
            try TestEnvironment.scalar(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'extra_bad'") == 0
        )
        #expect(try TestEnvironment.scalar(connection, "SELECT max(version) FROM schema_migrations") == Int64(next))
    }

    /// Migration 0014: the key tables that linking reads by index only are vacuumed after a fixed number of inserted
    /// rows, not after a fifth of the table, so the rows their index-only scans must check in the heap stay few as
    /// the tables grow.
    @Test func keyTablesAreVacuumedAfterAFixedNumberOfInserts() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("keyvacuum"))
        var options: [String: [String]] = [:]
        for row in try connection.query(
            """
            SELECT relname, array_to_string(reloptions, ',') AS options FROM pg_class
            WHERE relkind = 'r' AND relname = ANY(\(["lsh_band", "sentence_index", "claim_keys"])::text[])
            """
        ).rows {
            options[try row.decode("relname")] = (row["options"] ?? "").split(separator: ",").map(String.init)
        }
        for table in ["lsh_band", "sentence_index", "claim_keys"] {
            let set = options[table] ?? []
            #expect(set.contains("autovacuum_vacuum_insert_scale_factor=0"), "\(table): \(set)")
            let threshold = set.first { $0.hasPrefix("autovacuum_vacuum_insert_threshold=") }
            #expect(threshold.flatMap { Int($0.split(separator: "=")[1]) }.map { $0 > 0 && $0 <= 50_000 } == true)
        }
    }

    /// Migration 0016 on stored rows: fingerprints stored as integer arrays read back, after it, as the same values
    /// (negative signature values as their UInt32 bit patterns, the extremes of Int64, empty lists), and deleting the
    /// article still removes its index rows.
    @Test func fingerprintArraysBecomePackedBytesUnchanged() throws {
        let (migrations, _, url, connection) = try Self.databaseBefore(
            "_fingerprints_as_packed_bytes",
            label: "packedprints"
        )
        let signature: [Int32] = [0, 1, -1, .min, .max, 123_456_789]
        let bands: [Int64] = [.min, -2, 0, .max - 1]
        let hashes: [Int64] = [.max, -1]
        let anchors: [Int64] = [1, .min, -3, 4]
        try connection.query("INSERT INTO pipeline_versions (version, is_current) VALUES ('v', true)")
        let id: Int64 = try TestEnvironment.scalar(
            connection,
            """
            INSERT INTO articles (content_hash, article_key, outlet, content_type, language, text, first_seen,
                                  pipeline_version)
            VALUES ('h', 'k', 'o', 'text/plain', 'en', 'body', now(), 'v') RETURNING article_id
            """
        )
        try connection.query(
            """
            INSERT INTO article_minhash (article_id, signature, token_hash, band_keys, sentence_hashes,
                                         sentence_anchors, quote_keys)
            VALUES (\(id), \(signature.map(Int64.init))::int4[], 7, \(bands)::int8[], \(hashes)::int8[],
                    \(anchors)::int8[], '{}')
            """
        )
        try connection.query("INSERT INTO lsh_band (band_key, article_id) SELECT unnest(\(bands)::int8[]), \(id)")
        try connection.query(
            "INSERT INTO sentence_index (sentence_hash, article_id) SELECT unnest(\(anchors)::int8[]), \(id)"
        )
        _ = try Migrator(connection: connection, logger: TestEnvironment.logger).migrate(migrations)

        let store = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        let read = try #require(try store.dedupFingerprints([id])[id])
        #expect(read.version == "v")
        #expect(read.fingerprints.minhash == signature.map { UInt32(bitPattern: $0) })
        #expect(read.fingerprints.tokenHash == 7)
        #expect(read.fingerprints.bandKeys == bands)
        #expect(read.fingerprints.sentenceHashes == hashes)
        #expect(read.fingerprints.sentenceAnchors == anchors)
        #expect(read.fingerprints.quoteKeys.isEmpty)
        let indexRows: PostgresQuery = """
            SELECT (SELECT count(*) FROM lsh_band WHERE article_id = \(id))
                 + (SELECT count(*) FROM sentence_index WHERE article_id = \(id))
            """
        #expect(try TestEnvironment.scalar(connection, indexRows) == Int64(bands.count + anchors.count))
        try connection.query("DELETE FROM articles WHERE article_id = \(id)")
        #expect(try TestEnvironment.scalar(connection, indexRows) == 0)
    }

    /// Migration 0018 on stored claims: signatures stored as integer arrays read back, after it, as the same values
    /// (hashes past Int64.max as negative bit patterns, an empty list), linking judges the stored claims on them, and
    /// deleting a claim still removes its index rows.
    @Test func claimSignaturesBecomePackedBytesUnchanged() throws {
        let (migrations, packing, _, connection) = try Self.databaseBefore(
            "_claim_signatures_as_packed_bytes",
            label: "packedclaims"
        )
        let (earlier, later) = (Self.earlierWording, Self.laterWording)
        try #require(ClaimMatcher.isSameClaim(earlier, later))
        try #require(!earlier.numbers.isEmpty && earlier.tokens.contains { $0 > UInt64(Int64.max) })
        let plain = ClaimSignature(tokens: [1, 2, 3])
        try connection.query("INSERT INTO pipeline_versions (version, is_current) VALUES ('v', true)")
        for (id, signature) in [(1, earlier), (2, later), (3, plain)] as [(Int64, ClaimSignature)] {
            let tokens = signature.tokens.map { Int64(bitPattern: $0) }
            try connection.query(
                """
                INSERT INTO claims (claim_id, nearest_id, pipeline_version, fingerprint, content, kind, polarity,
                                    first_seen, first_article, first_start, tokens, numbers)
                VALUES (\(id), \(id), 'v', \("f\(id)"), 'c', 'direct', 'neutral',
                        timestamptz '2026-03-03 10:00:00+00' + \(id) * interval '1 minute', 'h', 0,
                        \(tokens)::int8[], \(signature.numbers.map { Int64(bitPattern: $0) })::int8[])
                """
            )
            try connection.query(
                """
                INSERT INTO claim_tokens (pipeline_version, token_hash, claim_id)
                SELECT 'v', unnest(\(ClaimCandidateKeys.indexed(signature.tokens).map { Int64(bitPattern: $0) })::int8[]),
                       \(id)
                """
            )
        }
        try connection.query("INSERT INTO claim_link_pending (claim_id) VALUES (2)")
        _ = try Migrator(connection: connection, logger: TestEnvironment.logger).migrate(
            migrations.filter { $0.version <= packing.version }
        )

        for (id, signature) in [(1, earlier), (2, later), (3, plain)] as [(Int64, ClaimSignature)] {
            for (column, values) in [("tokens", signature.tokens), ("numbers", signature.numbers)] {
                let read = try connection.query(
                    PostgresQuery(
                        unsafeSQL: "SELECT packed_int8s(\(column)) AS v FROM claims WHERE claim_id = \(id)"
                    )
                ).rows.map { UInt64(bitPattern: try $0.decode("v", as: Int64.self)) }
                #expect(read == values, "claim \(id) \(column)")
            }
        }
        let indexRows: PostgresQuery = "SELECT count(*) FROM claim_tokens WHERE claim_id = 3"
        let keys = Int64(ClaimCandidateKeys.indexed(plain.tokens).count)
        try #require(keys > 0)
        #expect(try TestEnvironment.scalar(connection, indexRows) == keys)
        try connection.query("DELETE FROM claims WHERE claim_id = 3")
        #expect(try TestEnvironment.scalar(connection, indexRows) == 0)
    }

    /// Migration 0019 on stored claims (linked under the earlier rule, their keys capped): every claim is queued and
    /// linked again, earliest first, its key rows written at its order, and deleting a claim removes its key rows and
    /// bumps its keys' versions.
    @Test func storedClaimsAreLinkedAgainUnderTheHubRule() throws {
        let (migrations, _, url, connection) = try Self.databaseBefore("_claim_variant_hubs", label: "hubclaims")
        let (earlier, later) = (Self.earlierWording, Self.laterWording)
        try #require(ClaimMatcher.isSameClaim(earlier, later))
        try connection.query("INSERT INTO pipeline_versions (version, is_current) VALUES ('v', true)")
        // Stored in reverse: the later wording first, each its own nearest claim (as if never compared).
        try Self.storeTwoWordings(connection)
        _ = try Migrator(connection: connection, logger: TestEnvironment.logger).migrate(migrations)
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM claim_link_pending") == 2)
        let store = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        #expect(try store.linkPendingClaims() == 2)
        #expect(try TestEnvironment.scalar(connection, "SELECT nearest_id FROM claims WHERE claim_id = 1") == 2)
        #expect(try TestEnvironment.scalar(connection, "SELECT nearest_id FROM claims WHERE claim_id = 2") == 2)
        let indexRows: PostgresQuery = "SELECT count(*) FROM claim_keys WHERE claim_id = 1"
        let keys = Int64(ClaimCandidateKeys.indexed(later.tokens).count)
        try #require(keys > 0)
        #expect(try TestEnvironment.scalar(connection, indexRows) == keys)
        #expect(
            try TestEnvironment.scalar(
                connection,
                """
                SELECT count(*) FROM claim_keys t JOIN claims c USING (claim_id)
                WHERE t.seen <> (extract(epoch FROM c.first_seen) * 1000000)::int8 OR t.rank <> claim_rank(c.fingerprint)
                """
            ) == 0
        )
        let versions: PostgresQuery = "SELECT coalesce(sum(version), 0)::int8 FROM claim_key_heads"
        let before = try TestEnvironment.scalar(connection, versions)
        try connection.query("DELETE FROM claims WHERE claim_id = 1")
        #expect(try TestEnvironment.scalar(connection, indexRows) == 0)
        // The deleted claim's keys changed their hubs: a linking step that read them before queues its claims again.
        #expect(try TestEnvironment.scalar(connection, versions) == before + keys)
    }

    /// Migration 0020 on claim key rows keyed by (pipeline_version, token_hash): each row is kept under its key's
    /// number (a key without a lock row gets one), linking reads them as carriers (an earlier wording linked after
    /// them becomes their nearest claim), and deleting a claim still removes its rows and bumps its keys' versions.
    @Test func claimKeyRowsKeepTheirPlacesUnderKeyNumbers() throws {
        let (migrations, _, url, connection) = try Self.databaseBefore("_claim_key_ids", label: "claimkeyids")
        let later = Self.laterWording
        try connection.query("INSERT INTO pipeline_versions (version, is_current) VALUES ('v', true)")
        // The later wording linked (its rows written) at 10:02; the earlier one, at 10:01, stored and queued.
        try Self.storeTwoWordings(connection)
        let keys = ClaimCandidateKeys.indexed(later.tokens).map { Int64(bitPattern: $0) }
        try #require(keys.count > 1)
        try connection.query(
            """
            INSERT INTO claim_keys (pipeline_version, token_hash, seen, rank, claim_id)
            SELECT 'v', k, (extract(epoch FROM first_seen) * 1000000)::int8, claim_rank(fingerprint), 1
            FROM claims, unnest(\(keys)::int8[]) AS k WHERE claim_id = 1
            """
        )
        // Every key but the first has its lock row.
        try connection.query(
            "INSERT INTO claim_key_heads (pipeline_version, token_hash) SELECT 'v', unnest(\(Array(keys.dropFirst()))::int8[])"
        )
        try connection.query("INSERT INTO claim_link_pending (claim_id) VALUES (2)")
        _ = try Migrator(connection: connection, logger: TestEnvironment.logger).migrate(migrations)

        let kept = try connection.query(
            """
            SELECT h.token_hash FROM claim_keys t JOIN claim_key_heads h USING (key_id)
            WHERE t.claim_id = 1 AND h.pipeline_version = 'v'
              AND t.seen = (SELECT (extract(epoch FROM first_seen) * 1000000)::int8 FROM claims WHERE claim_id = 1)
            """
        ).rows
        #expect(Set(try kept.map { try $0.decode("token_hash", as: Int64.self) }) == Set(keys))
        let store = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        #expect(try store.linkPendingClaims() == 1)
        #expect(try TestEnvironment.scalar(connection, "SELECT nearest_id FROM claims WHERE claim_id = 1") == 2)
        let versions: PostgresQuery = "SELECT coalesce(sum(version), 0)::int8 FROM claim_key_heads"
        let before = try TestEnvironment.scalar(connection, versions)
        try connection.query("DELETE FROM claims WHERE claim_id = 1")
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM claim_keys WHERE claim_id = 1") == 0)
        #expect(try TestEnvironment.scalar(connection, versions) == before + Int64(keys.count))
    }

    /// Migration 0017 on a queue holding claims: they stay queued, each row numbered; a claim queued again gets a
    /// second row (no key to conflict with, so no wait on a step holding the first), and the backlog counts it once.
    @Test func queuedClaimsStayQueuedAndMayBeQueuedTwice() throws {
        let (migrations, _, _, connection) = try Self.databaseBefore(
            "_claim_queue_without_conflicts",
            label: "claimqueue"
        )
        let claims: [Int64] = [9, 3, 5]
        try connection.query("INSERT INTO claim_link_pending (claim_id) SELECT unnest(\(claims)::int8[])")
        _ = try Migrator(connection: connection, logger: TestEnvironment.logger).migrate(migrations)

        let rows = try connection.query("SELECT claim_id, seq FROM claim_link_pending").rows
        #expect(try rows.map { try $0.decode("claim_id", as: Int64.self) }.sorted() == claims.sorted())
        #expect(Set(try rows.map { try $0.decode("seq", as: Int64.self) }).count == claims.count)
        try connection.query("INSERT INTO claim_link_pending (claim_id) VALUES (3)")
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM claim_link_pending") == 4)
        #expect(try LinkingBacklog.read(connection).claims == 3)
    }
}
