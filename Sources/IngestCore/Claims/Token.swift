/// One token. Offsets are scalar offsets into the article text.
struct Token: Sendable {
    var start: Int32
    var end: Int32
    /// Words: hash of the lower-cased word (without a possessive `'s`). Punctuation: the scalar value.
    var hash: UInt64
    var classes: WordClass
    var kind: TokenKind
    var flags: TokenFlags

    @inline(__always) var isWord: Bool { kind == .word }
    @inline(__always) var isCapitalized: Bool { flags.contains(.capitalized) }
    @inline(__always) func `is`(_ cls: WordClass) -> Bool { !classes.isDisjoint(with: cls) }
    @inline(__always) func isPunct(_ scalar: UInt32) -> Bool { kind == .punct && hash == UInt64(scalar) }
}
