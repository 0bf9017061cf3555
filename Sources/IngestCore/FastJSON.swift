/// The one JSON reader: a small recursive descent into ``JSONValue``, for envelopes, JSON article bodies and
/// JSON-LD blocks. `ingest-bench pipeline --only json-fast` against `--only json-foundation` (`JSONDecoder` into
/// `JSONValue`, which tries each type in turn) on the real envelopes: 11.2 against 20.2 µs per envelope.
public enum FastJSON {
    /// How strings and edge cases are read.
    public enum Mode: Sendable {
        /// Article bodies and JSON-LD: `\u0000` is dropped and lone surrogates become U+FFFD, so any text is kept.
        case lenient
        /// Envelopes: accepted and refused exactly as `JSONDecoder` does (the dead-letter decisions predate this
        /// reader): `\u0000` is kept so the envelope check can refuse it; lone surrogates and numbers outside
        /// `Double`'s range are invalid; the first of repeated keys wins; one trailing comma and a leading BOM pass.
        case foundationCompatible
    }

    /// The value of a complete JSON text, or nil when it is not valid JSON.
    public static func parse(_ text: String, mode: Mode = .lenient) -> JSONValue? {
        var copy = text
        return copy.withUTF8 { parse($0, mode: mode) }
    }

    /// The value of a complete JSON text in UTF-8, or nil when it is not valid JSON.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, mode: Mode) -> JSONValue? {
        var reader = Reader(bytes: bytes, strict: mode == .foundationCompatible)
        if reader.strict, ByteText.matches(bytes, 0, bytes.count, "\u{FEFF}") { reader.index = 3 }
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipWhitespace()
        return reader.index == bytes.count ? value : nil
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let strict: Bool
        var index = 0

        /// After a member of an object or array: true when a comma says another follows, false when `close` ends
        /// the container, nil for anything else. In strict mode `close` may come after one trailing comma, as
        /// `JSONDecoder` allows.
        mutating func anotherMember(before close: UInt8) -> Bool? {
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x2C {
                index += 1
                guard strict else { return true }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == close else { return true }
            } else if bytes[index] != close {
                return nil
            }
            index += 1
            return false
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                index += 1
            }
        }

        mutating func value(depth: Int) -> JSONValue? {
            guard depth < 512 else { return nil }
            skipWhitespace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case 0x7B: return object(depth: depth)
            case 0x5B: return array(depth: depth)
            case 0x22: return string().map(JSONValue.string)
            case 0x74: return literal("true", .bool(true))
            case 0x66: return literal("false", .bool(false))
            case 0x6E: return literal("null", .null)
            default: return number()
            }
        }

        private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
            guard ByteText.matches(bytes, index, bytes.count, word) else { return nil }
            index += word.utf8CodeUnitCount
            return value
        }

        private mutating func object(depth: Int) -> JSONValue? {
            index += 1
            var fields: [String: JSONValue] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x7D {
                index += 1
                return .object(fields)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x22, let key = string() else { return nil }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x3A else { return nil }
                index += 1
                guard let item = value(depth: depth + 1) else { return nil }
                if !strict || fields[key] == nil { fields[key] = item }
                guard let more = anotherMember(before: 0x7D) else { return nil }
                if !more { return .object(fields) }
            }
        }

        private mutating func array(depth: Int) -> JSONValue? {
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x5D {
                index += 1
                return .array(items)
            }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                guard let more = anotherMember(before: 0x5D) else { return nil }
                if !more { return .array(items) }
            }
        }

        private mutating func number() -> JSONValue? {
            let start = index
            if index < bytes.count, bytes[index] == 0x2D { index += 1 }
            let digitsStart = index
            while index < bytes.count, ByteText.isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { return nil }
            // No leading zeros in JSON integers.
            if bytes[digitsStart] == 0x30 && index - digitsStart > 1 { return nil }
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                let fraction = index
                while index < bytes.count, ByteText.isDigit(bytes[index]) { index += 1 }
                guard index > fraction else { return nil }
            }
            if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
                index += 1
                if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
                let exponent = index
                while index < bytes.count, ByteText.isDigit(bytes[index]) { index += 1 }
                guard index > exponent else { return nil }
            }
            guard let value = Double(ByteText.string(bytes, start, index)) else { return nil }
            if strict {
                // Out of range: infinite, or non-zero digits that round to zero.
                guard value.isFinite else { return nil }
                if value == 0 {
                    var position = start
                    while position < index, bytes[position] != 0x65, bytes[position] != 0x45 {
                        if bytes[position] >= 0x31 && bytes[position] <= 0x39 { return nil }
                        position += 1
                    }
                }
            }
            return .number(value)
        }

        /// A string token starting at the opening quote; nil on bad escapes, raw control characters or no end.
        private mutating func string() -> String? {
            index += 1
            let start = index
            // Fast path: no escapes.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 {
                    let text = ByteText.string(bytes, start, index)
                    index += 1
                    return text
                }
                if byte == 0x5C { break }
                if byte < 0x20 { return nil }
                index += 1
            }
            var scalars: [UInt8] = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 {
                    index += 1
                    return String(decoding: scalars, as: UTF8.self)
                }
                if byte < 0x20 { return nil }
                guard byte == 0x5C else {
                    scalars.append(byte)
                    index += 1
                    continue
                }
                index += 1
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case 0x22, 0x5C, 0x2F: scalars.append(escape)
                case 0x62: scalars.append(0x08)
                case 0x66: scalars.append(0x0C)
                case 0x6E: scalars.append(0x0A)
                case 0x72: scalars.append(0x0D)
                case 0x74: scalars.append(0x09)
                case 0x75:
                    guard var code = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(code) {
                        // A surrogate pair; a lone surrogate becomes U+FFFD (is invalid, when strict).
                        if ByteText.matches(bytes, index, bytes.count, "\\u") {
                            index += 2
                            guard let low = hex4() else { return nil }
                            if (0xDC00...0xDFFF).contains(low) {
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                if strict { return nil }
                                code = 0xFFFD
                            }
                        } else {
                            if strict { return nil }
                            code = 0xFFFD
                        }
                    } else if (0xDC00...0xDFFF).contains(code) {
                        if strict { return nil }
                        code = 0xFFFD
                    }
                    // `\u0000` is dropped from article text: no stored text may hold U+0000 (PostgreSQL text and
                    // jsonb refuse it). An envelope keeps it, for its check to refuse the field by name.
                    if code != 0 || strict {
                        scalars.append(contentsOf: String(Character(Unicode.Scalar(code)!)).utf8)
                    }
                default:
                    return nil
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
