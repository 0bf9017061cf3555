struct TokenFlags: OptionSet, Sendable {
    let rawValue: UInt8

    static var capitalized: TokenFlags { TokenFlags(rawValue: 1 << 0) }
    static var allCaps: TokenFlags { TokenFlags(rawValue: 1 << 1) }
    /// Ends in `'s` or `’s`; the hash covers the word without it.
    static var possessive: TokenFlags { TokenFlags(rawValue: 1 << 2) }
    /// Contains a period, like `U.S.`.
    static var dotted: TokenFlags { TokenFlags(rawValue: 1 << 3) }
    static var spaceBefore: TokenFlags { TokenFlags(rawValue: 1 << 4) }
    static var spaceAfter: TokenFlags { TokenFlags(rawValue: 1 << 5) }
    /// A single letter, like the initial in `Donald J. Trump`.
    static var singleLetter: TokenFlags { TokenFlags(rawValue: 1 << 6) }
}
