/// Verbs of saying (`said`, `told`, `denied`): the quote or clause around the verb, whichever side the speaker is on.
extension ClaimScanner {
    mutating func cue(_ c: Int, sentence: SentenceRange, firstClaim: Int, trailingOnly: Bool = false) {
        let a = sentence.first
        let end = wordsEnd(sentence)
        let token = tok(c)
        // A title-case headline capitalises its verb: `Senator Says Plan Will Fail`, `Plan Will Fail, Senator Says`.
        let headline =
            (sentence.unit == 0 || !doc.units[sentence.unit].isBody) && token.is(.headlineCue) && token.isCapitalized
            && c > a
            && tok(c - 1).isCapitalized
            && (c + 1 >= end || tok(c + 1).isCapitalized || openingQuote(at: c + 1) != nil)
        guard isCueVerb(c, sentenceStart: a) || headline else { return }
        if token.is(.colonCue) && !token.is(.speech) {
            guard c + 1 < end, tok(c + 1).isPunct(58) else { return }
        }
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
        // `Trump is claiming that ...`: a progressive verb of saying is finite, no trailing participle.
        let progressive = token.is(.participle) && c > a && isFormOfBe(c - 1)
        if token.is(.participle) && !progressive {
            if !trailingOnly { participle(c, sentence: sentence, firstClaim: firstClaim) }
            return
        }
        if !progressive && !token.is([.speech, .thatOnly, .denial, .readCue, .passiveVerb, .needsQuote, .colonCue]) {
            return
        }
        var auxStart = c
        while auxStart - 1 >= a && tok(auxStart - 1).isWord && tok(auxStart - 1).is(.aux)
            && !tok(auxStart - 1).isCapitalized
            && !tok(auxStart - 1).is(.pronoun) && !merger.used[auxStart - 1]
        {
            auxStart -= 1
        }
        let npEnd = skipAuxBackward(auxStart - 1, limit: a)
        let negated = (auxStart..<c).contains { tok($0).is(.negation) }
        // PolNeAR-style cues are the verb alone (`said`, not `said Friday`), with auxiliaries before it.
        let after = c + 1
        let cueRange = auxStart..<after
        let polarity: Polarity = token.is(.denial) || negated ? .negative : .positive
        let site = CueSite(cue: cueRange, token: c, sentence: sentence, polarity: polarity)
        // (a) A quote right before the cue: `"...," said Panda` and `"...," Patel said`.
        var p = auxStart - 1
        if p >= a && isComma(p) { p -= 1 }
        if p >= a, let q = closingQuote(at: p), !token.is(.thatOnly),
            let np = cueSpeaker(forwardNP(from: after, limit: end), cue: c, sentence)
        {
            quoteClaim(q, np: np, after: np.upperBound, site)
            return
        }
        let before = cueSpeaker(backwardNP(endingAt: npEnd, limit: a), cue: c, sentence)
        if let np = before {
            var pb = np.lowerBound - 1
            if pb >= a && isComma(pb) { pb -= 1 }
            if pb >= a, let q = closingQuote(at: pb) {
                quoteClaim(q, np: np, after: after, site)
                return
            }
            // `"... harder?" Michael Every, a strategist at ..., said.`: the question mark ended the sentence
            // before a long speaker phrase; the attribution is all that follows the quote.
            if np.lowerBound == a, a > doc.units[sentence.unit].firstToken, let q = closingQuote(at: a - 1),
                !merger.used[a - 1], isTrailing(skipAdverbials(after, limit: end), sentence: sentence)
            {
                quoteClaim(q, np: np, after: after, site)
                return
            }
        }

        // (d) The attribution trails the content: `..., analysts said.` / `..., said Lukin.`
        if let np = before, np.lowerBound - 1 > a, isComma(np.lowerBound - 1), isTrailing(after, sentence: sentence) {
            let content = a..<(np.lowerBound - 1)
            trailingClaim(content, np: np, after: after, site)
            return
        }
        // `..., told Reuters` names the hearer, not the speaker.
        if auxStart - 1 > a, isComma(auxStart - 1), !token.is(.takesObject),
            let np = cueSpeaker(forwardNP(from: after, limit: end), cue: c, sentence),
            isTrailing(np.upperBound, sentence: sentence)
        {
            let content = a..<(auxStart - 1)
            trailingClaim(content, np: np, after: np.upperBound, site)
            return
        }
        if trailingOnly { return }

        // The attribution interrupts the content: `The museum, Mr. Obama said, would make ...`.
        if !token.is(.thatOnly), let np = before, np.lowerBound - 1 > a, isComma(np.lowerBound - 1), after < end,
            isComma(after), after + 1 < end, !isTrailing(after, sentence: sentence)
        {
            let first = a..<(np.lowerBound - 1)
            let second = (after + 1)..<complementEnd(from: after + 1, sentence: sentence)
            if !second.isEmpty && !first.contains(where: { merger.used[$0] }) {
                interruptedClaim(first, second, np: np, site)
                return
            }
        }

        // (b), (c) The cue opens the content: `Kirby said Russia's overtures ...`, `deny conducting ...`.
        var speaker: (Speaker, Int?)?
        if auxStart - 1 >= a, tok(auxStart - 1).isWord,
            tok(auxStart - 1).hash == W.and || tok(auxStart - 1).hash == W.but
        {
            // Coordinated verbs share the subject: `the ministry noted ... and said ...`.
            if merger.claims.count > firstClaim, let last = merger.lastSpeaker {
                speaker = last
            } else if let np = cueSpeaker(forwardNP(from: a, limit: auxStart - 1), cue: c, sentence) {
                speaker = speakers.resolve(np, sentenceStart: a)
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
            // `said that, if elected, he would ...`: a phrase set off after `that` opens the content.
            if start + 1 < end && isComma(start) && tok(start + 1).isWord { start += 1 }
        }
        if token.is(.thatOnly) && !sawThat { return }
        if start < end && (tok(start).isPunct(58) || isComma(start)) && start + 1 < end
            && openingQuote(at: start + 1) != nil
        {
            start += 1
        }
        guard start < end else { return }
        let first = tok(start)
        // `says about 550 students attend ...`: a preposition before a number is `approximately`.
        let approximate = start + 1 < end && tok(start + 1).kind == .number
        if first.isWord && first.is(.preposition) && !sawThat && !approximate { return }
        if first.kind == .punct && openingQuote(at: start) == nil { return }
        if token.is(.needsQuote) && !(start..<wordsEnd(sentence)).contains(where: { inQuote($0) }) { return }
        if speaker == nil, let np = before { speaker = speakers.resolve(np, sentenceStart: a) }
        guard let speaker else { return }
        let contentEnd = complementEnd(from: start, sentence: sentence)
        guard contentEnd > start else { return }
        let content = start..<contentEnd
        let kind = kind(of: content, cueToken: c)
        record(
            speaker,
            content: content,
            at: site,
            confidence: kind.0 == .directQuote ? 0.9 : 0.85,
            kind: kind,
            nested: .allowedInReportedSpeech
        )
        if let np = before { for t in np { merger.used[t] = true } }
    }

    private mutating func interruptedClaim(
        _ first: Range<Int>,
        _ second: Range<Int>,
        np: Range<Int>,
        _ site: CueSite
    ) {
        let sentence = site.sentence
        let speaker = takeSpeaker(np, sentence: sentence, saying: first)
        var kind: ClaimKind = .reportedSpeech
        if first.contains(where: { inQuote($0) }) || second.contains(where: { inQuote($0) }) { kind = .partialQuote }
        if tok(site.token).is(.denial) { kind = .denial }
        record(
            speaker,
            content: first.lowerBound..<second.upperBound,
            at: site,
            confidence: 0.8,
            kind: (kind, nil),
            parts: [first, second]
        )
    }

    private mutating func quoteClaim(
        _ q: Int,
        np: Range<Int>,
        after: Int,
        _ site: CueSite
    ) {
        let sentence = site.sentence
        let quote = doc.quotes[q]
        let speaker = takeSpeaker(np, sentence: sentence)
        var reporter = trailingReporter(after: after, sentence: sentence)
        if reporter == speaker.0.resolved { reporter = nil }
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
        record(
            speaker,
            content: content,
            at: site,
            confidence: 0.95,
            reportingSource: reporter,
            kind: (kind, quoteIndex)
        )
        // `"A," he said, "B."`: the second half has the same speaker.
        let end = wordsEnd(sentence)
        var r = max(after, np.upperBound, site.cue.upperBound)
        if r < end && isComma(r) { r += 1 }
        if r < end, let second = openingQuote(at: r), doc.quotes[second].close >= end - 1 {
            record(
                speaker,
                content: r..<(doc.quotes[second].close + 1),
                at: site,
                confidence: 0.9,
                reportingSource: reporter,
                kind: (.directQuote, second)
            )
        }
    }

    private mutating func trailingClaim(
        _ content: Range<Int>,
        np: Range<Int>,
        after: Int,
        _ site: CueSite
    ) {
        let sentence = site.sentence
        guard !content.isEmpty else { return }
        for t in content where merger.used[t] { return }
        let speaker = takeSpeaker(np, sentence: sentence, saying: content)
        var reporter = trailingReporter(after: after, sentence: sentence)
        if reporter == speaker.0.resolved { reporter = nil }
        record(
            speaker,
            content: content,
            at: site,
            confidence: 0.85,
            reportingSource: reporter,
            nested: .allowedOutsideWholeQuotes
        )
    }

    /// `Kim thanked Putin ..., saying the visit had deepened ...`: the subject of the sentence speaks.
    private mutating func participle(_ c: Int, sentence: SentenceRange, firstClaim: Int) {
        let a = sentence.first
        guard c - 1 > a, isComma(c - 1) || tok(c - 1).hash == W.and else { return }
        var speaker: (Speaker, Int?)?
        if merger.claims.count > firstClaim, let last = merger.lastSpeaker {
            speaker = last
        } else if let np = speakerValid(forwardNP(from: subjectStart(sentence, before: c), limit: c - 1), sentence) {
            speaker = speakers.resolve(np, sentenceStart: a)
        }
        guard let speaker else { return }
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
        record(speaker, content: content, cue: c..<(c + 1), cueToken: c, sentence: sentence, confidence: 0.75)
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
        for t in (r + 1)..<np.upperBound { merger.used[t] = true }
        let (speaker, _) = speakers.resolve(np, sentenceStart: sentence.first)
        return speaker.resolved ?? speaker.asWritten
    }
}
