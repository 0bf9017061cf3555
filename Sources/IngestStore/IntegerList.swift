import Postgres

extension ResultStore {
    /// Parses `array_to_string(…, ',')` of an integer array.
    static func integers(_ text: String?) throws(PostgresError) -> [Int64] {
        guard let text, !text.isEmpty else { return [] }
        var values: [Int64] = []
        values.reserveCapacity(text.utf8.count / 8)
        var value: Int64 = 0
        var negative = false
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                // Int64.min's magnitude does not fit: accumulate negatives downwards instead.
                if negative {
                    let (difference, overflow3) = times.subtractingReportingOverflow(
                        Int64(byte - UInt8(ascii: "0"))
                    )
                    guard !overflow1, !overflow3 else { throw Self.badArray(text) }
                    value = difference
                } else {
                    guard !overflow1, !overflow2 else { throw Self.badArray(text) }
                    value = sum
                }
                digits += 1
            case UInt8(ascii: "-") where digits == 0 && !negative:
                negative = true
            case UInt8(ascii: ","):
                guard digits > 0 else { throw Self.badArray(text) }
                values.append(value)
                value = 0
                negative = false
                digits = 0
            default:
                throw Self.badArray(text)
            }
        }
        guard digits > 0 else { throw Self.badArray(text) }
        values.append(value)
        return values
    }

    private static func badArray(_ text: String) -> PostgresError {
        PostgresError(.decoding, message: "not an integer list: \(text.prefix(40))")
    }
}
