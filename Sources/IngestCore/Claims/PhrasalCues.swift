/// Cues of more than one word, or of one word only beside a quote: `pointed out that ...`, `She continued, "..."`.
extension RuleContext {
    /// `pointed out`, `points out`, `point out`: a verb of saying in two words; the cue ends after `out`.
    func isPointOut(_ c: Int) -> Bool {
        let h = tok(c).hash
        guard h == PhrasalWords.pointed || h == PhrasalWords.points || h == PhrasalWords.point,
            c + 1 < doc.tokens.count, tok(c + 1).isWord, tok(c + 1).hash == PhrasalWords.out
        else { return false }
        return tok(c).isWord && !inQuote(c)
    }

    /// `continued` speaks only beside a quote or a colon: `She continued, "..."`, `"...," he continued.`,
    /// `Limbaugh continued: "..."`; `continued to rise` is no attribution.
    func continuesAQuote(_ c: Int, sentence: SentenceRange) -> Bool {
        let end = wordsEnd(sentence)
        guard c + 1 < end else { return closingQuoteBefore(c, sentence: sentence) }
        if tok(c + 1).isPunct(58) { return true }
        var k = c + 1
        if isComma(k) { k += 1 }
        if k < end, openingQuote(at: k) != nil { return true }
        return isTrailing(c + 1, sentence: sentence) && closingQuoteBefore(c, sentence: sentence)
    }

    /// `..., Trump boasted, "..."`, `..., the 34-year-old mother of three replied: "..."`: after the comma at
    /// `comma`, a short speaker phrase and a verb of saying open a quote; the content before ends at the comma.
    func introducesQuote(after comma: Int, limit: Int) -> Bool {
        var k = comma + 1
        while k < limit && k < comma + 9 && !inQuote(k) && !isComma(k) && !tok(k).isPunct(58)
            && !(tok(k).isWord && tok(k).is(.cue))
        {
            k += 1
        }
        guard k > comma + 1, k + 1 < limit, tok(k).isWord, tok(k).is(.speech), !tok(k).isCapitalized,
            !tok(k).is(.nounVerb) || tok(k - 1).isWord && tok(k - 1).isCapitalized
        else { return false }
        var q = k + 1
        if isComma(q) || tok(q).isPunct(58) { q += 1 }
        return q < limit && openingQuote(at: q) != nil
    }

    /// `after the convention he would ...`: within a short prepositional phrase from `start` (before `limit`), a
    /// subject pronoun (`he`, `she`, `they`, `we`) followed by an auxiliary or a verb opens the reported clause;
    /// the pronoun's position, or nil.
    func clauseAfterPhrase(_ start: Int, limit: Int) -> Int? {
        var k = start + 2
        while k + 1 < limit && k < start + 7 {
            let token = tok(k)
            guard token.isWord, !inQuote(k) else { return nil }
            if token.is([.pronounMale, .pronounFemale, .pronounPlural]) && !token.is(.determiner)
                && PhrasalWords.subjectPronouns.contains(token.hash)
            {
                let next = tok(k + 1)
                return next.isWord && !next.isCapitalized && (next.is(.aux) || endsWith(k + 1, "ed")) ? k : nil
            }
            k += 1
        }
        return nil
    }

    /// `X -- the chief executive of Y, which owns Z -- told me`: the name before a parenthesis set off by dashes
    /// speaks when nothing shorter ends at the verb; `npEnd` is the closing dash.
    func dashedAppositiveSpeaker(endingAt npEnd: Int, cue c: Int, _ sentence: SentenceRange) -> Range<Int>? {
        guard npEnd > sentence.first, isDash(npEnd) else { return nil }
        // `X -- ... -- has been called`: a passive verb's subject is not its speaker.
        for k in (npEnd + 1)..<c {
            let h = tok(k).hash
            if h == W.was || h == W.were || h == W.is_ || h == W.are || h == W.been || h == W.being { return nil }
        }
        var k = npEnd - 1
        if tok(npEnd).isPunct(45) { k -= 1 }
        let low = max(sentence.first, npEnd - 40)
        while k > low && !isDash(k) {
            if inQuote(k) || merger.used[k] { return nil }
            k -= 1
        }
        guard k > low, isDash(k) else { return nil }
        var nameEnd = k - 1
        if tok(k).isPunct(45) { nameEnd -= 1 }
        guard nameEnd >= sentence.first, let np = backwardNP(endingAt: nameEnd, limit: sentence.first),
            np.lowerBound == sentence.first || isComma(np.lowerBound - 1)
        else { return nil }
        return cueSpeaker(np, cue: c, sentence)
    }

    /// `Sanders on Tuesday said`, `who in 2010 said`, `the union last week said`: a time phrase between the
    /// subject and its verb is skipped; the token before it, or `t` when there is none.
    func skipTimeBackward(_ t: Int, limit: Int) -> Int {
        var k = t
        while k > limit && (tok(k).kind == .number || (tok(k).isWord && tok(k).is([.day, .month, .timeWord]))) {
            k -= 1
        }
        guard k < t, k > limit, tok(k).isWord, !tok(k).isCapitalized else { return t }
        let h = tok(k).hash
        if h == W.in_ || h == W.on || h == W.last || h == W.this || h == W.early || h == W.late {
            return k - 1
        }
        return t
    }

    /// The comma that opens an interrupting attribution (`, Mr. Obama said,`, `, as his advisers pointed out,`),
    /// or nil.
    func interruptionStart(_ np: Range<Int>?, sentence: SentenceRange) -> Int? {
        guard let np else { return nil }
        var k = np.lowerBound - 1
        if k > sentence.first && tok(k).isWord && tok(k).hash == W.as_ && !tok(k).isCapitalized { k -= 1 }
        return k > sentence.first && isComma(k) ? k : nil
    }

    /// `China had resisted such deals, but the air there had become so bad, Mr. Obama noted, that ...`: the
    /// interrupted content starts after the last `, but` or `, and` that opens a clause before `comma`.
    func clauseStart(_ a: Int, before comma: Int) -> Int {
        var k = comma - 2
        while k > a {
            let h = tok(k + 1).hash
            if isComma(k) && tok(k + 1).isWord && (h == W.but || h == W.and) && k + 3 < comma
                && tok(k + 2).isWord && tok(k + 2).is([.determiner, .pronoun])
            {
                return k + 2
            }
            k -= 1
        }
        return a
    }

    /// A quote closes a few words before `c`, with only the speaker between: `"...," the mayor continued`.
    private func closingQuoteBefore(_ c: Int, sentence: SentenceRange) -> Bool {
        var k = c - 1
        while k > sentence.first && k > c - 8 && tok(k).isWord && !inQuote(k) { k -= 1 }
        if k >= sentence.first && isComma(k) { k -= 1 }
        return k >= sentence.first && closingQuote(at: k) != nil
    }
}

/// Hashes of the words of ``RuleContext/isPointOut(_:)`` (literals, checked by a test, like ``W``).
enum PhrasalWords {
    static let pointed: UInt64 = 0x5b52c507b5d95a88  // pointed
    static let points: UInt64 = 0xdd02ad83d7cf88a6  // points
    static let point: UInt64 = 0x73feab3544c345b1  // point
    static let out: UInt64 = 0x19f79b1921bbcfff  // out
    /// `he`, `she`, `they`, `we`: pronouns that are only ever subjects (not `her`, `him`, `them`).
    static let subjectPronouns: Set<UInt64> = Set(["he", "she", "they", "we"].map { WordHash.of($0) })
}
