/// Reports relayed by another source: `X was quoted as saying`, `KCNA quoted X as saying`.
extension ClaimScanner {
    /// `Kim was quoted as saying by KCNA`, `Kang Sun Nam, was reported as saying ...`,
    /// `was quoted by KCNA as saying`.
    mutating func passive(_ c: Int, sentence: SentenceRange) -> Bool {
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
        let speaker = takeSpeaker(np, sentence: sentence)
        let reporter =
            relayingSource(reporterNP, sentence: sentence, markUsed: true)
            ?? trailingReporter(after: after, sentence: sentence)
        recordRelayed(speaker, content: content, cue: auxStart..<cueEnd, cueToken: c, sentence: sentence, by: reporter)
        return true
    }

    /// `The KCNA state news agency ... quoted Defence Minister Kang Sun Nam as saying that ...`.
    mutating func activeQuote(_ c: Int, sentence: SentenceRange, firstClaim: Int) -> Bool {
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
        let reporterNP: Range<Int>?
        if k >= a && (tok(k).hash == W.and || tok(k).hash == W.but) {
            reporterNP = speakerValid(forwardNP(from: a, limit: k), sentence)
        } else {
            reporterNP = speakerValid(backwardNP(endingAt: k, limit: a), sentence)
        }
        let reporter = relayingSource(reporterNP, sentence: sentence, markUsed: false)
        recordRelayed(
            takeSpeaker(np, sentence: sentence),
            content: content,
            cue: c..<(c + 1),
            cueToken: c,
            sentence: sentence,
            by: reporter
        )
        return true
    }

    /// The source that relays the report (`by KCNA`, `KCNA quoted`), as resolved.
    private mutating func relayingSource(_ np: Range<Int>?, sentence: SentenceRange, markUsed: Bool) -> String? {
        guard let np else { return nil }
        let (source, _) = speakers.resolve(np, sentenceStart: sentence.first)
        if markUsed { for t in np { merger.used[t] = true } }
        return source.resolved ?? source.asWritten
    }

    private mutating func recordRelayed(
        _ speaker: (Speaker, Int?),
        content: Range<Int>,
        cue: Range<Int>,
        cueToken: Int,
        sentence: SentenceRange,
        by reporter: String?
    ) {
        let site = CueSite(cue: cue, token: cueToken, sentence: sentence, polarity: .positive)
        let relayed: (ClaimKind, Int?) = (.passiveReport, nil)
        record(speaker, content: content, at: site, confidence: 0.85, reportingSource: reporter, kind: relayed)
    }
}
