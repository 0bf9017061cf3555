/// 64-bit FNV-1a: the one byte-at-a-time hash of the text layer, for word tables built once and looked up by
/// hash (abbreviations, debris class names, the claims lexicon). Not stored anywhere: the tables are rebuilt with
/// the same function in every process.
public struct FNV1a: Sendable {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    public var value: UInt64 = FNV1a.offsetBasis

    @inlinable
    public init() {}

    @inlinable @inline(__always)
    public mutating func add(_ byte: UInt8) {
        value = FNV1a.step(value, byte)
    }

    /// One FNV-1a step: xor the byte in, multiply by the prime.
    @inlinable @inline(__always)
    public static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    /// The hash of `bytes`.
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = FNV1a()
        for byte in bytes { hasher.add(byte) }
        return hasher.value
    }

    /// The hash of `bytes[start..<end]` with ASCII upper case folded to lower case.
    @inline(__always)
    static func hashLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var hasher = FNV1a()
        for index in start..<end { hasher.add(ByteText.lower(bytes[index])) }
        return hasher.value
    }
}
