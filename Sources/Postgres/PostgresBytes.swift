/// Bytes sent as `bytea`, byte-exact (binary format: NUL and invalid UTF-8 included).
public struct PostgresBytes: PostgresArrayElement, Sendable, Hashable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public static var postgresType: UInt32 { PostgresOID.bytea }
    /// In arrays the elements travel as hex text (`\\x00ff`), which is byte-exact too.
    public static var postgresArrayType: UInt32 { PostgresOID.byteaArray }
    public var postgresBind: PostgresBind? { PostgresBind(binary: bytes) }
    /// Lower-case hex digits, for bytea's hex form (here and in `PostgresCopyRows.append(packed:)`).
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public var postgresText: String? {
        let digits = Self.hexDigits
        var out: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        out.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
