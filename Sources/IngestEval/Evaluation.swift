import Foundation
import IngestCore

/// Predictions and metrics for one parameter setting over a generated corpus.
struct Evaluation {
    let corpus: Corpus
    let parameters: MinHashParameters
    let thresholds: DedupThresholds
    let fingerprints: [Fingerprints]
    /// Verdicts for every candidate pair; any other pair is `none`.
    let verdicts: [ArticlePair<Int>: SimilarityResult]
    /// Pairs that share at least one band key.
    let bandPairs: Set<ArticlePair<Int>>
    /// True Jaccard of every labelled pair on plain word 2-grams and on the fingerprint shingles.
    let trueJaccard2: [ArticlePair<Int>: Double]
    let trueJaccardShingle: [ArticlePair<Int>: Double]

    init(corpus: Corpus, parameters: MinHashParameters, thresholds: DedupThresholds) {
        self.corpus = corpus
        self.parameters = parameters
        self.thresholds = thresholds
        let fingerprints = corpus.docs.map {
            // The eval corpus is plain text; the parser cannot refuse it.
            try! DedupEval.fingerprint($0.text, key: "eval-\($0.id)", parameters: parameters)
        }
        self.fingerprints = fingerprints
        var index = DedupIndex<Int>()
        for (id, fingerprint) in fingerprints.enumerated() { index.insert(id, fingerprint) }
        var bandPairs = Set<ArticlePair<Int>>()
        for (id, fingerprint) in fingerprints.enumerated() {
            for other in index.bandCandidates(for: fingerprint) where other > id {
                bandPairs.insert(ArticlePair(id, other))
            }
        }
        self.verdicts = Self.judge(fingerprints, index: index, thresholds: thresholds)
        self.bandPairs = bandPairs
        let bodies = corpus.docs.map { TokenizedBody(paragraphs: $0.paragraphs) }
        var j2: [ArticlePair<Int>: Double] = [:]
        var js: [ArticlePair<Int>: Double] = [:]
        var needed = Set(corpus.labelled.map { ArticlePair($0.a, $0.b) })
        for a in 0..<corpus.bases.count {
            for b in (a + 1)..<corpus.bases.count { needed.insert(ArticlePair(a, b)) }
        }
        var grams2: [Int: Set<UInt64>] = [:]
        var shingles: [Int: Set<UInt64>] = [:]
        func sets(_ id: Int) -> (Set<UInt64>, Set<UInt64>) {
            if let two = grams2[id], let shingle = shingles[id] { return (two, shingle) }
            let tokens = bodies[id].tokens
            var two = Set<UInt64>()
            if tokens.count >= 2 {
                for i in 0..<(tokens.count - 1) { two.insert(DedupHash.mix(tokens[i] &* 31 ^ tokens[i + 1])) }
            }
            var shingle = Set<UInt64>()
            MinHash.forEachShingle(bodies[id], size: parameters.shingleSize) { shingle.insert($0) }
            grams2[id] = two
            shingles[id] = shingle
            return (two, shingle)
        }
        func jaccard(_ x: Set<UInt64>, _ y: Set<UInt64>) -> Double {
            let union = x.union(y).count
            return union == 0 ? 1 : Double(x.intersection(y).count) / Double(union)
        }
        for pair in needed {
            let (a2, aS) = sets(pair.low)
            let (b2, bS) = sets(pair.high)
            j2[pair] = jaccard(a2, b2)
            js[pair] = jaccard(aS, bS)
        }
        trueJaccard2 = j2
        trueJaccardShingle = js
    }

    /// The verdict on every pair that `index` (over `fingerprints`, by position) proposes as candidates.
    static func judge(
        _ fingerprints: [Fingerprints],
        index: DedupIndex<Int>,
        thresholds: DedupThresholds
    ) -> [ArticlePair<Int>: SimilarityResult] {
        var verdicts: [ArticlePair<Int>: SimilarityResult] = [:]
        for (id, fingerprint) in fingerprints.enumerated() {
            for other in index.candidates(for: fingerprint) where other > id {
                verdicts[ArticlePair(id, other)] = Similarity.compare(
                    fingerprint,
                    fingerprints[other],
                    thresholds: thresholds
                )
            }
        }
        return verdicts
    }

    func verdict(_ a: Int, _ b: Int) -> SimilarityResult? {
        verdicts[ArticlePair(a, b)]
    }

    func predicted(_ a: Int, _ b: Int) -> DedupRelation {
        verdict(a, b)?.relation ?? .none
    }

    /// The prediction for a judged pair, with accepted alternatives mapped to the truth: a parser that removes
    /// captions and agency trailers makes a caption+trailer variant an exact resend of its base's body.
    func graded(_ key: ArticlePair<Int>, _ truth: DedupRelation, _ kind: String) -> DedupRelation {
        let guess = predicted(key.low, key.high)
        if kind == "caption+trailer" && truth == .nearDuplicate && guess == .exact { return truth }
        return guess
    }

    /// Predicted stories over a subset of documents: union-find over the same-story verdicts inside the subset.
    func stories(_ subset: [Int]) -> [Int: Int] {
        let members = Set(subset)
        let links = verdicts.filter {
            members.contains($0.key.low) && members.contains($0.key.high) && $0.value.sameStory
        }
        .map { ($0.key.low, $0.key.high) }
        return StoryClustering.assign(members: subset, links: links)
    }

    struct Counts {
        var truePositive = 0
        var falsePositive = 0
        var falseNegative = 0

        var precision: Double {
            truePositive + falsePositive == 0 ? .nan : Double(truePositive) / Double(truePositive + falsePositive)
        }
        /// Counts one pair, predicted or not, true or not.
        mutating func add(predicted: Bool, truth: Bool) {
            if predicted && truth { truePositive += 1 }
            if predicted && !truth { falsePositive += 1 }
            if !predicted && truth { falseNegative += 1 }
        }
        var recall: Double {
            truePositive + falseNegative == 0 ? .nan : Double(truePositive) / Double(truePositive + falseNegative)
        }
        var f1: Double {
            let p = precision
            let r = recall
            return p.isNaN || r.isNaN || p + r == 0 ? .nan : 2 * p * r / (p + r)
        }
    }

    /// Labelled pairs plus every cross-family pair (truth `none`), minus pairs that are ambiguous by construction.
    func relationUniverse(_ subset: Set<Int>? = nil) -> [(ArticlePair<Int>, DedupRelation, String)] {
        var result: [(ArticlePair<Int>, DedupRelation, String)] = []
        var labelledKeys = Set<ArticlePair<Int>>()
        for pair in corpus.labelled {
            let key = ArticlePair(pair.a, pair.b)
            if let subset, !(subset.contains(pair.a) && subset.contains(pair.b)) { continue }
            labelledKeys.insert(key)
            result.append((key, pair.truth, pair.kind))
        }
        let ids = subset.map { $0.sorted() } ?? Array(corpus.docs.indices)
        for (position, a) in ids.enumerated() {
            for b in ids[(position + 1)...] where corpus.docs[a].family != corpus.docs[b].family {
                let key = ArticlePair(a, b)
                if labelledKeys.contains(key) || corpus.ambiguous.contains(key) { continue }
                let sameTopic = corpus.bases[corpus.docs[a].family].topic == corpus.bases[corpus.docs[b].family].topic
                result.append((key, .none, sameTopic ? "hard-negative" : "negative"))
            }
        }
        return result
    }

    func counts(for relation: DedupRelation, in universe: [(ArticlePair<Int>, DedupRelation, String)]) -> Counts {
        var counts = Counts()
        for (key, truth, kind) in universe {
            let guess = graded(key, truth, kind)
            if truth == relation && guess == relation {
                counts.truePositive += 1
            } else if guess == relation {
                counts.falsePositive += 1
            } else if truth == relation {
                counts.falseNegative += 1
            }
        }
        return counts
    }

    func adjustedRand(_ subset: [Int]) -> Double {
        let story = stories(subset)
        return ClusterMetrics.adjustedRandIndex(
            truth: subset.map { corpus.docs[$0].family },
            predicted: subset.map { story[$0]! }
        )
    }

    /// Pair counts of the clustering: same predicted story vs same true story, over all pairs of the subset.
    func clusterPairs(_ subset: [Int]) -> Counts {
        let story = stories(subset)
        return Counts(clusterPairsOf: subset.map { corpus.docs[$0].family }, predicted: subset.map { story[$0]! })
    }
}

extension Evaluation.Counts {
    /// The item pairs of a predicted clustering against the truth (``ClusterMetrics/pairCounts(truth:predicted:)``).
    init<A: Hashable, B: Hashable>(clusterPairsOf truth: [A], predicted: [B]) {
        (truePositive, falsePositive, falseNegative) = ClusterMetrics.pairCounts(truth: truth, predicted: predicted)
    }
}
