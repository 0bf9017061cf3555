/// `the senator's claim that ...`, `the agency's finding that ...`, `his promise to ...`: a noun naming what was said
/// or held, whose possessor is the source and whose `that` (or `to`) clause is the content.
extension RuleContext {
    /// The claim for noun `c` after a possessor; nil-empty when the noun has no possessor or no clause.
    func possessiveClaim(_ c: Int, sentence: SentenceRange) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        let token = tok(c)
        let lexicon = Lexicon.shared
        guard c > a, c + 2 < end, token.isWord, !token.isCapitalized, tok(c + 1).isWord,
            tok(c + 1).hash == W.that || tok(c + 1).hash == W.to
        else { return [] }
        // Up to two modifiers between possessor and noun: `the mayor's repeated claim`, `his latest warning`.
        var p = c - 1
        while p > a && p > c - 3 && tok(p).isWord && !tok(p).isCapitalized && !isPossessor(p)
            && !tok(p).is([.determiner, .preposition, .conjunction, .aux, .cue, .relative])
        {
            p -= 1
        }
        // The word checks first, the noun list after: this runs for every word.
        guard isPossessor(p), !merger.used[p], lexicon.claimNouns.contains(token.hash), !inQuote(c) else { return [] }
        let next = tok(c + 1)
        let start: Int
        if next.hash == W.that && next.isWord {
            start = c + 2
        } else if next.hash == W.to && next.isWord && lexicon.intentNouns.contains(token.hash) {
            start = c + 1
        } else {
            return []
        }
        // The content opens with a word or a quote, not with punctuation.
        guard start < end, tok(start).isWord || openingQuote(at: start) != nil else { return [] }
        let np: Range<Int>?
        if !tok(p).flags.contains(.possessive) {
            // `his`, `her`, `their`, `its`: the resolver reads them as their pronouns.
            guard !merger.used[p] else { return [] }
            np = p..<(p + 1)
        } else if let phrase = backwardNP(endingAt: p, limit: a), phrase.upperBound == p + 1 {
            np = phrase
        } else {
            np = nil
        }
        guard let np,
            np.count == 1 && !tok(p).flags.contains(.possessive)
                || isValidSource(np, sentenceStart: a, possessor: true),
            !np.contains(where: { merger.used[$0] })
        else { return [] }
        // `..., slamming the premier's offer to ...`: the object of someone else's cue is their content, and the
        // next paragraph's quote stays theirs.
        if np.lowerBound > a, tok(np.lowerBound - 1).isWord,
            tok(np.lowerBound - 1).is([.cue, .objectCue, .intent, .callVerb, .topicVerb, .denial])
        {
            return []
        }
        let contentEnd = complementEnd(from: start, sentence: sentence)
        guard contentEnd - start >= 3, !(start..<contentEnd).contains(where: { merger.used[$0] }) else { return [] }
        return wordCueClaim(np, takes: true, content: start..<contentEnd, cue: c, sentence: sentence, confidence: 0.65)
    }

    /// `Trump's`, `the agency's`, `his`, `their`: a word that owns the noun after it.
    private func isPossessor(_ t: Int) -> Bool {
        let token = tok(t)
        guard token.isWord else { return false }
        if token.flags.contains(.possessive) { return true }
        let h = token.hash
        return h == W.his || h == W.her || h == W.their || h == W.its
    }
}
