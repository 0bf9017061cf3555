import Dispatch
import Foundation
import IngestCore
import IngestStore
import Logging
import Postgres
import Synchronization

/// `ingest-bench store --writers N`: N writers at once on one database, each with its own connection and
/// partition, committing batches and linking as workers do (retrying transient failures: deadlocks and
/// serialization failures between linkers). Prints articles/s for all writers together and the retries, so one
/// run with `--writers 1` beside one with `--writers 2` shows how writers add throughput without a global lock.
extension StoreBench {
    struct WriterTotals {
        var articles = 0
        var retries = 0
        /// Retries by step and SQLSTATE, e.g. `link 40001`.
        var retryCauses: [String: Int] = [:]
        var commitSeconds = 0.0
        var linkSeconds = 0.0
    }

    static func runWriters(_ options: Options, url: String, logger: Logger) throws {
        let perWriter = options.articles / options.writers
        print(
            "== store bench: \(options.writers) writers × \(perWriter) articles in batches of \(options.batch), "
                + "\(Int(options.nearShare * 100)) % near-duplicates"
        )
        let totals = Mutex(WriterTotals())
        let failures = Mutex<[String]>([])
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: options.writers) { writer in
            do {
                let result = try runWriter(writer, articles: perWriter, options: options, url: url, logger: logger)
                totals.withLock {
                    $0.articles += result.articles
                    $0.retries += result.retries
                    $0.retryCauses.merge(result.retryCauses, uniquingKeysWith: +)
                    $0.commitSeconds += result.commitSeconds
                    $0.linkSeconds += result.linkSeconds
                }
            } catch {
                failures.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        for failure in failures.withLock({ $0 }) { print("failed: \(failure)") }
        let total = totals.withLock { $0 }
        print(
            String(
                format:
                    "%d articles in %.1f s: %.0f articles/s for all writers (pipeline included); "
                    + "per writer: commit %.1f s, linking %.1f s; %d transient retries %@",
                total.articles,
                seconds,
                Double(total.articles) / seconds,
                total.commitSeconds / Double(options.writers),
                total.linkSeconds / Double(options.writers),
                total.retries,
                total.retryCauses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.description
            )
        )
    }

    private static func runWriter(
        _ writer: Int,
        articles: Int,
        options: Options,
        url: String,
        logger: Logger
    ) throws -> WriterTotals {
        let connection = try PostgresConnection.connect(
            PostgresSettings(url: url, applicationName: "ingest-bench-\(writer)"),
            logger: logger
        )
        defer { connection.close() }
        let store = ResultStore(connection: connection, logger: logger)
        let partition = Int32(writer)
        let claim = try store.claim(group: "bench", topic: "bench", partitions: [partition], owner: "w\(writer)")[0]
        var generator = SyntheticArticles(seed: 42 + UInt64(writer) * 7919, nearShare: options.nearShare)
        var totals = WriterTotals()
        var next: Int64? = nil
        func retrying<T>(_ step: String, _ body: () throws -> T) throws -> T {
            while true {
                do {
                    return try body()
                } catch let error as PostgresError where error.isTransient {
                    totals.retries += 1
                    totals.retryCauses["\(step) \(error.sqlState ?? "connection")", default: 0] += 1
                }
            }
        }
        while totals.articles < articles {
            let count = min(options.batch, articles - totals.articles)
            var envelopes: [ArticleEnvelope] = []
            for _ in 0..<count { envelopes.append(generator.next()) }
            let batch = try benchBatch(
                envelopes,
                partition: partition,
                worker: "w\(writer)",
                epoch: claim.epoch,
                after: next
            )
            let target = (next ?? 0) + Int64(count)
            totals.commitSeconds += try time {
                guard case .committed = try retrying("commit", { try store.commit(batch) }) else {
                    throw BenchError(description: "batch was fenced")
                }
            }
            totals.linkSeconds += try time {
                while try retrying("stories", { try store.linkPendingStories(limit: options.batch) }) > 0 {}
                while try retrying("claims", { try store.linkPendingClaims(limit: options.batch) }) > 0 {}
            }
            next = target
            totals.articles += count
        }
        return totals
    }
}
