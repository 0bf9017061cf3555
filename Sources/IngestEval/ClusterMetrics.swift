/// Agreement between a predicted clustering and the truth.
public enum ClusterMetrics {
    /// Hubert–Arabie adjusted Rand index of two labellings of the same items: 1 for identical partitions, about 0
    /// for random ones. Both arrays give each item's cluster label, item by item.
    public static func adjustedRandIndex<A: Hashable, B: Hashable>(truth: [A], predicted: [B]) -> Double {
        precondition(truth.count == predicted.count, "labellings must cover the same items")
        let n = truth.count
        guard n > 1 else { return 1 }
        var truthIDs: [A: Int] = [:]
        var predictedIDs: [B: Int] = [:]
        var contingency: [ContingencyCell: Int] = [:]
        var truthSizes: [Int: Int] = [:]
        var predictedSizes: [Int: Int] = [:]
        for index in 0..<n {
            let t = truthIDs[truth[index]] ?? truthIDs.count
            truthIDs[truth[index]] = t
            let p = predictedIDs[predicted[index]] ?? predictedIDs.count
            predictedIDs[predicted[index]] = p
            contingency[ContingencyCell(truth: t, predicted: p), default: 0] += 1
            truthSizes[t, default: 0] += 1
            predictedSizes[p, default: 0] += 1
        }
        func pairs(_ count: Int) -> Double { Double(count) * Double(count - 1) / 2 }
        let index = contingency.values.reduce(0) { $0 + pairs($1) }
        let truthPairs = truthSizes.values.reduce(0) { $0 + pairs($1) }
        let predictedPairs = predictedSizes.values.reduce(0) { $0 + pairs($1) }
        let expected = truthPairs * predictedPairs / pairs(n)
        let maximum = (truthPairs + predictedPairs) / 2
        if maximum == expected { return 1 }
        return (index - expected) / (maximum - expected)
    }
}

private struct ContingencyCell: Hashable {
    var truth: Int
    var predicted: Int
}
