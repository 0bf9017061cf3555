/// Finds the charset a raw body declares: an HTML `<meta charset>` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` near the top of the page, or a JSON article's `charset` field (or a
/// `content_type` / `contentType` field carrying `charset=`). Declarations are ASCII, so they can be read from the
/// bytes before the encoding is known.
public enum DeclaredCharset {
    /// The label as written, for the contents of `contentType`; nil when nothing is declared.
    public static func find(in bytes: [UInt8], contentType: ContentType) -> String? {
        switch contentType {
        case .html: return html(bytes)
        case .json: return json(bytes)
        case .text: return nil
        }
    }

    /// WHATWG's prescan looks at the first 1024 bytes; pages with long heads declare later, so look a little further.
    static func html(_ bytes: [UInt8]) -> String? {
        let head = lowercasedASCII(bytes.prefix(4096))
        var searchFrom = head.startIndex
        while let meta = head[searchFrom...].range(of: "<meta") {
            let end = head[meta.upperBound...].firstIndex(of: ">") ?? head.endIndex
            let tag = head[meta.upperBound..<end]
            if let label = value(after: "charset=", in: tag) ?? value(after: "charset =", in: tag) { return label }
            searchFrom = end
        }
        return nil
    }

    static func json(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        for key in ["\"charset\"", "\"encoding\""] {
            if let range = text.range(of: key), let label = quotedValue(after: range.upperBound, in: text) {
                return label
            }
        }
        for key in ["\"content_type\"", "\"contentType\"", "\"Content-Type\""] {
            if let range = text.range(of: key), let field = quotedValue(after: range.upperBound, in: text),
                let label = value(after: "charset=", in: Substring(field.lowercased()))
            {
                return label
            }
        }
        return nil
    }

    private static func lowercasedASCII(_ bytes: ArraySlice<UInt8>) -> String {
        String(
            decoding: bytes.map { byte in (0x41...0x5A).contains(byte) ? byte + 0x20 : (byte < 0x80 ? byte : 0x3F) },
            as: UTF8.self
        )
    }

    /// The token after `marker` (quotes and spaces skipped), up to a quote, space, `;`, `/` or `>`.
    private static func value(after marker: String, in text: Substring) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let label = rest.prefix { !" \"';/>\t\n\r".contains($0) }
        return label.isEmpty ? nil : String(label)
    }

    /// The string after `"key"` `:` (whitespace allowed), without its quotes.
    private static func quotedValue(after index: String.Index, in text: String) -> String? {
        var rest = text[index...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "\"" else { return nil }
        let value = rest.dropFirst().prefix { $0 != "\"" }
        return value.isEmpty ? nil : String(value)
    }
}
