extension ArticleEnvelope {
    /// The message value: the JSON object `JSONEncoder` writes with sorted keys and unescaped slashes (absent
    /// optionals left out), written directly. The producer encodes every article: `JSONEncoder` cost it more CPU
    /// than reading the files.
    public func encoded() -> [UInt8] {
        encoded { Self.appendString(body.utf8, to: &$0) }
    }

    /// The envelope with `body` replaced by raw bytes that are not valid UTF-8 (JSON-escaped where JSON needs it,
    /// the rest as is). Such a message is not valid JSON text: the worker dead-letters it as `invalid-utf8` with the
    /// offending byte, so an undeclared Latin-1 file is refused with a reason rather than stored with mangled text.
    public func encoded(rawBody: [UInt8]) -> [UInt8] {
        encoded { Self.appendString(rawBody, to: &$0) }
    }

    /// The object's fields in key order, the body written by `body` (the value with its quotes).
    private func encoded(body writeBody: (inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.utf8.count + 256)
        out.append(UInt8(ascii: "{"))
        func field(_ name: StaticString) {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        func field(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            field(name)
            Self.appendString(value.utf8, to: &out)
        }
        field("body")
        writeBody(&out)
        field("content_type", contentType.rawValue)
        field("fetched_at", fetchedAt)
        field("key", key)
        field("outlet", outlet)
        field("published_at", publishedAt)
        field("title", title)
        field("url", url)
        field("v")
        out.append(contentsOf: String(version).utf8)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A JSON string of `bytes`, escaped as `JSONEncoder` escapes: quote, backslash and control characters (the
    /// short forms where JSON has them, else `\u00XX`); runs of other bytes copied whole.
    static func appendString<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if bytes.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
            Array(bytes).withUnsafeBufferPointer { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default:
                out += Array(#"\u00"#.utf8)
                out += [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            }
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }
}
