/// Reads integers from the cells of a result fetched with `binaryResults: true`: a bytea of big-endian values
/// (`PostgresCopyRows.append(packed:)`) arrives as its bytes, an `int8` as its 8 big-endian bytes. No hex and no
/// decimal text on either side.
public enum PostgresPackedIntegers {
    /// The cell of `column` as 8-byte values; an empty bytea gives none.
    public static func int64s(_ row: PostgresRow, _ column: String) throws(PostgresError) -> [Int64] {
        try values(row, column, width: 8) { Int64(bitPattern: $0) }
    }

    /// The cell of `column` as 8-byte unsigned values (hashes written by `append(packed: [UInt64])`).
    public static func uint64s(_ row: PostgresRow, _ column: String) throws(PostgresError) -> [UInt64] {
        try values(row, column, width: 8) { $0 }
    }

    /// The cell of `column` as 4-byte values.
    public static func uint32s(_ row: PostgresRow, _ column: String) throws(PostgresError) -> [UInt32] {
        try values(row, column, width: 4) { UInt32(truncatingIfNeeded: $0) }
    }

    /// An `int8` (or `bigint`) cell.
    public static func int64(_ row: PostgresRow, _ column: String) throws(PostgresError) -> Int64 {
        guard let position = row.position(of: column), let value = word(row, at: position) else {
            throw PostgresError(.decoding, message: "column \(column) is not one 8-byte integer")
        }
        return value
    }

    /// The `int8` cell at `position` (`PostgresRow.position(of:)`), for loops over many rows: no column name looked
    /// up and no array made per cell.
    public static func int64(_ row: PostgresRow, at position: Int) throws(PostgresError) -> Int64 {
        guard let value = word(row, at: position) else {
            throw PostgresError(.decoding, message: "column \(position) is not one 8-byte integer")
        }
        return value
    }

    private static func word(_ row: PostgresRow, at position: Int) -> Int64? {
        row.withBytes(at: position) { bytes in
            guard let bytes, bytes.count == 8 else { return nil }
            var word: UInt64 = 0
            for byte in bytes { word = word &<< 8 | UInt64(byte) }
            return Int64(bitPattern: word)
        }
    }

    @inline(__always)
    private static func values<Value>(
        _ row: PostgresRow,
        _ column: String,
        width: Int,
        _ make: (UInt64) -> Value
    ) throws(PostgresError) -> [Value] {
        let values: [Value]? = row.withBytes(column) { bytes in
            guard let bytes, bytes.count % width == 0 else { return nil }
            let count = bytes.count / width
            return [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
                var position = 0
                for index in 0..<count {
                    var word: UInt64 = 0
                    for _ in 0..<width {
                        word = word &<< 8 | UInt64(bytes[position])
                        position &+= 1
                    }
                    (buffer.baseAddress! + index).initialize(to: make(word))
                }
                initialized = count
            }
        }
        guard let values else {
            throw PostgresError(.decoding, message: "column \(column) is not a list of \(width)-byte integers")
        }
        return values
    }
}
