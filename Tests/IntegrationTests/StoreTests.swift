import Foundation
import IngestCore
import IngestStore
import KafkaModel
import Postgres
import Testing
import Worker

@Suite struct PostgresTests {
    @Test func boundParametersRoundTripHostileValues() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("binds"))
        let hostile = [
            "'; DROP TABLE articles; --", "back\\slash \"quoted\"", "ünïcødé ✓ 🚀", "", "{braces,commas}", "NULL",
        ]
        let rows = try connection.query(
            "SELECT value, ord FROM unnest(\(hostile)::text[]) WITH ORDINALITY AS t(value, ord) ORDER BY ord"
        ).rows
        #expect(try rows.map { try $0.decode("value", as: String.self) } == hostile)
        let optionals: [Int64?] = [1, nil, -9_223_372_036_854_775_807]
        let back = try connection.query("SELECT unnest(\(optionals)::int8[]) AS v").rows.map {
            try $0.decode("v", as: Int64?.self)
        }
        #expect(back == optionals)
        // Integer arrays take a byte-level path: extremes and signs must survive it.
        let extremes: [Int64] = [Int64.min, -1, 0, 7, Int64.max]
        #expect(
            try connection.query("SELECT unnest(\(extremes)::int8[]) AS v").rows.map {
                try $0.decode("v", as: Int64.self)
            }
                == extremes
        )
        let small: [Int32] = [Int32.min, -40, 0, Int32.max]
        #expect(
            try connection.query("SELECT unnest(\(small)::int4[])::int8 AS v").rows.map {
                Int32(try $0.decode("v", as: Int64.self))
            } == small
        )
        let empty: [Int] = []
        #expect(
            try connection.query("SELECT cardinality(\(empty)::int8[]) AS n").rows[0].decode("n", as: Int64.self) == 0
        )
        let single = try connection.query("SELECT \(hostile[0])::text AS v, \(2.5) AS d, \(true) AS b").rows[0]
        #expect(try single.decode("v", as: String.self) == hostile[0])
        #expect(try single.decode("d", as: Double.self) == 2.5)
        #expect(try single.decode("b", as: Bool.self))
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == 0)
    }

    @Test func serverErrorsCarrySQLSTATE() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("sqlstate"))
        #expect {
            try connection.query("SELECT * FROM no_such_table")
        } throws: { error in
            let error = error as! PostgresError
            return error.sqlState == "42P01" && error.code == .server && !error.isTransient
        }
        #expect {
            try connection.query("SELECT \("x")::int")
        } throws: { error in
            (error as! PostgresError).sqlState == "22P02"
        }
    }

    @Test func connectionFailuresAreTypedAndLeakNoPassword() throws {
        let settings = PostgresSettings(
            url: "postgresql://writer:hunter2secret@127.0.0.1:1/none",
            connectTimeoutSeconds: 2
        )
        #expect {
            try PostgresConnection.connect(settings, logger: TestEnvironment.logger)
        } throws: { error in
            let error = error as! PostgresError
            return error.code == .connectionFailed && error.isTransient
                && !"\(error)".contains("hunter2secret") && !error.debugDescription.contains("hunter2secret")
        }
    }

    /// Settings the server refuses, or that do not parse, are configuration errors: not retried, so `migrate` and
    /// the worker exit at once with the reason instead of retrying for half a minute or more.
    @Test func refusedSettingsAreNotRetried() throws {
        let server = try TestEnvironment.serverConninfo()
        let refused = [server + " dbname=no_such_database_here", server + " user=no_such_role_here"]
        for url in refused + ["dbname='unterminated"] {
            #expect {
                try PostgresConnection.connect(PostgresSettings(url: url), logger: TestEnvironment.logger, attempts: 30)
            } throws: { error in
                let error = error as! PostgresError
                return error.code == .configuration && !error.isTransient
            }
        }
    }

    /// Worker sessions have time bounds, and DATABASE_URL can override each.
    @Test func workerSessionsAreTimeBounded() throws {
        let url = try TestEnvironment.freshDatabase("bounds")
        let defaults = WorkerConfiguration(brokers: "", databaseURL: url).databaseSessionDefaults
        func show(_ url: String) throws -> [String?] {
            let connection = try PostgresConnection.connect(
                PostgresSettings(url: url, defaults: defaults),
                logger: TestEnvironment.logger
            )
            return try ["statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout"]
                .map { try connection.query(PostgresQuery(unsafeSQL: "SHOW \($0)")).rows.first?.values.first ?? nil }
        }
        let shown = try show(url)
        #expect(shown == ["1min", "30s", "2min"], "\(shown)")
        // (Keepalives and tcp_user_timeout act on the client's socket; the server cannot show them.)
        #expect(try show(url + " options='-c statement_timeout=5min'")[0] == "5min")
    }

    /// A text parameter is sent with its length; one holding U+0000 is refused as a data error (22021) before
    /// it can be cut short, and bytea travels byte-exact.
    @Test func parametersAreNeverCutAtNUL() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("nulbind"))
        #expect {
            try connection.query("SELECT \("a\u{0}b")::text")
        } throws: { error in
            (error as? PostgresError)?.sqlState == "22021" && (error as? PostgresError)?.isDataError == true
        }
        let bytes: [UInt8] = [0x61, 0x00, 0x62, 0xFF]
        let row = try #require(
            try connection.query(
                "SELECT encode(\(PostgresBytes(bytes)), 'hex') AS one, encode((\([PostgresBytes(bytes)]))[1], 'hex') AS listed"
            ).rows.first
        )
        #expect(row["one"] == "610062ff")
        #expect(row["listed"] == "610062ff")
    }

    @Test func reconnectsAfterTheServerDropsTheConnection() throws {
        let url = try TestEnvironment.freshDatabase("reconnect")
        let connection = try TestEnvironment.connect(url)
        let pid = try TestEnvironment.scalar(connection, "SELECT pg_backend_pid()")
        let killer = try TestEnvironment.connect(url)
        try killer.query("SELECT pg_terminate_backend(\(pid)::int)")
        #expect {
            try connection.query("SELECT 1")
        } throws: { error in
            (error as! PostgresError).isTransient
        }
        try connection.reset()
        #expect(try TestEnvironment.scalar(connection, "SELECT 41 + 1") == 42)
        #expect(try TestEnvironment.scalar(connection, "SELECT pg_backend_pid()") != pid)
    }
}

@Suite struct BatchTransactionTests {
    func processed(_ n: Int) throws -> ProcessedArticle {
        try Pipeline().process(TestEnvironment.article(n))
    }

    @Test func aFailingBatchRollsBackResultsAndOffsets() throws {
        let url = try TestEnvironment.freshDatabase("rollback")
        let connection = try TestEnvironment.connect(url)
        let store = ResultStore(connection: connection, logger: TestEnvironment.logger)
        try store.register(pipelineVersion: "v")
        let claim = try #require(try store.claim(group: "g", topic: "t", partitions: [0], owner: "w1").first)
        #expect(claim.nextOffset == nil)
        #expect(claim.epoch == 1)

        // A trigger fails the sightings insert, after the offsets and articles statements already ran.
        try connection.execute(
            script: """
                CREATE FUNCTION fail_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.outlet = 'poison' THEN RAISE EXCEPTION 'poisoned sighting'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER poison BEFORE INSERT ON article_sightings FOR EACH ROW EXECUTE FUNCTION fail_poison();
                """
        )
        var poisoned = try processed(2)
        poisoned.envelope.outlet = "poison"
        let batch = BatchWrite(
            group: "g",
            worker: "w1",
            pipelineVersion: "v",
            advances: [PartitionAdvance(topic: "t", partition: 0, epoch: claim.epoch, expected: nil, next: 2)],
            articles: [
                ArticleResult(origin: MessageOrigin(topic: "t", partition: 0, offset: 0), article: try processed(1)),
                ArticleResult(origin: MessageOrigin(topic: "t", partition: 0, offset: 1), article: poisoned),
            ],
            errors: []
        )
        #expect(throws: PostgresError.self) { try store.commit(batch) }
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == 0)
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 0)
        #expect(try store.positions(group: "g", topic: "t")[0]?.next == nil)

        // The same batch without the poison commits everything, offsets included.
        var clean = batch
        clean.articles[1].article.envelope.outlet = "clean"
        #expect(try store.commit(clean) == .committed(newArticles: 2, sightings: 2, errors: 0))
        #expect(try store.positions(group: "g", topic: "t")[0]?.next == 2)
        // The same batch again (its COMMIT reply lost, so the worker retries) is recognised as already stored: same
        // epoch, position at its end. It writes nothing new and cannot move the offset twice.
        #expect(try store.commit(clean) == .alreadyCommitted)
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 2)
        #expect(try store.positions(group: "g", topic: "t")[0]?.next == 2)
        // A batch from the same epoch ending elsewhere is not this one: fenced.
        var shorter = clean
        shorter.articles.removeLast()
        shorter.advances[0].next = 1
        #expect(try store.commit(shorter) == .fenced([TopicPartition(topic: "t", partition: 0)]))
    }

    @Test func aWorkerThatLostThePartitionIsFenced() throws {
        let url = try TestEnvironment.freshDatabase("fencing")
        let store = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        let other = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        try store.register(pipelineVersion: "v")
        let old = try #require(
            try store.claim(group: "g", topic: "t", partitions: [0, 1], owner: "old").first { $0.key.partition == 0 }
        )
        // A rebalance hands partition 0 to another worker, which bumps the epoch.
        let new = try #require(try other.claim(group: "g", topic: "t", partitions: [0], owner: "new").first)
        #expect(new.epoch == old.epoch + 1)

        func batch(epoch: Int64, owner: String, article: Int) throws -> BatchWrite {
            BatchWrite(
                group: "g",
                worker: owner,
                pipelineVersion: "v",
                advances: [PartitionAdvance(topic: "t", partition: 0, epoch: epoch, expected: nil, next: 1)],
                articles: [
                    ArticleResult(
                        origin: MessageOrigin(topic: "t", partition: 0, offset: 0),
                        article: try processed(article)
                    )
                ],
                errors: []
            )
        }
        // The old owner, still finishing its batch, can write neither results nor offsets.
        #expect(
            try store.commit(try batch(epoch: old.epoch, owner: "old", article: 10))
                == .fenced([TopicPartition(topic: "t", partition: 0)])
        )
        #expect(try TestEnvironment.scalar(other.connection, "SELECT count(*) FROM articles") == 0)
        #expect(
            try other.commit(try batch(epoch: new.epoch, owner: "new", article: 10))
                == .committed(newArticles: 1, sightings: 1, errors: 0)
        )
        let owner = try #require(try other.positions(group: "g", topic: "t")[0])
        #expect(owner.owner == "new")
        #expect(owner.next == 1)
    }

    /// The earliest sighting is the earliest instant: `12:00+05:00` (07:00 UTC) comes before `08:00Z`, although
    /// its text sorts after.
    @Test func theEarliestSightingIsChosenByInstantNotByText() throws {
        let url = try TestEnvironment.freshDatabase("instant")
        let store = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        try store.register(pipelineVersion: "v")
        let claim = try #require(try store.claim(group: "g", topic: "t", partitions: [0], owner: "w").first)
        var zulu = try processed(9)
        zulu.envelope.outlet = "Zulu Times"
        zulu.envelope.fetchedAt = "2026-03-03T08:00:00Z"
        var plusFive = try processed(9)
        plusFive.envelope.outlet = "Plus Five Post"
        plusFive.envelope.fetchedAt = "2026-03-03T12:00:00+05:00"
        let batch = BatchWrite(
            group: "g",
            worker: "w",
            pipelineVersion: "v",
            advances: [PartitionAdvance(topic: "t", partition: 0, epoch: claim.epoch, expected: nil, next: 2)],
            articles: [
                ArticleResult(origin: MessageOrigin(topic: "t", partition: 0, offset: 0), article: zulu),
                ArticleResult(origin: MessageOrigin(topic: "t", partition: 0, offset: 1), article: plusFive),
            ],
            errors: []
        )
        #expect(try store.commit(batch) == .committed(newArticles: 1, sightings: 2, errors: 0))
        let row = try #require(
            try store.connection.query(
                "SELECT outlet, to_char(first_seen AT TIME ZONE 'UTC', 'HH24:MI') AS at FROM articles"
            ).rows.first
        )
        #expect(row["outlet"] == "Plus Five Post")
        #expect(row["at"] == "07:00")
    }

    @Test func resentArticlesAreStoredOnceWithEverySighting() throws {
        let url = try TestEnvironment.freshDatabase("resend")
        let store = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        try store.register(pipelineVersion: "v")
        let claim = try #require(try store.claim(group: "g", topic: "t", partitions: [0], owner: "w").first)
        var resent = try processed(7)
        resent.envelope.outlet = "Second Outlet"
        resent.envelope.fetchedAt = "2026-03-04T10:00:00.000Z"
        let batch = BatchWrite(
            group: "g",
            worker: "w",
            pipelineVersion: "v",
            advances: [PartitionAdvance(topic: "t", partition: 0, epoch: claim.epoch, expected: nil, next: 3)],
            articles: [
                ArticleResult(origin: MessageOrigin(topic: "t", partition: 0, offset: 0), article: try processed(7)),
                ArticleResult(origin: MessageOrigin(topic: "t", partition: 0, offset: 1), article: resent),
                ArticleResult(origin: MessageOrigin(topic: "t", partition: 0, offset: 2), article: try processed(8)),
            ],
            errors: []
        )
        #expect(try store.commit(batch) == .committed(newArticles: 2, sightings: 3, errors: 0))
        let rows = try store.connection.query(
            "SELECT outlet, sightings FROM article_summary ORDER BY sightings DESC, article_id"
        ).rows
        #expect(rows.count == 2)
        #expect(rows[0]["sightings"] == "2")
        #expect(rows[0]["outlet"] == "Test Wire")
    }

    /// Migrations/0009 makes lz4 the database's default for the staging table, but a copy of the database (CREATE
    /// DATABASE … TEMPLATE, as the benchmark clones its preload) does not carry that default: the staged text was
    /// then compressed with pglz, four times slower, and stored so, since the insert keeps a compressed value as it
    /// is. The staging column now takes `articles.text`'s own method.
    @Test func articleTextIsStoredWithTheColumnsCompressionWithoutTheDatabaseDefault() throws {
        let url = try TestEnvironment.freshDatabase("textcompression")
        let admin = try TestEnvironment.connect(url)
        defer { admin.close() }
        let declared = try admin.query(
            "SELECT attcompression::text AS method FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'text'"
        ).rows
        try #require(declared.first?["method"] == "l", "the test server must have lz4, as Debian's PostgreSQL does")
        let database = try #require(try admin.query("SELECT current_database() AS name").rows.first?["name"] ?? nil)
        // A database name made of letters, digits and underscores by freshDatabase.
        try admin.execute(script: "ALTER DATABASE \(database) RESET default_toast_compression")

        let writer = try DedupWriter(url: url, partition: 0)
        let session = try writer.store.connection.query("SHOW default_toast_compression").rows
        #expect(session.first?["default_toast_compression"] == "pglz")
        let seeds = try DedupCorpus.seeds()
        let outcome = try writer.commit(seeds.map { try DedupCorpus.process($0.body, outlet: $0.name) })
        try #require(outcome == .committed(newArticles: 5, sightings: 5, errors: 0))
        let stored = try admin.query(
            "SELECT pg_column_compression(text) AS method, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1"
        ).rows
        // Every seed is over 2 KB, so every text is compressed, and with lz4.
        #expect(stored.map { [$0["method"] ?? nil, $0["n"] ?? nil] } == [["lz4", "5"]])
    }
}

@Suite struct PipelineVersionTests {
    /// A new version writes beside the current one; readers see it only once it is activated, all at once.
    @Test func newVersionWritesAlongsideAndSwitchesAtomically() throws {
        let url = try TestEnvironment.freshDatabase("versions")
        let store = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        try store.register(pipelineVersion: "v1")
        try store.register(pipelineVersion: "v2")
        #expect(
            try TestEnvironment.scalar(store.connection, "SELECT count(*) FROM pipeline_versions WHERE is_current") == 1
        )
        #expect(try store.connection.query("SELECT current_pipeline_version() AS v").rows[0]["v"] == "v1")

        func write(version: String, group: String, articles: [Int]) throws {
            let claim = try #require(try store.claim(group: group, topic: "t", partitions: [0], owner: group).first)
            var results: [ArticleResult] = []
            for (offset, n) in articles.enumerated() {
                var article = try Pipeline(version: version).process(TestEnvironment.article(n))
                article.pipelineVersion = version
                results.append(
                    ArticleResult(
                        origin: MessageOrigin(topic: "t", partition: 0, offset: Int64(offset)),
                        article: article
                    )
                )
            }
            let batch = BatchWrite(
                group: group,
                worker: group,
                pipelineVersion: version,
                advances: [
                    PartitionAdvance(
                        topic: "t",
                        partition: 0,
                        epoch: claim.epoch,
                        expected: nil,
                        next: Int64(articles.count)
                    )
                ],
                articles: results,
                errors: []
            )
            #expect(
                try store.commit(batch) == .committed(newArticles: articles.count, sightings: articles.count, errors: 0)
            )
        }
        try write(version: "v1", group: "g-v1", articles: [1, 2, 3])
        try write(version: "v2", group: "g-v2", articles: [1, 2, 3, 4])
        #expect(try TestEnvironment.scalar(store.connection, "SELECT count(*) FROM article_summary") == 3)
        #expect(try TestEnvironment.scalar(store.connection, "SELECT count(*) FROM articles") == 7)
        try store.activate(pipelineVersion: "v2")
        #expect(try TestEnvironment.scalar(store.connection, "SELECT count(*) FROM article_summary") == 4)
        #expect(
            try TestEnvironment.scalar(store.connection, "SELECT count(*) FROM article_summary WHERE sightings = 1")
                == 4
        )
        #expect(throws: PostgresError.self) { try store.activate(pipelineVersion: "never-ran") }
        #expect(try store.connection.query("SELECT current_pipeline_version() AS v").rows[0]["v"] == "v2")
    }
}
