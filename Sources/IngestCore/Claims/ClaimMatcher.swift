/// The canonical content of a claim: sorted, unique 64-bit hashes of its normalised content tokens.
public struct ClaimSignature: Sendable, Hashable, Codable {
    public var tokens: [UInt64]

    public init(tokens: [UInt64]) {
        self.tokens = tokens
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
    /// Containment at or above which two contents are the same claim (tuned on MRPC, see `claims-eval --mrpc`).
    public static let sameClaimThreshold = 0.75
    /// Fewer shared tokens than this is never the same claim, whatever the containment.
    public static let minimumSharedTokens = 3

    /// The normalised content tokens, in text order (duplicates kept), for storage and display.
    public static func canonicalTokens(_ content: String) -> [String] {
        var out: [String] = []
        forEachToken(content) { token in
            var view = String.UnicodeScalarView()
            for value in token { view.append(Unicode.Scalar(value) ?? " ") }
            out.append(String(view))
        }
        return out
    }

    public static func signature(_ content: String) -> ClaimSignature {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(32)
        forEachToken(content) { token in
            var h = WordHash.seed
            for value in token { h = WordHash.mix(h, value) }
            hashes.append(h)
        }
        hashes.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(hashes.count)
        for h in hashes where unique.last != h { unique.append(h) }
        return ClaimSignature(tokens: unique)
    }

    /// 32 lower-case hex digits identifying the claim's canonical content.
    public static func fingerprint(_ content: String) -> String {
        fingerprint(signature(content), fallback: content)
    }

    public static func fingerprint(_ claim: Claim) -> String {
        fingerprint(claim.content.text)
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
        return hex(h1) + hex(h2)
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
        guard smaller > 0, common >= min(minimumSharedTokens, max(a.tokens.count, b.tokens.count)) else {
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

    static func shared(_ a: ClaimSignature, _ b: ClaimSignature) -> Int {
        var i = 0
        var j = 0
        var common = 0
        while i < a.tokens.count && j < b.tokens.count {
            if a.tokens[i] == b.tokens[j] {
                common += 1
                i += 1
                j += 1
            } else if a.tokens[i] < b.tokens[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return common
    }

    @inline(__always)
    static func mix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hex(_ value: UInt64) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 48, count: 16)
        var v = value
        for index in stride(from: 15, through: 0, by: -1) {
            bytes[index] = digits[Int(v & 0xF)]
            v >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Tokens

    /// Calls `body` with each canonical token (lower-case scalars), skipping stopwords and bracketed insertions.
    static func forEachToken(_ content: String, _ body: ([UInt32]) -> Void) {
        let s = Tokenizer.scalars(of: content)
        let lexicon = Lexicon.shared
        var word: [UInt32] = []
        word.reserveCapacity(32)
        var i = 0
        let n = s.count
        while i < n {
            let c = s[i]
            if c == 91 || c == 40 {
                // `[Kim]`, `(Moscow)`, `(and)`: editorial insertions that outlets add or drop.
                let close: UInt32 = c == 91 ? 93 : 41
                var j = i + 1
                while j < n && j - i < 80 && s[j] != close && s[j] != c { j += 1 }
                if j < n && s[j] == close {
                    i = j + 1
                    continue
                }
                i += 1
                continue
            }
            guard CharClass.isAlnum(c) else {
                i += 1
                continue
            }
            word.removeAll(keepingCapacity: true)
            var upper = 0
            var dotted = false
            var suffix: [UInt32] = []
            var j = i
            while j < n {
                let d = s[j]
                if CharClass.isAlnum(d) {
                    if CharClass.isUpper(d) { upper += 1 }
                    word.append(WordHash.fold(d))
                    j += 1
                    continue
                }
                let next = j + 1 < n ? s[j + 1] : 0
                if CharClass.isHyphen(d) && CharClass.isAlnum(next) {
                    j += 1
                    continue
                }
                if d == 46 && CharClass.isLetter(next) && j + 2 <= n && (j + 2 == n || !CharClass.isLetter(s[j + 2]))
                    && word.count <= 3
                {
                    dotted = true
                    j += 1
                    continue
                }
                if CharClass.isApostrophe(d) && CharClass.isLetter(next) {
                    var k = j + 1
                    suffix.removeAll()
                    while k < n && CharClass.isLetter(s[k]) && suffix.count < 4 {
                        suffix.append(WordHash.fold(s[k]))
                        k += 1
                    }
                    if k < n && CharClass.isLetter(s[k]) {
                        // `O'Neill`: part of the word.
                        word.append(39)
                        j += 1
                        continue
                    }
                    j = k
                    break
                }
                if d == 46 && dotted {
                    j += 1
                }
                break
            }
            i = j
            var negated = false
            if suffix == [116] && word.last == 110 {
                // n't
                word.removeLast()
                negated = true
                if word == [119, 111] { word = [119, 105, 108, 108] }  // wo → will
                if word == [99, 97] { word = [99, 97, 110] }  // ca → can
            }
            if (dotted || upper == word.count) && word == [117, 115] {
                word = [117, 115, 97]  // U.S. and US → usa, not the pronoun
            }
            normalize(&word, lexicon: lexicon)
            if !word.isEmpty { body(word) }
            if negated { body([110, 111, 116]) }
        }
    }

    /// Spelling fold, light stemming and stopword removal, in place; empties stopwords.
    static func normalize(_ word: inout [UInt32], lexicon: Lexicon) {
        var h = WordHash.seed
        for value in word { h = WordHash.mix(h, value) }
        let classes = lexicon.lookup(h)
        if classes.contains(.stopword) {
            word.removeAll()
            return
        }
        if let number = numberWords[h] {
            word = Array(number.unicodeScalars.map(\.value))
            return
        }
        if let american = lexicon.spelling[h] {
            word = Array(american.unicodeScalars.map(\.value))
        } else {
            SpellingFold.fold(&word)
        }
        SpellingFold.stem(&word)
    }

    private static let numberWords: [UInt64: String] = {
        var table: [UInt64: String] = [:]
        let names = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        for (index, name) in names.enumerated() { table[WordHash.of(name)] = String(index + 1) }
        return table
    }()
}
