/// The attribution patterns. Each returns true when it produced a claim.
extension ClaimScanner {
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
        guard let np, isValidSource(np, sentenceStart: sentence.first, strong: strong) else { return nil }
        for t in np where used[t] { return nil }
        if np.count == 1 && tok(np.lowerBound).is(.pronounFirst) { return nil }
        return np
    }

    /// `, according to X` right after `r`: the outlet relaying the words.
    mutating func trailingReporter(after r: Int, sentence: SentenceRange) -> String? {
        let end = wordsEnd(sentence)
        guard r + 3 < end + 1, r < end, isComma(r), r + 2 < end else { return nil }
        var start = -1
        if tok(r + 1).hash == W.according && tok(r + 2).hash == W.to {
            start = r + 3
        } else if tok(r + 1).hash == W.as_ && tok(r + 2).hash == W.per {
            start = r + 3
        }
        guard start >= 0, start < end, let np = forwardNP(from: start, limit: end) else { return nil }
        for t in (r + 1)..<np.upperBound { used[t] = true }
        let (speaker, _) = makeSpeaker(np, sentenceStart: sentence.first)
        return speaker.resolved ?? speaker.asWritten
    }

    // MARK: Cues

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
            if previous.isWord && !previous.isCapitalized && !previous.is(nouns) { return false }
        }
        return true
    }

    mutating func cue(_ c: Int, sentence: SentenceRange, firstClaim: Int, trailingOnly: Bool = false) {
        let a = sentence.first
        let end = wordsEnd(sentence)
        let token = tok(c)
        guard isCueVerb(c, sentenceStart: a) else { return }
        if token.is(.passiveVerb) && !trailingOnly {
            if passive(c, sentence: sentence) { return }
            if token.hash == W.quoted || token.hash == W.cited {
                _ = activeQuote(c, sentence: sentence, firstClaim: firstClaim)
                return
            }
        }
        if token.is(.readCue) && !token.is(.speech) {
            guard c > a, tok(c - 1).hash == W.it || tok(c - 1).is(.documentWord) else { return }
        }
        if token.is(.participle) {
            if !trailingOnly { participle(c, sentence: sentence, firstClaim: firstClaim) }
            return
        }
        if !token.is([.speech, .thatOnly, .denial, .readCue, .passiveVerb, .needsQuote]) { return }
        var auxStart = c
        while auxStart - 1 >= a && tok(auxStart - 1).isWord && tok(auxStart - 1).is(.aux)
            && !tok(auxStart - 1).isCapitalized
            && !tok(auxStart - 1).is(.pronoun) && !used[auxStart - 1]
        {
            auxStart -= 1
        }
        let npEnd = skipAuxBackward(auxStart - 1, limit: a)
        let negated = (auxStart..<c).contains { tok($0).is(.negation) }
        // PolNeAR-style cues are the verb alone (`said`, not `said Friday`), with auxiliaries before it.
        let after = c + 1
        let cueRange = auxStart..<after
        let polarity: Polarity = token.is(.denial) || negated ? .negative : .positive
        // (a) A quote right before the cue: `"...," said Panda` and `"...," Patel said`.
        var p = auxStart - 1
        if p >= a && isComma(p) { p -= 1 }
        if p >= a, let q = closingQuote(at: p), !token.is(.thatOnly),
            let np = cueSpeaker(forwardNP(from: after, limit: end), cue: c, sentence)
        {
            quoteClaim(
                q,
                np: np,
                cue: cueRange,
                cueToken: c,
                after: np.upperBound,
                sentence: sentence,
                polarity: polarity
            )
            return
        }
        let before = cueSpeaker(backwardNP(endingAt: npEnd, limit: a), cue: c, sentence)
        if let np = before {
            var pb = np.lowerBound - 1
            if pb >= a && isComma(pb) { pb -= 1 }
            if pb >= a, let q = closingQuote(at: pb) {
                quoteClaim(q, np: np, cue: cueRange, cueToken: c, after: after, sentence: sentence, polarity: polarity)
                return
            }
            // `"... harder?" Michael Every, a strategist at ..., said.`: the question mark ended the sentence
            // before a long speaker phrase; the attribution is all that follows the quote.
            if np.lowerBound == a, a > doc.units[sentence.unit].firstToken, let q = closingQuote(at: a - 1),
                !used[a - 1], isTrailing(skipAdverbials(after, limit: end), sentence: sentence)
            {
                quoteClaim(q, np: np, cue: cueRange, cueToken: c, after: after, sentence: sentence, polarity: polarity)
                return
            }
        }

        // (d) The attribution trails the content: `..., analysts said.` / `..., said Lukin.`
        if let np = before, np.lowerBound - 1 > a, isComma(np.lowerBound - 1), isTrailing(after, sentence: sentence) {
            let content = a..<(np.lowerBound - 1)
            trailingClaim(
                content,
                np: np,
                cue: cueRange,
                cueToken: c,
                after: after,
                sentence: sentence,
                polarity: polarity
            )
            return
        }
        // `..., told Reuters` names the hearer, not the speaker.
        if auxStart - 1 > a, isComma(auxStart - 1), !token.is(.takesObject),
            let np = cueSpeaker(forwardNP(from: after, limit: end), cue: c, sentence),
            isTrailing(np.upperBound, sentence: sentence)
        {
            let content = a..<(auxStart - 1)
            trailingClaim(
                content,
                np: np,
                cue: cueRange,
                cueToken: c,
                after: np.upperBound,
                sentence: sentence,
                polarity: polarity
            )
            return
        }
        if trailingOnly { return }

        // The attribution interrupts the content: `The museum, Mr. Obama said, would make ...`.
        if !token.is(.thatOnly), let np = before, np.lowerBound - 1 > a, isComma(np.lowerBound - 1), after < end,
            isComma(after), after + 1 < end, !isTrailing(after, sentence: sentence)
        {
            let first = a..<(np.lowerBound - 1)
            let second = (after + 1)..<complementEnd(from: after + 1, sentence: sentence)
            if !second.isEmpty && !first.contains(where: { used[$0] }) {
                interruptedClaim(
                    first,
                    second,
                    np: np,
                    cue: cueRange,
                    cueToken: c,
                    sentence: sentence,
                    polarity: polarity
                )
                return
            }
        }

        // (b), (c) The cue opens the content: `Kirby said Russia's overtures ...`, `deny conducting ...`.
        var speaker: (Speaker, Int?)?
        if auxStart - 1 >= a, tok(auxStart - 1).isWord,
            tok(auxStart - 1).hash == W.and || tok(auxStart - 1).hash == W.but
        {
            // Coordinated verbs share the subject: `the ministry noted ... and said ...`.
            if claims.count > firstClaim, let last = claims.last?.speaker {
                speaker = (last, claimEntity.last ?? nil)
            } else if let np = cueSpeaker(forwardNP(from: a, limit: auxStart - 1), cue: c, sentence) {
                speaker = makeSpeaker(np, sentenceStart: a)
            }
        }
        var start = skipAdverbials(after, limit: end)
        if token.is(.takesObject) && start < end {
            var k = start
            var thatAt = -1
            while k < end && k < start + 7 && !isComma(k) && !inQuote(k) {
                if tok(k).hash == W.that {
                    thatAt = k
                    break
                }
                k += 1
            }
            if thatAt > start {
                start = thatAt
            } else if tok(start).is(.pronoun) || tok(start).is(.sourceNoun) {
                start += 1
            } else if let object = forwardNP(from: start, limit: end), object.upperBound < end,
                !isComma(object.upperBound)
            {
                start = object.upperBound
            }
            start = skipAdverbials(start, limit: end)
        }
        if start < end && tok(start).isWord && tok(start).is(.preposition) && tok(start).hash != W.that {
            // `said during a rally in Michigan that ...`, `says at a stop in Toledo, Ohio, that ...`.
            var k = start + 1
            while k < end && k < start + 14 && !inQuote(k)
                && (tok(k).kind != .punct
                    || (isComma(k) && k + 1 < end && (tok(k + 1).isCapitalized || tok(k + 1).hash == W.that)))
                && !tok(k).is(.cue) && tok(k).hash != W.that
            {
                k += 1
            }
            if k < end && tok(k).hash == W.that { start = k }
        }
        var sawThat = false
        if start < end && tok(start).hash == W.that {
            start += 1
            sawThat = true
        }
        if token.is(.thatOnly) && !sawThat { return }
        if start < end && (tok(start).isPunct(58) || isComma(start)) && start + 1 < end
            && openingQuote(at: start + 1) != nil
        {
            start += 1
        }
        guard start < end else { return }
        let first = tok(start)
        if first.isWord && first.is(.preposition) && !sawThat { return }
        if first.kind == .punct && openingQuote(at: start) == nil { return }
        if token.is(.needsQuote) && !(start..<wordsEnd(sentence)).contains(where: { inQuote($0) }) { return }
        if speaker == nil, let np = before { speaker = makeSpeaker(np, sentenceStart: a) }
        guard let (resolved, entity) = speaker else { return }
        let contentEnd = complementEnd(from: start, sentence: sentence)
        guard contentEnd > start else { return }
        let content = start..<contentEnd
        var (kind, quote) = kind(of: content, cueToken: c)
        if kind == .directQuote && quote == nil { kind = .partialQuote }
        emit(
            Pending(
                kind: kind,
                speaker: resolved,
                entity: entity,
                cue: cueRange,
                content: content,
                polarity: polarity,
                reportingSource: nil,
                confidence: kind == .directQuote ? 0.9 : 0.85,
                quote: quote,
                // Reported speech may report another's words in turn (`said that X believes ...`); a quote may not.
                blocksContent: quote != nil || kind != .reportedSpeech
            ),
            unit: sentence.unit
        )
        if let np = before { for t in np { used[t] = true } }
    }

    private mutating func interruptedClaim(
        _ first: Range<Int>,
        _ second: Range<Int>,
        np: Range<Int>,
        cue: Range<Int>,
        cueToken: Int,
        sentence: SentenceRange,
        polarity: Polarity
    ) {
        let (speaker, entity) = makeSpeaker(np, sentenceStart: sentence.first)
        for t in np { used[t] = true }
        let whole = first.lowerBound..<second.upperBound
        var kind: ClaimKind = .reportedSpeech
        if first.contains(where: { inQuote($0) }) || second.contains(where: { inQuote($0) }) { kind = .partialQuote }
        if tok(cueToken).is(.denial) { kind = .denial }
        var pending = Pending(
            kind: kind,
            speaker: speaker,
            entity: entity,
            cue: cue,
            content: whole,
            polarity: polarity,
            reportingSource: nil,
            confidence: 0.8,
            quote: nil
        )
        pending.parts = [first, second]
        emit(pending, unit: sentence.unit)
    }

    private mutating func quoteClaim(
        _ q: Int,
        np: Range<Int>,
        cue: Range<Int>,
        cueToken: Int,
        after: Int,
        sentence: SentenceRange,
        polarity: Polarity
    ) {
        let quote = doc.quotes[q]
        let (speaker, entity) = makeSpeaker(np, sentenceStart: sentence.first)
        for t in np { used[t] = true }
        var reporter = trailingReporter(after: after, sentence: sentence)
        if reporter == speaker.resolved { reporter = nil }
        let kind: ClaimKind
        let content: Range<Int>
        var quoteIndex: Int?
        if quote.open <= sentence.first {
            kind = tok(cueToken).is(.denial) ? .denial : .directQuote
            content = quote.open..<(quote.close + 1)
            quoteIndex = q
        } else {
            kind = tok(cueToken).is(.denial) ? .denial : .partialQuote
            content = sentence.first..<(quote.close + 1)
        }
        emit(
            Pending(
                kind: kind,
                speaker: speaker,
                entity: entity,
                cue: cue,
                content: content,
                polarity: polarity,
                reportingSource: reporter,
                confidence: 0.95,
                quote: quoteIndex
            ),
            unit: sentence.unit
        )
        // `"A," he said, "B."`: the second half has the same speaker.
        let end = wordsEnd(sentence)
        var r = max(after, np.upperBound, cue.upperBound)
        if r < end && isComma(r) { r += 1 }
        if r < end, let second = openingQuote(at: r), doc.quotes[second].close >= end - 1 {
            emit(
                Pending(
                    kind: .directQuote,
                    speaker: speaker,
                    entity: entity,
                    cue: cue,
                    content: r..<(doc.quotes[second].close + 1),
                    polarity: polarity,
                    reportingSource: reporter,
                    confidence: 0.9,
                    quote: second
                ),
                unit: sentence.unit
            )
        }
    }

    private mutating func trailingClaim(
        _ content: Range<Int>,
        np: Range<Int>,
        cue: Range<Int>,
        cueToken: Int,
        after: Int,
        sentence: SentenceRange,
        polarity: Polarity
    ) {
        guard !content.isEmpty else { return }
        for t in content where used[t] { return }
        let (speaker, entity) = makeSpeaker(np, sentenceStart: sentence.first)
        for t in np { used[t] = true }
        var reporter = trailingReporter(after: after, sentence: sentence)
        if reporter == speaker.resolved { reporter = nil }
        var (kind, quote) = kind(of: content, cueToken: cueToken)
        if tok(cueToken).is(.denial) { kind = .denial }
        emit(
            Pending(
                kind: kind,
                speaker: speaker,
                entity: entity,
                cue: cue,
                content: content,
                polarity: polarity,
                reportingSource: reporter,
                confidence: 0.85,
                quote: quote,
                blocksContent: quote != nil
            ),
            unit: sentence.unit
        )
    }

    /// `Kim thanked Putin ..., saying the visit had deepened ...`: the subject of the sentence speaks.
    private mutating func participle(_ c: Int, sentence: SentenceRange, firstClaim: Int) {
        let a = sentence.first
        guard c - 1 > a, isComma(c - 1) || tok(c - 1).hash == W.and else { return }
        var speaker: (Speaker, Int?)?
        if claims.count > firstClaim, let last = claims.last?.speaker {
            speaker = (last, claimEntity.last ?? nil)
        } else if let np = speakerValid(forwardNP(from: subjectStart(sentence, before: c), limit: c - 1), sentence) {
            speaker = makeSpeaker(np, sentenceStart: a)
        }
        guard let (resolved, entity) = speaker else { return }
        let end = wordsEnd(sentence)
        var start = c + 1
        if start < end && tok(start).hash == W.that { start += 1 }
        if start < end && (tok(start).isPunct(58) || isComma(start)) { start += 1 }
        // `, calling for a moratorium`: the object of the call is the content.
        if start + 1 < end && tok(c).is(.callVerb) && (tok(start).hash == W.for_ || tok(start).hash == W.on) {
            start += 1
        }
        // `, vowing to repeal ...`: an intention keeps its `to`.
        let intention = start < end && tok(start).hash == W.to && tok(c).is(.intent)
        guard start < end, intention || !(tok(start).isWord && tok(start).is(.preposition)) else { return }
        let content = start..<complementEnd(from: start, sentence: sentence)
        guard !content.isEmpty else { return }
        let (kind, quote) = kind(of: content, cueToken: c)
        emit(
            Pending(
                kind: kind,
                speaker: resolved,
                entity: entity,
                cue: c..<(c + 1),
                content: content,
                polarity: .positive,
                reportingSource: nil,
                confidence: 0.75,
                quote: quote
            ),
            unit: sentence.unit
        )
    }

    /// Where the subject starts: after a fronted adverbial that ends in a comma (`On Thursday, Trump ...`,
    /// `In August, the company ...`).
    func subjectStart(_ sentence: SentenceRange, before limit: Int) -> Int {
        let a = sentence.first
        let first = tok(a)
        guard first.isWord,
            first.is([.preposition, .conjunction, .timeWord, .day, .month]) || endsWith(a, "ly")
                || (first.isCapitalized && a + 1 < limit && isComma(a + 1))
        else { return a }
        var k = a + 1
        while k < limit && k < a + 10 && !isComma(k) && !inQuote(k) { k += 1 }
        return k < limit - 1 && isComma(k) ? k + 1 : a
    }

    /// `Kim was quoted as saying by KCNA`, `Kang Sun Nam, was reported as saying ...`,
    /// `was quoted by KCNA as saying`.
    private mutating func passive(_ c: Int, sentence: SentenceRange) -> Bool {
        let a = sentence.first
        let end = wordsEnd(sentence)
        guard c - 1 >= a, c + 2 < end + 1 else { return false }
        let be = tok(c - 1).hash
        guard be == W.was || be == W.were || be == W.is_ || be == W.are || be == W.been || be == W.being else {
            return false
        }
        var after: Int
        var reporterNP: Range<Int>?
        var cueEnd: Int
        if c + 2 < end && tok(c + 1).hash == W.as_ && tok(c + 2).is(.participle) {
            after = c + 3
            cueEnd = c + 3
            if after < end && tok(after).hash == W.by, let np = forwardNP(from: after + 1, limit: end) {
                reporterNP = np
                after = np.upperBound
            }
        } else if c + 1 < end && tok(c + 1).hash == W.by, let np = forwardNP(from: c + 2, limit: end),
            np.upperBound + 1 < end, tok(np.upperBound).hash == W.as_, tok(np.upperBound + 1).is(.participle)
        {
            reporterNP = np
            after = np.upperBound + 2
            cueEnd = c + 1
        } else {
            return false
        }
        var auxStart = c - 1
        while auxStart - 1 >= a && tok(auxStart - 1).isWord && tok(auxStart - 1).is(.aux)
            && !tok(auxStart - 1).isCapitalized
            && !tok(auxStart - 1).is(.pronoun)
        {
            auxStart -= 1
        }
        guard let np = speakerValid(backwardNP(endingAt: auxStart - 1, limit: a), sentence) else { return false }
        let content: Range<Int>
        let previous = np.lowerBound - 1
        if previous > a && isComma(previous) && isTrailing(after, sentence: sentence) {
            content = a..<previous
        } else if previous > a, closingQuote(at: previous) != nil, isComma(previous - 1),
            isTrailing(after, sentence: sentence)
        {
            // `... friendship," Kim was quoted as saying`: the comma sits inside the quote.
            content = a..<np.lowerBound
        } else {
            var start = after
            if start < end && tok(start).hash == W.that { start += 1 }
            content = start..<complementEnd(from: start, sentence: sentence)
        }
        guard !content.isEmpty else { return false }
        let (speaker, entity) = makeSpeaker(np, sentenceStart: a)
        for t in np { used[t] = true }
        var reporter: String?
        if let reporterNP {
            let (source, _) = makeSpeaker(reporterNP, sentenceStart: a)
            reporter = source.resolved ?? source.asWritten
            for t in reporterNP { used[t] = true }
        }
        if reporter == nil { reporter = trailingReporter(after: after, sentence: sentence) }
        emit(
            Pending(
                kind: .passiveReport,
                speaker: speaker,
                entity: entity,
                cue: auxStart..<cueEnd,
                content: content,
                polarity: .positive,
                reportingSource: reporter,
                confidence: 0.85,
                quote: nil
            ),
            unit: sentence.unit
        )
        return true
    }

    /// `The KCNA state news agency ... quoted Defence Minister Kang Sun Nam as saying that ...`.
    private mutating func activeQuote(_ c: Int, sentence: SentenceRange, firstClaim: Int) -> Bool {
        let a = sentence.first
        let end = wordsEnd(sentence)
        guard let np = speakerValid(forwardNP(from: c + 1, limit: end), sentence), np.upperBound + 1 < end,
            tok(np.upperBound).hash == W.as_, tok(np.upperBound + 1).is(.participle)
        else { return false }
        var start = np.upperBound + 2
        if start < end && tok(start).hash == W.that { start += 1 }
        let content = start..<complementEnd(from: start, sentence: sentence)
        guard !content.isEmpty else { return false }
        var k = c - 1
        while k >= a && tok(k).isWord && tok(k).is(.aux) && !tok(k).is(.pronoun) { k -= 1 }
        var reporter: String?
        var reporterNP: Range<Int>?
        if k >= a && (tok(k).hash == W.and || tok(k).hash == W.but) {
            reporterNP = speakerValid(forwardNP(from: a, limit: k), sentence)
        } else {
            reporterNP = speakerValid(backwardNP(endingAt: k, limit: a), sentence)
        }
        if let reporterNP {
            let (source, _) = makeSpeaker(reporterNP, sentenceStart: a)
            reporter = source.resolved ?? source.asWritten
        }
        let (speaker, entity) = makeSpeaker(np, sentenceStart: a)
        for t in np { used[t] = true }
        emit(
            Pending(
                kind: .passiveReport,
                speaker: speaker,
                entity: entity,
                cue: c..<(c + 1),
                content: content,
                polarity: .positive,
                reportingSource: reporter,
                confidence: 0.85,
                quote: nil
            ),
            unit: sentence.unit
        )
        return true
    }

    /// `According to X, ...` and `..., according to X.` when nothing else in the sentence attributed it.
    mutating func according(_ t: Int, cueEnd: Int, sentence: SentenceRange, firstClaim: Int) {
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
        guard cueEnd < limit, let np = speakerValid(forwardNP(from: cueEnd, limit: limit), sentence) else { return }
        if claims.count > firstClaim {
            let (source, _) = makeSpeaker(np, sentenceStart: a)
            let name = source.resolved ?? source.asWritten
            if claims[claims.count - 1].reportingSource == nil && claims[claims.count - 1].speaker?.resolved != name {
                claims[claims.count - 1].reportingSource = name
            }
            for k in t..<np.upperBound { used[k] = true }
            return
        }
        let content: Range<Int>
        if leading {
            guard np.upperBound < end, isComma(np.upperBound) else { return }
            content = (np.upperBound + 1)..<complementEnd(from: np.upperBound + 1, sentence: sentence)
        } else if t - 1 > a && isComma(t - 1) {
            content = a..<(t - 1)
        } else if t - 2 > a, closingQuote(at: t - 1) != nil, isComma(t - 2) {
            // `"...," according to Dr. Ahamad`: the comma sits inside the quote.
            content = a..<t
        } else {
            return
        }
        guard !content.isEmpty else { return }
        for k in content where used[k] { return }
        let (speaker, entity) = makeSpeaker(np, sentenceStart: a)
        for k in np { used[k] = true }
        let (kind, quote) = kind(of: content, cueToken: nil)
        emit(
            Pending(
                kind: kind,
                speaker: speaker,
                entity: entity,
                cue: t..<cueEnd,
                content: content,
                polarity: .positive,
                reportingSource: nil,
                confidence: 0.8,
                quote: quote
            ),
            unit: sentence.unit
        )
    }

    /// `"A," he said. "B."`: a sentence that is only a quote, right after a quote claim, continues it.
    mutating func continuation(_ sentence: SentenceRange) -> Bool {
        // After reported speech too: `The report said ... .` then `"This is a major challenge."`.
        guard let last = claims.last, last.speaker != nil,
            last.kind == .directQuote || last.kind == .partialQuote || last.kind == .reportedSpeech,
            let lastUnit = claimUnit.last, lastUnit == sentence.unit || lastUnit == sentence.unit - 1
        else { return false }
        let end = wordsEnd(sentence)
        guard end > sentence.first else { return false }
        let q = doc.quoteAt[sentence.first]
        guard q >= 0, doc.quotes[Int(q)].close == end - 1 || doc.quotes[Int(q)].close == sentence.end - 1 else {
            return false
        }
        // The previous claim must end right before this sentence, in the text.
        guard let lastCue = last.cue, lastCue.span.end <= Int(tok(sentence.first).start),
            Int(tok(sentence.first).start) - max(last.content.span.end, lastCue.span.end) < 400
        else { return false }
        let quote = doc.quotes[Int(q)]
        emit(
            Pending(
                kind: .directQuote,
                speaker: last.speaker,
                entity: claimEntity.last ?? nil,
                cue: nil,
                content: sentence.first..<(quote.close + 1),
                polarity: last.polarity,
                reportingSource: last.reportingSource,
                confidence: 0.7,
                quote: Int(q)
            ),
            unit: sentence.unit
        )
        claims[claims.count - 1].cue = lastCue
        return true
    }

    /// `WALLACE: Let's start ...` (transcripts) and `Pat Caddell: Democrat Voters Worried ...` (headlines): a
    /// name and a colon open the paragraph.
    mutating func labelledSpeech(_ sentence: SentenceRange) {
        let unit = doc.units[sentence.unit]
        var t = unit.firstToken
        if t < unit.endToken && tok(t).kind == .doubleQuote { t += 1 }
        let nameStart = t
        while t < unit.endToken && t < nameStart + 5 && (isNamePart(t, end: unit.endToken) || tok(t).isPunct(46)) {
            t += 1
        }
        guard t > nameStart, t + 3 < unit.endToken, tok(t).isPunct(58), !tok(t - 1).isPunct(46) else { return }
        let name = nameStart..<t
        for k in name where tok(k).isWord && tok(k).is([.notLabel, .conjunction, .preposition, .determiner]) { return }
        let transcript = name.allSatisfy { !tok($0).isWord || tok($0).flags.contains(.allCaps) }
        var end = unit.endToken
        while end > t + 1 && (tok(end - 1).kind == .punct || (tok(end - 1).kind == .doubleQuote && !inQuote(end - 1))) {
            end -= 1
        }
        let content = (t + 1)..<end
        guard content.count >= 3, !content.contains(where: { used[$0] }) else { return }
        // `EARNINGS: Samsung said ...`: a section heading over a report that names its own speaker.
        if transcript && wordCount(name) >= 1
            && content.contains(where: { tok($0).isWord && tok($0).is(.strongSpeech) && !inQuote($0) })
        {
            return
        }
        let (speaker, entity) = makeSpeaker(name, sentenceStart: sentence.first)
        for k in name { used[k] = true }
        emit(
            Pending(
                kind: transcript ? .directQuote : .reportedSpeech,
                speaker: speaker,
                entity: entity,
                cue: t..<(t + 1),
                content: content,
                polarity: .positive,
                reportingSource: nil,
                confidence: 0.7,
                quote: nil
            ),
            unit: sentence.unit
        )
    }

    /// `"..." ― Carla Sanchez`: a dash and a name after a quote.
    mutating func dashAttribution(_ sentence: SentenceRange) {
        let end = wordsEnd(sentence)
        var t = sentence.first
        while t < end {
            guard let q = closingQuote(at: t) else {
                t += 1
                continue
            }
            let dash = t + 1
            guard dash < end, tok(dash).kind == .punct,
                tok(dash).hash == 0x2015 || tok(dash).hash == 0x2014 || tok(dash).hash == 0x2013
            else { return }
            var e = dash + 1
            while e < end && isNamePart(e, end: end) { e += 1 }
            guard e > dash + 1, e == end else { return }
            let name = (dash + 1)..<e
            let open = doc.quotes[q].open
            let (speaker, entity) = makeSpeaker(name, sentenceStart: sentence.first)
            for k in name { used[k] = true }
            emit(
                Pending(
                    kind: .directQuote,
                    speaker: speaker,
                    entity: entity,
                    cue: dash..<(dash + 1),
                    content: open..<(t + 1),
                    polarity: .positive,
                    reportingSource: nil,
                    confidence: 0.75,
                    quote: q
                ),
                unit: sentence.unit
            )
            return
        }
    }
}

extension ClaimScanner {
    /// Intentions and stances, PolNeAR style: `Trump vowed to repeal ...`, `she called for a moratorium ...`,
    /// `the union urged members to ...`, `Clinton is promising lower taxes`. The subject is the source and the
    /// complement (with its `to`) the content.
    mutating func stance(_ c: Int, sentence: SentenceRange, firstClaim: Int) {
        let a = sentence.first
        let end = wordsEnd(sentence)
        let token = tok(c)
        guard c > a, c + 1 < end, isCueVerb(c, sentenceStart: a) else { return }
        var auxStart = c
        while auxStart - 1 >= a && tok(auxStart - 1).isWord && tok(auxStart - 1).is(.aux)
            && !tok(auxStart - 1).isCapitalized
            && !tok(auxStart - 1).is(.pronoun) && !used[auxStart - 1]
        {
            auxStart -= 1
        }
        // `is expected to`, `was called`: a passive verb reports nobody's stance (`is promising` is active).
        for k in auxStart..<c where !endsWith(c, "ing") {
            let h = tok(k).hash
            if h == W.was || h == W.were || h == W.is_ || h == W.are || h == W.been || h == W.being { return }
        }
        let next = tok(c + 1)
        guard next.isWord, !inQuote(c + 1) || token.is([.objectCue, .callVerb]) else { return }
        var start = c + 1
        if next.hash == W.to {
            guard token.is(.intent) else { return }
        } else if token.is(.callVerb) && (next.hash == W.for_ || next.hash == W.on) {
            start += 1
        } else if token.is(.topicVerb)
            && (next.hash == W.about || next.hash == W.of || next.hash == W.on || next.hash == W.against
                || next.hash == W.over)
        {
            // `spoke about her ties to ...`, `warned against hackers`: the topic is the content.
            start += 1
        } else if token.is([.objectCue, .topicVerb, .speech])
            && (next.hash == W.whether || next.hash == W.what || next.hash == W.how || next.hash == W.why)
        {
            // `questioned whether ...`, `asked what kind of ...`: the embedded question is the content.
        } else if next.is(.preposition) || next.is([.conjunction, .aux, .relative]) && !next.is(.determiner) {
            return
        } else if token.is(.thatOnly) && !token.is([.intent, .objectCue]) {
            // `Mr. Obama believes his efforts will be ...`: a clause without `that`, told by its auxiliary.
            guard next.is([.determiner, .pronoun]) || next.isCapitalized else { return }
            var k = c + 2
            while k < end && k < c + 9 && tok(k).isWord && !tok(k).is(.aux) { k += 1 }
            guard k < end, k < c + 9, tok(k).isWord, tok(k).is(.aux), !tok(k).is(.pronoun) else { return }
        } else if token.is(.intent) && !token.is(.objectCue) {
            // `urged Congress to act`: an object, then the `to` clause.
            var k = c + 1
            while k < end && k < c + 7 && tok(k).isWord && tok(k).hash != W.to && !tok(k).is(.cue) { k += 1 }
            guard k < end, tok(k).hash == W.to else { return }
        } else if !token.is(.objectCue) && !token.is(.callVerb) {
            return
        }
        let contentEnd = complementEnd(from: start, sentence: sentence)
        guard contentEnd - start >= 2, !(start..<contentEnd).contains(where: { used[$0] }) else { return }
        var speaker: (Speaker, Int?)?
        let npEnd = skipAuxBackward(auxStart - 1, limit: a)
        if npEnd >= a, tok(npEnd).isWord, tok(npEnd).hash == W.and || tok(npEnd).hash == W.but {
            // Coordinated verbs share the subject: `Trump attacked ... and vowed to ...`.
            if claims.count > firstClaim, let last = claims.last?.speaker {
                speaker = (last, claimEntity.last ?? nil)
            }
        } else if let np = speakerValid(backwardNP(endingAt: npEnd, limit: a), sentence),
            np.lowerBound == a
                || tok(np.lowerBound - 1).kind == .punct
                || tok(np.lowerBound - 1).is([.conjunction, .preposition])
                || (token.is(.thatOnly) && tok(np.lowerBound - 1).is([.speech, .thatOnly]))
        {
            speaker = makeSpeaker(np, sentenceStart: a)
            for t in np { used[t] = true }
        }
        guard let (resolved, entity) = speaker else { return }
        let content = start..<contentEnd
        var (kind, quote) = kind(of: content, cueToken: c)
        if kind == .directQuote && quote == nil { kind = .partialQuote }
        emit(
            Pending(
                kind: kind,
                speaker: resolved,
                entity: entity,
                cue: auxStart..<(c + 1),
                content: content,
                polarity: (auxStart..<c).contains { tok($0).is(.negation) } ? .negative : .positive,
                reportingSource: nil,
                confidence: 0.7,
                quote: quote,
                blocksContent: false
            ),
            unit: sentence.unit
        )
    }
}
