/// The one tokenizer: words, numbers, punctuation and quotes with scalar offsets, and in the same pass the
/// normalised word hashes dedup reads (see ``ArticleText/words``). Word classes are the claims stage's to add.
///
/// Dedup words are the letters and digits of a token, ASCII and Latin-1 lower-cased, with apostrophes and the
/// periods and commas a token keeps (`U.S.`, `3.5`, `1,000`) dropped, split at the hyphens a token keeps
/// (`Cold War-era` is three words): so `Russia's` = `russias`, `U.S.` = `US`, `1,000` = `1000`.
enum Tokenizer {
    /// The scalar whose UTF-8 starts at `bytes[i]` (``ByteText/decode(_:_:)``); moves `i` past it.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) -> UInt32 {
        let (scalar, length) = ByteText.decode(bytes, i)
        i += length
        return scalar
    }

    /// Decodes UTF-8 into scalar values: no `Character` work, and no per-scalar append.
    static func scalars(of text: String) -> [UInt32] {
        var text = text
        return text.withUTF8 { bytes in
            let n = bytes.count
            // One pass: there are never more scalars than bytes, so the byte count is room enough.
            return [UInt32](unsafeUninitializedCapacity: n) { out, initialized in
                var i = 0
                var o = 0
                while i < n {
                    out[o] = decode(bytes, at: &i)
                    o += 1
                }
                initialized = o
            }
        }
    }

    /// ``scalars(of:)`` plus the UTF-8 offset of each scalar and of the end, and the hash of the text's letters and
    /// digits (``LetterHasher``), from the same pass; the offsets are empty when the text is ASCII (they equal the
    /// scalar offsets then).
    static func scalarsAndOffsets(of text: String) -> (scalars: [UInt32], offsets: [Int32], letterHash: Int64) {
        var text = text
        var letters = LetterHasher()
        let (scalars, offsets) = text.withUTF8 { bytes in
            LetterHasher.textBytes.withUnsafeBufferPointer { table in
                let n = bytes.count
                precondition(n < Int(Int32.max))
                var offsets: [Int32] = []
                let scalars = [UInt32](unsafeUninitializedCapacity: n) { out, initialized in
                    offsets = [Int32](unsafeUninitializedCapacity: n + 1) { offset, offsetCount in
                        var i = 0
                        var o = 0
                        while i < n {
                            if i + 8 <= n {
                                // Eight ASCII bytes at once: the common case in news copy.
                                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                                if word & 0x8080_8080_8080_8080 == 0 {
                                    for k in 0..<8 {
                                        let byte = bytes[i + k]
                                        out[o + k] = UInt32(byte)
                                        offset[o + k] = Int32(truncatingIfNeeded: i + k)
                                        letters.add(table[Int(byte)])
                                    }
                                    i += 8
                                    o += 8
                                    continue
                                }
                            }
                            offset[o] = Int32(truncatingIfNeeded: i)
                            let lead = bytes[i]
                            let start = i
                            out[o] = decode(bytes, at: &i)
                            if lead < 0x80 {
                                letters.add(table[Int(lead)])
                            } else if !LetterHasher.isPunctuation(bytes, start, i) {
                                for k in start..<i { letters.add(bytes[k]) }
                            }
                            o += 1
                        }
                        offset[o] = Int32(truncatingIfNeeded: n)
                        offsetCount = o + 1
                        initialized = o
                    }
                }
                return (scalars, scalars.count == n ? [] : offsets)
            }
        }
        return (scalars, offsets, letters.finish())
    }

    /// The tokens of `s` (no word classes), for a text that is not an article: a claim's content.
    static func tokens(of s: [UInt32]) -> [Token] {
        guard !s.isEmpty else { return [] }
        var words: [UInt64] = []
        return s.withUnsafeBufferPointer { scalars in
            var starts = [Int32](repeating: 0, count: scalars.count + 1)
            return starts.withUnsafeMutableBufferPointer { starts in
                // Every token takes at least one scalar, so `s.count` tokens is room enough.
                [Token](unsafeUninitializedCapacity: scalars.count) { buffer, initialized in
                    initialized = 0
                    tokenize(
                        scalars,
                        from: 0,
                        to: scalars.count,
                        into: buffer.baseAddress!,
                        count: &initialized,
                        words: &words,
                        wordStarts: starts.baseAddress!
                    )
                }
            }
        }
    }

    /// Advances `j` over ASCII letters and digits before `to`, hashing them (lower-cased) and counting letters and
    /// upper-case letters, exactly as the general word loop of ``tokenize(_:from:to:into:count:words:wordStarts:)`` does.
    @inline(__always)
    private static func scanASCIIAlnum(
        _ s: UnsafeBufferPointer<UInt32>,
        _ j: inout Int,
        _ to: Int,
        _ hash: inout UInt64,
        _ letters: inout Int,
        _ upper: inout Int,
        _ word: inout TokenHasher
    ) {
        var k = j
        var h = hash
        var w = word
        var lettersSeen = letters
        var upperSeen = upper
        while k < to {
            let d = s[k]
            let lower = d | 0x20
            if d < 128 && lower &- 97 < 26 {
                lettersSeen &+= 1
                if d <= 90 { upperSeen &+= 1 }
                h = (h ^ UInt64(lower)) &* FNV1a.prime
                w.add(UInt8(truncatingIfNeeded: lower))
            } else if d &- 48 < 10 {
                h = (h ^ UInt64(d)) &* FNV1a.prime
                w.add(UInt8(truncatingIfNeeded: d))
            } else {
                break
            }
            k &+= 1
        }
        j = k
        hash = h
        word = w
        letters = lettersSeen
        upper = upperSeen
    }

    /// Adds a letter or digit above ASCII to a dedup word as UTF-8: Latin-1 capitals lower-cased (`É` = `é`), the
    /// modifier-letter apostrophe left out like the other apostrophes.
    @inline(__always)
    private static func addWordScalar(_ scalar: UInt32, to word: inout TokenHasher) {
        if scalar == 0x02BC { return }
        let value = scalar >= 0xC0 && scalar <= 0xDE && scalar != 0xD7 ? scalar + 0x20 : scalar
        if value < 0x800 {
            word.add(UInt8(truncatingIfNeeded: 0xC0 | (value >> 6)))
        } else {
            if value < 0x10000 {
                word.add(UInt8(truncatingIfNeeded: 0xE0 | (value >> 12)))
            } else {
                word.add(UInt8(truncatingIfNeeded: 0xF0 | (value >> 18)))
                word.add(UInt8(truncatingIfNeeded: 0x80 | ((value >> 12) & 0x3F)))
            }
            word.add(UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F)))
        }
        word.add(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
    }

    /// Flags as raw bits: option-set literals in this loop cost an array allocation per token.
    private static let spaceBeforeBit: UInt8 = 1 << 4
    private static let spaceAfterBit: UInt8 = 1 << 5

    /// A token gets `spaceBefore` when it starts the range or follows a space, and `spaceAfter` when it ends the
    /// range or a space follows it. Tokens are written at `out[count...]`, which must have room for `to - from`
    /// more tokens (each token takes at least one scalar); `count` is advanced past them. Each token's dedup words
    /// are appended to `words`, and `wordStarts[t]` is set to the index of token `t`'s first word.
    static func tokenize(
        _ s: UnsafeBufferPointer<UInt32>,
        from: Int,
        to: Int,
        into out: UnsafeMutablePointer<Token>,
        count: inout Int,
        words: inout [UInt64],
        wordStarts: UnsafeMutablePointer<Int32>
    ) {
        var i = from
        while i < to {
            let c = s[i]
            if CharClass.isSpace(c) {
                i += 1
                continue
            }
            let start = i
            var flags: UInt8 = i == from || CharClass.isSpace(s[i - 1]) ? spaceBeforeBit : 0
            wordStarts[count] = Int32(truncatingIfNeeded: words.count)
            if CharClass.isAlnum(c) {
                var hash = WordHash.seed
                var word = TokenHasher()
                var upper = 0
                var letters = 0
                var firstUpper = CharClass.isUpper(c)
                var dottedShape = CharClass.isLetter(c)
                var dotted = false
                var j = i
                var possessiveAt = -1
                // Where the part after the last hyphen starts.
                var segmentStart = i
                // The run of ASCII letters and digits that most words are, in a loop of its own: with the joiners
                // below in the same loop, the compiler shuffles registers on every letter. The loop below treats
                // these scalars the same way and carries on from where this one stops.
                scanASCIIAlnum(s, &j, to, &hash, &letters, &upper, &word)
                while j < to {
                    let d = s[j]
                    if d < 128 {
                        // ASCII letters and digits: the common case, without the Unicode checks below.
                        let lower = d | 0x20
                        if lower >= 97 && lower <= 122 {
                            // Wrapping adds: no overflow checks in the per-letter loop.
                            letters &+= 1
                            if d <= 90 { upper &+= 1 }
                            hash = (hash ^ UInt64(lower)) &* FNV1a.prime
                            word.add(UInt8(truncatingIfNeeded: lower))
                            j &+= 1
                            continue
                        }
                        if d >= 48 && d <= 57 {
                            hash = (hash ^ UInt64(d)) &* FNV1a.prime
                            word.add(UInt8(truncatingIfNeeded: d))
                            j += 1
                            continue
                        }
                        // A space ends the word; none of the joiners below is one.
                        if d == 32 { break }
                    } else if CharClass.isAlnum(d) {
                        if CharClass.isLetter(d) {
                            letters += 1
                            if CharClass.isUpper(d) { upper += 1 }
                        }
                        hash = WordHash.mix(hash, d)
                        addWordScalar(d, to: &word)
                        j += 1
                        continue
                    }
                    let next = j + 1 < to ? s[j + 1] : 0
                    if CharClass.isApostrophe(d) && CharClass.isLetter(next) {
                        // `Russia's`: remember where the possessive starts so the hash can leave it out.
                        let after = j + 2 < to ? s[j + 2] : 0
                        if (next == 115 || next == 83) && !CharClass.isAlnum(after) { possessiveAt = j }
                        if possessiveAt != j { hash = WordHash.mix(hash, d) }
                        j += 1
                        continue
                    }
                    if CharClass.isHyphen(d) && CharClass.isAlnum(next) && j > i {
                        if !word.isEmpty { words.append(word.finish()) }
                        hash = WordHash.mix(hash, d)
                        // `D-N.C.`: a dotted abbreviation may follow a hyphen.
                        dottedShape = CharClass.isLetter(next)
                        segmentStart = j + 1
                        j += 1
                        continue
                    }
                    if d == 46 {
                        // Decimal numbers and dotted abbreviations (`U.S.`, `U.N.`).
                        if CharClass.isDigit(s[j - 1]) && CharClass.isDigit(next) {
                            hash = WordHash.mix(hash, d)
                            j += 1
                            continue
                        }
                        if dottedShape && CharClass.isLetter(s[j - 1])
                            && (j - 1 == segmentStart || s[j - 2] == 46) && CharClass.isLetter(next)
                            && (j + 2 >= to || s[j + 2] == 46)
                        {
                            hash = WordHash.mix(hash, d)
                            dotted = true
                            j += 1
                            continue
                        }
                        if dotted && CharClass.isLetter(s[j - 1]) && s[j - 2] == 46 {
                            hash = WordHash.mix(hash, d)
                            j += 1
                            // `U.S.-based`
                            if j + 1 < to && CharClass.isHyphen(s[j]) && CharClass.isAlnum(s[j + 1]) { continue }
                        }
                        break
                    }
                    if d == 44 && CharClass.isDigit(s[j - 1]) && CharClass.isDigit(next) {
                        j += 1
                        continue
                    }
                    break
                }
                if !word.isEmpty { words.append(word.finish()) }
                if dotted { flags |= TokenFlags.dotted.rawValue }
                if possessiveAt >= 0 {
                    // Rehash without the possessive; rare enough to pay a second pass.
                    hash = WordHash.seed
                    for k in i..<possessiveAt { hash = WordHash.mix(hash, s[k]) }
                    flags |= TokenFlags.possessive.rawValue
                }
                if !CharClass.isLetter(c) { firstUpper = false }
                if firstUpper { flags |= TokenFlags.capitalized.rawValue }
                if letters >= 2 && upper == letters { flags |= TokenFlags.allCaps.rawValue }
                if letters == 1 && j - i == 1 { flags |= TokenFlags.singleLetter.rawValue }
                if j == to || CharClass.isSpace(s[j]) { flags |= spaceAfterBit }
                let kind: TokenKind = CharClass.isDigit(c) ? .number : .word
                (out + count).initialize(to: Token(scanned: start..<j, hash: hash, kind: kind, flags: flags))
                count += 1
                i = j
                continue
            }
            var kind = TokenKind.punct
            var end = i + 1
            var hash = UInt64(c)
            if CharClass.isDoubleQuote(c) {
                kind = .doubleQuote
            } else if CharClass.isSingleQuote(c) {
                // Two single quotes in a row are a double quote (`''` in some newspapers' copy).
                let next = i + 1 < to ? s[i + 1] : 0
                if (c == 39 && next == 39) || (c == 0x2019 && next == 0x2019) || (c == 0x60 && next == 0x60)
                    || (c == 0x2018 && next == 0x2018)
                {
                    kind = .doubleQuote
                    end = i + 2
                } else if c == 39 || c == 0x2018 || c == 0x2019 {
                    kind = .singleQuote
                }
            } else if c == 46 {
                while end < to && s[end] == 46 { end += 1 }
                if end - i >= 3 { hash = 0x2026 }
            }
            if end == to || CharClass.isSpace(s[end]) { flags |= spaceAfterBit }
            (out + count).initialize(to: Token(scanned: start..<end, hash: hash, kind: kind, flags: flags))
            count += 1
            i = end
        }
    }
}
