extension ArticleEnvelope {
    /// The envelope with `body` replaced by raw bytes that are not valid UTF-8 (JSON-escaped where JSON needs it,
    /// the rest as is). Such a message is not valid JSON text: the worker dead-letters it as `invalid-utf8` with the
    /// offending byte, so an undeclared Latin-1 file is refused with a reason rather than stored with mangled text.
    public func encoded(rawBody: [UInt8]) -> [UInt8] {
        var placeholder = self
        placeholder.body = ""
        let encoded = placeholder.encoded()
        // Sorted keys and escaped string values: `"body":""` occurs once, as the key and its empty value.
        let marker = Array(#""body":"""#.utf8)
        guard let start = encoded.firstRange(of: marker)?.lowerBound else { return encoded }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(rawBody.count + 16)
        for byte in rawBody {
            switch byte {
            case UInt8(ascii: "\""): escaped += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): escaped += Array(#"\\"#.utf8)
            case UInt8(ascii: "\n"): escaped += Array(#"\n"#.utf8)
            case UInt8(ascii: "\r"): escaped += Array(#"\r"#.utf8)
            case UInt8(ascii: "\t"): escaped += Array(#"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                escaped += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: escaped.append(byte)
            }
        }
        let insertAt = start + marker.count - 1
        return Array(encoded[..<insertAt]) + escaped + Array(encoded[insertAt...])
    }
}
