/// A type that can be read from a column in text format.
public protocol PostgresDecodable {
    static func decode(_ text: String?, column: String) throws(PostgresError) -> Self
    /// The cell at `position` of `row` (named `column`); by default its text decoded. Numbers and booleans read
    /// the cell's bytes instead, without making a `String`.
    static func decode(_ row: PostgresRow, position: Int, column: String) throws(PostgresError) -> Self
}

extension PostgresDecodable {
    public static func decode(_ row: PostgresRow, position: Int, column: String) throws(PostgresError) -> Self {
        try decode(row.text(at: position), column: column)
    }

    static func required(_ text: String?, column: String) throws(PostgresError) -> String {
        guard let text else { throw PostgresError(.decoding, message: "column \(column) is NULL") }
        return text
    }
}

extension String: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws(PostgresError) -> String {
        try required(text, column: column)
    }
}

extension PostgresDecodable where Self: LosslessStringConvertible {
    /// A number in its text form; `kind` names what the column should hold in the error.
    static func parsed(_ text: String?, column: String, kind: String) throws(PostgresError) -> Self {
        guard let value = Self(try required(text, column: column)) else {
            throw PostgresError(.decoding, message: "column \(column) is not \(kind)")
        }
        return value
    }
}

extension Int: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws(PostgresError) -> Int {
        try parsed(text, column: column, kind: "an integer")
    }

    public static func decode(_ row: PostgresRow, position: Int, column: String) throws(PostgresError) -> Int {
        Int(try Int64.decode(row, position: position, column: column))
    }
}

extension Int64: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws(PostgresError) -> Int64 {
        try parsed(text, column: column, kind: "an integer")
    }

    /// Plain decimals (what PostgreSQL writes for integers) are read from the bytes; anything else goes through
    /// `Int64(String)`, which decides what is valid.
    public static func decode(_ row: PostgresRow, position: Int, column: String) throws(PostgresError) -> Int64 {
        if let value = row.withBytes(at: position, { $0.flatMap(plainDecimal) }) { return value }
        return try decode(row.text(at: position), column: column)
    }

    /// An optional `-` and 1 to 18 digits (never overflows), else nil.
    static func plainDecimal(_ utf8: UnsafeRawBufferPointer) -> Int64? {
        let negative = utf8.first == UInt8(ascii: "-")
        let digits = utf8.count - (negative ? 1 : 0)
        guard digits > 0, digits <= 18 else { return nil }
        var magnitude: Int64 = 0
        for byte in utf8.dropFirst(negative ? 1 : 0) {
            let digit = byte &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            magnitude = magnitude &* 10 &+ Int64(digit)
        }
        return negative ? -magnitude : magnitude
    }
}

extension Double: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws(PostgresError) -> Double {
        try parsed(text, column: column, kind: "a number")
    }
}

extension Bool: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws(PostgresError) -> Bool {
        switch try required(text, column: column) {
        case "t", "true": return true
        case "f", "false": return false
        default: throw PostgresError(.decoding, message: "column \(column) is not a boolean")
        }
    }

    public static func decode(_ row: PostgresRow, position: Int, column: String) throws(PostgresError) -> Bool {
        // PostgreSQL writes booleans as one letter.
        let letter = row.withBytes(at: position) { $0?.count == 1 ? $0?.first : nil }
        if letter == UInt8(ascii: "t") { return true }
        if letter == UInt8(ascii: "f") { return false }
        return try decode(row.text(at: position), column: column)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws(PostgresError) -> Wrapped? {
        guard let text else { return nil }
        return try Wrapped.decode(text, column: column)
    }

    public static func decode(_ row: PostgresRow, position: Int, column: String) throws(PostgresError) -> Wrapped? {
        guard !row.isNull(at: position) else { return nil }
        return try Wrapped.decode(row, position: position, column: column)
    }
}

// MARK: - C string arrays, valid only inside the closure
