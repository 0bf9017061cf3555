import Foundation

/// Builds ``ParsedArticle/normalizedText``: NFKC, quotes and dashes folded to ASCII, whitespace runs to one space,
/// lower case. ASCII, Latin-1 letters and typographic punctuation take a byte-level fast path; a paragraph with
/// any other non-ASCII scalar goes through Foundation's NFKC and `lowercased()` first.
enum TextNormalizer {
    typealias Bytes = ByteText.Bytes

    /// Normalises the byte ranges and joins them with single spaces.
    static func normalize(_ bytes: Bytes, ranges: [(Int, Int)]) -> String {
        // The fast path never writes more than the input plus one separator per range.
        let capacity = ranges.reduce(0) { $0 + $1.1 - $1.0 } + ranges.count + 16
        var exotic = false
        let fast = String(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = Writer(base: buffer.baseAddress!)
            for (start, end) in ranges {
                writer.pendingSpace = writer.count > 0
                if !fold(bytes, start, end, into: &writer, passExotic: false) {
                    exotic = true
                    return 0
                }
            }
            return writer.count
        }
        if !exotic { return fast }
        // NFKC and full lower-casing for the rest; on fast-path text they change nothing the fold would not.
        let joined = ranges.map { ByteText.string(bytes, $0.0, $0.1) }.joined(separator: " ")
        var folded = joined.precomposedStringWithCompatibilityMapping.lowercased()
        return folded.withUTF8 { slow in
            String(unsafeUninitializedCapacity: slow.count + 16) { buffer in
                var writer = Writer(base: buffer.baseAddress!)
                _ = fold(slow, 0, slow.count, into: &writer, passExotic: true)
                return writer.count
            }
        }
    }

    /// Normalises one string (for callers outside the parser that need the same folding).
    static func normalize(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { normalize($0, ranges: [(0, $0.count)]) }
    }

    /// Appends to a buffer the caller sized, collapsing whitespace runs to one space.
    private struct Writer {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0
        var pendingSpace = false

        init(base: UnsafeMutablePointer<UInt8>) {
            self.base = base
        }

        @inline(__always)
        mutating func flushSpace() {
            if pendingSpace {
                if count > 0 {
                    base[count] = 0x20
                    count += 1
                }
                pendingSpace = false
            }
        }

        @inline(__always)
        mutating func emit(_ byte: UInt8) {
            flushSpace()
            base[count] = byte
            count += 1
        }

        @inline(__always)
        mutating func emit(_ bytes: ByteText.Bytes, _ start: Int, _ length: Int) {
            flushSpace()
            for offset in 0..<length {
                base[count] = bytes[start + offset]
                count += 1
            }
        }
    }

    /// Folds `start..<end` into the writer. Returns false, having written a partial result, when it meets a
    /// scalar that needs NFKC or full case mapping and `passExotic` is false.
    private static func fold(
        _ bytes: Bytes,
        _ start: Int,
        _ end: Int,
        into writer: inout Writer,
        passExotic: Bool
    ) -> Bool {
        // A local copy of the writer stays in registers; written back once at the end.
        var w = writer
        defer { writer = w }
        var index = start
        let raw = UnsafeMutableRawPointer(w.base)
        while index < end {
            // A run of printable ASCII with single spaces copies through eight bytes at a time, lower-cased. The
            // run stops before any other byte, before the second of two spaces, and before a leading space that
            // the bytewise path must handle (pending whitespace or the very start).
            if index + 8 <= end {
                let word = ByteText.load8(bytes, index)
                let spaces = ByteText.bytesEqual(word, 0x20)
                var odd =
                    (word & ByteText.highBits) | ByteText.bytesBelow(word, 0x20) | ByteText.bytesEqual(word, 0x7F)
                    | (spaces & (spaces << 8))
                if w.pendingSpace || w.count == 0 { odd |= spaces & 0x80 }
                let run = odd == 0 ? 8 : odd.trailingZeroBitCount >> 3
                if run > 0 {
                    w.flushSpace()
                    let upper = ~ByteText.bytesBelow(word, 0x41) & ByteText.bytesBelow(word, 0x5B) & ByteText.highBits
                    raw.storeBytes(of: word | (upper >> 2), toByteOffset: w.count, as: UInt64.self)
                    w.count += run
                    index += run
                    // A space at the end of the run becomes pending: more whitespace or the end may follow.
                    if bytes[index - 1] == 0x20 {
                        w.count -= 1
                        w.pendingSpace = true
                    }
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte > 0x20 && byte != 0x7F {
                    w.emit(byte &+ (byte &- 0x41 < 26 ? 0x20 : 0))
                } else if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    w.pendingSpace = true
                }
                index += 1
                continue
            }
            let (scalar, length) = ByteText.decode(bytes, index)
            switch scalar {
            case 0x2018...0x201B, 0x2039, 0x203A, 0x2032:
                w.emit(0x27)
            case 0x201C...0x201F, 0xAB, 0xBB, 0x2033:
                w.emit(0x22)
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D:
                w.emit(0x2D)
            case 0x2026:
                w.emit(0x2E)
                w.emit(0x2E)
                w.emit(0x2E)
            case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                w.pendingSpace = true
            case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF:
                break
            case 0xC0...0xDE where scalar != 0xD7:
                let lowered = scalar + 0x20
                w.emit(UInt8(0xC0 | (lowered >> 6)))
                w.base[w.count] = UInt8(0x80 | (lowered & 0x3F))
                w.count += 1
            case 0xDF...0xFF, 0xA1...0xA7, 0xA9, 0xAC...0xAE, 0xB0, 0xB1, 0xB6, 0xB7, 0xBF, 0x2022, 0x20AC:
                w.emit(bytes, index, length)
            default:
                guard passExotic else { return false }
                w.emit(bytes, index, length)
            }
            index += length
        }
        return true
    }
}
