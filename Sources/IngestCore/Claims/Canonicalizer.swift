/// Normalises one token at a time: lower case, hyphens and dots dropped, possessive and contraction endings
/// split off (`n't` → `not`), British spelling folded, light stem, stopwords dropped.
struct Canonicalizer {
    let lexicon: Lexicon

    init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    static let notHash: UInt64 = WordHash.of("not")

    /// Only ASCII letters in `s[start..<end]`, and not `US` (which becomes `usa`), and not empty.
    @inline(__always)
    static func isPlainASCIIWord(_ s: [UInt32], _ start: Int, _ end: Int) -> Bool {
        guard end > start else { return false }
        if end - start == 2 && s[start] == 85 && s[start + 1] == 83 { return false }
        for k in start..<end {
            let lower = s[k] | 0x20
            if s[k] >= 128 || lower < 97 || lower > 122 { return false }
        }
        return true
    }
    private static let notScalars: [UInt32] = [110, 111, 116]

    /// ``isPlainASCIIWord(_:_:_:)`` that also copies the lower-cased letters into `word` (empty on entry, with room
    /// for `end - start` scalars) as it checks them; `word` holds a partial copy when it returns false.
    @inline(__always)
    private func copyPlainASCIIWord(_ s: [UInt32], _ start: Int, _ end: Int, into word: inout WordBuffer) -> Bool {
        guard end > start else { return false }
        if end - start == 2 && s[start] == 85 && s[start + 1] == 83 { return false }
        precondition(end - start <= word.capacity)
        var n = 0
        for k in start..<end {
            let lower = s[k] | 0x20
            if s[k] >= 128 || lower < 97 || lower > 122 {
                word.count = n
                return false
            }
            word.base[n] = lower
            n += 1
        }
        word.count = n
        return true
    }

    /// Calls `body` for the token indices in `range` outside `[...]` and `(...)` insertions (at most 80 scalars).
    static func forEachKept(_ tokens: [Token], _ range: Range<Int>, _ body: (Int) -> Void) {
        var t = range.lowerBound
        while let kept = nextKept(tokens, &t, range.upperBound) { body(kept) }
    }

    /// The next token index at or after `t` (and before `end`) that ``forEachKept(_:_:_:)`` would call its body
    /// with; `t` moves past it. Lets hot loops walk kept tokens without a closure.
    @inline(__always)
    static func nextKept(_ tokens: [Token], _ t: inout Int, _ end: Int) -> Int? {
        while t < end {
            let token = tokens[t]
            if token.kind == .punct && (token.hash == 91 || token.hash == 40) {
                let close: UInt64 = token.hash == 91 ? 93 : 41
                var k = t + 1
                while k < end && tokens[k].start - token.start < 80
                    && !(tokens[k].kind == .punct
                        && (tokens[k].hash == close || tokens[k].hash == token.hash))
                {
                    k += 1
                }
                if k < end && tokens[k].kind == .punct && tokens[k].hash == close {
                    t = k + 1
                    continue
                }
            }
            if token.kind == .word || token.kind == .number {
                t += 1
                return t - 1
            }
            t += 1
        }
        return nil
    }

    /// Calls `body(scalars, hash)` for the canonical form(s) of one word or number token.
    func canonicalize(_ token: Token, _ s: [UInt32], _ body: (UnsafeBufferPointer<UInt32>, UInt64) -> Void) {
        var end = Int(token.end)
        if token.flags.contains(.possessive) { end -= 2 }
        let capacity = WordBuffer.capacity(forLength: max(0, end - Int(token.start)))
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { memory in
            var word = WordBuffer(base: memory.baseAddress!, capacity: capacity)
            canonicalize(token, s, end: end, into: &word, body)
        }
    }

    private func canonicalize(
        _ token: Token,
        _ s: [UInt32],
        end: Int,
        into word: inout WordBuffer,
        _ body: (UnsafeBufferPointer<UInt32>, UInt64) -> Void
    ) {
        if token.kind == .word {
            // The common case, plain ASCII letters: the lower-cased letters are exactly what the tokenizer hashed
            // and looked up, so stopwords stop here and the rest skip rehashing. `US` (→ `usa`) takes the general
            // path (see `isPlainASCIIWord`).
            if token.classes.contains(.stopword) {
                if Self.isPlainASCIIWord(s, Int(token.start), end) { return }
            } else if copyPlainASCIIWord(s, Int(token.start), end, into: &word) {
                ClaimMatcher.normalize(
                    &word,
                    hash: token.hash,
                    classes: token.classes,
                    lexicon: lexicon,
                    asciiLetters: true
                )
                if !word.isEmpty { body(word.buffer, word.hash()) }
                return
            }
            word.count = 0
        }
        var upper = 0
        var letters = 0
        var negated = false
        var i = Int(token.start)
        while i < end {
            let c = s[i]
            if CharClass.isApostrophe(c) {
                // `doesn't` → does + not; `we've`, `they're` → we, they; `O'Neill` stays whole.
                var k = i + 1
                while k < end && CharClass.isLetter(s[k]) { k += 1 }
                let length = k - i - 1
                if length == 1 && WordHash.fold(s[i + 1]) == 116 && word.count > 0 && word[word.count - 1] == 110 {
                    word.count -= 1
                    negated = true
                    break
                }
                if k == end && length <= 2 { break }
                word.append(39)
                i += 1
                continue
            }
            if CharClass.isAlnum(c) {
                if CharClass.isLetter(c) {
                    letters += 1
                    if CharClass.isUpper(c) { upper += 1 }
                }
                word.append(WordHash.fold(c))
            } else if c == 46 && token.kind == .number {
                word.append(46)
            }
            i += 1
        }
        if negated {
            if word.count == 2 && word[0] == 119 && word[1] == 111 {
                word[1] = 105  // wo → will
                word.append(108)
                word.append(108)
            } else if word.count == 2 && word[0] == 99 && word[1] == 97 {
                word.append(110)  // ca → can
            }
        }
        if word.count == 2 && word[0] == 117 && word[1] == 115
            && (token.flags.contains(.dotted) || (letters == 2 && upper == 2))
        {
            word.append(97)  // U.S. and US → usa, not the pronoun
        }
        if !word.isEmpty {
            ClaimMatcher.normalize(&word, lexicon: lexicon)
            if !word.isEmpty { body(word.buffer, word.hash()) }
        }
        if negated { Self.notScalars.withUnsafeBufferPointer { body($0, Self.notHash) } }
    }
}
