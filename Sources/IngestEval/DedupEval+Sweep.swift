import Foundation
import IngestCore

extension DedupEval {
    /// Thresholds and banding around the chosen point, to show the choice is not on a cliff.
    static func sweep(corpus: Corpus) {
        print("\n== sweep (nearJaccard, bands x rows): near-dup J2>=0.5 P/R, ARI all, hard negatives linked")
        for banding in [(42, 3), (32, 4), (64, 2), (14, 8)] {
            let parameters = MinHashParameters(bands: banding.0, rows: banding.1)
            for near in [0.35, 0.4, 0.45, 0.5, 0.55] {
                var thresholds = DedupThresholds.standard
                thresholds.nearJaccard = near
                let evaluation = Evaluation(corpus: corpus, parameters: parameters, thresholds: thresholds)
                let universe = evaluation.relationUniverse()
                let high = universe.filter { $0.1 == .nearDuplicate && (evaluation.trueJaccard2[$0.0] ?? 0) >= 0.5 }
                let found = high.filter { evaluation.graded($0.0, $0.1, $0.2) == .nearDuplicate }.count
                let wrong = universe.filter {
                    $0.1 != .nearDuplicate && evaluation.predicted($0.0.low, $0.0.high) == .nearDuplicate
                }
                .count
                let hardLinked = universe.filter {
                    $0.2 == "hard-negative" && (evaluation.verdict($0.0.low, $0.0.high)?.sameStory ?? false)
                }
                .count
                print(
                    String(
                        format: "  %2dx%d near>=%.2f: P %.3f R %.3f ARI %.3f hard-linked %d",
                        banding.0,
                        banding.1,
                        near,
                        Double(found) / Double(max(1, found + wrong)),
                        Double(found) / Double(max(1, high.count)),
                        evaluation.adjustedRand(Array(corpus.docs.indices)),
                        hardLinked
                    )
                )
            }
        }
    }
}
