/// Attitudes stated with an adjective: `Many voters are afraid that ...`, `the governor is confident the levee will
/// hold`, `the union was critical of the plan`, `she is determined to run`. PolNeAR attributes these to the
/// subject, with the linking verb and the adjective as the cue.
extension RuleContext {
    /// The claim for attitude adjective `c` after a form of `be` (or `remain`, `seem`, `become`); nil when the
    /// adjective has no complement or no subject that can hold a view.
    func attitude(_ c: Int, sentence: SentenceRange, firstClaim: Int) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        guard c > a + 1, c + 2 < end, tok(c).isWord, !tok(c).isCapitalized, !inQuote(c) else { return [] }
        // Back over `not`, `so`, `very`, `increasingly` to the linking verb.
        var link = c - 1
        while link > a && link > c - 4 && isDegreeWord(link) { link -= 1 }
        if StanceWords.holders.contains(tok(c).hash) {
            // `is a staunch opponent of`, `has been a consistent and outspoken supporter of`: back over the
            // article and the adjectives to the linking verb.
            link = c - 1
            while link > a && link > c - 6 && tok(link).isWord && !tok(link).isCapitalized && !isFormOfBe(link)
                && !tok(link).is([.aux, .pronoun, .preposition, .relative])
                && (!tok(link).is(.determiner) || StanceWords.articles.contains(tok(link).hash))
            {
                link -= 1
            }
            guard StanceWords.articles.contains(tok(link + 1).hash) else { return [] }
        }
        guard isLinkingVerb(link), !merger.used[link] else { return [] }
        var auxStart = link
        while auxStart - 1 >= a && tok(auxStart - 1).isWord && tok(auxStart - 1).is(.aux)
            && !tok(auxStart - 1).isCapitalized && !tok(auxStart - 1).is(.pronoun) && !merger.used[auxStart - 1]
        {
            auxStart -= 1
        }
        guard let start = attitudeComplement(after: c, end: end) else { return [] }
        let (speaker, subject) = subjectSpeaker(before: auxStart, sentence: sentence, firstClaim: firstClaim)
        // `It is certain that ...`, `That was clear`: no one holds the view.
        if let subject, subject.count == 1,
            tok(subject.lowerBound).hash == W.it || tok(subject.lowerBound).hash == W.that
                || tok(subject.lowerBound).hash == W.this
        {
            return []
        }
        guard let speaker else { return [] }
        return subjectClaim(speaker, subject: subject, from: start, auxStart: auxStart, c, sentence: sentence)
    }

    /// Where the attitude's content starts after adjective `c`: after `that`, after `about` / `of` / `over` /
    /// `with` for a topic, at `to` for an intention, or at a bare clause told by its auxiliary (`sure he will`).
    private func attitudeComplement(after c: Int, end: Int) -> Int? {
        let next = tok(c + 1)
        guard next.isWord, !inQuote(c + 1) || next.kind == .doubleQuote else { return nil }
        let h = next.hash
        if h == W.that { return c + 2 }
        if h == W.about || h == W.of || h == W.over || h == W.with_ { return c + 2 }
        if h == W.to {
            // `is determined to run`; `is sure to win` foretells, it holds no view.
            guard AttitudeWords.intending.contains(tok(c).hash) else { return nil }
            return tok(c + 2).isWord && !tok(c + 2).is([.determiner, .pronoun]) ? c + 1 : c + 2
        }
        if next.is([.preposition, .conjunction, .aux, .relative]) && !next.is([.determiner, .pronoun]) { return nil }
        var k = c + 2
        while k < end && k < c + 9 && tok(k).isWord && !tok(k).is(.aux) { k += 1 }
        guard k < end, k < c + 9, tok(k).isWord, tok(k).is(.aux), !tok(k).is(.pronoun) else { return nil }
        return c + 1
    }

    /// `is`, `were`, `remains`, `seemed`, `became`: a verb that links a subject to its attitude.
    private func isLinkingVerb(_ t: Int) -> Bool {
        guard tok(t).isWord, !tok(t).isCapitalized else { return false }
        return isFormOfBe(t) || AttitudeWords.linking.contains(tok(t).hash)
    }

    /// `not`, `so`, `very`, `increasingly`: words between the linking verb and the adjective.
    private func isDegreeWord(_ t: Int) -> Bool {
        let token = tok(t)
        guard token.isWord, !token.isCapitalized, !isFormOfBe(t) else { return false }
        return token.is([.negation, .aux]) || AttitudeWords.degree.contains(token.hash)
            || endsWith(t, "ly", minLength: 5)
    }
}

/// Hashes of the grammar words around an attitude adjective.
private enum AttitudeWords {
    static let linking: Set<UInt64> = hashes(
        "be remain remains remained seem seems seemed appear appears appeared become becomes became grew grow grows"
    )
    static let intending: Set<UInt64> = hashes(
        "determined eager willing unwilling reluctant afraid committed opposed intent"
    )
    static let degree: Set<UInt64> = hashes("so very too quite more less most less increasingly rather fairly all")

    private static func hashes(_ words: String) -> Set<UInt64> {
        Set(words.split(separator: " ").map { WordHash.of(String($0)) })
    }
}
