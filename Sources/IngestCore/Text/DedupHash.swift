/// Fast, seeded, non-cryptographic 64-bit hashing: the dedup fingerprints, quote keys and claim fingerprints.
///
/// Every constant here is a fixed literal: fingerprints must be identical across processes, machines and runs,
/// because they are stored and compared in PostgreSQL. Changing any constant changes every fingerprint and needs
/// a pipeline version bump.
public enum DedupHash {
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

    /// Hash of the UTF-8 bytes of a string, as the tokenizer hashes one normalised token.
    public static func hash(bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = TokenHasher()
        for byte in bytes { hasher.add(byte) }
        return hasher.finish()
    }
}
