/// A claim's signature tokens as a 256-bit Bloom filter (one bit per token, chosen by its top byte). A token two
/// claims share has its bit set in both, so counting the tokens of one whose bit the other's mask has bounds their
/// shared count from above: ``ClaimVariantFilter`` rejects most candidates with that one pass of bit tests before
/// merging the sorted tokens, whose branches the CPU cannot predict.
public struct ClaimTokenMask: Sendable, Equatable {
    private var bits: SIMD4<UInt64> = .zero

    public init() {}

    public init(_ tokens: UnsafeBufferPointer<UInt64>) {
        for token in tokens { bits[Int(token >> 62)] |= 1 << ((token >> 56) & 63) }
    }

    public init(_ tokens: [UInt64]) {
        self = tokens.withUnsafeBufferPointer { ClaimTokenMask($0) }
    }

    /// False when fewer than `needed` of `tokens` can be in the masked claim (then fewer are shared); true when
    /// they may be.
    @inline(__always)
    public func mayShare(_ tokens: UnsafeBufferPointer<UInt64>, atLeast needed: Int) -> Bool {
        var misses = tokens.count - needed
        guard misses >= 0 else { return false }
        for token in tokens where bits[Int(token >> 62)] & (1 << ((token >> 56) & 63)) == 0 {
            misses -= 1
            if misses < 0 { return false }
        }
        return true
    }
}
