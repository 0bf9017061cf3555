/// A small recursive-descent JSON reader into ``JSONValue``, for JSON article bodies and JSON-LD blocks: several
/// times faster than going through `JSONDecoder` and `Codable`, which tries each type in turn
/// (`ingest-bench pipeline --only json-fast` and `--only json-foundation` on real envelopes).
///
/// Envelopes still go through Foundation (``JSONValue/parse(_:)``): what decides whether a message is dead-lettered
/// differs between the two (Foundation keeps `\u0000` so the envelope check can refuse it, refuses lone surrogates
/// and numbers out of `Double`'s range, keeps the first of repeated keys, accepts trailing commas and a BOM).
public enum FastJSON {
    /// The value of a complete JSON text, or nil when it is not valid JSON.
    public static func parse(_ text: String) -> JSONValue? {
        var copy = text
        return copy.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            guard let value = reader.value(depth: 0) else { return nil }
            reader.skipWhitespace()
            return reader.index == bytes.count ? value : nil
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
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
                fields[key] = item
                skipWhitespace()
                guard index < bytes.count else { return nil }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                guard bytes[index] == 0x7D else { return nil }
                index += 1
                return .object(fields)
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
                skipWhitespace()
                guard index < bytes.count else { return nil }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                guard bytes[index] == 0x5D else { return nil }
                index += 1
                return .array(items)
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
                        // A surrogate pair; a lone surrogate becomes U+FFFD.
                        if ByteText.matches(bytes, index, bytes.count, "\\u") {
                            index += 2
                            guard let low = hex4() else { return nil }
                            if (0xDC00...0xDFFF).contains(low) {
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                code = 0xFFFD
                            }
                        } else {
                            code = 0xFFFD
                        }
                    } else if (0xDC00...0xDFFF).contains(code) {
                        code = 0xFFFD
                    }
                    // `\u0000` is dropped: no stored text may hold U+0000 (PostgreSQL text and jsonb refuse it).
                    if code != 0 { scalars.append(contentsOf: String(Character(Unicode.Scalar(code)!)).utf8) }
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
