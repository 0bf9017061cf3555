/// The canonical content of a claim: sorted, unique 64-bit hashes of its normalised content tokens.
public struct ClaimSignature: Sendable, Hashable, Codable {
    public var tokens: [UInt64]
    /// The subset of ``tokens`` that are numbers: two claims with different figures are different claims.
    public var numbers: [UInt64]

    public init(tokens: [UInt64], numbers: [UInt64] = []) {
        self.tokens = tokens
        self.numbers = numbers
    }
}

/// Deciding whether two claims are the same claim, across outlets' edits.
///
/// Content is normalised to tokens: lower case, punctuation and `[Kim]`/`(Kim)` insertions dropped, hyphenated
/// words joined (`long-standing` = `longstanding`), British spellings folded to American (`defence`, `programme`,
/// `-ise`, `-our`, `-yse`, doubled `l`), contractions split (`doesn't` → `not`), a light suffix stem, stopwords
/// dropped (negations kept). The **fingerprint** hashes the sorted set of those tokens, so it survives case,
/// punctuation, spelling, brackets and word order. Trimmed ends and rewordings change the fingerprint;
/// ``similarity(_:_:)-(ClaimSignature,ClaimSignature)`` (containment of the smaller token set in the larger)
/// catches them: ``isSameClaim(_:_:)-(Claim,Claim)`` at ``sameClaimThreshold`` says "same claim", and a different
/// fingerprint then means "a variant of it".
public enum ClaimMatcher {
    /// Containment at or above which two contents are the same claim (tuned on MRPC, see `ingest-eval claims --mrpc`).
    public static let sameClaimThreshold = 0.7
    /// Fewer shared tokens than this is never the same claim, whatever the containment.
    public static let minimumSharedTokens = 3

    /// The normalised content tokens, in text order (duplicates kept), for storage and display.
    public static func canonicalTokens(_ content: String) -> [String] {
        var out: [String] = []
        forEachToken(content) { token, _ in out.append(ClaimDocument.string(token)) }
        return out
    }

    public static func signature(_ content: String) -> ClaimSignature {
        var hashes: [UInt64] = []
        var numbers: [UInt64] = []
        hashes.reserveCapacity(32)
        forEachToken(content) { token, hash in
            hashes.append(hash)
            if CharClass.isDigit(token[0]) { numbers.append(hash) }
        }
        return ClaimSignature(tokens: sortedUnique(hashes), numbers: sortedUnique(numbers))
    }

    /// 32 lower-case hex digits identifying the claim's canonical content.
    public static func fingerprint(_ content: String) -> String {
        fingerprint(signature(content), fallback: content)
    }

    static func fingerprint(_ signature: ClaimSignature, fallback: String) -> String {
        var h1: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        if signature.tokens.isEmpty {
            // Nothing but stopwords: fall back to the lower-cased letters, so such claims do not all collide.
            for scalar in fallback.unicodeScalars where CharClass.isAlnum(scalar.value) {
                h1 = mix64(h1 ^ UInt64(WordHash.fold(scalar.value)))
                h2 = mix64(h2 &+ UInt64(WordHash.fold(scalar.value)) &* 0x1000_0000_01B3)
            }
        }
        for token in signature.tokens {
            h1 = mix64(h1 ^ token)
            h2 = mix64(h2 &+ token &* 0xFF51_AFD7_ED55_8CCD)
        }
        return hex(h1, h2)
    }

    /// Containment of the smaller token set in the larger, 0...1.
    public static func similarity(_ a: ClaimSignature, _ b: ClaimSignature) -> Double {
        let smaller = min(a.tokens.count, b.tokens.count)
        guard smaller > 0 else { return a.tokens == b.tokens ? 1 : 0 }
        return Double(shared(a, b)) / Double(smaller)
    }

    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(signature(a), signature(b))
    }

    public static func similarity(_ a: Claim, _ b: Claim) -> Double {
        similarity(a.content.text, b.content.text)
    }

    public static func isSameClaim(
        _ a: ClaimSignature,
        _ b: ClaimSignature,
        threshold: Double = sameClaimThreshold
    ) -> Bool {
        if a.tokens == b.tokens { return true }
        let common = shared(a, b)
        let smaller = min(a.tokens.count, b.tokens.count)
        guard smaller > 0, common >= min(minimumSharedTokens, max(a.tokens.count, b.tokens.count)),
            numbersAgree(a, b)
        else {
            return false
        }
        return Double(common) / Double(smaller) >= threshold
    }

    public static func isSameClaim(_ a: Claim, _ b: Claim, threshold: Double = sameClaimThreshold) -> Bool {
        isSameClaim(signature(a.content.text), signature(b.content.text), threshold: threshold)
    }

    public static func isSameClaim(_ a: String, _ b: String, threshold: Double = sameClaimThreshold) -> Bool {
        isSameClaim(signature(a), signature(b), threshold: threshold)
    }

    static func sortedUnique(_ values: [UInt64]) -> [UInt64] {
        var values = values
        sortUnique(&values)
        return values
    }

    /// Sorts and removes duplicates in place.
    static func sortUnique(_ values: inout [UInt64]) {
        guard values.count > 1 else { return }
        values.sort()
        var write = 1
        for read in 1..<values.count where values[read] != values[write - 1] {
            values[write] = values[read]
            write += 1
        }
        values.removeLast(values.count - write)
    }

    /// Every figure of the claim with fewer figures appears in the other.
    static func numbersAgree(_ a: ClaimSignature, _ b: ClaimSignature) -> Bool {
        let (small, large) = a.numbers.count <= b.numbers.count ? (a.numbers, b.numbers) : (b.numbers, a.numbers)
        return small.allSatisfy { large.contains($0) }
    }

    static func shared(_ a: ClaimSignature, _ b: ClaimSignature) -> Int {
        shared(a.tokens, b.tokens)
    }

    static func shared(_ a: [UInt64], _ b: [UInt64]) -> Int {
        shared(a, b, needed: 0) ?? 0
    }

    /// How many tokens two sorted arrays share; nil as soon as the tokens left cannot bring the count to `needed`.
    @inline(__always)
    static func shared(_ a: [UInt64], _ b: [UInt64], needed: Int) -> Int? {
        var i = 0
        var j = 0
        var common = 0
        while i < a.count && j < b.count {
            if common + min(a.count - i, b.count - j) < needed { return nil }
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return common
    }

    /// SplitMix64's step: the golden-ratio increment, then ``DedupHash/mix(_:)``.
    @inline(__always)
    static func mix64(_ value: UInt64) -> UInt64 {
        DedupHash.mix(value &+ 0x9E37_79B9_7F4A_7C15)
    }

    /// Two hashes as 32 lower-case hex digits, in one string allocation.
    static func hex(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            var v = high
            for index in stride(from: 15, through: 0, by: -1) {
                buffer[index] = hexDigit(v & 0xF)
                v >>= 4
            }
            v = low
            for index in stride(from: 31, through: 16, by: -1) {
                buffer[index] = hexDigit(v & 0xF)
                v >>= 4
            }
            return 32
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: nibble < 10 ? 48 + nibble : 87 + nibble)
    }

    // MARK: Tokens

    /// Canonical tokens of `content`: the extractor's tokenizer, then ``Canonicalizer`` on each token.
    static func forEachToken(_ content: String, _ body: (UnsafeBufferPointer<UInt32>, UInt64) -> Void) {
        let scalars = Tokenizer.scalars(of: content)
        let lexicon = Lexicon.shared
        var tokens = Tokenizer.tokens(of: scalars)
        for t in tokens.indices where tokens[t].kind == .word { tokens[t].classes = lexicon.lookup(tokens[t].hash) }
        let canonicalizer = Canonicalizer(lexicon: lexicon)
        Canonicalizer.forEachKept(tokens, 0..<tokens.count) { t in
            canonicalizer.canonicalize(tokens[t], scalars, body)
        }
    }
}

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

extension ClaimMatcher {
    /// Spelling fold, light stemming and stopword removal, in place; empties stopwords.
    static func normalize(_ word: inout WordBuffer, lexicon: Lexicon) {
        let h = word.hash()
        normalize(&word, hash: h, classes: lexicon.lookup(h), lexicon: lexicon)
    }

    /// ``normalize(_:lexicon:)`` with the word's hash and lexicon classes already known.
    @inline(__always)
    /// `asciiLetters`: the word is lower-case ASCII letters only, so the stemmer need not check for digits.
    static func normalize(
        _ word: inout WordBuffer,
        hash h: UInt64,
        classes: WordClass,
        lexicon: Lexicon,
        asciiLetters: Bool = false
    ) {
        if classes.contains(.stopword) {
            word.count = 0
            return
        }
        if classes.contains(.numberWord), let number = numberWords[h] {
            word.set(number)
            return
        }
        if classes.contains(.britishSpelling), let american = lexicon.spelling[h] {
            word.set(american)
        } else {
            SpellingFold.fold(&word)
        }
        SpellingFold.stem(&word, asciiLetters: asciiLetters)
    }

    private static let numberWords: [UInt64: [UInt32]] = {
        var table: [UInt64: [UInt32]] = [:]
        let names = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        for (index, name) in names.enumerated() {
            table[WordHash.of(name)] = String(index + 1).unicodeScalars.map(\.value)
        }
        return table
    }()
}
