/// MinHash over word shingles, with LSH banding.
///
/// **Parameters** (``MinHashParameters/standard``): word 2-grams taken inside paragraphs, 128 hash values,
/// 42 bands × 3 rows (the first 126 values; all 128 serve the Jaccard estimate).
///
/// - 2-grams: the best NEWS-COPY setting of text-dedup, and the measure our near-duplicate target is stated in.
///   Edited copies keep more 2-grams than 5-grams (a 10 % word-edit rate keeps ~81 % of 2-grams but ~59 % of
///   5-grams), so 2-grams separate "same copy, edited" from "same topic, other story" (2-gram Jaccard ≤ 0.15 on our
///   hard negatives) with a wide margin. Shingles never cross a paragraph boundary, so reordered paragraphs keep
///   their full Jaccard.
/// - 128 values: the estimate's standard error is √(J(1−J)/128) ≤ 0.044, enough to verify a 0.45 threshold;
///   one-permutation hashing makes k almost free in CPU, so the cost of more values is storage (4 bytes each).
/// - 42 × 3: candidate probability 1 − (1 − J³)⁴² is 0.996 at J = 0.5 and 0.94 at J = 0.4, so LSH does not cap
///   the near-duplicate recall; at J = 0.1 it is 0.04, so unrelated articles rarely become candidates. datatrove's
///   14 × 8 (threshold ≈ 0.72) would miss most of our 0.5–0.7 edited copies; 32 × 4 gives only 0.87 at J = 0.5.
///
/// **Hashing**: one permutation hashing with optimal densification (Li et al. 2012; Shrivastava 2017). Each shingle
/// is hashed once to 64 bits; the high 32 bits choose one of k bins, the low 32 bits are the value, and each bin
/// keeps its minimum. Empty bins borrow the value of the first non-empty bin on a fixed pseudo-random probe
/// sequence, which keeps P[equal] = J per bin. This is O(shingles + k) instead of O(shingles × k).
public enum MinHash {
    static let shingleSeed: UInt64 = 0x5348_494e_474c_4531
    static let densifySeed: UInt64 = 0x4445_4e53_4946_5931
    static let bandSeed: UInt64 = 0x4241_4e44_4b45_5931

    /// The shingle hashes of a tokenised body: word n-grams inside each paragraph; a paragraph shorter than n words
    /// gives one shingle of all its words.
    public static func forEachShingle(
        _ body: TokenizedBody,
        size: Int,
        _ visit: (UInt64) -> Void
    ) {
        body.tokens.withUnsafeBufferPointer { tokens in
            var start = 0
            for end in body.paragraphEnds {
                let length = end - start
                if length >= size {
                    for first in start...(end - size) {
                        var accumulator = DedupHash.start(shingleSeed)
                        for offset in 0..<size {
                            accumulator = DedupHash.fold(accumulator, tokens[first + offset])
                        }
                        visit(DedupHash.finish(accumulator))
                    }
                } else if length > 0 {
                    visit(DedupHash.hash(UnsafeBufferPointer(rebasing: tokens[start..<end]), seed: shingleSeed))
                }
                start = end
            }
        }
    }

    /// The one-permutation MinHash signature; empty when the body has no tokens.
    public static func signature(_ body: TokenizedBody, parameters: MinHashParameters = .standard) -> [UInt32] {
        guard !body.tokens.isEmpty else { return [] }
        return build(bins: parameters.permutations) { add in forEachShingle(body, size: parameters.shingleSize, add) }
    }

    /// The signature of a set given by 64-bit element hashes (any well-mixed hashes); empty for an empty set.
    public static func signature(shingles: some Sequence<UInt64>, permutations: Int = 128) -> [UInt32] {
        build(bins: permutations) { add in
            for shingle in shingles { add(shingle) }
        }
    }

    /// One-permutation hashing: the bin comes from the high 32 bits, the value from the low 32 bits, and each bin
    /// keeps its minimum. Then optimal densification: an empty bin probes bins in a fixed pseudo-random order until
    /// it finds one that a shingle filled, and copies its value.
    static func build(bins: Int, _ feed: ((UInt64) -> Void) -> Void) -> [UInt32] {
        var values = [UInt32](repeating: .max, count: bins)
        var filled = [Bool](repeating: false, count: bins)
        var any = false
        let binCount = UInt64(bins)
        values.withUnsafeMutableBufferPointer { values in
            filled.withUnsafeMutableBufferPointer { isFilled in
                feed { hash in
                    let bin = Int(truncatingIfNeeded: ((hash >> 32) &* binCount) >> 32)
                    let value = UInt32(truncatingIfNeeded: hash)
                    if value < values[bin] { values[bin] = value }
                    isFilled[bin] = true
                    any = true
                }
                guard any else { return }
                for bin in 0..<bins where !isFilled[bin] {
                    var attempt: UInt64 = 1
                    while true {
                        let probe = DedupHash.mix(densifySeed ^ (UInt64(bin) << 32) ^ attempt)
                        let source = Int(truncatingIfNeeded: ((probe >> 32) &* binCount) >> 32)
                        if isFilled[source] {
                            values[bin] = values[source]
                            break
                        }
                        attempt &+= 1
                    }
                }
            }
        }
        return any ? values : []
    }

    /// One key per band; the band index is part of the hash, so equal rows in different bands never collide.
    public static func bandKeys(_ signature: [UInt32], parameters: MinHashParameters = .standard) -> [Int64] {
        guard signature.count >= parameters.bands * parameters.rows else { return [] }
        var keys: [Int64] = []
        keys.reserveCapacity(parameters.bands)
        for band in 0..<parameters.bands {
            var accumulator = DedupHash.start(bandSeed ^ DedupHash.mix(UInt64(band) &+ 1))
            for row in 0..<parameters.rows {
                accumulator = DedupHash.fold(accumulator, UInt64(signature[band * parameters.rows + row]))
            }
            keys.append(Int64(bitPattern: DedupHash.finish(accumulator)))
        }
        return keys
    }

    /// The share of equal positions: an unbiased estimate of the shingle Jaccard. Zero when either is empty or the
    /// lengths differ (signatures from different parameters are not comparable).
    public static func estimatedJaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty, a.count == b.count else { return 0 }
        var equal = 0
        a.withUnsafeBufferPointer { left in
            b.withUnsafeBufferPointer { right in
                for index in 0..<left.count where left[index] == right[index] { equal += 1 }
            }
        }
        return Double(equal) / Double(a.count)
    }
}
