/// Raw input bytes → text, before anything is parsed: the encoding a user names (`--encoding`) wins; then valid
/// UTF-8 is read as UTF-8 (a page that declares Latin-1 but is valid UTF-8 was converted and mislabelled); then a
/// charset the body declares (``DeclaredCharset``) is transcoded. Bytes that are not UTF-8 and declare nothing are
/// refused with the offset of the first bad byte, so the input is dead-lettered with a reason, never mangled.
public enum BodyDecoder {
    public struct Decoded: Sendable, Equatable {
        public var text: String
        public var encoding: TextEncoding
        /// Where the encoding came from: `flag`, `utf-8` (valid as is) or `declared`.
        public var source: String
    }

    public static func decode(
        _ bytes: [UInt8],
        contentType: ContentType,
        override: TextEncoding? = nil
    ) -> Result<Decoded, IngestError> {
        if let override {
            guard let text = override.decode(bytes) else {
                return .failure(.invalidUTF8(detail: "\(firstInvalidByte(bytes)), although --encoding utf-8 was given"))
            }
            return .success(Decoded(text: text, encoding: override, source: "flag"))
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(Decoded(text: text, encoding: .utf8, source: "utf-8"))
        }
        guard let label = DeclaredCharset.find(in: bytes, contentType: contentType) else {
            return .failure(
                .invalidUTF8(
                    detail: "\(firstInvalidByte(bytes)) and no charset is declared (declare one with an HTML <meta "
                        + "charset> or a JSON \"charset\" field, or pass --encoding latin1|cp1252)"
                )
            )
        }
        guard let encoding = TextEncoding(label: label) else {
            return .failure(
                .invalidUTF8(
                    detail: "\(firstInvalidByte(bytes)), and the declared charset \(label) is not supported "
                        + "(utf-8, iso-8859-1, windows-1252)"
                )
            )
        }
        guard let text = encoding.decode(bytes) else {
            return .failure(.invalidUTF8(detail: "\(firstInvalidByte(bytes)), although it declares charset \(label)"))
        }
        return .success(Decoded(text: text, encoding: encoding, source: "declared"))
    }

    /// `byte 3 (0xE9) is not UTF-8`: the first byte where validation fails.
    static func firstInvalidByte(_ bytes: [UInt8]) -> String {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return describe(index, byte)
            }
            guard index + length <= bytes.count,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            else { return describe(index, byte) }
            index += length
        }
        return "the bytes are not UTF-8"
    }

    private static func describe(_ index: Int, _ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte \(index) (0x\(hex.count == 1 ? "0" + hex : hex)) is not UTF-8"
    }
}
