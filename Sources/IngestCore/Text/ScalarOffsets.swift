/// Converts UTF-8 byte offsets to Unicode scalar offsets: a scalar count per 64-byte block, then the remainder
/// counted eight bytes at a time.
struct ScalarOffsets {
    private let bytes: ByteText.Bytes
    private let blocks: [Int]
    private let isIdentity: Bool

    init(_ bytes: ByteText.Bytes, isASCII: Bool) {
        self.bytes = bytes
        isIdentity = isASCII
        guard !isASCII else {
            blocks = []
            return
        }
        var blocks = [Int]()
        blocks.reserveCapacity(bytes.count / 64 + 2)
        var count = 0
        var index = 0
        while index + 64 <= bytes.count {
            blocks.append(count)
            count += Self.leadBytes(bytes, index, index + 64)
            index += 64
        }
        blocks.append(count)
        self.blocks = blocks
    }

    /// Bytes in `start..<end` that start a scalar (are not `10xxxxxx` continuation bytes).
    @inline(__always)
    private static func leadBytes(_ bytes: ByteText.Bytes, _ start: Int, _ end: Int) -> Int {
        var count = 0
        var index = start
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A continuation byte has bit 7 set and bit 6 clear.
            let continuation = (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
            // Sum the eight 0/1 bytes with one multiply (no POPCNT on the baseline x86-64 target).
            count += 8 - Int((continuation &* 0x0101_0101_0101_0101) >> 56)
            index += 8
        }
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    @inline(__always)
    func scalarOffset(_ byteOffset: Int) -> Int {
        if isIdentity { return byteOffset }
        let block = byteOffset >> 6
        return blocks[block] + Self.leadBytes(bytes, block << 6, byteOffset)
    }

    @inline(__always)
    func span(_ start: Int, _ end: Int) -> TextSpan {
        TextSpan(start: scalarOffset(start), end: scalarOffset(end))
    }
}
