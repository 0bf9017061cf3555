import Foundation

/// A value that can be sent as a bound parameter, in PostgreSQL's text format (or binary, see ``postgresBind``).
public protocol PostgresEncodable {
    /// The type OID the server should read the parameter as.
    static var postgresType: UInt32 { get }
    /// The text form, or nil for NULL.
    var postgresText: String? { get }
    /// The bytes sent for this value, or nil for NULL. Defaults to the UTF-8 of ``postgresText``.
    var postgresBind: PostgresBind? { get }
}

extension PostgresEncodable {
    public var postgresBind: PostgresBind? { postgresText.map { PostgresBind(text: $0) } }
}

/// One parameter as sent: its bytes and whether they are in PostgreSQL's binary format. Sent with an explicit
/// length, so no value is ever cut at a NUL byte.
public struct PostgresBind: Sendable, Hashable {
    public var bytes: [UInt8]
    public var isBinary: Bool

    public init(text: String) {
        bytes = Array(text.utf8)
        isBinary = false
    }

    public init(binary bytes: [UInt8]) {
        self.bytes = bytes
        isBinary = true
    }
}

/// A value that can be an element of an array parameter.
public protocol PostgresArrayElement: PostgresEncodable {
    static var postgresArrayType: UInt32 { get }
}

/// SQL with its parameters. Every interpolated value becomes a `$N` placeholder, so values never reach the SQL text.
///
///     let query: PostgresQuery = "SELECT title FROM articles WHERE article_id = \(id)"
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    public var sql: String
    public var binds: [PostgresBind?]
    public var types: [UInt32]

    public init(unsafeSQL sql: String, binds: [PostgresBind?] = [], types: [UInt32] = []) {
        self.sql = sql
        self.binds = binds
        self.types = types.isEmpty ? Array(repeating: 0, count: binds.count) : types
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(
            unsafeSQL: stringInterpolation.sql,
            binds: stringInterpolation.binds,
            types: stringInterpolation.types
        )
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresBind?] = []
        var types: [UInt32] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            binds.append(value.postgresBind)
            types.append(Value.postgresType)
            sql += "$\(binds.count)"
        }

        /// Optionals bind as NULL when nil (spelled out so the compiler does not take them for debug descriptions).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(value.flatMap(\.postgresBind))
            types.append(Value.postgresType)
            sql += "$\(binds.count)"
        }
    }
}

// MARK: - Conformances

enum PostgresOID {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let float8: UInt32 = 701
    static let boolArray: UInt32 = 1000
    static let byteaArray: UInt32 = 1001
    static let int4Array: UInt32 = 1007
    static let textArray: UInt32 = 1009
    static let int8Array: UInt32 = 1016
    static let float8Array: UInt32 = 1022
    static let timestamptz: UInt32 = 1184
    static let jsonb: UInt32 = 3802
}

extension String: PostgresArrayElement {
    public static var postgresType: UInt32 { PostgresOID.text }
    public static var postgresArrayType: UInt32 { PostgresOID.textArray }
    public var postgresText: String? { self }
}

/// Integers are sent as `int8`, or `int4` for 32-bit ones.
extension PostgresArrayElement where Self: FixedWidthInteger {
    public static var postgresType: UInt32 { bitWidth == 32 ? PostgresOID.int4 : PostgresOID.int8 }
    public static var postgresArrayType: UInt32 { bitWidth == 32 ? PostgresOID.int4Array : PostgresOID.int8Array }
    public var postgresText: String? { String(self) }
}

extension Int: PostgresArrayElement {}
extension Int64: PostgresArrayElement {}
extension Int32: PostgresArrayElement {}

extension Double: PostgresArrayElement {
    public static var postgresType: UInt32 { PostgresOID.float8 }
    public static var postgresArrayType: UInt32 { PostgresOID.float8Array }
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return "\(self)"
    }
}

extension Bool: PostgresArrayElement {
    public static var postgresType: UInt32 { PostgresOID.bool }
    public static var postgresArrayType: UInt32 { PostgresOID.boolArray }
    public var postgresText: String? { self ? "t" : "f" }
}

extension Date: PostgresEncodable {
    public static var postgresType: UInt32 { PostgresOID.timestamptz }
    public var postgresText: String? {
        // Microsecond precision, the resolution of timestamptz.
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        return Date.formatter.string(from: Date(timeIntervalSince1970: micros / 1_000_000))
    }

    // ISO8601DateFormatter is thread-safe for formatting.
    nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: UInt32 { Wrapped.postgresType }
    public var postgresText: String? { self.flatMap(\.postgresText) }
    public var postgresBind: PostgresBind? { self.flatMap(\.postgresBind) }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    public static var postgresArrayType: UInt32 { Wrapped.postgresArrayType }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: UInt32 { Element.postgresArrayType }

    /// An array literal, with every element quoted and escaped, so any text round-trips. Built on UTF-8 bytes:
    /// batches bind megabytes of article text this way, and `"` and `\\` are single bytes in UTF-8.
    public var postgresText: String? {
        // Integers need no quoting; batches bind hundreds of thousands of them.
        if let integers = self as? [Int64] { return PostgresArrayLiteral.integers(integers) }
        if let integers = self as? [Int] { return PostgresArrayLiteral.integers(integers) }
        if let integers = self as? [Int32] { return PostgresArrayLiteral.integers(integers) }
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, element) in enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard var text = element.postgresText else {
                out.append(contentsOf: "NULL".utf8)
                continue
            }
            out.append(UInt8(ascii: "\""))
            text.withUTF8 { bytes in
                out.reserveCapacity(out.count + bytes.count + 2)
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                    out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

/// Array literals built on bytes.
public enum PostgresArrayLiteral {
    /// `{1,-2,3}`.
    public static func integers<T: BinaryInteger>(_ values: [T]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 12 + 2)
        out.append(UInt8(ascii: "{"))
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if value < 0 { out.append(UInt8(ascii: "-")) }
            // The magnitude as unsigned, so the most negative value has one too.
            var magnitude = value.magnitude
            digits.removeAll(keepingCapacity: true)
            repeat {
                digits.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: digits.reversed())
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

/// Bytes sent as `bytea`, byte-exact (binary format: NUL and invalid UTF-8 included).
public struct PostgresBytes: PostgresArrayElement, Sendable, Hashable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public static var postgresType: UInt32 { PostgresOID.bytea }
    /// In arrays the elements travel as hex text (`\\x00ff`), which is byte-exact too.
    public static var postgresArrayType: UInt32 { PostgresOID.byteaArray }
    public var postgresBind: PostgresBind? { PostgresBind(binary: bytes) }
    public var postgresText: String? {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        out.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A JSON document sent as `jsonb`.
public struct PostgresJSON: PostgresEncodable, Sendable, Hashable {
    public var json: String
    public init(_ json: String) { self.json = json }
    public static var postgresType: UInt32 { PostgresOID.jsonb }
    public var postgresText: String? { json }
}
