import IngestEval
import Testing

@Suite struct ClusterMetricsTests {
    @Test func adjustedRandIndex() {
        #expect(ClusterMetrics.adjustedRandIndex(truth: [0, 0, 1, 1, 2], predicted: ["a", "a", "b", "b", "c"]) == 1)
        // Worked example (scikit-learn gives 0.2424...): 6 items, 2 true clusters of 3, 3 predicted pairs.
        let value = ClusterMetrics.adjustedRandIndex(truth: [0, 0, 0, 1, 1, 1], predicted: [0, 0, 1, 1, 2, 2])
        #expect(abs(value - 0.8 / 3.3) < 1e-12)
        #expect(ClusterMetrics.adjustedRandIndex(truth: [0, 0, 1, 1], predicted: [0, 0, 0, 1]) == 0)
    }
}
