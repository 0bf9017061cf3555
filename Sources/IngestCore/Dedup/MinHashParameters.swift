import Foundation

/// The shingle size, hash count and LSH banding of ``MinHash`` (why these values: ``MinHash``).
public struct MinHashParameters: Sendable, Hashable, Codable {
    /// Words per shingle.
    public var shingleSize: Int
    /// Signature length.
    public var permutations: Int
    public var bands: Int
    public var rows: Int

    public init(shingleSize: Int = 2, permutations: Int = 128, bands: Int = 42, rows: Int = 3) {
        precondition(shingleSize >= 1 && permutations >= 1 && bands >= 1 && rows >= 1)
        precondition(bands * rows <= permutations, "bands × rows must fit in the signature")
        self.shingleSize = shingleSize
        self.permutations = permutations
        self.bands = bands
        self.rows = rows
    }

    public static let standard = MinHashParameters()

    /// The LSH S-curve: the probability that two documents with Jaccard `jaccard` share at least one band key.
    public func candidateProbability(jaccard: Double) -> Double {
        var perBand = 1.0
        for _ in 0..<rows { perBand *= jaccard }
        var missAll = 1.0
        for _ in 0..<bands { missAll *= 1 - perBand }
        return 1 - missAll
    }

    /// The Jaccard at which the S-curve is steepest, ≈ (1/b)^(1/r).
    public var threshold: Double {
        pow(1.0 / Double(bands), 1.0 / Double(rows))
    }
}
