import Foundation
import IngestCore
import IngestStore
import Postgres
import Testing

/// One writer of the dedup store tests: its own connection and `ResultStore`, its own partition of topic `t`, and
/// the position it has reached, so each `commit` is a valid batch.
final class DedupWriter {
    let store: ResultStore
    let partition: Int32
    private let epoch: Int64
    private var next: Int64?

    init(url: String, partition: Int32, version: String = Pipeline.defaultVersion) throws {
        store = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        try store.register(pipelineVersion: version)
        self.partition = partition
        let claim = try #require(
            try store.claim(group: "g", topic: "t", partitions: [partition], owner: "w\(partition)").first
        )
        epoch = claim.epoch
        next = claim.nextOffset
    }

    /// Commits `articles` as one batch (one message each) and returns the outcome.
    @discardableResult
    func commit(_ articles: [ProcessedArticle]) throws -> BatchOutcome {
        let start = next ?? 0
        let results = articles.enumerated().map { index, article in
            ArticleResult(
                origin: MessageOrigin(topic: "t", partition: partition, offset: start + Int64(index)),
                article: article
            )
        }
        let batch = BatchWrite(
            group: "g",
            worker: "w\(partition)",
            pipelineVersion: articles.first?.pipelineVersion ?? Pipeline.defaultVersion,
            advances: [
                PartitionAdvance(
                    topic: "t",
                    partition: partition,
                    epoch: epoch,
                    expected: next,
                    next: start + Int64(articles.count)
                )
            ],
            articles: results,
            errors: []
        )
        let outcome = try store.commit(batch)
        if case .committed = outcome { next = start + Int64(articles.count) }
        return outcome
    }

    /// Links every pending article, retrying transient failures (40001 after a concurrent merge, 40P01) the way
    /// the worker does. Returns the number of articles processed.
    @discardableResult
    func linkAll() throws -> Int {
        var total = 0
        var attempts = 0
        while true {
            do {
                let linked = try store.linkPendingStories(limit: 500)
                total += linked
                if linked == 0 { return total }
            } catch let error as PostgresError where error.isTransient && attempts < 50 {
                attempts += 1
                Thread.sleep(forTimeInterval: 0.005 * Double(attempts))
            }
        }
    }
}

/// A reusable barrier for a fixed number of threads.
final class DedupBarrier: @unchecked Sendable {
    // @unchecked: all state is guarded by `condition`.
    private let condition = NSCondition()
    private let parties: Int
    private var waiting = 0
    private var generation = 0

    init(parties: Int) { self.parties = parties }

    func wait() {
        condition.lock()
        defer { condition.unlock() }
        let current = generation
        waiting += 1
        if waiting == parties {
            waiting = 0
            generation += 1
            condition.broadcast()
            return
        }
        while generation == current { condition.wait() }
    }
}

/// Runs `body(index)` on `count` threads of their own (not a pool, so barriers between them cannot starve) and
/// rethrows the first error.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
    final class Errors: @unchecked Sendable {
        // @unchecked: guarded by `lock`.
        let lock = NSLock()
        var first: (any Error)?
    }
    let errors = Errors()
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            do { try body(index) } catch {
                errors.lock.lock()
                if errors.first == nil { errors.first = error }
                errors.lock.unlock()
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
    group.wait()
    if let error = errors.first { throw error }
}

enum DedupCorpus {
    static var seedsFolder: URL {
        TestEnvironment.packageRoot.appendingPathComponent("../shared/fixtures/seeds").standardizedFileURL
    }

    /// The five seed files, sorted by name (000 … 004).
    static func seeds() throws -> [(name: String, body: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: seedsFolder.path).filter {
            $0.hasSuffix(".txt")
        }.sorted()
        try #require(names.count == 5, "the five seeds must be in ../shared/fixtures/seeds")
        return try names.map {
            ($0, try String(contentsOf: seedsFolder.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// The twelve evaluation base articles (six topics, two different stories each).
    static func bases() throws -> [(name: String, body: String)] {
        let folder = TestEnvironment.packageRoot.appendingPathComponent("Evaluation/dedup/base")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
            .sorted().map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func process(
        _ body: String,
        outlet: String,
        fetchedAt: String = "2026-03-03T10:00:00.000Z"
    ) throws
        -> ProcessedArticle
    {
        let envelope = ArticleEnvelope(
            key: ArticleEnvelope.stableKey(outlet: outlet, url: nil, body: body),
            outlet: outlet,
            fetchedAt: fetchedAt,
            contentType: .text,
            body: body
        )
        return try Pipeline().process(envelope)
    }

    /// A lightly edited copy: about `rate` of the words replaced and, when `dropParagraph`, one body paragraph
    /// removed. Deterministic for a given `seed`.
    static func variant(of body: String, seed: UInt64, rate: Double, dropParagraph: Bool) -> String {
        var random = SplitMix64(seed: seed)
        var paragraphs = body.components(separatedBy: "\n\n")
        if dropParagraph && paragraphs.count > 4 {
            paragraphs.remove(at: 2 + Int(random.next() % UInt64(paragraphs.count - 3)))
        }
        return paragraphs.map { paragraph in
            paragraph.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                Double(random.next() % 10_000) / 10_000 < rate ? "edited\(random.next() % 1000)" : String(word)
            }.joined(separator: " ")
        }.joined(separator: "\n\n")
    }

    /// Seeds and evaluation bases, each with two edited copies: 51 articles in near-duplicate groups.
    static func variants() throws -> [ProcessedArticle] {
        var articles: [ProcessedArticle] = []
        for (index, (name, body)) in (try seeds() + bases()).enumerated() {
            articles.append(try process(body, outlet: "orig-\(name)"))
            let light = variant(of: body, seed: UInt64(index) * 2 + 1, rate: 0.04, dropParagraph: false)
            articles.append(try process(light, outlet: "light-\(name)"))
            let trimmed = variant(of: body, seed: UInt64(index) * 2 + 2, rate: 0.03, dropParagraph: true)
            articles.append(try process(trimmed, outlet: "trim-\(name)"))
        }
        return articles
    }

    /// Content hash → story key as the public view shows it.
    static func storedStories(_ connection: PostgresConnection) throws -> [String: String] {
        var stories: [String: String] = [:]
        for row in try connection.query("SELECT content_hash, story_key FROM story_articles").rows {
            stories[try row.decode("content_hash")] = try row.decode("story_key")
        }
        return stories
    }

    /// The judged pairs with a relation, as `hashA|hashB` (a < b) → relation, from the in-memory reference: every
    /// pair that shares a key in a `DedupIndex`.
    static func referenceEdges(_ articles: [Fingerprints]) -> [String: String] {
        var index = DedupIndex<String>()
        var byHash: [String: Fingerprints] = [:]
        for article in articles where byHash[article.contentHash] == nil {
            byHash[article.contentHash] = article
            index.insert(article.contentHash, article)
        }
        var edges: [String: String] = [:]
        for (hash, article) in byHash {
            for other in index.candidates(for: article) where other > hash {
                let relation = Similarity.compare(article, byHash[other]!).relation
                if relation != .none { edges["\(hash)|\(other)"] = relation.rawValue }
            }
        }
        return edges
    }

    /// Seeds 000, 001 and 003 (`processed` in seed order) are stored pairwise as near-duplicates or reprints.
    static func expectSeedCopiesLinked(_ connection: PostgresConnection, _ processed: [ProcessedArticle]) throws {
        let hashes = processed.map(\.fingerprints.contentHash)
        let pairs = try storedEdges(connection)
        for (x, y) in [(0, 1), (0, 3), (1, 3)] {
            let key = "\(min(hashes[x], hashes[y]))|\(max(hashes[x], hashes[y]))"
            #expect(["near-duplicate", "reprint"].contains(pairs[key]), "seeds \(x)–\(y): \(pairs[key] ?? "no pair")")
        }
    }

    static func storedEdges(_ connection: PostgresConnection) throws -> [String: String] {
        var edges: [String: String] = [:]
        for row in try connection.query("SELECT content_hash_a, content_hash_b, kind FROM duplicate_pairs").rows {
            let a: String = try row.decode("content_hash_a")
            let b: String = try row.decode("content_hash_b")
            edges["\(a)|\(b)"] = try row.decode("kind")
        }
        return edges
    }

    /// Invariants of the stories tables: members only in live stories, counts and keys consistent.
    static func checkStoryInvariants(_ connection: PostgresConnection) throws {
        #expect(
            try TestEnvironment.scalar(
                connection,
                """
                SELECT count(*) FROM story_members m JOIN stories s USING (story_id) WHERE s.merged_into IS NOT NULL
                """
            ) == 0
        )
        #expect(
            try TestEnvironment.scalar(
                connection,
                """
                SELECT count(*) FROM stories s
                WHERE s.merged_into IS NULL AND (
                    s.article_count <> (SELECT count(*) FROM story_members m WHERE m.story_id = s.story_id)
                    OR s.story_key <> (SELECT min(a.content_hash) FROM story_members m JOIN articles a USING (article_id)
                                       WHERE m.story_id = s.story_id))
                """
            ) == 0
        )
        #expect(
            try TestEnvironment.scalar(
                connection,
                """
                SELECT count(*) FROM stories
                WHERE merged_into IS NOT NULL AND story_id NOT IN (SELECT merged_story FROM story_merges)
                """
            ) == 0
        )
    }
}

/// IngestCore's seeded generator, with the Fisher–Yates shuffle these tests have always used, so variants are the
/// same in every run.
extension SplitMix64 {
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(index, Int(next() % UInt64(index + 1)))
        }
    }
}
