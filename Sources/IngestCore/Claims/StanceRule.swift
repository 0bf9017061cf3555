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
        // `the survey found 40 cases`: a finding may open with a number.
        guard next.isWord || (next.kind == .number && token.is(.evidenceVerb)),
            !inQuote(c + 1) || token.is([.objectCue, .callVerb])
        else { return [] }
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
                guard opensBareClause(after: c, end: end) else { return [] }
            }
        } else if token.is(.intent) && !token.is(.objectCue) {
            // `urged Congress to act`: an object, then the `to` clause; `hopes the city will pay`: a clause.
            var k = c + 1
            while k < end && k < c + 7 && tok(k).isWord && tok(k).hash != W.to && !tok(k).is(.cue) { k += 1 }
            guard k < end, tok(k).hash == W.to || (token.is(.thatOnly) && opensBareClause(after: c, end: end)) else {
                return []
            }
        } else if !token.is(.objectCue) && !token.is(.callVerb) {
            return []
        }
        var speaker: CandidateSpeaker?
        var subject: Range<Int>?
        if let np = evidence, speakerValid(np, sentence) != nil {
            speaker = .phrase(np, saying: nil, takes: true)
        } else {
            (speaker, subject) = subjectSpeaker(
                before: auxStart,
                sentence: sentence,
                firstClaim: firstClaim,
                afterBelief: token.is(.thatOnly)
            )
        }
        guard let speaker else { return [] }
        return subjectClaim(speaker, subject: subject, from: start, auxStart: auxStart, c, sentence: sentence)
    }

    /// Whether a finite clause without `that` follows verb `c`: a word, then an auxiliary within a few words
    /// (`believes his efforts will be`, `hopes the city will pay`).
    private func opensBareClause(after c: Int, end: Int) -> Bool {
        guard c + 1 < end, tok(c + 1).isWord else { return false }
        var k = c + 2
        while k < end && k < c + 9 && tok(k).isWord && !tok(k).is(.aux) { k += 1 }
        return k < end && k < c + 9 && tok(k).isWord && tok(k).is(.aux) && !tok(k).is(.pronoun)
    }
}
