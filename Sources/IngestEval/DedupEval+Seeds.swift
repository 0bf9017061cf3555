import Foundation
import IngestCore

extension DedupEval {
    /// The five seed articles: one story, with 000, 001 and 003 (the wire copies) closest.
    static func evaluateSeeds(root: URL, thresholds: DedupThresholds) throws -> [(String, Bool)] {
        let folder = root.appendingPathComponent("../shared/fixtures/seeds").standardized
        guard
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter({
                $0.hasSuffix(".txt")
            }).sorted(),
            names.count == 5
        else {
            print("\n== seeds: not found at \(folder.path)")
            return [("seed articles readable", false)]
        }
        let fingerprints = try names.map {
            try fingerprint(
                String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8),
                key: $0,
                parameters: .standard
            )
        }
        let labels = names.map { String($0.prefix(3)) }
        print("\n== seeds: relation score (J_est / containment shared/of)")
        print("     " + labels.map { $0.padding(toLength: 34, withPad: " ", startingAt: 0) }.joined())
        var results: [[SimilarityResult?]] = Array(repeating: Array(repeating: nil, count: 5), count: 5)
        for i in 0..<5 {
            var line = labels[i] + "  "
            for j in 0..<5 {
                if i == j {
                    line += "-".padding(toLength: 34, withPad: " ", startingAt: 0)
                    continue
                }
                let r = Similarity.compare(fingerprints[i], fingerprints[j], thresholds: thresholds)
                results[i][j] = r
                let abbreviation: String
                switch r.relation {
                case .exact: abbreviation = "EXACT"
                case .nearDuplicate: abbreviation = "NEAR"
                case .reprint: abbreviation = "REPR"
                case .related: abbreviation = r.sameStory ? "REL+" : "REL"
                case .none: abbreviation = "none"
                }
                let cell = String(
                    format: "%@ %.2f (%.2f/%.2f %d/%d)",
                    abbreviation,
                    r.score,
                    r.estimatedJaccard,
                    r.containment,
                    r.sharedSentences,
                    r.comparedSentences
                )
                line += cell.padding(toLength: 34, withPad: " ", startingAt: 0)
            }
            print(line)
        }
        let stories = StoryClustering.stories(fingerprints, thresholds: thresholds)
        let storyCount = Set(fingerprints.map { stories[$0.contentHash]! }).count
        print("seed stories: \(storyCount)")
        var minhashLinks: [(String, String)] = []
        for i in 0..<5 {
            for j in (i + 1)..<5
            where !Set(fingerprints[i].bandKeys).isDisjoint(with: fingerprints[j].bandKeys)
                && results[i][j]!.estimatedJaccard >= 0.45
            {
                minhashLinks.append((fingerprints[i].contentHash, fingerprints[j].contentHash))
            }
        }
        let minhashStories = Set(
            StoryClustering.assign(members: fingerprints.map(\.contentHash), links: minhashLinks).values
        ).count
        print("ablation, MinHash only (LSH + J_est >= 0.45): \(minhashStories) seed stories")
        let trio = [0, 1, 3]
        let trioCopies = trio.allSatisfy { i in trio.allSatisfy { j in i == j || results[i][j]!.relation.isCopy } }
        let nearestInTrio = trio.allSatisfy { i in
            let nearest = (0..<5).filter { $0 != i }.max { results[i][$0]!.score < results[i][$1]!.score }!
            return trio.contains(nearest)
        }
        var ranked: [(Int, Int, Double)] = []
        for i in 0..<5 {
            for j in (i + 1)..<5 { ranked.append((i, j, results[i][j]!.estimatedJaccard)) }
        }
        ranked.sort { $0.2 > $1.2 }
        let trioPairs = ranked.filter { trio.contains($0.0) && trio.contains($0.1) }
        let otherPairs = ranked.filter { !(trio.contains($0.0) && trio.contains($0.1)) }
        let margin = trioPairs.map(\.2).min()! - otherPairs.map(\.2).max()!
        print(
            "pairs by estimated Jaccard: "
                + ranked.map { "\(labels[$0.0])-\(labels[$0.1]) \(String(format: "%.3f", $0.2))" }.joined(
                    separator: ", "
                )
        )
        print(
            String(
                format:
                    "(info) 000/001/003 pairs strictly above every other pair by estimated Jaccard: %@ (margin %+.3f)",
                margin > 0 ? "yes" : "no",
                margin
            )
        )
        // Copies among the seeds: the wire trio only; 002 and 004 are rewrites (004 reuses five wire sentences of 14).
        var copies: [String] = []
        for i in 0..<5 {
            for j in (i + 1)..<5 where results[i][j]!.relation.isCopy { copies.append("\(labels[i])-\(labels[j])") }
        }
        print("seed copy pairs: " + copies.joined(separator: ", "))
        let rewriteCopies = copies.filter { $0.contains("002") }
        return [
            ("seeds: the rewrite 002 is a copy of none (\(rewriteCopies.count))", rewriteCopies.isEmpty),
            ("seeds: all five in one story (\(storyCount) stories)", storyCount == 1),
            ("seeds: 000/001/003 pairwise near-duplicate or reprint", trioCopies),
            ("seeds: nearest neighbour (by score) of 000, 001 and 003 is within 000/001/003", nearestInTrio),
        ]
    }
}
