import Foundation
import IngestCore
import IngestStore
import Logging
import Postgres

/// `ingest-bench store`: the cost of the dedup clustering and claims writes in PostgreSQL. Creates a database of its own
/// (random name) on the server of `--database-url`, migrates it from `Migrations/`, commits synthetic batches of
/// ~4 KB articles (a share of them near-duplicates of earlier ones, every one ending in one of a few boilerplate
/// sentences) through `ResultStore.commit` (T1, the dedup writes inside the batch transaction) and links them with
/// `ResultStore.linkPendingStories` and `linkPendingClaims` (T2), then drops the database. Prints per-batch wall times, throughput, index
/// rows per article and the bench's RSS, at every `--report-every` stored articles.
///
/// Options: `--database-url URL` (or `NEWSINGEST_DATABASE_URL`; a libpq conninfo or URI, its database is only used
/// to create and drop the bench database), `--articles N` (default 5000), `--batch N` (500), `--near-share F`
/// (0.2), `--report-every N` (5000), `--migrations-dir PATH`, `--keep` (do not drop the database), `--writers N`
/// (N writers at once, each timed end to end, see `StoreWritersBench.swift`), `--reverse-arrival` (articles first
/// seen a millisecond apart, stored newest first: every claim arrives before the claims already stored, the worst
/// case of claim linking's hubs, Migrations/0019; without it they are stored oldest first), `--rebuild-keys` (at the
/// end, empty the unlogged key tables as a crash does and time the linking step that rebuilds them, Migrations/0022).
enum StoreBench {
    struct Options {
        var url = ProcessInfo.processInfo.environment["NEWSINGEST_DATABASE_URL"] ?? ""
        var articles = 5000
        var batch = 500
        var nearShare = 0.2
        var reportEvery = 5000
        var migrations: String?
        var keep = false
        /// 0: one writer with per-batch reports; N ≥ 1: N writers at once (`StoreWritersBench.swift`).
        var writers = 0
        var reverseArrival = false
        var rebuildKeys = false
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: ArraySlice<String>) throws {
        var options = Options()
        var rest = arguments
        while let argument = rest.popFirst() {
            switch argument {
            case "--database-url": options.url = rest.popFirst() ?? ""
            case "--articles": options.articles = Int(rest.popFirst() ?? "") ?? options.articles
            case "--batch": options.batch = Int(rest.popFirst() ?? "") ?? options.batch
            case "--near-share": options.nearShare = Double(rest.popFirst() ?? "") ?? options.nearShare
            case "--report-every": options.reportEvery = Int(rest.popFirst() ?? "") ?? options.reportEvery
            case "--migrations-dir": options.migrations = rest.popFirst()
            case "--keep": options.keep = true
            case "--writers": options.writers = max(1, Int(rest.popFirst() ?? "") ?? 1)
            case "--reverse-arrival": options.reverseArrival = true
            case "--rebuild-keys": options.rebuildKeys = true
            default: throw BenchError(description: "unknown option \(argument)")
            }
        }
        guard !options.url.isEmpty else { throw BenchError(description: "--database-url is required") }
        var logger = Logger(label: "store-bench")
        logger.logLevel = .warning
        let rssStart = residentMegabytes()

        let admin = try PostgresConnection.connect(PostgresSettings(url: options.url), logger: logger)
        let name = "bench_store_\(UInt32.random(in: 0...UInt32.max))"
        // CREATE DATABASE takes no parameters; the name is built from letters and digits only.
        try admin.execute(script: "CREATE DATABASE \(name)")
        defer {
            if !options.keep { try? admin.execute(script: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            admin.close()
        }
        let connection = try PostgresConnection.connect(
            PostgresSettings(url: databaseURL(options.url, database: name), applicationName: "ingest-bench"),
            logger: logger
        )
        defer { connection.close() }
        guard let folder = Migration.locateDirectory(explicit: options.migrations) else {
            throw BenchError(description: "Migrations/ not found; pass --migrations-dir")
        }
        _ = try Migrator(connection: connection, logger: logger).migrate(try Migration.load(from: folder))
        let store = ResultStore(connection: connection, logger: logger)
        try store.register(pipelineVersion: Pipeline.defaultVersion)
        if options.writers > 0 {
            return try runWriters(options, url: databaseURL(options.url, database: name), logger: logger)
        }
        let claim = try store.claim(group: "bench", topic: "bench", partitions: [0], owner: "bench")[0]

        print(
            "== store bench: \(options.articles) articles in batches of \(options.batch), "
                + "\(Int(options.nearShare * 100)) % near-duplicates, database \(name)\(options.keep ? " (kept)" : "")"
        )
        print(
            "   stored |  T1 commit ms/batch |  T2 stories ms/batch | T2 claims ms/batch |  articles/s "
                + "| index rows/article | stories | RSS MB"
        )
        // Every article first seen a millisecond after the one before it, stored in that order or newest first.
        var generator = SyntheticArticles(seed: 42, nearShare: options.nearShare)
        var articles = (0..<options.articles).map { index in
            var envelope = generator.next()
            envelope.fetchedAt = fetchedAt(millisecondsAfterTen: index)
            return envelope
        }
        if options.reverseArrival { articles.reverse() }
        var next: Int64? = nil
        var stored = 0
        var window = (t1: 0.0, t2: 0.0, t2c: 0.0, batches: 0, articles: 0)
        var byteTotal = 0
        while stored < options.articles {
            let count = min(options.batch, options.articles - stored)
            let envelopes = Array(articles[stored..<stored + count])
            byteTotal += envelopes.reduce(0) { $0 + $1.body.utf8.count }
            let batch = try benchBatch(envelopes, partition: 0, worker: "bench", epoch: claim.epoch, after: next)
            let target = (next ?? 0) + Int64(count)
            let t1 = try time {
                guard case .committed = try store.commit(batch) else {
                    throw BenchError(description: "batch was fenced")
                }
            }
            let t2 = try time {
                while try store.linkPendingStories(limit: options.batch) > 0 {}
            }
            let t2c = try time {
                while try store.linkPendingClaims(limit: options.batch) > 0 {}
            }
            next = target
            stored += count
            window.t1 += t1
            window.t2 += t2
            window.t2c += t2c
            window.batches += 1
            window.articles += count
            if stored % options.reportEvery < count || stored == options.articles {
                let rows = try scalar(
                    connection,
                    """
                    SELECT (SELECT count(*) FROM lsh_band) + (SELECT count(*) FROM sentence_index)
                         + (SELECT count(*) FROM article_minhash) + (SELECT count(*) FROM story_members) AS n
                    """
                )
                let stories = try scalar(connection, "SELECT count(*) AS n FROM stories WHERE merged_into IS NULL")
                let batches = Double(window.batches)
                print(
                    String(
                        format: "%9d | %19.1f | %20.1f | %18.1f | %11.0f | %18.1f | %7d | %6.1f",
                        stored,
                        window.t1 * 1000 / batches,
                        window.t2 * 1000 / batches,
                        window.t2c * 1000 / batches,
                        Double(window.articles) / (window.t1 + window.t2 + window.t2c),
                        Double(rows) / Double(stored),
                        stories,
                        residentMegabytes()
                    )
                )
                window = (0, 0, 0, 0, 0)
            }
        }
        // Rows and bytes (heap, TOAST and indexes) per stored article, table by table.
        print("   table                |  rows/article | bytes/article")
        var totals = (rows: 0.0, bytes: 0.0)
        for row in try connection.query(
            """
            SELECT c.relname AS name, c.reltuples::int8 AS estimate, pg_total_relation_size(c.oid) AS bytes
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
            ORDER BY pg_total_relation_size(c.oid) DESC
            """
        ).rows {
            let name: String = try row.decode("name")
            // Exact counts: reltuples lags behind autovacuum.
            let rows = try scalar(connection, PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \"\(name)\""))
            let bytes: Int = try row.decode("bytes")
            guard rows > 0 else { continue }
            totals.rows += Double(rows) / Double(stored)
            totals.bytes += Double(bytes) / Double(stored)
            print(
                String(
                    format: "   %-20@ | %13.1f | %13.0f",
                    name as NSString,
                    Double(rows) / Double(stored),
                    Double(bytes) / Double(stored)
                )
            )
        }
        print(String(format: "   %-20@ | %13.1f | %13.0f", "all tables" as NSString, totals.rows, totals.bytes))
        let size = try scalar(connection, "SELECT pg_database_size(current_database()) AS n")
        print(
            String(
                format: "mean body %d bytes; database %.0f MB; RSS %.1f MB at start, %.1f MB at end",
                byteTotal / max(stored, 1),
                Double(size) / 1e6,
                rssStart,
                residentMegabytes()
            )
        )
        print(
            "(T1 = the whole batch commit: articles, sightings, offsets, dedup rows, claims and mentions; "
                + "T2 = linking stories, then claim variants)"
        )
        if options.rebuildKeys { try timeKeyRebuild(store, articles: stored) }
    }

    /// Empties the key tables and their marker as crash recovery does (Migrations/0022), then times the one linking
    /// step that rebuilds them from article_minhash.
    static func timeKeyRebuild(_ store: ResultStore, articles: Int) throws {
        let keyRows: PostgresQuery =
            "SELECT (SELECT count(*) FROM lsh_band) + (SELECT count(*) FROM sentence_index) AS n"
        let before = try scalar(store.connection, keyRows)
        try store.connection.execute(script: "TRUNCATE lsh_band, sentence_index, dedup_keys_intact")
        let seconds = try time { _ = try store.linkPendingStories(limit: 1) }
        let after = try scalar(store.connection, keyRows)
        print(
            String(
                format: "key tables emptied as after a crash, rebuilt by one linking step: %d articles, %d rows "
                    + "(%d before) in %.2f s, %.0f articles/s",
                articles,
                after,
                before,
                seconds,
                Double(articles) / seconds
            )
        )
    }

    /// 2026-03-03 10:00 UTC and `milliseconds` after, as an envelope's `fetched_at`.
    static func fetchedAt(millisecondsAfterTen milliseconds: Int) -> String {
        String(
            format: "2026-03-03T%02d:%02d:%02d.%03dZ",
            10 + milliseconds / 3_600_000,
            milliseconds / 60_000 % 60,
            milliseconds / 1000 % 60,
            milliseconds % 1000
        )
    }

    /// The batch a worker would commit for `envelopes`, processed by the pipeline, at the offsets after `next`.
    static func benchBatch(
        _ envelopes: [ArticleEnvelope],
        partition: Int32,
        worker: String,
        epoch: Int64,
        after next: Int64?
    ) throws -> BatchWrite {
        let start = next ?? 0
        var results: [ArticleResult] = []
        results.reserveCapacity(envelopes.count)
        for (index, envelope) in envelopes.enumerated() {
            results.append(
                ArticleResult(
                    origin: MessageOrigin(topic: "bench", partition: partition, offset: start + Int64(index)),
                    article: try Pipeline().process(envelope)
                )
            )
        }
        let advance = PartitionAdvance(
            topic: "bench",
            partition: partition,
            epoch: epoch,
            expected: next,
            next: start + Int64(envelopes.count)
        )
        return BatchWrite(
            group: "bench",
            worker: worker,
            pipelineVersion: Pipeline.defaultVersion,
            advances: [advance],
            articles: results,
            errors: []
        )
    }

    static func time(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func scalar(_ connection: PostgresConnection, _ query: PostgresQuery) throws -> Int {
        guard let row = try connection.query(query).rows.first else { return 0 }
        return try row.decode("n")
    }

    /// The same server with another database: `dbname=` appended to a conninfo, or the path of a URI replaced.
    static func databaseURL(_ url: String, database: String) -> String {
        guard let scheme = url.range(of: "://") else { return url + " dbname=\(database)" }
        let afterScheme = url[scheme.upperBound...]
        let query = afterScheme.firstIndex(of: "?").map { String(afterScheme[$0...]) } ?? ""
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" }
        return String(url[..<scheme.upperBound]) + authority + "/" + database + query
    }

    /// Resident set size of this process (Linux `/proc/self/statm`), in MB; 0 where unavailable.
    static func residentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1e6
    }
}
