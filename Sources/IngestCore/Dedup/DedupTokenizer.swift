/// The dedup stage's scan of UTF-8 text into ``TokenizedBody`` (tokens, sentence and paragraph ends), and the
/// formatting-free hash of a whole text.
enum DedupTokenizer {
    /// Byte classes for ASCII.
    enum ByteClass: UInt8 {
        case separator
        case lower
        case upper
        case digit
        case apostrophe
        case period
        case terminal
        case comma
        case space
        case opener
        case closer
    }

    static let asciiClass: [ByteClass] = {
        var table = [ByteClass](repeating: .separator, count: 128)
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = .lower }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = .upper }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = .digit }
        table[Int(UInt8(ascii: "'"))] = .apostrophe
        table[Int(UInt8(ascii: "."))] = .period
        table[Int(UInt8(ascii: "?"))] = .terminal
        table[Int(UInt8(ascii: "!"))] = .terminal
        table[Int(UInt8(ascii: ","))] = .comma
        for byte: UInt8 in [0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c] { table[Int(byte)] = .space }
        table[Int(UInt8(ascii: "\""))] = .opener
        table[Int(UInt8(ascii: "("))] = .opener
        table[Int(UInt8(ascii: "["))] = .opener
        table[Int(UInt8(ascii: ")"))] = .closer
        table[Int(UInt8(ascii: "]"))] = .closer
        return table
    }()

    /// Tokens before a period that do not end a sentence (`Mr. Putin`, `Jan. 5`).
    static let abbreviations: [UInt64] = [
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "sen", "rep",
        "gov", "pres", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "rev", "hon", "dept", "univ", "approx", "fig", "vol",
    ].map { DedupHash.hash(bytes: $0.utf8) }

    /// Scalar classes above ASCII that matter for tokens; everything else that is not listed is a word character.
    private enum ScalarKind {
        case word
        case separator
        case apostrophe
        case openQuote
        case closeQuote
        case space
        case upperLatin1
    }

    @inline(__always)
    private static func classify(_ scalar: UInt32) -> ScalarKind {
        switch scalar {
        case 0x2019, 0x02BC: return .apostrophe
        case 0x2018: return .apostrophe
        case 0x201C, 0x00AB: return .openQuote
        case 0x201D, 0x00BB: return .closeQuote
        case 0x00A0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return .space
        case 0x00C0...0x00DE where scalar != 0x00D7: return .upperLatin1
        case 0x0080...0x00BF, 0x00D7, 0x00F7, 0x2010...0x206F, 0x20A0...0x20CF, 0x2100...0x2BFF, 0x3001...0x303F,
            0xFE30...0xFE4F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFFFD:
            return .separator
        default: return .word
        }
    }

    /// Whether a word character (letter or digit) starts at `index`.
    @inline(__always)
    private static func isWordStart(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        if byte < 0x80 {
            let kind = asciiClass[Int(byte)]
            return kind == .lower || kind == .upper || kind == .digit
        }
        let kind = classify(ByteText.decode(bytes, index).0)
        return kind == .word || kind == .upperLatin1
    }

    /// Whether the text at `index` (just after a `.`, `?` or `!`) starts a new sentence: optional closing quotes or
    /// brackets, at least one space, then a capital letter, a digit or an opening quote or bracket.
    @inline(__always)
    static func startsSentence(_ bytes: UnsafeBufferPointer<UInt8>, after terminalIndex: Int) -> Bool {
        var index = terminalIndex + 1
        let count = bytes.count
        // Closing marks and repeated terminals.
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                let kind = asciiClass[Int(byte)]
                if kind == .closer || kind == .period || kind == .terminal || byte == UInt8(ascii: "\"")
                    || byte == UInt8(ascii: "'")
                {
                    index += 1
                    continue
                }
                break
            }
            let (scalar, length) = ByteText.decode(bytes, index)
            let kind = classify(scalar)
            if kind == .closeQuote || kind == .apostrophe || scalar == 0x2026 {
                index += length
                continue
            }
            break
        }
        var sawSpace = false
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if asciiClass[Int(byte)] == .space {
                    sawSpace = true
                    index += 1
                    continue
                }
                break
            }
            let (scalar, length) = ByteText.decode(bytes, index)
            if classify(scalar) == .space {
                sawSpace = true
                index += length
                continue
            }
            break
        }
        guard sawSpace, index < count else { return false }
        let byte = bytes[index]
        if byte < 0x80 {
            let kind = asciiClass[Int(byte)]
            return kind == .upper || kind == .digit || kind == .opener || byte == UInt8(ascii: "'")
        }
        let kind = classify(ByteText.decode(bytes, index).0)
        return kind == .upperLatin1 || kind == .openQuote || kind == .apostrophe
    }

    /// The state of the token being read and facts about the token that ended last (for abbreviations).
    private struct ScanState {
        var hasher = TokenHasher()
        var inToken = false
        var tokenLength = 0
        var firstIsLetter = false
        var joinedPeriod = false
        var lastHash: UInt64 = 0
        var lastLength = 0
        var lastFirstIsLetter = false
        var lastJoinedPeriod = false
        var lastEnd = -1

        @inline(__always)
        mutating func begin(letter: Bool) {
            if !inToken {
                inToken = true
                firstIsLetter = letter
            }
        }

        @inline(__always)
        mutating func endToken(at position: Int, into body: inout TokenizedBody) {
            guard inToken else { return }
            let hash = hasher.finish()
            body.tokens.append(hash)
            lastHash = hash
            lastLength = tokenLength
            lastFirstIsLetter = firstIsLetter
            lastJoinedPeriod = joinedPeriod
            lastEnd = position
            inToken = false
            tokenLength = 0
            joinedPeriod = false
        }

        /// Closes the sentence at a `.`, `?` or `!` when what follows starts a new one and the period does not end
        /// an initial (`J. Smith`), a dotted abbreviation (`U.S. President`) or a listed one (`Mr. Putin`).
        mutating func boundary(
            _ bytes: UnsafeBufferPointer<UInt8>,
            terminalIndex: Int,
            isPeriod: Bool,
            into body: inout TokenizedBody
        ) {
            guard DedupTokenizer.startsSentence(bytes, after: terminalIndex) else { return }
            if isPeriod, lastEnd == terminalIndex {
                if lastJoinedPeriod || (lastLength == 1 && lastFirstIsLetter) { return }
                if lastLength <= 6, DedupTokenizer.abbreviations.contains(lastHash) { return }
            }
            body.closeSentence()
        }
    }

    /// Appends the tokens of one paragraph to `body` and closes the paragraph.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into body: inout TokenizedBody) {
        let count = bytes.count
        var index = 0
        var state = ScanState()
        body.tokens.reserveCapacity(body.tokens.count + count / 5)
        asciiClass.withUnsafeBufferPointer { table in
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    switch table[Int(byte)] {
                    case .lower, .digit, .upper:
                        state.begin(letter: table[Int(byte)] != .digit)
                        // Fast path: the rest of an ASCII word, on a local copy of the hasher.
                        var hasher = state.hasher
                        var position = index
                        while position < count {
                            let next = bytes[position]
                            guard next < 0x80 else { break }
                            let nextKind = table[Int(next)]
                            if nextKind == .lower || nextKind == .digit {
                                hasher.add(next)
                            } else if nextKind == .upper {
                                hasher.add(next | 0x20)
                            } else {
                                break
                            }
                            position &+= 1
                        }
                        state.hasher = hasher
                        state.tokenLength &+= position &- index
                        index = position
                    case .apostrophe:
                        if !(state.inToken && isWordStart(bytes, index + 1)) { state.endToken(at: index, into: &body) }
                        index += 1
                    case .period:
                        if state.inToken && isWordStart(bytes, index + 1) {
                            state.joinedPeriod = true
                        } else {
                            state.endToken(at: index, into: &body)
                            state.boundary(bytes, terminalIndex: index, isPeriod: true, into: &body)
                        }
                        index += 1
                    case .comma:
                        let between =
                            state.inToken && index > 0 && bytes[index - 1] < 0x80
                            && table[Int(bytes[index - 1])] == .digit && index + 1 < count && bytes[index + 1] < 0x80
                            && table[Int(bytes[index + 1])] == .digit
                        if !between { state.endToken(at: index, into: &body) }
                        index += 1
                    case .terminal:
                        state.endToken(at: index, into: &body)
                        state.boundary(bytes, terminalIndex: index, isPeriod: false, into: &body)
                        index += 1
                    default:
                        state.endToken(at: index, into: &body)
                        index += 1
                    }
                    continue
                }
                let (scalar, length) = ByteText.decode(bytes, index)
                switch classify(scalar) {
                case .word:
                    state.begin(letter: true)
                    for offset in 0..<length { state.hasher.add(bytes[index + offset]) }
                    state.tokenLength += 1
                case .upperLatin1:
                    // U+00C0...U+00DE lower-case by +0x20, still two bytes: C3 80...9E → C3 A0...BE.
                    state.begin(letter: true)
                    state.hasher.add(0xC3)
                    state.hasher.add(UInt8(0x80 | ((scalar + 0x20) & 0x3F)))
                    state.tokenLength += 1
                case .apostrophe:
                    if !(state.inToken && isWordStart(bytes, index + length)) { state.endToken(at: index, into: &body) }
                default:
                    state.endToken(at: index, into: &body)
                }
                index += length
            }
        }
        state.endToken(at: count, into: &body)
        body.closeParagraph()
    }

    static let formattingSeed: UInt64 = 0x464f_524d_4154_5431

    /// Per byte: the lower-cased letter or digit, 0 for ASCII that is not one, the byte itself above ASCII.
    static let textBytes: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte | 0x20
        case 0x80...: return byte
        default: return 0
        }
    }

    /// Hash of the letters and digits of a text, in order, with case, whitespace and punctuation ignored: ASCII is
    /// lower-cased, other scalars are kept as bytes, except U+00A0 and U+2000...U+203F (spaces, dashes, curly
    /// quotes, ellipsis), which count as punctuation. Word breaks are ignored too, which only matters for two texts
    /// that are otherwise letter-for-letter identical. 0 for a text without letters or digits.
    static func formattingFreeHash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        var state = formattingSeed
        var pending: UInt64 = 0
        var pendingCount = 0
        var total = 0
        var index = 0
        let count = bytes.count
        textBytes.withUnsafeBufferPointer { table in
            while index < count {
                let byte = bytes[index]
                if byte >= 0xC2 {
                    if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 {
                        index &+= 2
                        continue
                    }
                    if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80 {
                        index &+= 3
                        continue
                    }
                }
                let mapped = table[Int(byte)]
                let take = mapped != 0
                pending = take ? pending << 8 | UInt64(mapped) : pending
                pendingCount &+= take ? 1 : 0
                if pendingCount == 8 {
                    state = (state ^ pending) &* DedupHash.foldMultiplier
                    total &+= 8
                    pending = 0
                    pendingCount = 0
                }
                index &+= 1
            }
        }
        total &+= pendingCount
        guard total > 0 else { return 0 }
        let hash = DedupHash.mix((state ^ pending) &* DedupHash.foldMultiplier ^ UInt64(total))
        return Int64(bitPattern: hash == 0 ? 1 : hash)
    }
}
