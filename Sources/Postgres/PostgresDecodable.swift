/// A type that can be read from a column in text format.
public protocol PostgresDecodable {
    static func decode(_ text: String?, column: String) throws(PostgresError) -> Self
}

extension PostgresDecodable {
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
}

extension Int64: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws(PostgresError) -> Int64 {
        try parsed(text, column: column, kind: "an integer")
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
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(_ text: String?, column: String) throws(PostgresError) -> Wrapped? {
        guard let text else { return nil }
        return try Wrapped.decode(text, column: column)
    }
}

// MARK: - C string arrays, valid only inside the closure
