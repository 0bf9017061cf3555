/// Spans around a cue that every rule reads: quotes, adverbials, the end of a complement, the speaker phrase.
extension RuleContext {
    /// The quote whose closing mark is token `t`.
    func closingQuote(at t: Int) -> Int? {
        let q = doc.quoteAt[t]
        guard q >= 0, doc.quotes[Int(q)].close == t else { return nil }
        return Int(q)
    }

    func openingQuote(at t: Int) -> Int? {
        let q = doc.quoteAt[t]
        guard q >= 0, doc.quotes[Int(q)].open == t else { return nil }
        return Int(q)
    }

    /// Skips `on Tuesday`, `Thursday`, `last week`, `in a statement` after a cue.
    func skipAdverbials(_ start: Int, limit: Int) -> Int {
        var t = start
        while t < limit {
            let token = tok(t)
            guard token.isWord, !inQuote(t) else { break }
            if token.is(.day) || token.hash == W.late || token.hash == W.early
                || (token.is(.timeWord) && !token.is(.determiner))
            {
                t += 1
                continue
            }
            if (token.hash == W.last || token.hash == W.this || token.hash == W.next) && t + 1 < limit
                && tok(t + 1).is(.timeWord)
            {
                t += 2
                continue
            }
            if token.hash == W.via && t + 1 < limit && tok(t + 1).isWord && !tok(t + 1).is(.determiner) {
                t += 2
                continue
            }
            // `told The Canadian Press by email the golfer was ...`.
            if token.hash == W.by && t + 1 < limit && tok(t + 1).isWord && tok(t + 1).is(.documentWord)
                && !tok(t + 1).isCapitalized
            {
                t += 2
                continue
            }
            if token.hash == W.on && t + 1 < limit && (tok(t + 1).is(.day) || tok(t + 1).is(.month)) {
                t += 2
                while t < limit && tok(t).kind == .number { t += 1 }
                continue
            }
            if token.hash == W.in_ && t + 2 < limit && tok(t + 1).is(.determiner) {
                // `in a statement`, `in a phone interview`, `in a post on its official Telegram channel`.
                var k = t + 2
                while k < limit && k < t + 6 && tok(k).isWord && !tok(k).is(.documentWord) && !tok(k).is(.conjunction) {
                    k += 1
                }
                if k < limit && (tok(k).is(.documentWord) || tok(k).hash == W.interview) {
                    t = k + 1
                    continue
                }
            }
            break
        }
        return t
    }

    /// After a cue (and inverted speaker), only modifiers remain before the sentence end.
    func isTrailing(_ r: Int, sentence: SentenceRange) -> Bool {
        let end = wordsEnd(sentence)
        if r >= end { return true }
        let token = tok(r)
        if isComma(r) && r + 1 < end {
            let next = tok(r + 1)
            guard next.isWord, !next.isCapitalized else { return false }
            // `, referencing ...`, `, as they bristled ...`: a trailing clause, not more content.
            return next.is(.trailingParticiple) || next.is(.participle) || next.hash == W.according
                || endsWith(r + 1, "ing", minLength: 5)
                || (next.is(.conjunction) && next.hash != W.that
                    && next.hash != W.and && next.hash != W.but)
        }
        if token.isWord && (token.is(.preposition) || token.is(.day) || token.is(.timeWord)) && token.hash != W.that {
            for k in r..<end where tok(k).hash == W.that || openingQuote(at: k) != nil || tok(k).is(.speech) {
                return false
            }
            return true
        }
        return false
    }

    /// A speaker phrase for cue `c`: valid, and for noun-or-verb cues (`remarks`) a name or pronoun only.
    func cueSpeaker(_ np: Range<Int>?, cue c: Int, _ sentence: SentenceRange) -> Range<Int>? {
        let token = tok(c)
        guard let np = speakerValid(np, sentence, strong: token.is(.strongSpeech)) else { return nil }
        if token.is(.nounVerb) {
            for t in np where tok(t).isWord && !tok(t).isCapitalized && !tok(t).is([.pronoun, .title, .determiner]) {
                return nil
            }
        }
        return np
    }

    func speakerValid(_ np: Range<Int>?, _ sentence: SentenceRange, strong: Bool = false) -> Range<Int>? {
        guard let np else { return nil }
        let firstPerson = isAuthorSpeaking(np, sentence)
        guard firstPerson || isValidSource(np, sentenceStart: sentence.first, strong: strong) else { return nil }
        for t in np where merger.used[t] { return nil }
        if np.count == 1 && tok(np.lowerBound).is(.pronounFirst) && !firstPerson { return nil }
        return np
    }

    /// `I know ...`, `we believe ...` in the body, outside quotes: the writer (of a column, an op-ed) is the source.
    func isAuthorSpeaking(_ np: Range<Int>, _ sentence: SentenceRange) -> Bool {
        np.count == 1 && tok(np.lowerBound).isWord && tok(np.lowerBound).is(.pronounFirst) && !inQuote(np.lowerBound)
            && doc.units[sentence.unit].isBody
    }

    /// Whether a cue-class token is used as a verb here: lower case, and a noun-or-verb form (`claims`,
    /// `reports`) not right after a determiner, number or adjective-like word.
    func isCueVerb(_ c: Int, sentenceStart: Int) -> Bool {
        let token = tok(c)
        guard token.isWord, !token.isCapitalized else { return false }
        if token.is(.nounVerb) && c > sentenceStart {
            let previous = tok(c - 1)
            if previous.kind == .number || previous.is([.determiner, .quantity, .preposition]) { return false }
            if previous.flags.contains(.possessive) { return false }
            let nouns: WordClass = [
                .pronoun, .aux, .sourceNoun, .title, .documentWord, .orgWord, .mediaWord, .pluralNoun,
            ]
            if previous.isWord && !previous.isCapitalized && !previous.is(nouns) {
                // `Footage of the crash shows ...`: a document subject makes `shows` a verb after any noun.
                return token.is(.evidenceVerb) && documentSubject(c, limit: sentenceStart) != nil
            }
        }
        return true
    }

    /// Whether the subject before `verbStart` is a document (`the poll`, `a study by ...`).
    func documentSubject(_ verbStart: Int, limit: Int) -> Range<Int>? {
        let npEnd = skipAuxBackward(verbStart - 1, limit: limit)
        guard npEnd >= limit else { return nil }
        if let np = documentHead(endingAt: npEnd, limit: limit) { return np }
        // `An analysis of budgets that were filed in March shows ...`: the document before a relative clause.
        var r = npEnd - 1
        while r > limit && r > npEnd - 12 && !isComma(r) && !inQuote(r) && tok(r).hash != W.that
            && !tok(r).is(.relative)
        {
            r -= 1
        }
        guard r > limit, tok(r).isWord, tok(r).hash == W.that || tok(r).is(.relative),
            let head = documentHead(endingAt: r - 1, limit: limit)
        else { return nil }
        // The clause keeps its time words (`closed last year`); only auxiliaries before the verb are left out.
        var end = verbStart
        while end - 1 > r && tok(end - 1).isWord && tok(end - 1).is(.aux) { end -= 1 }
        return head.lowerBound..<end
    }

    /// The document phrase ending at `npEnd`: `a survey of riders`, `the report`.
    private func documentHead(endingAt npEnd: Int, limit: Int) -> Range<Int>? {
        guard npEnd >= limit, var np = backwardNP(endingAt: npEnd, limit: limit) else { return nil }
        // `a survey of riders shows`: the document heads the phrase before `of`, `by`.
        if np.lowerBound - 2 >= limit, tok(np.lowerBound - 1).isWord,
            tok(np.lowerBound - 1).is(.attachPreposition) || tok(np.lowerBound - 1).hash == W.by
                || tok(np.lowerBound - 1).hash == W.in_,
            let head = backwardNP(endingAt: np.lowerBound - 2, limit: limit)
        {
            np = head.lowerBound..<np.upperBound
        }
        let isDocument = np.contains {
            tok($0).isWord && tok($0).is(.documentWord) && (!tok($0).isCapitalized || $0 == limit)
        }
        return isDocument ? np : nil
    }

    /// Token after which the sentence's words end: terminal punctuation and closing brackets are left out.
    func wordsEnd(_ sentence: SentenceRange) -> Int {
        var e = sentence.end
        while e > sentence.first && !inQuote(e - 1) && tok(e - 1).kind == .punct {
            e -= 1
        }
        return e
    }

    /// Where a reported-speech complement starting at `start` ends: the sentence end, or a trailing
    /// `, according to`, `, adding`, or `and said` that opens another attribution.
    func complementEnd(from start: Int, sentence: SentenceRange) -> Int {
        let limit = wordsEnd(sentence)
        var t = start
        while t < limit {
            let q = doc.quoteAt[t]
            if q >= 0 {
                t = max(t, doc.quotes[Int(q)].close) + 1
                continue
            }
            let token = tok(t)
            if merger.used[t] && t > start {
                var e = t
                while e > start && tok(e - 1).kind == .punct && !inQuote(e - 1) { e -= 1 }
                return e
            }
            if isComma(t) && t + 1 < limit {
                let next = tok(t + 1)
                if next.isWord && (next.is(.trailingParticiple) || next.is(.participle) || next.hash == W.according) {
                    return t
                }
                if introducesQuote(after: t, limit: limit) { return t }
            }
            if token.isWord && (token.hash == W.and || token.hash == W.but) && !token.isCapitalized {
                var k = t + 1
                // `..., but he said ...`, `and Patel added ...`: a new speaker takes over.
                if k < limit && tok(k).isWord && tok(k).is(.pronoun) && !tok(k).is(.determiner)
                    && !tok(k).is(.pronounIt)
                {
                    k += 1
                } else {
                    var e = k
                    while e < limit && e < k + 4 && isNamePart(e, end: limit) { e += 1 }
                    if e > k && e < limit && tok(e).isWord && !tok(e).isCapitalized { k = e }
                }
                while k < limit && tok(k).isWord && tok(k).is(.aux) && !tok(k).is(.pronoun) { k += 1 }
                // `... and vowed to ...`, `... and criticized ...`: a second stance of the same subject.
                let stance =
                    k == t + 1 && k < limit && tok(k).is([.intent, .objectCue, .callVerb]) && endsWith(k, "ed")
                    && !tok(k).is(.participle)
                if k < limit && (tok(k).is([.speech, .denial]) || stance) && !tok(k).is(.documentWord) && k > t {
                    return t > start && isComma(t - 1) ? t - 1 : t
                }
            }
            t += 1
        }
        return limit
    }

    /// `Mr. Obama, who understood that a push would fail, told his advisers ...`: the content of a verb whose
    /// subject is `, who` ends where the relative clause does, at a comma before the main verb.
    func relativeClauseEnd(_ subject: Range<Int>?, content: Range<Int>) -> Int {
        guard let subject, subject.count == 1, tok(subject.lowerBound).is(.relative), subject.lowerBound > 0,
            isComma(subject.lowerBound - 1)
        else { return content.upperBound }
        for k in content where isComma(k) && !inQuote(k) && k + 1 < content.upperBound && k > content.lowerBound {
            let next = tok(k + 1)
            guard next.isWord, !next.isCapitalized else { continue }
            if (next.is(.aux) && !next.is(.pronoun)) || next.is([.cue, .intent, .objectCue]) || endsWith(k + 1, "ed") {
                return k
            }
        }
        return content.upperBound
    }

    /// Kind from what the content is: a whole quote, text with a quote in it, or plain text.
    func kind(of content: Range<Int>, cueToken: Int?) -> (ClaimKind, Int?) {
        if let cueToken, tok(cueToken).is(.denial) { return (.denial, nil) }
        let first = doc.quoteAt[content.lowerBound]
        if first >= 0 {
            let q = doc.quotes[Int(first)]
            if q.open == content.lowerBound && q.close == content.upperBound - 1 { return (.directQuote, Int(first)) }
        }
        for t in content where doc.quoteAt[t] >= 0 { return (.partialQuote, nil) }
        return (.reportedSpeech, nil)
    }

    /// `is`, `are`, `was`, `were`, `been`: before a participle, a progressive verb (`is saying`).
    func isFormOfBe(_ t: Int) -> Bool {
        let h = tok(t).hash
        return tok(t).isWord && (h == W.is_ || h == W.are || h == W.was || h == W.were || h == W.been)
    }
}
