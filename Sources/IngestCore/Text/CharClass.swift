/// Character classes for the tokenizer; ASCII by table, the rest by Unicode properties.
enum CharClass {
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        if c < 128 { return c == 32 || (c >= 9 && c <= 13) }
        return c == 0xA0 || c == 0x2028 || c == 0x2029 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B)
            || c == 0x202F || c == 0x205F || c == 0xFEFF || c == 0x1680 || c == 0x85
    }

    @inline(__always)
    static func isLetter(_ c: UInt32) -> Bool {
        if c < 128 { return (c | 0x20) >= 97 && (c | 0x20) <= 122 }
        if c == 0x2019 || c == 0x2018 || c == 0x201C || c == 0x201D { return false }
        guard let scalar = Unicode.Scalar(c) else { return false }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.generalCategory == .nonspacingMark
    }

    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool { c >= 48 && c <= 57 }

    @inline(__always)
    static func isAlnum(_ c: UInt32) -> Bool { isDigit(c) || isLetter(c) }

    @inline(__always)
    static func isUpper(_ c: UInt32) -> Bool {
        if c < 128 { return c >= 65 && c <= 90 }
        guard let scalar = Unicode.Scalar(c) else { return false }
        return scalar.properties.isUppercase
    }

    @inline(__always)
    static func isApostrophe(_ c: UInt32) -> Bool { c == 39 || c == 0x2019 }

    @inline(__always)
    static func isHyphen(_ c: UInt32) -> Bool { c == 45 || c == 0x2010 || c == 0x2011 }

    @inline(__always)
    static func isDoubleQuote(_ c: UInt32) -> Bool {
        c == 34 || c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB || c == 0x201F
    }

    @inline(__always)
    static func isSingleQuote(_ c: UInt32) -> Bool { c == 39 || c == 0x2018 || c == 0x2019 || c == 0x60 }
}
