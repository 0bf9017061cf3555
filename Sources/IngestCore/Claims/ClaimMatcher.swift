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
    static func shared<Tokens: RandomAccessCollection<UInt64>>(_ a: Tokens, _ b: Tokens, needed: Int) -> Int?
    where Tokens.Index == Int {
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
