/// Sources that frame a sentence without a verb of saying: `according to X`, `In the latest poll, ...`.
extension RuleContext {
    /// `According to X, ...` and `..., according to X.` when nothing else in the sentence attributed it.
    func according(_ t: Int, cueEnd: Int, sentence: SentenceRange, firstClaim: Int) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        // `According to the polls, the mayor won`: a leading source ends at its comma, so that the appositive
        // scan does not read the content as a description of the source.
        let leading = t == a || (t == a + 1 && tok(a).isWord && tok(a).is(.conjunction))
        var limit = end
        if leading {
            var k = cueEnd
            while k < end && !(isComma(k) && !inQuote(k)) { k += 1 }
            limit = k
        }
        guard cueEnd < limit,
            var np = speakerValid(forwardNP(from: cueEnd, limit: limit), sentence)
                ?? namedSource(from: cueEnd, limit: leading ? limit : end)
        else { return [] }
        // `According to a new report by the state auditor, ...`: a leading source is all of the phrase up to its
        // comma, modifiers and all.
        if leading, np.upperBound < limit, limit < end, limit - cueEnd <= 20,
            !(np.upperBound..<limit).contains(where: { inQuote($0) || merger.used[$0] || tok($0).is(.cue) })
        {
            np = cueEnd..<limit
        }
        // `according to the top British medical journal.`: a trailing source runs on to the sentence end over
        // plain words the noun phrase scan stops at.
        if !leading, np.upperBound < end, let longer = namedSource(from: cueEnd, limit: end),
            !(np.upperBound..<end).contains(where: { tok($0).is([.preposition, .determiner]) })
        {
            np = longer
        }
        if merger.claims.count > firstClaim {
            return [.sourceOfLastClaim(np, takes: t..<np.upperBound, sentence: sentence)]
        }
        let content: Range<Int>
        var parts: [Range<Int>] = []
        if leading {
            guard np.upperBound < end, isComma(np.upperBound) else { return [] }
            content = (np.upperBound + 1)..<complementEnd(from: np.upperBound + 1, sentence: sentence)
        } else if t - 1 > a && (isComma(t - 1) || isDash(t - 1)) {
            // `The harsh truth, according to the experts, is a system ...`: the source interrupts the content, which
            // resumes with its verb.
            let resume = np.upperBound + 1
            if np.upperBound < end, isComma(np.upperBound), resume < end,
                !isTrailing(np.upperBound, sentence: sentence),
                tok(resume).isWord, tok(resume).is(.aux), !tok(resume).is(.pronoun)
            {
                let second = resume..<complementEnd(from: resume, sentence: sentence)
                content = a..<second.upperBound
                parts = [a..<(t - 1), second]
            } else {
                content = a..<(t - 1)
            }
        } else if t - 2 > a, closingQuote(at: t - 1) != nil, isComma(t - 2) {
            // `"...," according to Dr. Ahamad`: the comma sits inside the quote.
            content = a..<t
        } else {
            return []
        }
        guard !content.isEmpty else { return [] }
        for k in content where merger.used[k] { return [] }
        let claim = candidate(
            .phrase(np, saying: nil, takes: true),
            content: content,
            cue: t..<cueEnd,
            cueToken: nil,
            sentence: sentence,
            confidence: 0.8,
            parts: parts
        )
        return [.claim(claim)]
    }

    /// `In the latest poll, Clinton leads by five points`: a document that frames the sentence is its source.
    func documentFrame(_ sentence: SentenceRange) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        guard a + 4 < end, tok(a).isWord, tok(a).hash == W.in_ else { return [] }
        var comma = a + 1
        while comma < end && comma < a + 16 && !isComma(comma) && !inQuote(comma) { comma += 1 }
        guard comma < end, isComma(comma), comma + 3 < end else { return [] }
        let np = (a + 1)..<comma
        let names = np.contains { tok($0).isWord && tok($0).is(.findingDocument) && !tok($0).isCapitalized }
        guard names, !np.contains(where: { merger.used[$0] }) else { return [] }
        let content = (comma + 1)..<complementEnd(from: comma + 1, sentence: sentence)
        guard content.count >= 3, !content.contains(where: { merger.used[$0] }) else { return [] }
        return [attribution(np, content: content, cue: a..<(a + 1), cueToken: nil, sentence: sentence, confidence: 0.7)]
    }

    /// What follows `according to` names a source whatever its words (`federal statistics`, `show insiders`,
    /// `conservative talk radio host Rush Limbaugh`): a short phrase up to `limit` (the comma of a leading source,
    /// the sentence end of a trailing one) with no verb, quote or claim in it, ending on a noun-like word.
    func namedSource(from start: Int, limit: Int) -> Range<Int>? {
        guard start < limit, limit - start <= 12 else { return nil }
        let first = tok(start)
        guard first.isWord, !first.is([.preposition, .conjunction, .aux, .relative]) || first.is(.determiner)
        else { return nil }
        for k in start..<limit {
            let token = tok(k)
            if inQuote(k) || merger.used[k] || token.kind == .doubleQuote { return nil }
            if token.kind == .punct && !token.isPunct(45) && !token.isPunct(39) && !token.isPunct(46) { return nil }
            if token.isWord && !token.isCapitalized && token.is([.cue, .aux, .relative, .verb]) { return nil }
        }
        let last = tok(limit - 1)
        guard last.isWord, !last.is([.preposition, .conjunction, .determiner, .pronoun]) else { return nil }
        return start..<limit
    }

    /// `—`, `–`, `--`: a dash that sets off a trailing source like a comma (`... wrong — according to X`).
    func isDash(_ t: Int) -> Bool {
        let token = tok(t)
        guard token.kind == .punct, !inQuote(t) else { return false }
        return token.hash == 0x2014 || token.hash == 0x2013 || (token.isPunct(45) && t > 0 && tok(t - 1).isPunct(45))
    }
}
