import Blocking
import Foundation
import IngestCore
import IngestStore
import Kafka
import Postgres
import Publishing
import Testing
import Worker

@Suite struct DedupStoreTests {
    @Test func seedsFormOneStoryAndTheWireCopiesArePaired() throws {
        let url = try TestEnvironment.freshDatabase("dedupseeds")
        let writer = try DedupWriter(url: url, partition: 0)
        let seeds = try DedupCorpus.seeds()
        let processed = try seeds.map { try DedupCorpus.process($0.body, outlet: "outlet-\($0.name.prefix(3))") }
        // 001 is sent again by another outlet, later, at another offset: stored once, seen twice.
        let resend = try DedupCorpus.process(seeds[1].body, outlet: "resender", fetchedAt: "2026-03-04T10:00:00.000Z")
        #expect(try writer.commit(Array(processed[0..<3])) == .committed(newArticles: 3, sightings: 3, errors: 0))
        #expect(
            try writer.commit(Array(processed[3...]) + [resend]) == .committed(newArticles: 2, sightings: 3, errors: 0)
        )
        #expect(try writer.linkAll() == 5)

        let connection = writer.store.connection
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM articles") == 5)
        let resent = processed[1].fingerprints.contentHash
        #expect(
            try TestEnvironment.scalar(
                connection,
                "SELECT sightings FROM article_summary WHERE content_hash = \(resent)"
            )
                == 2
        )
        let stories = try connection.query("SELECT story_key, content_hash FROM story_articles").rows
        #expect(stories.count == 5)
        #expect(Set(stories.map { $0["story_key"] }).count == 1)
        #expect(stories.first?["story_key"] == processed.map(\.fingerprints.contentHash).min())

        try DedupCorpus.expectSeedCopiesLinked(connection, processed)
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == 0)
        try DedupCorpus.checkStoryInvariants(connection)
    }

    /// An article's fingerprints are read from the database once per linker: a later step finds the articles it
    /// linked before (its candidates here) in the store's cache, and links them as a fresh linker would.
    @Test func linkingReadsEachArticlesFingerprintsOnce() throws {
        let url = try TestEnvironment.freshDatabase("dedupcache")
        let writer = try DedupWriter(url: url, partition: 0)
        let seeds = try DedupCorpus.seeds()
        let processed = try seeds.map { try DedupCorpus.process($0.body, outlet: "outlet-\($0.name.prefix(3))") }
        try writer.commit(Array(processed[0..<3]))
        #expect(try writer.linkAll() == 3)
        #expect(writer.store.dedupFingerprintsRead == 3)
        try writer.commit(Array(processed[3...]))
        #expect(try writer.linkAll() == 2)
        // The two new articles only: their candidates, the first three, came from the cache.
        #expect(writer.store.dedupFingerprintsRead == 5)

        let connection = writer.store.connection
        let stories = try connection.query("SELECT story_key FROM story_articles").rows
        #expect(stories.count == 5)
        #expect(Set(stories.map { $0["story_key"] }).count == 1)
        try DedupCorpus.expectSeedCopiesLinked(connection, processed)
        try DedupCorpus.checkStoryInvariants(connection)
    }

    /// A merge moves the smaller stories' members into the largest story of the component, not into the oldest: the
    /// seeds' rewrite 002 (stored first, alone) and the story of 000 and 004 (two articles) meet through 001, and 002
    /// and 001 move into the story of 000, which keeps its id.
    @Test func mergesMoveTheSmallerStories() throws {
        let url = try TestEnvironment.freshDatabase("dedupmergesize")
        let writer = try DedupWriter(url: url, partition: 0)
        let seeds = try DedupCorpus.seeds()
        let processed = try seeds.map { try DedupCorpus.process($0.body, outlet: "outlet-\($0.name.prefix(3))") }
        let connection = writer.store.connection
        func id(_ index: Int) throws -> Int64 {
            try TestEnvironment.scalar(
                connection,
                "SELECT article_id FROM articles WHERE content_hash = \(processed[index].fingerprints.contentHash)"
            )
        }
        try writer.commit([processed[2]])
        try writer.linkAll()
        try writer.commit([processed[0], processed[4]])
        try writer.linkAll()
        let older = try id(2)
        let larger: Int64 = try TestEnvironment.scalar(
            connection,
            "SELECT story_id FROM story_members WHERE article_id = \(try id(0))"
        )
        #expect(
            try TestEnvironment.scalar(connection, "SELECT article_count FROM stories WHERE story_id = \(larger)") == 2
        )
        #expect(older < larger)
        try writer.commit([processed[1]])
        try writer.linkAll()
        #expect(
            try TestEnvironment.scalar(connection, "SELECT count(DISTINCT story_id) FROM story_members") == 1
        )
        #expect(try TestEnvironment.scalar(connection, "SELECT min(story_id) FROM story_members") == larger)
        #expect(
            try TestEnvironment.scalar(connection, "SELECT merged_into FROM stories WHERE story_id = \(older)")
                == larger
        )
        let keys = try connection.query("SELECT DISTINCT story_key FROM story_articles").rows.map {
            try $0.decode("story_key", as: String.self)
        }
        #expect(keys == [[0, 1, 2, 4].map { processed[$0].fingerprints.contentHash }.min()!])
        try DedupCorpus.checkStoryInvariants(connection)
    }

    /// Columns nothing reads are not stored (migration 0010): every row of these tables is smaller.
    @Test func unreadColumnsAreNotStored() throws {
        let url = try TestEnvironment.freshDatabase("dedupcolumns")
        let writer = try DedupWriter(url: url, partition: 0)
        func columns(_ table: String) throws -> [String] {
            try writer.store.connection.query(
                """
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = \(table) ORDER BY ordinal_position
                """
            ).rows.map { try $0.decode("column_name") }
        }
        #expect(try columns("sentence_index") == ["sentence_hash", "article_id"])
        #expect(try !columns("article_sightings").contains("pipeline_version"))
        #expect(try !columns("duplicate_edges").contains("pipeline_version"))
        let minhash = try columns("article_minhash")
        #expect(!minhash.contains("pipeline_version") && !minhash.contains("parameters"))
        #expect(!minhash.contains("computed_at"))
    }

    /// A batch committed by a worker that crashes before linking stays pending, and another worker links it.
    @Test func pendingWorkOfACrashedWorkerIsLinkedByAnother() throws {
        let url = try TestEnvironment.freshDatabase("dedupcrash")
        let crashed = try DedupWriter(url: url, partition: 0)
        let articles = try DedupCorpus.variants()
        let reference = StoryClustering.stories(articles.map(\.fingerprints))
        try crashed.commit(articles)
        crashed.store.connection.close()  // the crash: committed, never linked

        let survivor = try DedupWriter(url: url, partition: 1)
        let connection = survivor.store.connection
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == Int64(articles.count))
        let before = try DedupCorpus.storedStories(connection)
        #expect(before.allSatisfy { $0.key == $0.value }, "unlinked articles are their own stories")
        #expect(before != reference)

        #expect(try survivor.linkAll() == articles.count)
        #expect(try DedupCorpus.storedStories(connection) == reference)
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == 0)
        try DedupCorpus.checkStoryInvariants(connection)
    }

    /// Four writers store near-duplicate groups in shuffled orders and batch splits, committing and linking in
    /// parallel; the stories and the judged pairs must equal the in-memory reference whatever the order.
    @Test(arguments: [11, 22, 33] as [UInt64])
    func concurrentWritersAgreeWithTheInMemoryReference(seed: UInt64) async throws {
        let articles = try DedupCorpus.variants()
        let reference = StoryClustering.stories(articles.map(\.fingerprints))
        let referenceEdges = DedupCorpus.referenceEdges(articles.map(\.fingerprints))
        // The comparison can fail: without linking every article would be its own story.
        #expect(Set(reference.values).count < reference.count / 2)
        #expect(Dictionary(uniqueKeysWithValues: reference.keys.map { ($0, $0) }) != reference)

        let url = try TestEnvironment.freshDatabase("dedupconc")
        var random = SplitMix64(seed: seed)
        var order = articles
        random.shuffle(&order)
        // Deal the shuffled articles to 4 writers in batches of 1–6.
        var plans: [[[ProcessedArticle]]] = Array(repeating: [], count: 4)
        var position = 0
        while position < order.count {
            let size = min(1 + Int(random.next() % 6), order.count - position)
            plans[Int(random.next() % 4)].append(Array(order[position..<(position + size)]))
            position += size
        }
        let writers = try (0..<4).map { try DedupWriter(url: url, partition: Int32($0)) }
        nonisolated(unsafe) let shared = (writers, plans)
        try await Blocking.run {
            try runOnThreads(4) { index in
                for batch in shared.1[index] {
                    try shared.0[index].commit(batch)
                    try shared.0[index].linkAll()
                }
            }
        }
        let connection = writers[0].store.connection
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == 0)
        #expect(try DedupCorpus.storedStories(connection) == reference)
        #expect(try DedupCorpus.storedEdges(connection) == referenceEdges)
        try DedupCorpus.checkStoryInvariants(connection)
    }

    /// Two near-duplicates committed and linked at the same moment by two writers end in one story (each round a
    /// new pair; neither writer's first search can count on seeing the other's article).
    @Test func nearDuplicatesStoredAtTheSameMomentJoinOneStory() async throws {
        let bases = try DedupCorpus.seeds() + DedupCorpus.bases()
        var pairs: [(ProcessedArticle, ProcessedArticle)] = []
        for (index, base) in bases.enumerated() {
            let left = DedupCorpus.variant(of: base.body, seed: 100 + UInt64(index), rate: 0.03, dropParagraph: false)
            let right = DedupCorpus.variant(of: base.body, seed: 200 + UInt64(index), rate: 0.03, dropParagraph: true)
            let a = try DedupCorpus.process(left, outlet: "left")
            let b = try DedupCorpus.process(right, outlet: "right")
            try #require(Similarity.compare(a.fingerprints, b.fingerprints).sameStory)
            pairs.append((a, b))
        }
        let url = try TestEnvironment.freshDatabase("dedupsame")
        let writers = try (0..<2).map { try DedupWriter(url: url, partition: Int32($0)) }
        let barrier = DedupBarrier(parties: 2)
        nonisolated(unsafe) let shared = (writers, pairs)
        try await Blocking.run {
            try runOnThreads(2) { index in
                for pair in shared.1 {
                    barrier.wait()
                    try shared.0[index].commit([index == 0 ? pair.0 : pair.1])
                    barrier.wait()
                    try shared.0[index].linkAll()
                }
            }
        }
        let connection = writers[0].store.connection
        let stories = try DedupCorpus.storedStories(connection)
        for (a, b) in pairs {
            let hashA = a.fingerprints.contentHash
            #expect(stories[hashA] != nil && stories[hashA] == stories[b.fingerprints.contentHash])
        }
        // The five seeds' pairs form one story (they are one event); every other base keeps its own.
        let reference = StoryClustering.stories(pairs.flatMap { [$0.0.fingerprints, $0.1.fingerprints] })
        #expect(stories == reference)
        try DedupCorpus.checkStoryInvariants(connection)
    }

    /// Candidates come from the same pipeline version only, and the views show the current version.
    @Test func otherPipelineVersionsAreNeverCandidates() throws {
        let url = try TestEnvironment.freshDatabase("dedupversions")
        let seeds = try DedupCorpus.seeds()
        let v1 = try DedupWriter(url: url, partition: 0, version: "v1")
        let v2 = try DedupWriter(url: url, partition: 1, version: "v2")
        func processed(_ index: Int, version: String) throws -> ProcessedArticle {
            var article = try DedupCorpus.process(seeds[index].body, outlet: "o\(index)")
            article.pipelineVersion = version
            return article
        }
        try v1.commit([try processed(0, version: "v1")])
        try v2.commit([try processed(1, version: "v2"), try processed(3, version: "v2")])
        try v1.linkAll()
        try v2.linkAll()
        let connection = v1.store.connection
        // 000 (v1) is a copy of 001 and 003 (v2), but only the v2 pair is judged.
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM duplicate_edges") == 1)
        #expect(
            try TestEnvironment.scalar(
                connection,
                """
                SELECT count(*) FROM duplicate_edges e JOIN articles a ON a.article_id = e.article_a
                WHERE a.pipeline_version <> 'v2'
                """
            ) == 0
        )
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM story_articles") == 1)
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM duplicate_pairs") == 0)
        try v1.store.activate(pipelineVersion: "v2")
        #expect(try TestEnvironment.scalar(connection, "SELECT count(DISTINCT story_key) FROM story_articles") == 1)
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM duplicate_pairs") == 1)
    }

    /// The candidate index holds exactly the keys DedupIndex (the reference) indexes: the sampled band keys (also
    /// kept in article_minhash.band_keys), the sampled anchors and each quote's two anchors, nothing else.
    @Test func indexRowsAreTheSampledKeysOfTheReference() throws {
        let url = try TestEnvironment.freshDatabase("dedupsampled")
        let writer = try DedupWriter(url: url, partition: 0)
        let processed = try DedupCorpus.seeds().enumerated().map { try DedupCorpus.process($1.body, outlet: "o\($0)") }
        try writer.commit(processed)
        let connection = writer.store.connection
        var total = (rows: 0, keys: 0)
        for article in processed {
            let prints = article.fingerprints
            let id: Int64 = try TestEnvironment.scalar(
                connection,
                "SELECT article_id FROM articles WHERE content_hash = \(prints.contentHash)"
            )
            func keys(_ query: PostgresQuery) throws -> [Int64] {
                try connection.query(query).rows.map { try $0.decode("k") }
            }
            let bands = try keys("SELECT band_key AS k FROM lsh_band WHERE article_id = \(id)")
            let sentences = try keys("SELECT sentence_hash AS k FROM sentence_index WHERE article_id = \(id)")
            let kept = try keys("SELECT packed_int8s(band_keys) AS k FROM article_minhash WHERE article_id = \(id)")
            #expect(Set(bands) == Set(DedupKeySampling.indexedBands(prints)))
            #expect(kept == DedupKeySampling.indexedBands(prints))
            #expect(Set(sentences) == Set(DedupKeySampling.indexedSentenceKeys(prints).map(\.key)))
            #expect(Set(bands + sentences).isSubset(of: Set(DedupIndex<Int64>.keys(of: prints))))
            total.rows += bands.count + sentences.count
            total.keys += prints.bandKeys.count + prints.sentenceAnchors.count + prints.quoteKeys.count
        }
        // About half the band keys and anchors, two thirds of the quote keys.
        #expect(total.rows < total.keys * 3 / 4)
    }

    /// Retention: removing an article's fingerprints removes its candidate-index rows (found by key, since the index
    /// tables have no article_id index), and nobody else's.
    @Test func droppedFingerprintsTakeTheirIndexRowsWithThem() throws {
        let url = try TestEnvironment.freshDatabase("dedupdrop")
        let writer = try DedupWriter(url: url, partition: 0)
        let seeds = try DedupCorpus.seeds()
        try writer.commit(try seeds.enumerated().map { try DedupCorpus.process($1.body, outlet: "o\($0)") })
        let connection = writer.store.connection
        let victim = try TestEnvironment.scalar(connection, "SELECT min(article_id) FROM article_minhash")
        func rows(_ article: Int64, others: Bool = false) throws -> Int64 {
            let query: PostgresQuery =
                others
                ? """
                SELECT (SELECT count(*) FROM lsh_band WHERE article_id <> \(article))
                     + (SELECT count(*) FROM sentence_index WHERE article_id <> \(article))
                """
                : """
                SELECT (SELECT count(*) FROM lsh_band WHERE article_id = \(article))
                     + (SELECT count(*) FROM sentence_index WHERE article_id = \(article))
                """
            return try TestEnvironment.scalar(connection, query)
        }
        let before = (mine: try rows(victim), others: try rows(victim, others: true))
        #expect(before.mine > 20)
        try connection.query("DELETE FROM article_minhash WHERE article_id = \(victim)")
        #expect(try rows(victim) == 0)
        #expect(try rows(victim, others: true) == before.others)
    }

    /// The fingerprints story linking reads back are exactly the ones the batch stored (packed bytes, Migrations/0016):
    /// signature values over the whole UInt32 range, keys over Int64's, empty lists. SQL's `packed_int8s` reads the
    /// same keys, so retention removes the index rows of negative and extreme keys too.
    @Test func storedFingerprintsReadBackExactly() throws {
        let url = try TestEnvironment.freshDatabase("dedupbytes")
        let writer = try DedupWriter(url: url, partition: 0)
        let seeds = try DedupCorpus.seeds()
        let extremes: [Int64] = [.min, .min + 1, -2, -1, 0, 1, 2, 0x0123_4567_89ab_cdef, .max - 1, .max]
        var full = try DedupCorpus.process(seeds[0].body, outlet: "full")
        full.fingerprints.minhash += [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_fffe, 0xffff_ffff]
        full.fingerprints.bandKeys += extremes
        full.fingerprints.sentenceHashes += extremes
        full.fingerprints.sentenceAnchors += extremes.flatMap { [$0, ~$0] }
        full.fingerprints.quoteKeys += extremes.flatMap { [$0, $0 ^ 0x5555, ~$0] }
        var bare = try DedupCorpus.process(seeds[1].body, outlet: "bare")
        bare.fingerprints.minhash = []
        bare.fingerprints.bandKeys = []
        bare.fingerprints.sentenceHashes = []
        bare.fingerprints.sentenceAnchors = []
        bare.fingerprints.quoteKeys = []
        try writer.commit([full, bare])
        let connection = writer.store.connection
        let ids = try [full, bare].map { article -> Int64 in
            try TestEnvironment.scalar(
                connection,
                "SELECT article_id FROM articles WHERE content_hash = \(article.fingerprints.contentHash)"
            )
        }
        // A store of its own: nothing cached, every row read from the database.
        let reader = ResultStore(connection: try TestEnvironment.connect(url), logger: TestEnvironment.logger)
        let read = try reader.dedupFingerprints(ids)
        for (id, sent) in zip(ids, [full.fingerprints, bare.fingerprints]) {
            let stored = try #require(read[id]).fingerprints
            #expect(stored.contentHash == sent.contentHash)
            #expect(stored.minhash == sent.minhash)
            #expect(stored.tokenHash == sent.tokenHash)
            #expect(stored.bandKeys == DedupKeySampling.indexedBands(sent))
            #expect(stored.sentenceHashes == sent.sentenceHashes)
            #expect(stored.sentenceAnchors == sent.sentenceAnchors)
            #expect(stored.quoteKeys == sent.quoteKeys)
            func unpacked(_ query: PostgresQuery) throws -> [Int64] {
                try connection.query(query).rows.map { try $0.decode("k") }
            }
            let bands = try unpacked(
                "SELECT packed_int8s(band_keys) AS k FROM article_minhash WHERE article_id = \(id)"
            )
            let anchors = try unpacked(
                "SELECT packed_int8s(sentence_anchors) AS k FROM article_minhash WHERE article_id = \(id)"
            )
            let quotes = try unpacked(
                "SELECT packed_int8s(quote_keys) AS k FROM article_minhash WHERE article_id = \(id)"
            )
            #expect(bands == stored.bandKeys)
            #expect(anchors == sent.sentenceAnchors)
            #expect(quotes == sent.quoteKeys)
        }
        #expect(read[ids[0]]?.fingerprints.bandKeys.contains(.min) == true)
        let indexRows: PostgresQuery = """
            SELECT (SELECT count(*) FROM lsh_band WHERE article_id = ANY(\(ids)::int8[]))
                 + (SELECT count(*) FROM sentence_index WHERE article_id = ANY(\(ids)::int8[]))
            """
        #expect(try TestEnvironment.scalar(connection, indexRows) > 40)
        try connection.query("DELETE FROM article_minhash WHERE article_id = ANY(\(ids)::int8[])")
        #expect(try TestEnvironment.scalar(connection, indexRows) == 0)
    }

    @Test func readersMaySelectTheViews() throws {
        let url = try TestEnvironment.freshDatabase("dedupgrants")
        let connection = try TestEnvironment.connect(url)
        for view in ["story_articles", "duplicate_pairs"] {
            let granted = try connection.query(
                "SELECT has_table_privilege('newsingest_reader', \(view), 'SELECT') AS ok"
            ).rows[0]
            #expect(try granted.decode("ok", as: Bool.self), "\(view)")
        }
        let pending = try connection.query(
            "SELECT has_table_privilege('newsingest_reader', 'dedup_pending', 'SELECT') AS ok"
        ).rows[0]
        #expect(try !pending.decode("ok", as: Bool.self))
        let names = Set(ResultStore.publicViews.map(\.name))
        #expect(names.isSuperset(of: ["story_articles", "duplicate_pairs"]))
    }

    /// The stored relation is the one IngestCore decides: another report that quotes the same people (the base
    /// article's quoted sentences, scattered in a different story's text) is `related` and joins the story without
    /// being a copy; a trimmed reprint is a copy. Both from the project's own evaluation bases.
    @Test func reportsSharingQuotesAreStoredAsRelatedAndTrimmedCopiesAsCopies() throws {
        let bases = try DedupCorpus.bases()
        let source = try #require(bases.first { $0.name == "airline-strike.txt" }).body
        let other = try #require(bases.first { $0.name == "airline-fleet.txt" }).body
        var quoted: [String] = []
        for paragraph in source.components(separatedBy: "\n\n").dropFirst() {
            for sentence in paragraph.components(separatedBy: ". ")
            where sentence.contains("\"") && sentence.split(separator: " ").count >= 8 {
                quoted.append(sentence)
            }
        }
        try #require(quoted.count >= 4)
        var report = other.components(separatedBy: "\n\n")
        for (index, sentence) in quoted.reversed().enumerated() {
            report.insert(sentence.hasSuffix(".") ? sentence : sentence + ".", at: min(report.count, 2 + 2 * index))
        }
        let paragraphs = source.components(separatedBy: "\n\n")
        let trimmed = paragraphs.prefix(paragraphs.count / 2 + 1).joined(separator: "\n\n")
        let articles = [
            try DedupCorpus.process(source, outlet: "wire"),
            try DedupCorpus.process(report.joined(separator: "\n\n"), outlet: "other-report"),
            try DedupCorpus.process(trimmed, outlet: "trimmed-reprint"),
        ]
        let prints = articles.map(\.fingerprints)
        let quotes = Similarity.compare(prints[0], prints[1])
        #expect(quotes.relation == .related, "shared \(quotes.sharedSentences)/\(quotes.comparedSentences)")
        #expect(quotes.sameStory)
        #expect(Similarity.compare(prints[0], prints[2]).relation.isCopy)

        let url = try TestEnvironment.freshDatabase("dedupquotes")
        let writer = try DedupWriter(url: url, partition: 0)
        try writer.commit(Array(articles.reversed()))
        #expect(try writer.linkAll() == 3)
        let connection = writer.store.connection
        #expect(try DedupCorpus.storedEdges(connection) == DedupCorpus.referenceEdges(prints))
        let key = { (x: Int, y: Int) in
            "\(min(prints[x].contentHash, prints[y].contentHash))|\(max(prints[x].contentHash, prints[y].contentHash))"
        }
        let stored = try DedupCorpus.storedEdges(connection)
        #expect(stored[key(0, 1)] == "related")
        #expect(["near-duplicate", "reprint"].contains(stored[key(0, 2)]))
        #expect(Set(try DedupCorpus.storedStories(connection).values).count == 1)
        try DedupCorpus.checkStoryInvariants(connection)
    }
}

/// The Examples/ folder through a real worker (Kafka mock cluster → pipeline → PostgreSQL → linking).
@Suite struct DedupWorkerTests {
    @Test func examplesAreGroupedAsTheManifestSays() async throws {
        try await Blocking.run {
            let root = TestEnvironment.packageRoot.appendingPathComponent("Examples")
            let manifest = try ExamplesTests.manifest()
            let reader = ArticleReader(outletOverride: nil)
            var envelopes: [ArticleEnvelope] = []
            var storyOfHash: [String: String] = [:]
            var prints: [(String, Fingerprints)] = []
            for file in try reader.expand([root.path]).files {
                for raw in try reader.read(file: file) {
                    let envelope = ArticleReader.envelope(
                        for: raw,
                        fetchedAt: Date(timeIntervalSince1970: 1_772_500_000)
                    )
                    envelopes.append(envelope)
                    let relative = String(raw.origin.dropFirst(root.path.count + 1))
                    let entry = try #require(
                        manifest.articles.first { entry in
                            (entry.line.map { "\(entry.path):\($0)" } ?? entry.path) == relative
                        },
                        "\(relative) is not in the manifest"
                    )
                    let processed = try Pipeline().process(envelope)
                    storyOfHash[processed.fingerprints.contentHash] = entry.story
                    prints.append((relative, processed.fingerprints))
                }
            }
            #expect(envelopes.count == manifest.articleCount)
            let reference = StoryClustering.stories(prints.map(\.1))

            let cluster = try KafkaMockCluster(brokers: 1)
            try cluster.createTopic("examples", partitions: 2)
            try cluster.createTopic("examples.dlq", partitions: 1)
            let database = try TestEnvironment.freshDatabase("dedupexamples")
            let connection = try TestEnvironment.connect(database)
            try WorkerTests().publish(envelopes, topic: "examples", brokers: cluster.bootstrapServers)
            let worker = InProcessWorker(
                WorkerTests().configuration(brokers: cluster.bootstrapServers, database: database, topic: "examples")
            )
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings")
                        == Int64(manifest.articleCount)
                        && TestEnvironment.scalar(connection, "SELECT count(*) FROM dedup_pending") == 0
                }
            )
            _ = try worker.finish()

            // The worker's stories are the in-memory reference's, and never mix two manifest stories.
            let storedStories = try DedupCorpus.storedStories(connection)
            #expect(storedStories == reference)
            var actual: [String: Set<String>] = [:]
            for (hash, key) in storedStories { actual[key, default: []].insert(hash) }
            let named = actual.values.map { Set($0.map { storyOfHash[$0] ?? "?" }).sorted() }.sorted {
                $0.description < $1.description
            }
            #expect(named.allSatisfy { $0.count == 1 }, "a stored story mixes manifest stories: \(named)")
            // The rewrites (civic-post on the port strike, northern-observer on the rate hike, the second wildfire
            // article) share under three sentences with their stories; they join through three shared quotes.
            let expected = Dictionary(grouping: storyOfHash, by: \.value).mapValues { Set($0.map(\.key)) }
            #expect(Set(actual.values) == Set(expected.values), "stored stories by manifest name: \(named)")
            #expect(actual.count == manifest.storyCount)
            // The union leader's quote: the wire copy, its three reprints and the civic-post rewrite carry it, so
            // five outlets but two independent sources.
            let corroboration = try connection.query(
                """
                SELECT outlet_count, independent_sources FROM claim_corroboration
                WHERE content LIKE 'We didn%t choose this fight%'
                """
            ).rows
            try #require(corroboration.count == 1)
            #expect(try corroboration[0].decode("outlet_count", as: Int64.self) == 5)
            #expect(try corroboration[0].decode("independent_sources", as: Int64.self) == 2)
            try DedupCorpus.checkStoryInvariants(connection)
        }
    }
}
