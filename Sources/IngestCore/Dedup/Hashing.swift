/// Fast, seeded, non-cryptographic 64-bit hashing used by the dedup fingerprints.
///
/// Every constant here is a fixed literal: fingerprints must be identical across processes, machines and runs,
/// because they are stored and compared in PostgreSQL. Changing any constant changes every fingerprint and needs
/// a pipeline version bump.
public enum DedupHash {
    /// FNV-1a 64 offset basis and prime, used to fold the bytes of one normalised token.
    @usableFromInline static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// Odd multiplier used to fold a sequence of 64-bit words (golden ratio).
    @usableFromInline static let foldMultiplier: UInt64 = 0x9e37_79b9_7f4a_7c15

    /// The SplitMix64 / Stafford "mix13" finaliser: a bijection with full avalanche.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Starts folding a sequence of already-mixed words under a seed.
    @inlinable @inline(__always)
    public static func start(_ seed: UInt64) -> UInt64 {
        seed
    }

    /// Folds one already-mixed word into the accumulator. Order-sensitive.
    @inlinable @inline(__always)
    public static func fold(_ accumulator: UInt64, _ word: UInt64) -> UInt64 {
        (accumulator ^ word) &* foldMultiplier &+ 0x632b_e59b_d9b4_e019
    }

    /// Finishes a fold into a well-distributed hash.
    @inlinable @inline(__always)
    public static func finish(_ accumulator: UInt64) -> UInt64 {
        mix(accumulator)
    }

    /// Hash of a sequence of words under a seed: `finish(fold(fold(start(seed), w0), w1)...)`.
    @inlinable
    public static func hash(_ words: UnsafeBufferPointer<UInt64>, seed: UInt64) -> UInt64 {
        var accumulator = start(seed)
        for word in words {
            accumulator = fold(accumulator, word)
        }
        return finish(accumulator)
    }

    /// Hash of the UTF-8 bytes of a string, as the tokenizer would hash it if it were one token.
    public static func hash(bytes: some Sequence<UInt8>) -> UInt64 {
        var state = fnvOffset
        for byte in bytes {
            state = (state ^ UInt64(byte)) &* fnvPrime
        }
        return mix(state)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so evaluations and tests are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return DedupHash.mix(state)
    }

    /// A uniform double in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
