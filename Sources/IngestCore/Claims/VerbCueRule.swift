/// Verbs of saying (`said`, `told`, `denied`): the quote or clause around the verb, whichever side the speaker is on.
extension RuleContext {
    func cue(_ c: Int, sentence: SentenceRange, firstClaim: Int, trailingOnly: Bool = false) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        let token = tok(c)
        // `Claiming the vote was rigged, Trump ...`: a fronted participle.
        if c == a && token.isCapitalized && token.is(.participle) && !trailingOnly {
            return frontedParticiple(c, sentence: sentence)
        }
        // A title-case headline capitalises its verb: `Senator Says Plan Will Fail`, `Plan Will Fail, Senator Says`.
        let headline =
            (sentence.unit == 0 || !doc.units[sentence.unit].isBody) && token.is(.headlineCue) && token.isCapitalized
            && c > a
            && tok(c - 1).isCapitalized
            && (c + 1 >= end || tok(c + 1).isCapitalized || openingQuote(at: c + 1) != nil)
        guard isCueVerb(c, sentenceStart: a) || headline else { return [] }
        if token.is(.colonCue) && !token.is(.speech) {
            guard continuesAQuote(c, sentence: sentence) else { return [] }
        }
        let pointOut = isPointOut(c)
        if token.is(.passiveVerb) && !trailingOnly {
            if let relayed = passive(c, sentence: sentence) { return relayed }
            if token.hash == W.quoted || token.hash == W.cited {
                return activeQuote(c, sentence: sentence, firstClaim: firstClaim)
            }
        }
        if token.is(.readCue) && !token.is(.speech) {
            guard c > a, tok(c - 1).hash == W.it || tok(c - 1).is(.documentWord) else { return [] }
        }
        // `Trump is claiming that ...`: a progressive verb of saying is finite, no trailing participle.
        let progressive =
            token.is(.participle) && c > a
            && (isFormOfBe(c - 1) || (tok(c - 1).flags.contains(.possessive) && tok(c - 1).is(.pronoun)))
        if token.is(.participle) && !progressive {
            return trailingOnly ? [] : participle(c, sentence: sentence, firstClaim: firstClaim)
        }
        if !progressive && !pointOut
            && !token.is([.speech, .thatOnly, .denial, .readCue, .passiveVerb, .needsQuote, .colonCue])
        {
            return []
        }
        var auxStart = c
        while auxStart - 1 >= a && tok(auxStart - 1).isWord && tok(auxStart - 1).is(.aux)
            && !tok(auxStart - 1).isCapitalized
            && !tok(auxStart - 1).is(.pronoun) && !merger.used[auxStart - 1]
        {
            auxStart -= 1
        }
        let npEnd = skipTimeBackward(skipAuxBackward(auxStart - 1, limit: a), limit: a)
        let negated = (auxStart..<c).contains { tok($0).is(.negation) }
        // PolNeAR-style cues are the verb alone (`said`, not `said Friday`), with auxiliaries before it.
        let after = pointOut ? c + 2 : c + 1
        let cueRange = auxStart..<after
        let polarity: Polarity = token.is(.denial) || negated ? .negative : .positive
        let site = CueSite(cue: cueRange, token: c, sentence: sentence, polarity: polarity)
        // (a) A quote right before the cue: `"...," said Panda` and `"...," Patel said`.
        var p = auxStart - 1
        if p >= a && isComma(p) { p -= 1 }
        if p >= a, let q = closingQuote(at: p), !token.is(.thatOnly),
            let np = cueSpeaker(forwardNP(from: after, limit: end), cue: c, sentence)
        {
            return quoteClaim(q, np: np, after: np.upperBound, site)
        }
        let before =
            cueSpeaker(backwardNP(endingAt: npEnd, limit: a), cue: c, sentence)
            ?? dashedAppositiveSpeaker(endingAt: npEnd, cue: c, sentence)
        if let np = before {
            var pb = np.lowerBound - 1
            if pb >= a && isComma(pb) { pb -= 1 }
            // `On "Fox News Sunday," Pence said his running mate ...`, `... "stop it." The agency said North Korea
            // ...`: when the verb has a clause of its own, the quote before the speaker is a title or the end of
            // the last sentence, not what was said.
            // `"some people" who feel that way`: a relative pronoun after a quote refers back to the quoted words.
            if pb >= a, let q = closingQuote(at: pb), !opensClause(after, cue: c, sentence: sentence),
                !(np.count == 1 && tok(np.lowerBound).is(.relative))
            {
                return quoteClaim(q, np: np, after: after, site)
            }
            // `"... harder?" Michael Every, a strategist at ..., said.`: the question mark ended the sentence
            // before a long speaker phrase; the attribution is all that follows the quote.
            if np.lowerBound == a, a > doc.units[sentence.unit].firstToken, let q = closingQuote(at: a - 1),
                !merger.used[a - 1], isTrailing(skipAdverbials(after, limit: end), sentence: sentence)
            {
                return quoteClaim(q, np: np, after: after, site)
            }
        }

        // (d) The attribution trails the content: `..., analysts said.` / `..., said Lukin.`
        // `In July, the union called for ...`, `Ultimately, Clarke hopes to ...`: a fronted adverbial is no content.
        if let np = before, np.lowerBound - 1 > a, isComma(np.lowerBound - 1), isTrailing(after, sentence: sentence),
            !isFrontedAdverbial(a..<(np.lowerBound - 1))
        {
            let content = a..<(np.lowerBound - 1)
            return trailingClaim(content, np: np, after: after, site)
        }
        // `..., told Reuters` names the hearer, not the speaker.
        if auxStart - 1 > a, isComma(auxStart - 1), !token.is(.takesObject),
            let np = cueSpeaker(forwardNP(from: after, limit: end), cue: c, sentence),
            isTrailing(np.upperBound, sentence: sentence)
        {
            let content = a..<(auxStart - 1)
            return trailingClaim(content, np: np, after: np.upperBound, site)
        }
        if trailingOnly { return [] }

        // `As many experts have pointed out, Mr. Trump is free to ...`: a leading `as` clause attributes the rest.
        if let np = before, np.lowerBound == a + 1, tok(a).isWord, tok(a).hash == W.as_, after + 1 < end,
            isComma(after), !isTrailing(after, sentence: sentence)
        {
            let content = (after + 1)..<complementEnd(from: after + 1, sentence: sentence)
            if content.count >= 3 && !content.contains(where: { merger.used[$0] }) {
                let claim = candidate(
                    .phrase(np, saying: nil, takes: true),
                    content: content,
                    at: site,
                    confidence: 0.8
                )
                return [.claim(claim)]
            }
        }
        // The attribution interrupts the content: `The museum, Mr. Obama said, would make ...`, `Hawaii, as one of
        // his advisers pointed out, normally does not ...`.
        let opening = interruptionStart(before, sentence: sentence)
        if !token.is(.thatOnly), let np = before, let opening, after < end,
            isComma(after), after + 1 < end, !isTrailing(after, sentence: sentence)
        {
            let first = clauseStart(a, before: opening)..<opening
            let second = (after + 1)..<complementEnd(from: after + 1, sentence: sentence)
            if !second.isEmpty && !first.contains(where: { merger.used[$0] }) {
                return interruptedClaim(first, second, np: np, site)
            }
        }

        // (b), (c) The cue opens the content: `Kirby said Russia's overtures ...`, `deny conducting ...`.
        var speaker: CandidateSpeaker?
        // A speaker phrase read before the rule gives up still counts as a mention for the resolver.
        var read: [RuleFinding] = []
        if auxStart - 1 >= a, tok(auxStart - 1).isWord,
            tok(auxStart - 1).hash == W.and || tok(auxStart - 1).hash == W.but
        {
            // Coordinated verbs share the subject: `the ministry noted ... and said ...`.
            if merger.claims.count > firstClaim, let last = merger.lastSpeaker {
                speaker = .known(last.0, last.1)
            } else if let np = cueSpeaker(forwardNP(from: a, limit: auxStart - 1), cue: c, sentence) {
                speaker = .phrase(np, saying: nil, takes: false)
                read = [.mention(np, sentence: sentence)]
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
            if k < end && tok(k).hash == W.that {
                start = k
            } else if let subject = clauseAfterPhrase(start, limit: min(k, end)) {
                // `said after the convention he would not ...`: a clause without `that` after a short phrase.
                start = subject
            } else if k + 1 < end && (isComma(k) || tok(k).isPunct(58)) && openingQuote(at: k + 1) != nil {
                // `says of Clinton, "..."`, `said at a rally in Ohio: "..."`: the quote after the phrase.
                start = k + 1
            }
        }
        var sawThat = false
        if start < end && tok(start).hash == W.that {
            start += 1
            sawThat = true
            // `said that, if elected, he would ...`: a phrase set off after `that` opens the content.
            if start + 1 < end && isComma(start) && tok(start + 1).isWord { start += 1 }
        }
        if token.is(.thatOnly) && !sawThat { return read }
        if start < end && (tok(start).isPunct(58) || isComma(start)) && start + 1 < end
            && openingQuote(at: start + 1) != nil
        {
            start += 1
        }
        if start >= end, let np = before, !token.is(.thatOnly),
            let quoted = colonQuote(c, speaker: speaker ?? .phrase(np, saying: nil, takes: true), site: site)
        {
            return quoted
        }
        guard start < end else { return read }
        let first = tok(start)
        // `says about 550 students attend ...`: a preposition before a number is `approximately`.
        let approximate = start + 1 < end && tok(start + 1).kind == .number
        if first.isWord && first.is(.preposition) && !sawThat && !approximate { return read }
        if first.kind == .punct && openingQuote(at: start) == nil { return read }
        if token.is(.needsQuote) && !(start..<wordsEnd(sentence)).contains(where: { inQuote($0) }) { return read }
        var subject: Range<Int>?
        if speaker == nil, let np = before ?? wholeSubject(before: auxStart, sentence: sentence) {
            speaker = .phrase(np, saying: nil, takes: false)
            read = [.mention(np, sentence: sentence)]
            subject = np
        }
        guard let speaker else { return read }
        let contentEnd = relativeClauseEnd(subject, content: start..<complementEnd(from: start, sentence: sentence))
        guard contentEnd > start else { return read }
        let content = start..<contentEnd
        let kind = kind(of: content, cueToken: c)
        var claim = candidate(
            speaker,
            content: content,
            at: site,
            confidence: kind.0 == .directQuote ? 0.9 : 0.85,
            kind: kind,
            nested: .allowedInReportedSpeech
        )
        claim.takes = before
        return [.claim(claim)]
    }

    private func interruptedClaim(
        _ first: Range<Int>,
        _ second: Range<Int>,
        np: Range<Int>,
        _ site: CueSite
    ) -> [RuleFinding] {
        let speaker = CandidateSpeaker.phrase(np, saying: first, takes: true)
        var kind: ClaimKind = .reportedSpeech
        if first.contains(where: { inQuote($0) }) || second.contains(where: { inQuote($0) }) { kind = .partialQuote }
        if tok(site.token).is(.denial) { kind = .denial }
        let claim = candidate(
            speaker,
            content: first.lowerBound..<second.upperBound,
            at: site,
            confidence: 0.8,
            kind: (kind, nil),
            parts: [first, second]
        )
        return [.claim(claim)]
    }

    private func quoteClaim(
        _ q: Int,
        np: Range<Int>,
        after: Int,
        _ site: CueSite
    ) -> [RuleFinding] {
        let sentence = site.sentence
        let quote = doc.quotes[q]
        let reporter = trailingReporter(after: after, sentence: sentence).map {
            CandidateReporter.phrase($0.0, takes: $0.1, beforeSpeaker: false, unlessSpeaker: true)
        }
        let kind: ClaimKind
        let content: Range<Int>
        var quoteIndex: Int?
        if quote.open <= sentence.first {
            kind = tok(site.token).is(.denial) ? .denial : .directQuote
            content = quote.open..<(quote.close + 1)
            quoteIndex = q
        } else {
            kind = tok(site.token).is(.denial) ? .denial : .partialQuote
            content = sentence.first..<(quote.close + 1)
        }
        var findings: [RuleFinding] = [
            .claim(
                candidate(
                    .phrase(np, saying: nil, takes: true),
                    content: content,
                    at: site,
                    confidence: 0.95,
                    reporter: reporter,
                    kind: (kind, quoteIndex)
                )
            )
        ]
        // `"A," he said, "B."`: the second half has the same speaker.
        let end = wordsEnd(sentence)
        var r = max(after, np.upperBound, site.cue.upperBound)
        if r < end && isComma(r) { r += 1 }
        if r < end, let second = openingQuote(at: r), doc.quotes[second].close >= end - 1 {
            // After a whole quote, the second half extends it: one attribution in two parts.
            if kind == .directQuote {
                findings.append(.extendsLastClaim(r..<(doc.quotes[second].close + 1), quote: second))
                return findings
            }
            let secondHalf = candidate(
                .sameAsPrevious,
                content: r..<(doc.quotes[second].close + 1),
                at: site,
                confidence: 0.9,
                reporter: .sameAsPrevious,
                kind: (.directQuote, second)
            )
            findings.append(.claim(secondHalf))
        }
        return findings
    }

    private func trailingClaim(
        _ content: Range<Int>,
        np: Range<Int>,
        after: Int,
        _ site: CueSite
    ) -> [RuleFinding] {
        let sentence = site.sentence
        guard !content.isEmpty else { return [] }
        for t in content where merger.used[t] { return [] }
        let reporter = trailingReporter(after: after, sentence: sentence).map {
            CandidateReporter.phrase($0.0, takes: $0.1, beforeSpeaker: false, unlessSpeaker: true)
        }
        let claim = candidate(
            .phrase(np, saying: content, takes: true),
            content: content,
            at: site,
            confidence: 0.85,
            reporter: reporter,
            nested: .allowedOutsideWholeQuotes
        )
        return [.claim(claim)]
    }

    /// `Kim thanked Putin ..., saying the visit had deepened ...`: the subject of the sentence speaks.
    private func participle(_ c: Int, sentence: SentenceRange, firstClaim: Int) -> [RuleFinding] {
        let a = sentence.first
        // `, even suggesting`, `, again urging`: an adverb may stand after the comma.
        let p =
            c - 1 > a && tok(c - 1).isWord
                && (tok(c - 1).is(.aux) && !isFormOfBe(c - 1) || endsWith(c - 1, "ly")
                    || StanceWords.focusAdverbs.contains(tok(c - 1).hash))
            ? c - 2 : c - 1
        guard p > a, isComma(p) || tok(p).hash == W.and else { return [] }
        var speaker: CandidateSpeaker?
        var read: [RuleFinding] = []
        if merger.claims.count > firstClaim, let last = merger.lastSpeaker {
            speaker = .known(last.0, last.1)
        } else if let np = speakerValid(forwardNP(from: subjectStart(sentence, before: c), limit: c - 1), sentence) {
            speaker = .phrase(np, saying: nil, takes: false)
            read = [.mention(np, sentence: sentence)]
        }
        guard let speaker else { return [] }
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
        guard start < end, intention || !(tok(start).isWord && tok(start).is(.preposition)) else { return read }
        let content = start..<complementEnd(from: start, sentence: sentence)
        guard !content.isEmpty else { return read }
        let claim = candidate(
            speaker,
            content: content,
            cue: c..<(c + 1),
            cueToken: c,
            sentence: sentence,
            confidence: 0.75
        )
        return [.claim(claim)]
    }

    /// `Experts on North Korea and nuclear nonproliferation said ...`, `Megan Hester, senior associate for ... at
    /// the Institute, said ...`: when no speaker phrase ends right before the verb, the sentence's whole subject,
    /// if it names someone and holds no verb, a quote or another claim.
    func wholeSubject(before verbStart: Int, sentence: SentenceRange) -> Range<Int>? {
        var start = sentence.first
        if start < verbStart && tok(start).isWord && (tok(start).hash == W.and || tok(start).hash == W.but) {
            start += 1
        }
        var k = start
        while k < verbStart && k < start + 7 && !isComma(k) { k += 1 }
        if k < verbStart && isComma(k) && isFrontedAdverbial(start..<k) { start = k + 1 }
        var end = verbStart
        if end > start && isComma(end - 1) { end -= 1 }
        guard end - start >= 2, end - start <= 24 else { return nil }
        let np = start..<end
        // It opens like a noun phrase (`Experts`, `The Tax Policy Center`, `Megan Hester`), not a pronoun or a
        // preposition, and ends on a noun.
        let first = tok(start)
        let last = tok(end - 1)
        guard first.isWord, first.isCapitalized || first.is(.determiner) || first.is(.quantity),
            !first.is([.pronoun, .preposition, .conjunction, .aux, .hedge]),
            last.isWord || last.isPunct(41), !last.is([.conjunction, .preposition, .determiner, .relative])
        else { return nil }
        for t in np {
            let token = tok(t)
            if inQuote(t) || merger.used[t] || token.kind == .doubleQuote { return nil }
            // A verb inside (`The city sent ...`, `the government received ...`) makes it a clause, not a subject;
            // a participle further on modifies it (`A poll released in late August`, `X, diagnosed in May,`).
            let finite = endsWith(t, "ed") && t <= start + 3 && !isComma(t - 1)
            if token.isWord && !token.isCapitalized
                && (token.is([.aux, .cue, .relative, .intent, .objectCue, .verb]) || finite
                    || (token.is(.pronoun) && !token.is(.determiner)))
            {
                return nil
            }
        }
        guard isValidSource(np, sentenceStart: sentence.first) || np.contains(where: { isAgentPlural($0) }) else {
            return nil
        }
        return np
    }

    /// `In July`, `Ultimately`, `On Wednesday`, `Like President Obama`: a short phrase before the subject that
    /// sets the time or manner, with no verb in it.
    func isFrontedAdverbial(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.count <= 6 else { return false }
        let first = tok(range.lowerBound)
        guard first.isWord, !first.is(.conjunction) || first.is(.preposition) else { return false }
        // A capitalised `Ultimately` too (``endsWith(_:_:minLength:)`` reads lower-case words only).
        let end = Int(first.end)
        let adverb = range.count == 1 && end - Int(first.start) >= 5 && doc.s[end - 1] == 121 && doc.s[end - 2] == 108
        let opens = first.is([.preposition, .day, .month, .timeWord]) || adverb
        return opens && !range.contains { tok($0).isWord && tok($0).is([.aux, .cue]) && !tok($0).isCapitalized }
    }

    /// Whether a reported clause starts at `r` (after adverbials and `that`): a subject word, then within a few
    /// words a lower-case auxiliary or finite verb, with no quote opening it. Verbs that take a hearer (`told the
    /// House`) never count: what follows them is the hearer, not the clause.
    func opensClause(_ r: Int, cue c: Int, sentence: SentenceRange) -> Bool {
        guard !tok(c).is(.takesObject), !isTrailing(r, sentence: sentence) else { return false }
        let end = wordsEnd(sentence)
        var start = skipAdverbials(r, limit: end)
        while start < end && isAdverbial(start) && !tok(start).is(.aux) { start += 1 }
        if start < end && tok(start).hash == W.that { start += 1 }
        guard start < end, tok(start).isWord, !inQuote(start),
            tok(start).is([.determiner, .pronoun]) || tok(start).isCapitalized,
            !tok(start).is([.preposition, .conjunction, .aux, .relative]) || tok(start).is(.determiner)
        else { return false }
        var k = start + 1
        while k < end && k < start + 14 && !isComma(k) {
            let token = tok(k)
            if token.isWord && !token.isCapitalized && !inQuote(k)
                && ((token.is(.aux) && !token.is(.pronoun)) || endsWith(k, "ed", minLength: 5)
                    || (endsWith(k, "s", minLength: 5) && !endsWith(k, "ss") && !token.is(.pluralNoun)))
            {
                return true
            }
            k += 1
        }
        return false
    }

    /// `, according to X` right after `r`: the outlet relaying the words, and the tokens it takes.
    func trailingReporter(after r: Int, sentence: SentenceRange) -> (Range<Int>, Range<Int>)? {
        let end = wordsEnd(sentence)
        guard r + 3 < end + 1, r < end, isComma(r), r + 2 < end else { return nil }
        var start = -1
        if tok(r + 1).hash == W.according && tok(r + 2).hash == W.to {
            start = r + 3
        } else if tok(r + 1).hash == W.as_ && tok(r + 2).hash == W.per {
            start = r + 3
        }
        guard start >= 0, start < end, let np = forwardNP(from: start, limit: end) else { return nil }
        return (np, (r + 1)..<np.upperBound)
    }
}
