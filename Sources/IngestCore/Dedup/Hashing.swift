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

    /// Hash of the UTF-8 bytes of a string, as the tokenizer hashes one normalised token.
    public static func hash(bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = TokenHasher()
        for byte in bytes { hasher.add(byte) }
        return hasher.finish()
    }
}

/// Hashes the bytes of one token eight at a time: bytes are shifted into a word and only every eighth byte costs a
/// multiply, which keeps the tokenizer's per-byte work to a shift and an or.
public struct TokenHasher: Sendable {
    @usableFromInline var state: UInt64 = DedupHash.fnvOffset
    @usableFromInline var pending: UInt64 = 0
    @usableFromInline var pendingCount: UInt64 = 0
    @usableFromInline var length: UInt64 = 0

    @inlinable
    public init() {}

    @inlinable @inline(__always)
    public mutating func add(_ byte: UInt8) {
        pending = pending << 8 | UInt64(byte)
        pendingCount &+= 1
        if pendingCount == 8 {
            state = (state ^ pending) &* DedupHash.foldMultiplier
            pending = 0
            pendingCount = 0
            length &+= 8
        }
    }

    /// Whether no byte was added since the last reset.
    @inlinable
    public var isEmpty: Bool { length == 0 && pendingCount == 0 }

    @inlinable @inline(__always)
    public mutating func finish() -> UInt64 {
        let total = length &+ pendingCount
        let result = DedupHash.mix((state ^ pending) &* DedupHash.foldMultiplier ^ total)
        self = TokenHasher()
        return result
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
