/// The character sets NewsIngest reads besides UTF-8: the two that real feeds still declare. Decoding is total for
/// both (every byte maps to a character), so a declared Latin-1 or Windows-1252 body always becomes text.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case latin1 = "iso-8859-1"
    case cp1252 = "windows-1252"

    /// A charset label as feeds and pages write it (`ISO-8859-1`, `latin1`, `cp1252`, `windows-1252`, `utf8`, ...);
    /// nil for a charset NewsIngest does not decode.
    public init?(label: String) {
        let name = label.trimmingWhitespace().lowercased().filter { $0 != "\"" && $0 != "'" }
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819", "ibm819":
            self = .latin1
        case "windows-1252", "cp1252", "x-cp1252", "win-1252", "us-ascii", "ascii", "ansi_x3.4-1968":
            self = .cp1252
        default: return nil
        }
    }

    /// The text, or nil when `bytes` are not valid in this encoding (only UTF-8 can fail).
    public func decode(_ bytes: some Collection<UInt8>) -> String? {
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .latin1:
            var text = String.UnicodeScalarView()
            for byte in bytes { text.append(Unicode.Scalar(byte)) }
            return String(text)
        case .cp1252:
            var text = String.UnicodeScalarView()
            for byte in bytes {
                if (0x80...0x9F).contains(byte), let mapped = Unicode.Scalar(Self.cp1252High[Int(byte - 0x80)]) {
                    text.append(mapped)
                } else {
                    text.append(Unicode.Scalar(byte))
                }
            }
            return String(text)
        }
    }

    /// Windows-1252's 0x80–0x9F (WHATWG's index); its five unassigned bytes keep their C1 code points, as browsers do.
    static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
