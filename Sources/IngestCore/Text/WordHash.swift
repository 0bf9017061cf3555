/// 64-bit FNV-1a over lower-cased scalars, with typographic apostrophes folded, shared by lexicon and tokens.
enum WordHash {
    static let seed: UInt64 = FNV1a.offsetBasis

    @inline(__always)
    static func fold(_ scalar: UInt32) -> UInt32 {
        if scalar >= 65 && scalar <= 90 { return scalar + 32 }
        if scalar < 128 { return scalar }
        if scalar == 0x2019 || scalar == 0x2018 { return 39 }
        if scalar == 0x2010 || scalar == 0x2011 { return 45 }
        // Latin-1 and Latin Extended-A upper case to lower case; enough for names.
        if scalar >= 0xC0 && scalar <= 0xDE && scalar != 0xD7 { return scalar + 32 }
        return scalar
    }

    @inline(__always)
    static func mix(_ hash: UInt64, _ scalar: UInt32) -> UInt64 {
        var h = hash
        var value = fold(scalar)
        // Hash the folded scalar as its little-endian bytes, skipping zero high bytes.
        repeat {
            h = FNV1a.step(h, UInt8(truncatingIfNeeded: value))
            value >>= 8
        } while value != 0
        return h
    }

    static func of(_ word: String) -> UInt64 {
        var h = seed
        for scalar in word.unicodeScalars { h = mix(h, scalar.value) }
        return h
    }
}
