/// Byte-level helpers over UTF-8 text, shared by every stage: classes, whitespace, the UTF-8 decoder, literal
/// matching. The stages work on bytes and convert to scalar offsets once at the end (``ScalarOffsets``).
enum ByteText {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    @inline(__always)
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    @inline(__always)
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }

    /// Length in bytes of the whitespace scalar starting at `index`, or 0. Covers ASCII, NBSP, NEL, the
    /// U+2000 block, line/paragraph separators, ideographic space, zero-width space and the BOM.
    @inline(__always)
    static func whitespaceLength(_ bytes: Bytes, _ index: Int, _ end: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return isASCIIWhitespace(byte) ? 1 : 0 }
        if byte == 0xC2, index + 1 < end {
            let next = bytes[index + 1]
            return next == 0xA0 || next == 0x85 ? 2 : 0
        }
        guard index + 2 < end else { return 0 }
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        switch byte {
        case 0xE1: return second == 0x9A && third == 0x80 ? 3 : 0
        case 0xE2:
            if second == 0x80 {
                return (third >= 0x80 && third <= 0x8B) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            return second == 0x81 && (third == 0x9F || third == 0xA0) ? 3 : 0
        case 0xE3: return second == 0x80 && third == 0x80 ? 3 : 0
        case 0xEF: return second == 0xBB && third == 0xBF ? 3 : 0
        default: return 0
        }
    }

    /// Length in bytes of the whitespace scalar that ends just before `end`, or 0.
    @inline(__always)
    static func whitespaceLengthBefore(_ bytes: Bytes, _ end: Int, _ start: Int) -> Int {
        let last = bytes[end - 1]
        if last < 0x80 { return isASCIIWhitespace(last) ? 1 : 0 }
        if end - 2 >= start, bytes[end - 2] == 0xC2, last == 0xA0 || last == 0x85 { return 2 }
        if end - 3 >= start, bytes[end - 3] >= 0xE0, whitespaceLength(bytes, end - 3, end) == 3 { return 3 }
        return 0
    }

    /// Moves `start` forward and `end` backward past whitespace.
    @inline(__always)
    static func trim(_ bytes: Bytes, _ start: Int, _ end: Int) -> (Int, Int) {
        var lower = start
        var upper = end
        while lower < upper {
            let length = whitespaceLength(bytes, lower, upper)
            if length == 0 { break }
            lower += length
        }
        while upper > lower {
            let length = whitespaceLengthBefore(bytes, upper, lower)
            if length == 0 { break }
            upper -= length
        }
        return (lower, upper)
    }

    /// Skips whitespace forward from `index`.
    @inline(__always)
    static func skipWhitespace(_ bytes: Bytes, _ index: Int, _ end: Int) -> Int {
        var position = index
        while position < end {
            let length = whitespaceLength(bytes, position, end)
            if length == 0 { break }
            position += length
        }
        return position
    }

    /// The one UTF-8 decoder of the text layer: the scalar starting at `index` and its length in bytes. Text from a
    /// `String` is valid UTF-8, so the checks only matter for a caller that starts inside a scalar or at a cut end:
    /// those bytes read as U+FFFD, one byte long.
    @inline(__always)
    static func decode(_ bytes: Bytes, _ index: Int) -> (scalar: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let count = bytes.count
        if lead & 0xE0 == 0xC0, index + 1 < count {
            return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead & 0xF0 == 0xE0, index + 2 < count {
            let value =
                UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            return (value, 3)
        }
        if lead & 0xF8 == 0xF0, index + 3 < count {
            let value =
                UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
            return (value, 4)
        }
        return (0xFFFD, 1)
    }

    /// Start of the scalar that ends just before `index`.
    @inline(__always)
    static func previousScalarStart(_ bytes: Bytes, _ index: Int, _ start: Int) -> Int {
        var position = index - 1
        while position > start, bytes[position] & 0xC0 == 0x80 { position -= 1 }
        return position
    }

    /// Whether the bytes at `index` equal `literal` (ASCII, case-sensitive).
    @inline(__always)
    static func matches(_ bytes: Bytes, _ index: Int, _ end: Int, _ literal: StaticString) -> Bool {
        matches(bytes, index, end, literal, folded: false)
    }

    /// Case-insensitive ASCII comparison with a lower-case `literal`.
    @inline(__always)
    static func matchesFolded(_ bytes: Bytes, _ index: Int, _ end: Int, _ literal: StaticString) -> Bool {
        matches(bytes, index, end, literal, folded: true)
    }

    @inline(__always)
    private static func matches(
        _ bytes: Bytes,
        _ index: Int,
        _ end: Int,
        _ literal: StaticString,
        folded: Bool
    ) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count {
            let byte = bytes[index + offset]
            if (folded ? lower(byte) : byte) != pointer[offset] { return false }
        }
        return true
    }

    /// Whether `start..<end` ends with `literal` (ASCII, case-insensitive, lower-case literal).
    @inline(__always)
    static func hasSuffixFolded(_ bytes: Bytes, _ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        return end - start >= count && matchesFolded(bytes, end - count, end, literal)
    }

    /// Whether the text in `start..<end` contains `literal` (ASCII, case-insensitive, lower-case literal).
    static func containsFolded(_ bytes: Bytes, _ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard count > 0, end - start >= count else { return false }
        let first = literal.utf8Start[0]
        var index = start
        while index + count <= end {
            if lower(bytes[index]) == first, matchesFolded(bytes, index, end, literal) { return true }
            index += 1
        }
        return false
    }

    /// A String of the bytes in `start..<end`; the range must lie on scalar boundaries.
    @inline(__always)
    static func string(_ bytes: Bytes, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    // MARK: Eight bytes at a time

    static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowSeven: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    @inline(__always)
    static func load8(_ bytes: Bytes, _ index: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: index, as: UInt64.self)
    }

    /// Bit 7 set in each byte of `word` that is zero (exact, no false positives).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lowSeven) &+ lowSeven) | word | lowSeven)
    }

    /// Bit 7 set in each byte equal to `byte`.
    @inline(__always)
    static func bytesEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        zeroBytes(word ^ (ones &* UInt64(byte)))
    }

    /// Bit 7 set in each ASCII byte below `limit` (`limit` <= 0x80).
    @inline(__always)
    static func bytesBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        ~((word & lowSeven) &+ ones &* UInt64(0x80 - limit)) & ~word & highBits
    }

    /// Whether the scalar is an opening quote or bracket.
    @inline(__always)
    static func isOpener(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0x2018, 0x201A, 0x201B, 0x201C, 0x201E, 0x201F, 0xAB, 0x2039, 0x300C,
            0x300E, 0xFF08:
            return true
        default: return false
        }
    }

    /// Whether the scalar can close a sentence after its terminator: quotes and closing brackets.
    @inline(__always)
    static func isCloser(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x2019, 0x201D, 0xBB, 0x203A, 0x300D, 0x300F, 0xFF09:
            return true
        default: return false
        }
    }
}
