import Foundation

/// Builds ``ParsedArticle/normalizedText``: NFKC, quotes and dashes folded to ASCII, whitespace runs to one space,
/// lower case. ASCII, Latin-1 letters and typographic punctuation take a byte-level fast path; a paragraph with
/// any other non-ASCII scalar goes through Foundation's NFKC and `lowercased()` first.
enum TextNormalizer {
    typealias Bytes = ByteText.Bytes

    /// Normalises the byte ranges and joins them with single spaces.
    static func normalize(_ bytes: Bytes, ranges: [(Int, Int)]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(ranges.reduce(0) { $0 + $1.1 - $1.0 } + 16)
        var state = State()
        for (start, end) in ranges {
            state.pendingSpace = !output.isEmpty
            let mark = output.count
            let markState = state
            if !fold(bytes, start, end, into: &output, state: &state, passExotic: false) {
                output.removeSubrange(mark...)
                state = markState
                var slow = ByteText.string(bytes, start, end).precomposedStringWithCompatibilityMapping.lowercased()
                slow.withUTF8 { slowBytes in
                    _ = fold(slowBytes, 0, slowBytes.count, into: &output, state: &state, passExotic: true)
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Normalises one string (for callers outside the parser that need the same folding).
    static func normalize(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { normalize($0, ranges: [(0, $0.count)]) }
    }

    private struct State {
        var pendingSpace = false
    }

    /// Folds `start..<end` into `output`. Returns false, having written a partial result, when it meets a scalar
    /// that needs NFKC or full case mapping and `passExotic` is false.
    private static func fold(
        _ bytes: Bytes,
        _ start: Int,
        _ end: Int,
        into output: inout [UInt8],
        state: inout State,
        passExotic: Bool
    ) -> Bool {
        var index = start
        @inline(__always) func emit(_ byte: UInt8) {
            if state.pendingSpace {
                if !output.isEmpty { output.append(0x20) }
                state.pendingSpace = false
            }
            output.append(byte)
        }
        @inline(__always) func emitScalar(_ value: UInt32) {
            // Only used for Latin-1 letters, which encode in two bytes.
            emit(UInt8(0xC0 | (value >> 6)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        }
        @inline(__always) func copy(_ at: Int, _ length: Int) {
            emit(bytes[at])
            for offset in 1..<length { output.append(bytes[at + offset]) }
        }
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                if ByteText.isASCIIWhitespace(byte) {
                    state.pendingSpace = true
                } else if byte >= 0x20 && byte != 0x7F {
                    emit(ByteText.lower(byte))
                }
                index += 1
                continue
            }
            let (scalar, length) = ByteText.decode(bytes, index)
            switch scalar {
            case 0x2018...0x201B, 0x2039, 0x203A, 0x2032:
                emit(0x27)
            case 0x201C...0x201F, 0xAB, 0xBB, 0x2033:
                emit(0x22)
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D:
                emit(0x2D)
            case 0x2026:
                emit(0x2E)
                emit(0x2E)
                emit(0x2E)
            case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                state.pendingSpace = true
            case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF:
                break
            case 0xC0...0xDE where scalar != 0xD7:
                emitScalar(scalar + 0x20)
            case 0xDF...0xFF, 0xA1...0xA7, 0xA9, 0xAC...0xAE, 0xB0, 0xB1, 0xB6, 0xB7, 0xBF, 0x2022, 0x20AC:
                copy(index, length)
            default:
                guard passExotic else { return false }
                copy(index, length)
            }
            index += length
        }
        return true
    }
}
