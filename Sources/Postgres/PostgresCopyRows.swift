/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format, built on bytes: columns separated by tabs, rows ended
/// by newlines, NULL as `\N`, and backslash, tab, newline and carriage return escaped. Values never reach SQL text;
/// the server parses them by the target column's type, as it does bound parameters.
public struct PostgresCopyRows: Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var count = 0
    private var columnInRow = 0

    public init(reservingBytes: Int = 0) {
        bytes.reserveCapacity(reservingBytes)
    }

    public mutating func append(_ value: Int64) {
        separate()
        appendDigits(value)
    }

    public mutating func append(_ value: Int64?) {
        guard let value else { return appendNull() }
        append(value)
    }

    public mutating func append(_ value: Int) {
        append(Int64(value))
    }

    public mutating func append(_ value: Int?) {
        append(value.map { Int64($0) })
    }

    public mutating func append(_ value: Double) {
        separate()
        bytes.append(contentsOf: (value.postgresText ?? "NaN").utf8)
    }

    public mutating func append(_ value: Double?) {
        guard let value else { return appendNull() }
        append(value)
    }

    public mutating func append(_ value: Bool) {
        separate()
        bytes.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    public mutating func append(_ value: String?) {
        guard var value else { return appendNull() }
        separate()
        value.withUTF8 { utf8 in
            for byte in utf8 {
                let escape: UInt8? =
                    switch byte {
                    case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                    case UInt8(ascii: "\t"): UInt8(ascii: "t")
                    case UInt8(ascii: "\n"): UInt8(ascii: "n")
                    case UInt8(ascii: "\r"): UInt8(ascii: "r")
                    default: nil
                    }
                if let escape {
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(escape)
                } else {
                    bytes.append(byte)
                }
            }
        }
    }

    /// An integer array column (`int2[]`, `int4[]`, `int8[]`) as its literal `{1,-2,3}`, which needs no escaping.
    public mutating func append(integers values: [Int64]) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendDigits(value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func append(integers values: [Int32]) {
        append(integers: values.map { Int64($0) })
    }

    public mutating func append(integers values: [Int]) {
        append(integers: values.map { Int64($0) })
    }

    /// Unsigned 64-bit hashes as an `int8[]` of their bit patterns.
    public mutating func append(bitPatterns values: [UInt64]) {
        append(integers: values.map { Int64(bitPattern: $0) })
    }

    public mutating func appendNull() {
        separate()
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "N"))
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        columnInRow = 0
        count += 1
    }

    private mutating func separate() {
        if columnInRow > 0 { bytes.append(UInt8(ascii: "\t")) }
        columnInRow += 1
    }

    // Concrete Int64 arithmetic: the generic BinaryInteger version went through protocol witnesses per digit.
    private mutating func appendDigits(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The magnitude as unsigned, so the most negative value has one too.
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            let (quotient, digit) = magnitude.quotientAndRemainder(dividingBy: 10)
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digit))
            magnitude = quotient
        } while magnitude > 0
        bytes[start...].reverse()
    }
}
