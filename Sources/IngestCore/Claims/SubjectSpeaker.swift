/// The subject of a stance verb or attitude adjective as its speaker, shared by ``StanceRule`` and ``AttitudeRule``.
extension RuleContext {
    /// The speaker of a verb whose auxiliaries start at `auxStart`: the previous claim's speaker for a coordinated
    /// verb (`... and vowed to`), the noun phrase right before (opening the sentence or a clause; after a verb of
    /// believing too when `afterBelief`), or the sentence's whole subject. `subject` is the noun phrase right before.
    func subjectSpeaker(
        before auxStart: Int,
        sentence: SentenceRange,
        firstClaim: Int,
        afterBelief: Bool = false
    ) -> (speaker: CandidateSpeaker?, subject: Range<Int>?) {
        let a = sentence.first
        let npEnd = skipAuxBackward(auxStart - 1, limit: a)
        if npEnd >= a, tok(npEnd).isWord, tok(npEnd).hash == W.and || tok(npEnd).hash == W.but {
            // Coordinated verbs share the subject: `Trump attacked ... and vowed to ...`.
            if merger.claims.count > firstClaim, let last = merger.lastSpeaker { return (.known(last.0, last.1), nil) }
            // `Mr. Lee is bearish on loans and expects ...`: with no claim before, the sentence's subject.
            return (clauseSubject(before: npEnd, sentence: sentence), nil)
        }
        // `46 percent would back Trump, while 5 percent prefer Johnson`: a share of those polled.
        if npEnd - 1 >= a, tok(npEnd).isWord, StanceWords.percent.contains(tok(npEnd).hash),
            tok(npEnd - 1).kind == .number, !merger.used[npEnd - 1], !merger.used[npEnd]
        {
            return (.phrase((npEnd - 1)..<(npEnd + 1), saying: nil, takes: true), (npEnd - 1)..<(npEnd + 1))
        }
        if let np = speakerValid(backwardNP(endingAt: npEnd, limit: a), sentence),
            np.lowerBound == a
                || tok(np.lowerBound - 1).kind == .punct
                || tok(np.lowerBound - 1).is([.conjunction, .preposition])
                || (afterBelief && tok(np.lowerBound - 1).is([.speech, .thatOnly]))
                || (np.count == 1 && StanceWords.subjectPronouns.contains(tok(np.lowerBound).hash)
                    && !tok(np.lowerBound - 1).is([.cue, .intent, .objectCue, .topicVerb, .attitude]))
        {
            return (.phrase(np, saying: nil, takes: true), np)
        }
        // `A USA TODAY analysis of super PACs ... shows ...`, `Experts on the region expect ...`.
        if let np = wholeSubject(before: auxStart, sentence: sentence) {
            return (.phrase(np, saying: nil, takes: true), nil)
        }
        return (nil, nil)
    }

    /// The claim of a stance or attitude at `c` (cue from `auxStart`): its content runs from `start` to the end of
    /// the complement, or of a `, who` subject's relative clause; none when that is under two tokens or taken.
    func subjectClaim(
        _ speaker: CandidateSpeaker,
        subject: Range<Int>?,
        from start: Int,
        auxStart: Int,
        _ c: Int,
        sentence: SentenceRange
    ) -> [RuleFinding] {
        let contentEnd = complementEnd(from: start, sentence: sentence)
        guard contentEnd - start >= 2, !(start..<contentEnd).contains(where: { merger.used[$0] }) else { return [] }
        let content = start..<contentEnd
        return [
            .claim(
                candidate(
                    speaker,
                    content: start..<relativeClauseEnd(subject, content: content),
                    cue: auxStart..<(c + 1),
                    cueToken: c,
                    sentence: sentence,
                    confidence: 0.7,
                    polarity: (auxStart..<c).contains { tok($0).is(.negation) } ? .negative : .positive,
                    nested: .allowed
                )
            )
        ]
    }

    /// The subject of the clause that an infinitive of purpose or a coordinated verb continues (`to` or `and` at
    /// `to`): `Trump took to Twitter to accuse ...`, `She is bearish on loans and expects ...`. The sentence's
    /// subject, when it names someone and a verb follows it.
    func clauseSubject(before to: Int, sentence: SentenceRange) -> CandidateSpeaker? {
        guard let np = speakerValid(forwardNP(from: subjectStart(sentence, before: to), limit: to), sentence),
            np.upperBound < to, tok(np.upperBound).isWord, !tok(np.upperBound).isCapitalized,
            !tok(np.upperBound).is([.preposition, .conjunction, .relative, .determiner]),
            !(np.count == 1 && tok(np.lowerBound).is(.pronounIt))
        else { return nil }
        return .phrase(np, saying: nil, takes: false)
    }

    /// The claim of speaker phrase `np` whose cue is the one word `c`, other claims' cues allowed inside its content.
    func wordCueClaim(
        _ np: Range<Int>,
        takes: Bool,
        content: Range<Int>,
        cue c: Int,
        sentence: SentenceRange,
        confidence: Double
    ) -> [RuleFinding] {
        let claim = candidate(
            .phrase(np, saying: nil, takes: takes),
            content: content,
            cue: c..<(c + 1),
            cueToken: c,
            sentence: sentence,
            confidence: confidence,
            nested: .allowed
        )
        return [.claim(claim)]
    }
}
