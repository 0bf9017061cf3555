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
