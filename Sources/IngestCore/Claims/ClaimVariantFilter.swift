/// The cheap, exact first stage of a variant verdict: a candidate whose containment cannot reach
/// ``ClaimMatcher/sameClaimThreshold`` is never ``ClaimMatcher/isSameClaim(_:_:threshold:)-(ClaimSignature,ClaimSignature)``,
/// so linking drops it before ranking and judging. The merge of the two sorted token arrays stops as soon as the
/// tokens left cannot bring the shared count to ``ClaimCandidateKeys/requiredOverlap(_:)`` of the smaller claim
/// (most candidates that share a common key share little else).
public enum ClaimVariantFilter {
    /// ``ClaimMatcher/similarity(_:_:)-(ClaimSignature,ClaimSignature)`` when it is at least the same-claim
    /// threshold (the same value, bit for bit), nil when it is below (then the claims are not the same claim).
    public static func similarity(_ a: ClaimSignature, _ b: ClaimSignature) -> Double? {
        a.tokens.withUnsafeBufferPointer { a in b.tokens.withUnsafeBufferPointer { b in similarity(a, b) } }
    }

    /// ``similarity(_:_:)`` of two signatures' `tokens` (sorted, unique), for loops that keep many signatures in
    /// one flat buffer and would otherwise retain two arrays per comparison.
    public static func similarity(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>) -> Double? {
        let smaller = min(a.count, b.count)
        guard smaller > 0 else { return a.count == b.count ? 1 : nil }
        // requiredOverlap uses the containment comparison itself, so `common >= needed` is `similarity >= threshold`.
        let needed = smaller < overlaps.count ? overlaps[smaller] : ClaimCandidateKeys.requiredOverlap(smaller)
        guard let common = ClaimMatcher.shared(a, b, needed: needed), common >= needed else {
            return nil
        }
        return Double(common) / Double(smaller)
    }

    /// ``similarity(_:_:)-(UnsafeBufferPointer<UInt64>,UnsafeBufferPointer<UInt64>)`` with each side's
    /// ``ClaimTokenMask``, which rules out most candidates without merging (the same result, always).
    public static func similarity(
        _ a: UnsafeBufferPointer<UInt64>,
        _ aMask: ClaimTokenMask,
        _ b: UnsafeBufferPointer<UInt64>,
        _ bMask: ClaimTokenMask
    ) -> Double? {
        let smaller = min(a.count, b.count)
        if smaller > 0 {
            let needed = smaller < overlaps.count ? overlaps[smaller] : ClaimCandidateKeys.requiredOverlap(smaller)
            let fits = a.count <= b.count ? bMask.mayShare(a, atLeast: needed) : aMask.mayShare(b, atLeast: needed)
            guard fits else { return nil }
        }
        return similarity(a, b)
    }

    /// requiredOverlap of the usual claim sizes, computed once.
    private static let overlaps: [Int] = (0..<128).map(ClaimCandidateKeys.requiredOverlap)
}
