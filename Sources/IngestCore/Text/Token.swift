/// One token. Offsets are scalar offsets into the article text.
struct Token: Sendable {
    var start: Int32
    var end: Int32
    /// Words: hash of the lower-cased word (without a possessive `'s`). Punctuation: the scalar value.
    var hash: UInt64
    var classes: WordClass
    var kind: TokenKind
    var flags: TokenFlags

    /// A token as the tokenizer makes it: the claims document adds its word classes.
    @inline(__always) init(scanned range: Range<Int>, hash: UInt64, kind: TokenKind, flags: UInt8) {
        start = Int32(range.lowerBound)
        end = Int32(range.upperBound)
        self.hash = hash
        classes = WordClass(rawValue: 0)
        self.kind = kind
        self.flags = TokenFlags(rawValue: flags)
    }

    @inline(__always) var isWord: Bool { kind == .word }
    @inline(__always) var isCapitalized: Bool { flags.contains(.capitalized) }
    @inline(__always) func `is`(_ cls: WordClass) -> Bool { !classes.isDisjoint(with: cls) }
    @inline(__always) func isPunct(_ scalar: UInt32) -> Bool { kind == .punct && hash == UInt64(scalar) }
}
