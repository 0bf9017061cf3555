import Foundation
import IngestCore

/// `ingest-eval story-candidates`: which pairs story linking judges, on a generated bench corpus whose generator
/// recorded each article's story (`Scripts/bench/corpus.py`, `.bench-corpus.json`). Articles arrive in file order;
/// each key is read for its first `--postings` carriers (the store's `dedupPostingsPerKey`, 100), as in the store.
/// Rules compared: the pair rule (``DedupKeySampling/isCandidate(sharedKeys:)``), every article sharing a key, and the
/// former cap of the 50 sharing the most keys among those stored so far, in file order and reversed (the stories
/// it gives differ: arrival order). For each: pairs judged, edges, stories, and story pairs against the generator's.
/// `--new N` instead links the last N articles against all the others stored and prints candidates per article.
///
///     ingest-eval story-candidates --corpus DIR [--postings 100] [--new N]
package enum StoryCandidatesEval {
    struct Article {
        var story: Int
        var fingerprints: Fingerprints
        var lookup: SentenceLookup
    }

    /// What a pair shares: its shared indexed keys, an exact key counting as ``DedupKeySampling/candidateMinSharedKeys``.
    typealias Shares = [Int: Int]

    package static func run(_ arguments: ArraySlice<String>) throws {
        let args = Array(arguments)
        var corpus: String?
        var postings = 100
        var newArticles = 0
        for (index, argument) in args.enumerated() where index + 1 < args.count {
            if argument == "--corpus" { corpus = args[index + 1] }
            if argument == "--postings", let value = Int(args[index + 1]) { postings = max(1, value) }
            if argument == "--new", let value = Int(args[index + 1]) { newArticles = max(0, value) }
        }
        guard let corpus else { throw ClaimsEval.Failure.missing("--corpus") }
        let articles = try load(corpus)
        let index = KeyIndex(articles.map(\.fingerprints))
        print(
            "== story candidates: \(articles.count) articles of \(Set(articles.map(\.story)).count) generated stories"
        )
        if newArticles > 0 {
            printNew(articles, index, count: min(newArticles, articles.count - 1), postings: postings)
            return
        }
        let order = Array(articles.indices)
        let forward = shares(order, index, postings: postings)
        let backward = shares(order.reversed(), index, postings: postings)
        func pairs(_ all: [(Int, Int, Int)], _ keep: (Int) -> Bool) -> [(Int, Int)] {
            all.filter { keep($0.2) }.map { ($0.0, $0.1) }
        }
        let rules: [(String, [(Int, Int)])] = [
            (
                "pair rule: >= \(DedupKeySampling.candidateMinSharedKeys) shared keys",
                pairs(forward.all) {
                    DedupKeySampling.isCandidate(sharedKeys: $0)
                }
            ),
            ("pair rule, reversed", pairs(backward.all) { DedupKeySampling.isCandidate(sharedKeys: $0) }),
            ("every article sharing a key", pairs(forward.all) { _ in true }),
            ("50 sharing the most, file order", forward.top50),
            ("50 sharing the most, reversed", backward.top50),
        ]
        print("rule                                     judged    edges  stories  story-P  story-R  ARI")
        for (name, judged) in rules {
            var links: [(Int, Int)] = []
            var edges = 0
            for (a, b) in Set(judged.map { ArticlePair($0.0, $0.1) }).map({ ($0.low, $0.high) }) {
                let result = Similarity.compare(
                    articles[a].fingerprints,
                    articles[a].lookup,
                    articles[b].fingerprints,
                    articles[b].lookup
                )
                if result.relation != .none { edges += 1 }
                if result.sameStory { links.append((a, b)) }
            }
            let story = StoryClustering.assign(members: Array(articles.indices), links: links)
            let predicted = articles.indices.map { story[$0]! }
            let agreement = Evaluation.Counts(clusterPairsOf: articles.map(\.story), predicted: predicted)
            let ari = ClusterMetrics.adjustedRandIndex(truth: articles.map(\.story), predicted: predicted)
            print(
                name.padding(toLength: 38, withPad: " ", startingAt: 0)
                    + String(
                        format: " %9d %8d %8d  %.4f   %.4f   %.4f",
                        judged.count,
                        edges,
                        Set(predicted).count,
                        agreement.precision,
                        agreement.recall,
                        ari
                    )
            )
        }
    }

    /// Each article's fingerprints through the whole pipeline, in file order (the generator's numbering).
    static func load(_ folder: String) throws -> [Article] {
        let manifest = URL(fileURLWithPath: folder).appendingPathComponent(".bench-corpus.json")
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any],
            let storyOf = object["story_of"] as? [String: Int]
        else { throw ClaimsEval.Failure.missing("story_of in \(manifest.path)") }
        let names = storyOf.keys.sorted {
            ($0.split(separator: "/").last ?? "") < ($1.split(separator: "/").last ?? "")
        }
        let pipeline = Pipeline()
        return try names.compactMap { name in
            let body = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let type: ContentType = name.hasSuffix(".json") ? .json : name.hasSuffix(".html") ? .html : .text
            let envelope = ArticleEnvelope(
                key: name,
                outlet: String(name.split(separator: "/").first ?? ""),
                fetchedAt: "2026-12-01T00:00:00Z",
                contentType: type,
                body: body
            )
            guard let prints = try? pipeline.process(envelope).fingerprints else { return nil }
            return Article(story: storyOf[name] ?? -1, fingerprints: prints, lookup: SentenceLookup(prints))
        }
    }

    /// Every article's indexed keys, and each key's carriers in file order.
    struct KeyIndex {
        var keys: [[(key: Int64, weight: Int)]] = []
        var carriers: [Int64: [Int]] = [:]

        init(_ prints: [Fingerprints]) {
            for (id, fingerprints) in prints.enumerated() {
                var own: [(key: Int64, weight: Int)] = []
                var seen = Set<Int64>()
                var indexed = DedupKeySampling.indexedBands(fingerprints)
                indexed += DedupKeySampling.indexedSentenceKeys(fingerprints).map(\.key)
                if fingerprints.tokenHash != 0 { indexed.append(fingerprints.tokenHash) }
                for key in indexed where seen.insert(key).inserted {
                    // The token hash, the exact key the store indexes, counts as enough alone.
                    let weight = key == fingerprints.tokenHash ? DedupKeySampling.candidateMinSharedKeys : 1
                    own.append((key, weight))
                    carriers[key, default: []].append(id)
                }
                keys.append(own)
            }
        }

        /// What `id` shares with each article `stored` holds, each key read for its first `postings` carriers
        /// among them (the token hash: all of them).
        func shares(of id: Int, stored: (Int) -> Bool, postings: Int) -> Shares {
            var shares: Shares = [:]
            for (key, weight) in keys[id] {
                var read = 0
                for other in carriers[key] ?? [] where other != id && stored(other) {
                    if weight == 1 && read == postings { break }
                    read += 1
                    shares[other, default: 0] += weight
                }
            }
            return shares
        }
    }

    /// Links the articles in `order`, each against those before it: every pair sharing a key (with what it shares),
    /// and the former rule's 50 sharing the most.
    static func shares(
        _ order: [Int],
        _ index: KeyIndex,
        postings: Int
    ) -> (all: [(Int, Int, Int)], top50: [(Int, Int)]) {
        var position = [Int](repeating: 0, count: order.count)
        for (place, id) in order.enumerated() { position[id] = place }
        var all: [(Int, Int, Int)] = []
        var top50: [(Int, Int)] = []
        for id in order {
            let shares = index.shares(of: id, stored: { position[$0] < position[id] }, postings: postings)
            for (other, count) in shares { all.append((other, id, count)) }
            let ranked = shares.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            for (other, _) in ranked.prefix(50) { top50.append((other, id)) }
        }
        return (all, top50)
    }

    static func printNew(_ articles: [Article], _ index: KeyIndex, count: Int, postings: Int) {
        let first = articles.count - count
        var ruled: [Int] = []
        var any: [Int] = []
        var sameStory = (ruled: 0, any: 0)
        for id in first..<articles.count {
            let shares = index.shares(of: id, stored: { $0 < first }, postings: postings)
            any.append(shares.count)
            ruled.append(shares.values.filter { DedupKeySampling.isCandidate(sharedKeys: $0) }.count)
            for (other, shared) in shares {
                let result = Similarity.compare(
                    articles[id].fingerprints,
                    articles[id].lookup,
                    articles[other].fingerprints,
                    articles[other].lookup
                )
                guard result.sameStory else { continue }
                sameStory.any += 1
                if DedupKeySampling.isCandidate(sharedKeys: shared) { sameStory.ruled += 1 }
            }
        }
        func summary(_ counts: [Int]) -> String {
            let sorted = counts.sorted()
            let mean = Double(counts.reduce(0, +)) / Double(max(counts.count, 1))
            return String(format: "mean %.1f, p99 %d, max %d", mean, sorted[sorted.count * 99 / 100], sorted.last ?? 0)
        }
        print("\(count) new articles linked against \(first) stored; candidates per new article:")
        print(
            "  pair rule (>= \(DedupKeySampling.candidateMinSharedKeys) shared keys): \(summary(ruled)); same-story verdicts \(sameStory.ruled)"
        )
        print("  every article sharing a key:   \(summary(any)); same-story verdicts \(sameStory.any)")
    }
}
