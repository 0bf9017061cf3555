/// A value that can be an element of an array parameter.
public protocol PostgresArrayElement: PostgresEncodable {
    static var postgresArrayType: UInt32 { get }
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
