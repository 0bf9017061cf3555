import Foundation
import IngestCore

extension Evaluation {
    /// Prints the report; returns the targets it checks.
    func report(listMisses: Bool) -> [(String, Bool)] {
        let f = DedupEval.format
        let baseIDs = Array(0..<corpus.bases.count)
        let kinds = corpus.docs.map(\.kind).reduce(into: [String]()) {
            if !$0.contains($1) && $1 != "base" { $0.append($1) }
        }

        print("\n== per variant kind (pairs: variant vs its base, plus every cross-family pair among the kind's docs)")
        print(
            "kind               n  truth           J2    J_sh  J_est | rel-P  rel-R  rel-F1 | linked | cand(LSH) | ARI   clu-P  clu-R  clu-F1"
        )
        var targets: [(String, Bool)] = []
        for kind in kinds {
            let variantIDs = corpus.docs.filter { $0.kind == kind }.map(\.id)
            let subset = baseIDs + variantIDs
            let subsetSet = Set(subset)
            let universe = relationUniverse(subsetSet)
            let positives = universe.filter { $0.2 == kind }
            guard let truth = positives.first?.1 else { continue }
            let counts = self.counts(for: truth, in: universe)
            let linked = positives.filter { verdict($0.0.low, $0.0.high)?.sameStory ?? false }.count
            let viaBands = positives.filter { bandPairs.contains($0.0) }.count
            let j2 = positives.map { trueJaccard2[$0.0] ?? .nan }.reduce(0, +) / Double(positives.count)
            let js = positives.map { trueJaccardShingle[$0.0] ?? .nan }.reduce(0, +) / Double(positives.count)
            let je =
                positives.map { verdict($0.0.low, $0.0.high)?.estimatedJaccard ?? 0 }.reduce(0, +)
                / Double(positives.count)
            let clusters = clusterPairs(subset)
            print(
                kind.padding(toLength: 17, withPad: " ", startingAt: 0)
                    + String(format: "%3d  ", positives.count)
                    + truth.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + " \(f(j2)) \(f(js)) \(f(je)) | \(f(counts.precision))  \(f(counts.recall))  \(f(counts.f1))  |"
                    + String(
                        format: " %5.3f  |   %5.3f   |",
                        Double(linked) / Double(positives.count),
                        Double(viaBands) / Double(positives.count)
                    )
                    + " \(f(adjustedRand(subset)))  \(f(clusters.precision))  \(f(clusters.recall))  \(f(clusters.f1))"
            )
        }

        let all = Array(corpus.docs.indices)
        let universe = relationUniverse()
        print("\n== per relation, all \(corpus.docs.count) documents (\(universe.count) judged pairs)")
        print("relation          support  P      R      F1")
        for relation in [DedupRelation.exact, .nearDuplicate, .reprint, .related] {
            let counts = self.counts(for: relation, in: universe)
            let support = universe.filter { $0.1 == relation }.count
            print(
                relation.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)
                    + String(format: "%7d  ", support) + "\(f(counts.precision))  \(f(counts.recall))  \(f(counts.f1))"
            )
        }
        let confusion = Dictionary(grouping: universe.filter { $0.1 != .none }) {
            "\($0.1.rawValue) -> \(graded($0.0, $0.1, $0.2).rawValue)"
        }
        print(
            "confusion (truth -> predicted): "
                + confusion.keys.sorted().map { "\($0): \(confusion[$0]!.count)" }.joined(separator: ", ")
        )

        // Copy and story relations over the same pairs (ambiguous ones left out): any of exact, near-duplicate and
        // reprint is a copy; a labelled pair is one story, a cross-family pair is not.
        var copy = Counts()
        var story = Counts()
        for (key, truth, _) in universe {
            let verdict = self.verdict(key.low, key.high)
            let isCopy = verdict?.relation.isCopy ?? false
            let sameStory = verdict?.sameStory ?? false
            let copyTruth = truth.isCopy
            let storyTruth = corpus.docs[key.low].family == corpus.docs[key.high].family
            copy.add(predicted: isCopy, truth: copyTruth)
            story.add(predicted: sameStory, truth: storyTruth)
        }
        print(
            "copy pairs (exact, near-duplicate, reprint): P \(f(copy.precision)) R \(f(copy.recall));"
                + " story pairs: P \(f(story.precision)) R \(f(story.recall))"
        )

        // Exact duplicates.
        let exactPairs = universe.filter { $0.1 == .exact }
        let exactFound = exactPairs.filter { graded($0.0, $0.1, $0.2) == .exact }.count
        targets.append(("exact duplicates found: \(exactFound)/\(exactPairs.count)", exactFound == exactPairs.count))

        // Near-duplicates with true Jaccard ≥ 0.5 (word 2-grams; the fingerprint shingles are also 2-grams).
        let nearHigh = universe.filter { $0.1 == .nearDuplicate && (trueJaccard2[$0.0] ?? 0) >= 0.5 }
        let nearFound = nearHigh.filter { graded($0.0, $0.1, $0.2) == .nearDuplicate }.count
        let nearFalse = universe.filter { $0.1 != .nearDuplicate && predicted($0.0.low, $0.0.high) == .nearDuplicate }
            .count
        let nearRecall = Double(nearFound) / Double(max(1, nearHigh.count))
        let nearPrecision = Double(nearFound) / Double(max(1, nearFound + nearFalse))
        let nearLow = universe.filter { $0.1 == .nearDuplicate && (trueJaccard2[$0.0] ?? 0) < 0.5 }
        let nearLowFound = nearLow.filter { graded($0.0, $0.1, $0.2) == .nearDuplicate }.count
        let nearLowLinked = nearLow.filter { verdict($0.0.low, $0.0.high)?.sameStory ?? false }.count
        let nearHighViaBands = nearHigh.filter { bandPairs.contains($0.0) }.count
        print(
            "near-duplicates with true J2 >= 0.5: \(nearHigh.count) pairs, found \(nearFound), false near \(nearFalse);"
                + " precision \(f(nearPrecision)), recall \(f(nearRecall)); LSH candidates \(nearHighViaBands)/\(nearHigh.count)"
        )
        print(
            "near-duplicates with true J2 < 0.5: \(nearLow.count) pairs, called near \(nearLowFound),"
                + " linked to the story \(nearLowLinked)"
        )
        targets.append(("near-dup (J2>=0.5) precision \(f(nearPrecision)) >= 0.98", nearPrecision >= 0.98))
        targets.append(("near-dup (J2>=0.5) recall \(f(nearRecall)) >= 0.95", nearRecall >= 0.95))

        // Hard negatives.
        let hard = universe.filter { $0.2 == "hard-negative" }
        let hardLinked = hard.filter { verdict($0.0.low, $0.0.high)?.sameStory ?? false }
        let hardRelated = hard.filter { predicted($0.0.low, $0.0.high) != .none }.count
        var baseJ: [Double] = []
        for a in baseIDs {
            for b in baseIDs where b > a && corpus.bases[a].topic == corpus.bases[b].topic {
                baseJ.append(trueJaccard2[ArticlePair(a, b)] ?? .nan)
            }
        }
        print(
            "hard negatives (same topic, other story): \(hard.count) pairs, linked \(hardLinked.count), any relation \(hardRelated);"
                + " base-pair J2 " + baseJ.map(f).joined(separator: " ")
        )
        let storyOfAll = stories(all)
        let mergedBases = Set(baseIDs.map { storyOfAll[$0]! }).count != baseIDs.count
        targets.append(("no hard negative linked (\(hardLinked.count) linked pairs)", hardLinked.isEmpty))
        targets.append(("no two base stories merged in one cluster", !mergedBases))

        let ari = adjustedRand(all)
        let clusters = clusterPairs(all)
        print(
            "all documents: ARI \(f(ari)); cluster pairs P \(f(clusters.precision)) R \(f(clusters.recall)) F1 \(f(clusters.f1));"
                + " \(Set(storyOfAll.values).count) predicted stories for \(corpus.bases.count) true"
        )
        print("anchors: NEWS-COPY MinHash ARI 0.73 (text-dedup), neural re-ranker 0.937")
        // Ablation: whole-document MinHash alone (band candidates, estimated Jaccard >= t, no sentence evidence).
        for threshold in [0.45, 0.3] {
            let links = bandPairs.filter {
                MinHash.estimatedJaccard(fingerprints[$0.low].minhash, fingerprints[$0.high].minhash) >= threshold
            }.map { ($0.low, $0.high) }
            let story = StoryClustering.assign(members: all, links: links)
            let ari = ClusterMetrics.adjustedRandIndex(
                truth: all.map { corpus.docs[$0].family },
                predicted: all.map { story[$0]! }
            )
            print(
                "ablation, MinHash only (LSH candidates, J_est >= \(threshold)): ARI \(f(ari)),"
                    + " \(Set(story.values).count) stories for \(corpus.bases.count) true"
            )
        }

        if listMisses {
            print("\n== misses")
            for (key, truth, kind) in universe where truth != .none && graded(key, truth, kind) != truth {
                let v = verdict(key.low, key.high)
                print(
                    "\(kind) \(corpus.bases[corpus.docs[key.low].family].name) #\(key.low)-#\(key.high): truth \(truth.rawValue)"
                        + " got \(predicted(key.low, key.high).rawValue) J2 \(f(trueJaccard2[key] ?? .nan))"
                        + " Jest \(f(v?.estimatedJaccard ?? 0)) C \(f(v?.containment ?? 0)) shared \(v?.sharedSentences ?? 0)/\(v?.comparedSentences ?? 0)"
                )
            }
            for (key, _, kind) in universe where kind.hasSuffix("negative") && predicted(key.low, key.high) != .none {
                let v = verdict(key.low, key.high)!
                print(
                    "\(kind) #\(key.low) \(corpus.docs[key.low].kind) / #\(key.high) \(corpus.docs[key.high].kind): \(v.relation.rawValue)"
                        + " Jest \(f(v.estimatedJaccard)) shared \(v.sharedSentences)/\(v.comparedSentences)"
                )
            }
        }
        return targets
    }
}
