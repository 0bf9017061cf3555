/// Stances and intentions: `vowed to`, `called for`, `believes`, `the poll shows`.
extension RuleContext {
    /// Intentions and stances, PolNeAR style: `Trump vowed to repeal ...`, `she called for a moratorium ...`,
    /// `the union urged members to ...`, `Clinton is promising lower taxes`. The subject is the source and the
    /// complement (with its `to`) the content.
    func stance(_ c: Int, sentence: SentenceRange, firstClaim: Int) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        let token = tok(c)
        guard c > a, c + 1 < end, isCueVerb(c, sentenceStart: a) else { return [] }
        var auxStart = c
        while auxStart - 1 >= a && tok(auxStart - 1).isWord && tok(auxStart - 1).is(.aux)
            && !tok(auxStart - 1).isCapitalized
            && !tok(auxStart - 1).is(.pronoun) && !merger.used[auxStart - 1]
        {
            auxStart -= 1
        }
        // `is expected to`, `was called`: a passive verb reports nobody's stance (`is promising` is active).
        for k in auxStart..<c where !endsWith(c, "ing") {
            let h = tok(k).hash
            if h == W.was || h == W.were || h == W.is_ || h == W.are || h == W.been || h == W.being { return [] }
        }
        let next = tok(c + 1)
        guard next.isWord, !inQuote(c + 1) || token.is([.objectCue, .callVerb]) else { return [] }
        var start = c + 1
        var evidence: Range<Int>?
        if next.hash == W.to {
            guard token.is(.intent) else { return [] }
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
            return []
        } else if token.is(.thatOnly) && !token.is([.intent, .objectCue]) {
            if token.is(.evidenceVerb), let np = documentSubject(auxStart, limit: a) {
                evidence = np
            } else {
                // `Mr. Obama believes his efforts will be ...`: a clause without `that`, told by its auxiliary.
                guard next.isWord else { return [] }
                var k = c + 2
                while k < end && k < c + 9 && tok(k).isWord && !tok(k).is(.aux) { k += 1 }
                guard k < end, k < c + 9, tok(k).isWord, tok(k).is(.aux), !tok(k).is(.pronoun) else { return [] }
            }
        } else if token.is(.intent) && !token.is(.objectCue) {
            // `urged Congress to act`: an object, then the `to` clause.
            var k = c + 1
            while k < end && k < c + 7 && tok(k).isWord && tok(k).hash != W.to && !tok(k).is(.cue) { k += 1 }
            guard k < end, tok(k).hash == W.to else { return [] }
        } else if !token.is(.objectCue) && !token.is(.callVerb) {
            return []
        }
        let contentEnd = complementEnd(from: start, sentence: sentence)
        guard contentEnd - start >= 2, !(start..<contentEnd).contains(where: { merger.used[$0] }) else { return [] }
        var speaker: CandidateSpeaker?
        var subject: Range<Int>?
        let npEnd = skipAuxBackward(auxStart - 1, limit: a)
        if let np = evidence, speakerValid(np, sentence) != nil {
            speaker = .phrase(np, saying: nil, takes: true)
        } else if npEnd >= a, tok(npEnd).isWord, tok(npEnd).hash == W.and || tok(npEnd).hash == W.but {
            // Coordinated verbs share the subject: `Trump attacked ... and vowed to ...`.
            if merger.claims.count > firstClaim, let last = merger.lastSpeaker {
                speaker = .known(last.0, last.1)
            }
        } else if let np = speakerValid(backwardNP(endingAt: npEnd, limit: a), sentence),
            np.lowerBound == a
                || tok(np.lowerBound - 1).kind == .punct
                || tok(np.lowerBound - 1).is([.conjunction, .preposition])
                || (token.is(.thatOnly) && tok(np.lowerBound - 1).is([.speech, .thatOnly]))
        {
            speaker = .phrase(np, saying: nil, takes: true)
            subject = np
        } else if let np = wholeSubject(before: auxStart, sentence: sentence) {
            // `A USA TODAY analysis of super PACs ... shows ...`, `Experts on the region expect ...`.
            speaker = .phrase(np, saying: nil, takes: true)
        }
        guard let speaker else { return [] }
        let claim = candidate(
            speaker,
            content: start..<relativeClauseEnd(subject, content: start..<contentEnd),
            cue: auxStart..<(c + 1),
            cueToken: c,
            sentence: sentence,
            confidence: 0.7,
            polarity: (auxStart..<c).contains { tok($0).is(.negation) } ? .negative : .positive,
            nested: .allowed
        )
        return [.claim(claim)]
    }
}
