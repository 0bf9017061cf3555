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
            // Runs without a byte to escape (nearly all of an article's text) are copied whole.
            var runStart = 0
            for index in utf8.indices {
                let escape: UInt8
                switch utf8[index] {
                case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
                case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
                default: continue
                }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(escape)
                runStart = index + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
    }

    /// An integer array column (`int2[]`, `int4[]`, `int8[]`) as its literal `{1,-2,3}`, which needs no escaping.
    public mutating func append(integers values: [Int64]) {
        appendArray(values) { $0 }
    }

    public mutating func append(integers values: [Int32]) {
        appendArray(values) { Int64($0) }
    }

    public mutating func append(integers values: [Int]) {
        appendArray(values) { Int64($0) }
    }

    /// Unsigned 64-bit hashes as an `int8[]` of their bit patterns.
    public mutating func append(bitPatterns values: [UInt64]) {
        appendArray(values) { Int64(bitPattern: $0) }
    }

    /// Each element written in place (converting the array first allocated a copy per row).
    @inline(__always)
    private mutating func appendArray<Element>(_ values: [Element], _ integer: (Element) -> Int64) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        for index in values.indices {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendDigits(integer(values[index]))
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Integers packed as one `bytea` of their big-endian bytes (8 each, the order of `int8send`, so SQL can read
    /// them back), in its hex form `\\x…`: the server decodes hex digits instead of parsing numbers.
    public mutating func append(packed values: [Int64]) {
        appendPacked(values.count, width: 8) { UInt64(bitPattern: values[$0]) }
    }

    /// The same for unsigned 64-bit hashes, whose bytes are their `int8` bit patterns'.
    public mutating func append(packed values: [UInt64]) {
        appendPacked(values.count, width: 8) { values[$0] }
    }

    /// The same for unsigned 32-bit values, 4 bytes each.
    public mutating func append(packed values: [UInt32]) {
        appendPacked(values.count, width: 4) { UInt64(values[$0]) }
    }

    @inline(__always)
    private mutating func appendPacked(_ count: Int, width: Int, _ value: (Int) -> UInt64) {
        separate()
        // The bytea's own backslash, escaped for COPY's text format.
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "x"))
        for index in 0..<count {
            let word = value(index)
            var shift = width &* 8
            while shift > 0 {
                shift &-= 4
                bytes.append(PostgresBytes.hexDigits[Int(truncatingIfNeeded: (word &>> UInt64(shift)) & 0xf)])
            }
        }
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

    // Concrete Int64 arithmetic: the generic BinaryInteger version went through protocol witnesses per digit. The
    // digits are written backwards into a stack buffer, then appended at once: reversing a slice of `bytes` in place
    // copied the slice (an allocation per number).
    private mutating func appendDigits(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The magnitude as unsigned, so the most negative value has one too.
        var magnitude = value.magnitude
        if magnitude < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            // Two digits per division (claim rows carry thousands of 19-digit hashes per batch).
            while magnitude >= 100 {
                let (quotient, pair) = magnitude.quotientAndRemainder(dividingBy: 100)
                let pairIndex = Int(truncatingIfNeeded: pair) &* 2
                start -= 2
                digits[start] = Self.digitPairs[pairIndex]
                digits[start + 1] = Self.digitPairs[pairIndex &+ 1]
                magnitude = quotient
            }
            repeat {
                let (quotient, digit) = magnitude.quotientAndRemainder(dividingBy: 10)
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digit)
                magnitude = quotient
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// "00", "01", … "99" as 200 ASCII bytes.
    private static let digitPairs: [UInt8] = (0..<100).flatMap {
        [UInt8(ascii: "0") + UInt8($0 / 10), UInt8(ascii: "0") + UInt8($0 % 10)]
    }
}
