/// Reports relayed by another source: `X was quoted as saying`, `KCNA quoted X as saying`.
extension RuleContext {
    /// `Kim was quoted as saying by KCNA`, `Kang Sun Nam, was reported as saying ...`,
    /// `was quoted by KCNA as saying`.
    /// Nil when the verb is not a relayed report.
    func passive(_ c: Int, sentence: SentenceRange) -> [RuleFinding]? {
        let a = sentence.first
        let end = wordsEnd(sentence)
        guard c - 1 >= a, c + 2 < end + 1 else { return nil }
        let be = tok(c - 1).hash
        guard be == W.was || be == W.were || be == W.is_ || be == W.are || be == W.been || be == W.being else {
            return nil
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
            return nil
        }
        var auxStart = c - 1
        while auxStart - 1 >= a && tok(auxStart - 1).isWord && tok(auxStart - 1).is(.aux)
            && !tok(auxStart - 1).isCapitalized
            && !tok(auxStart - 1).is(.pronoun)
        {
            auxStart -= 1
        }
        guard let np = speakerValid(backwardNP(endingAt: auxStart - 1, limit: a), sentence) else { return nil }
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
        guard !content.isEmpty else { return nil }
        var reporter: CandidateReporter?
        if let reporterNP {
            reporter = .phrase(reporterNP, takes: reporterNP, beforeSpeaker: false, unlessSpeaker: false)
        } else if let (np, takes) = trailingReporter(after: after, sentence: sentence) {
            reporter = .phrase(np, takes: takes, beforeSpeaker: false, unlessSpeaker: false)
        }
        let speaker = CandidateSpeaker.phrase(np, saying: nil, takes: true)
        return [
            relayed(speaker, content: content, cue: auxStart..<cueEnd, cueToken: c, sentence: sentence, by: reporter)
        ]
    }

    /// `The KCNA state news agency ... quoted Defence Minister Kang Sun Nam as saying that ...`.
    func activeQuote(_ c: Int, sentence: SentenceRange, firstClaim: Int) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        guard let np = speakerValid(forwardNP(from: c + 1, limit: end), sentence), np.upperBound + 1 < end,
            tok(np.upperBound).hash == W.as_, tok(np.upperBound + 1).is(.participle)
        else { return [] }
        var start = np.upperBound + 2
        if start < end && tok(start).hash == W.that { start += 1 }
        let content = start..<complementEnd(from: start, sentence: sentence)
        guard !content.isEmpty else { return [] }
        var k = c - 1
        while k >= a && tok(k).isWord && tok(k).is(.aux) && !tok(k).is(.pronoun) { k -= 1 }
        let reporterNP: Range<Int>?
        if k >= a && (tok(k).hash == W.and || tok(k).hash == W.but) {
            reporterNP = speakerValid(forwardNP(from: a, limit: k), sentence)
        } else {
            reporterNP = speakerValid(backwardNP(endingAt: k, limit: a), sentence)
        }
        // The reporter is read before the speaker: the resolver sees mentions in that order.
        let reporter = reporterNP.map {
            CandidateReporter.phrase($0, takes: nil, beforeSpeaker: true, unlessSpeaker: false)
        }
        return [
            relayed(
                .phrase(np, saying: nil, takes: true),
                content: content,
                cue: c..<(c + 1),
                cueToken: c,
                sentence: sentence,
                by: reporter
            )
        ]
    }

    private func relayed(
        _ speaker: CandidateSpeaker,
        content: Range<Int>,
        cue: Range<Int>,
        cueToken: Int,
        sentence: SentenceRange,
        by reporter: CandidateReporter?
    ) -> RuleFinding {
        let site = CueSite(cue: cue, token: cueToken, sentence: sentence, polarity: .positive)
        let relayed: (ClaimKind, Int?) = (.passiveReport, nil)
        return .claim(
            candidate(speaker, content: content, at: site, confidence: 0.85, reporter: reporter, kind: relayed)
        )
    }
}
