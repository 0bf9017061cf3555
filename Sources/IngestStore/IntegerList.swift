import Postgres

extension ResultStore {
    /// Parses `array_to_string(…, ',')` of an integer array.
    static func integers(_ text: String?) throws(PostgresError) -> [Int64] {
        guard var text, !text.isEmpty else { return [] }
        let values = text.withUTF8 { integers(utf8: UnsafeRawBufferPointer($0)) }
        guard let values else { throw Self.badArray(text) }
        return values
    }

    /// The same, read from the row's cell without making a `String` of it.
    static func integers(_ row: PostgresRow, _ column: String) throws(PostgresError) -> [Int64] {
        let values: [Int64]? = row.withBytes(column) { utf8 in
            guard let utf8, !utf8.isEmpty else { return [] }
            return integers(utf8: utf8)
        }
        guard let values else { throw Self.badArray(row[column] ?? "") }
        return values
    }

    /// On the UTF-8 bytes themselves, with the magnitude's overflow checked once per number: linking parses lists
    /// of thousands of numbers per batch. Up to 19 digits fit a UInt64, and PostgreSQL writes no leading zeros.
    private static func integers(utf8: UnsafeRawBufferPointer) -> [Int64]? {
        var values: [Int64] = []
        values.reserveCapacity(utf8.count / 8)
        var index = 0
        while true {
            let negative = index < utf8.count && utf8[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            let start = index
            var magnitude: UInt64 = 0
            while index < utf8.count {
                let digit = utf8[index] &- UInt8(ascii: "0")
                guard digit <= 9 else { break }
                magnitude = magnitude &* 10 &+ UInt64(digit)
                index += 1
            }
            guard index > start, index - start <= 19 else { return nil }
            if negative {
                guard magnitude <= Int64.min.magnitude else { return nil }
                values.append(Int64(bitPattern: 0 &- magnitude))
            } else {
                guard magnitude <= UInt64(Int64.max) else { return nil }
                values.append(Int64(magnitude))
            }
            if index == utf8.count { return values }
            guard utf8[index] == UInt8(ascii: ","), index + 1 < utf8.count else { return nil }
            index += 1
        }
    }

    private static func badArray(_ text: String) -> PostgresError {
        PostgresError(.decoding, message: "not an integer list: \(text.prefix(40))")
    }
}
