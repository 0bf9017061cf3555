/// Reads integers packed as a `bytea` of big-endian bytes (`PostgresCopyRows.append(packed:)`) from a text-format
/// result, where the cell is the bytea's hex form `\x…`: two digits per byte, no number parsed.
public enum PostgresPackedIntegers {
    /// The cell of `column` as 8-byte values; an empty bytea gives none.
    public static func int64s(_ row: PostgresRow, _ column: String) throws(PostgresError) -> [Int64] {
        try words(row, column, width: 8) { Int64(bitPattern: $0) }
    }

    /// The cell of `column` as 4-byte values.
    public static func uint32s(_ row: PostgresRow, _ column: String) throws(PostgresError) -> [UInt32] {
        try words(row, column, width: 4) { UInt32(truncatingIfNeeded: $0) }
    }

    @inline(__always)
    private static func words<Word>(
        _ row: PostgresRow,
        _ column: String,
        width: Int,
        _ make: (UInt64) -> Word
    ) throws(PostgresError) -> [Word] {
        let words: [Word]? = row.withBytes(column) { text in
            guard let text, text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x") else {
                return nil
            }
            let digits = width &* 2
            guard (text.count &- 2) % digits == 0 else { return nil }
            let count = (text.count &- 2) / digits
            var invalid = false
            let words = [Word](unsafeUninitializedCapacity: count) { buffer, initialized in
                var position = 2
                for index in 0..<count {
                    var word: UInt64 = 0
                    for _ in 0..<digits {
                        let nibble = hexValue[Int(text[position])]
                        invalid = invalid || nibble > 15
                        word = word &<< 4 | UInt64(nibble & 0xf)
                        position &+= 1
                    }
                    (buffer.baseAddress! + index).initialize(to: make(word))
                }
                initialized = count
            }
            return invalid ? nil : words
        }
        guard let words else {
            throw PostgresError(.decoding, message: "column \(column) is not a bytea of \(width)-byte integers")
        }
        return words
    }

    /// Each byte's value as a hex digit (either case), 255 for any other byte.
    private static let hexValue: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(byte) - UInt8(ascii: "A") + 10
        default: 255
        }
    }
}
