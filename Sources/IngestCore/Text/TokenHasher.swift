/// Hashes the bytes of one token eight at a time: bytes are shifted into a word and only every eighth byte costs a
/// multiply, which keeps the tokenizer's per-byte work to a shift and an or.
public struct TokenHasher: Sendable {
    @usableFromInline var state: UInt64 = FNV1a.offsetBasis
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
