/// Agreement between a predicted clustering and the truth.
public enum ClusterMetrics {
    /// Hubert–Arabie adjusted Rand index of two labellings of the same items: 1 for identical partitions, about 0
    /// for random ones. Both arrays give each item's cluster label, item by item.
    public static func adjustedRandIndex<A: Hashable, B: Hashable>(truth: [A], predicted: [B]) -> Double {
        let table = Contingency(truth: truth, predicted: predicted)
        let n = truth.count
        guard n > 1 else { return 1 }
        func pairs(_ count: Int) -> Double { Double(count) * Double(count - 1) / 2 }
        let index = table.cells.reduce(0) { $0 + pairs($1) }
        let truthPairs = table.truthSizes.reduce(0) { $0 + pairs($1) }
        let predictedPairs = table.predictedSizes.reduce(0) { $0 + pairs($1) }
        let expected = truthPairs * predictedPairs / pairs(n)
        let maximum = (truthPairs + predictedPairs) / 2
        if maximum == expected { return 1 }
        return (index - expected) / (maximum - expected)
    }

    /// The item pairs of the two labellings: in one cluster of both (`truePositive`), of the prediction only
    /// (`falsePositive`), of the truth only (`falseNegative`). Counted from cluster sizes, not pair by pair.
    public static func pairCounts<A: Hashable, B: Hashable>(
        truth: [A],
        predicted: [B]
    ) -> (truePositive: Int, falsePositive: Int, falseNegative: Int) {
        let table = Contingency(truth: truth, predicted: predicted)
        func pairs(_ count: Int) -> Int { count * (count - 1) / 2 }
        let both = table.cells.reduce(0) { $0 + pairs($1) }
        let predictedPairs = table.predictedSizes.reduce(0) { $0 + pairs($1) }
        let truthPairs = table.truthSizes.reduce(0) { $0 + pairs($1) }
        return (both, predictedPairs - both, truthPairs - both)
    }
}

/// How many items each (true, predicted) cluster pair, each true cluster and each predicted cluster holds.
private struct Contingency {
    var cells: [Int] = []
    var truthSizes: [Int] = []
    var predictedSizes: [Int] = []

    init<A: Hashable, B: Hashable>(truth: [A], predicted: [B]) {
        precondition(truth.count == predicted.count, "labellings must cover the same items")
        var truthIDs: [A: Int] = [:]
        var predictedIDs: [B: Int] = [:]
        var cellIDs: [ContingencyCell: Int] = [:]
        for (t, p) in zip(truth, predicted) {
            let row = truthIDs[t] ?? truthIDs.count
            if row == truthSizes.count { truthSizes.append(0) }
            truthIDs[t] = row
            let column = predictedIDs[p] ?? predictedIDs.count
            if column == predictedSizes.count { predictedSizes.append(0) }
            predictedIDs[p] = column
            let cell = ContingencyCell(truth: row, predicted: column)
            let id = cellIDs[cell] ?? cells.count
            if id == cells.count { cells.append(0) }
            cellIDs[cell] = id
            cells[id] += 1
            truthSizes[row] += 1
            predictedSizes[column] += 1
        }
    }
}

private struct ContingencyCell: Hashable {
    var truth: Int
    var predicted: Int
}
