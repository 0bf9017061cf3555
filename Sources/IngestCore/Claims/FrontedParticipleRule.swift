/// A stance fronted as a participle: `Bemoaning the "phony system," Trump accused ...`, `Speaking of the vote, the
/// mayor said ...`. The subject after the comma holds the stance; the participle's object (or topic) is the content.
extension RuleContext {
    /// The claim for the sentence-opening participle `c` of a stance verb; none when no comma closes its phrase
    /// within a few words or no speaker opens the main clause.
    func frontedParticiple(_ c: Int, sentence: SentenceRange) -> [RuleFinding] {
        let end = wordsEnd(sentence)
        let token = tok(c)
        guard c == sentence.first, token.isWord, token.isCapitalized, c + 3 < end, endsWithIng(c),
            token.is([.objectCue, .topicVerb, .participle]), !inQuote(c)
        else { return [] }
        var start = c + 1
        let h = tok(start).hash
        if h == W.about || h == W.of || h == W.on || h == W.against || h == W.over {
            start += 1
        } else if !token.is([.objectCue, .participle]) {
            // `Speaking to reporters,`, `Giving a speech,`: a verb of talking states its topic with a preposition.
            return []
        }
        guard tok(start).isWord || openingQuote(at: start) != nil else { return [] }
        var comma = start + 1
        while comma < end && comma < c + 16 && !isComma(comma) && !merger.used[comma] { comma += 1 }
        guard comma < end, comma < c + 16, isComma(comma) else { return [] }
        // The comma may stand inside the closing quote: `the "phony system," Trump`.
        var subjectStart = comma + 1
        while subjectStart < end && subjectStart < comma + 3 && !tok(subjectStart).isWord { subjectStart += 1 }
        guard let np = speakerValid(forwardNP(from: subjectStart, limit: end), sentence), np.upperBound < end,
            tok(np.upperBound).isWord, !tok(np.upperBound).isCapitalized,
            !tok(np.upperBound).is([.preposition, .conjunction, .relative, .determiner]),
            !(np.count == 1 && tok(np.lowerBound).is(.pronounIt))
        else { return [] }
        return wordCueClaim(np, takes: false, content: start..<comma, cue: c, sentence: sentence, confidence: 0.65)
    }

    /// Whether word `t` ends in `ing` (any case), at least six scalars long: `Bemoaning`, not `King`.
    private func endsWithIng(_ t: Int) -> Bool {
        let token = tok(t)
        let e = Int(token.end)
        guard e - Int(token.start) >= 6 else { return false }
        return doc.s[e - 3] == 105 && doc.s[e - 2] == 110 && doc.s[e - 1] == 103
    }
}
