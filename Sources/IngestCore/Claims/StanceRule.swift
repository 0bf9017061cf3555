/// Stances and intentions: `vowed to`, `called for`, `believes`, `the poll shows`.
extension RuleContext {
    /// Intentions and stances, PolNeAR style: `Trump vowed to repeal ...`, `she called for a moratorium ...`,
    /// `the union urged members to ...`, `Clinton is promising lower taxes`. The subject is the source and the
    /// complement (with its `to`) the content.
    func stance(_ c: Int, sentence: SentenceRange, firstClaim: Int) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        let token = tok(c)
        if token.isCapitalized {
            return c == a ? frontedParticiple(c, sentence: sentence) : headlineStance(c, sentence: sentence)
        }
        // `to attack`: after `to`, a noun-or-verb form is the verb (`isCueVerb` takes it for a noun after a preposition).
        guard c > a, c + 1 < end,
            isCueVerb(c, sentenceStart: a) || (tok(c - 1).hash == W.to && token.is(.objectCue))
                || (token.is(.evidenceVerb) && leadingDocument(before: c, sentence: sentence) != nil)
        else { return [] }
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
            if h == W.was || h == W.were || h == W.is_ || h == W.are || h == W.been || h == W.being {
                return passiveAgent(c, auxStart: auxStart, sentence: sentence)
            }
        }
        let next = tok(c + 1)
        // `the survey found 40 cases`: a finding may open with a number.
        // `referenced "political tensions"`: an object may open with a quote.
        guard
            next.isWord || (next.kind == .number && token.is(.evidenceVerb))
                || (token.is(.objectCue) && openingQuote(at: c + 1) != nil),
            !inQuote(c + 1) || token.is([.objectCue, .callVerb])
        else { return [] }
        var start = c + 1
        var evidence: Range<Int>?
        if let topic = lightVerbTopic(c, end: end) {
            start = topic
        } else if StanceWords.pointing.contains(token.hash) {
            // `pointed out that ...`, `points out the flaws`, `pointed to the vote`.
            if next.hash == W.to {
                start = c + 2
            } else if StanceWords.particles.contains(next.hash) && c + 3 < end && tok(c + 2).isWord {
                start = tok(c + 2).hash == W.that ? c + 3 : c + 2
            } else {
                return []
            }
        } else if StanceWords.viewing.contains(token.hash) {
            // `critics see the program as a loophole`: the object and how it is seen.
            guard seenAs(c, end: end) else { return [] }
        } else if next.hash == W.to {
            guard token.is(.intent) else { return [] }
        } else if token.is(.callVerb) && (next.hash == W.for_ || next.hash == W.on) {
            start += 1
        } else if token.is(.topicVerb) && isTopicPreposition(c + 1, verb: c) {
            // `spoke about her ties to ...`, `warned against hackers`: the topic is the content.
            start += 1
        } else if token.is([.topicVerb, .objectCue]), let topic = topicAfterModifiers(c, end: end) {
            // `spoke out against ...`, `weighed in Friday on ...`, `spoke emotionally of ...`: a phrasal verb or
            // a verb with an adverb, then its topic.
            start = topic
        } else if token.is([.objectCue, .topicVerb, .speech])
            && (next.hash == W.whether || next.hash == W.what || next.hash == W.how || next.hash == W.why)
        {
            // `questioned whether ...`, `asked what kind of ...`: the embedded question is the content.
        } else if token.is(.thatOnly) && c + 2 < end && tok(c + 2).hash != W.to
            && (next.hash == W.whether || next.hash == W.what || next.hash == W.how || next.hash == W.why)
        {
            // `voters should know what those questions are`, `the study shows how ...`: a known or shown question.
        } else if next.is(.preposition) || next.is([.conjunction, .aux, .relative]) && !next.is(.determiner) {
            return []
        } else if token.is(.thatOnly) && !token.is([.intent, .objectCue]) {
            if token.is(.evidenceVerb),
                let np = documentSubject(auxStart, limit: a) ?? leadingDocument(before: auxStart, sentence: sentence)
            {
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
        // `I know of -- the one ...`: the content opens with a word or a quote.
        guard start < end, tok(start).isWord || tok(start).kind == .number || openingQuote(at: start) != nil else {
            return []
        }
        var speaker: CandidateSpeaker?
        var subject: Range<Int>?
        if let np = evidence, speakerValid(np, sentence) != nil {
            speaker = .phrase(np, saying: nil, takes: true)
        } else if auxStart - 1 > a && tok(auxStart - 1).hash == W.to && !endsWith(c, "ed") && !endsWith(c, "ing") {
            // `Trump took to Twitter to accuse ...`: the infinitive's subject is the sentence's.
            speaker = clauseSubject(before: auxStart - 1, sentence: sentence)
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

    /// Whether `t` opens the topic of verb `c`: `about`, `of`, `on`, `against`, `over`, `at` (`lashed out at`), and
    /// `for` after a verb of advocating (`lobbied for`).
    private func isTopicPreposition(_ t: Int, verb c: Int) -> Bool {
        let h = tok(t).hash
        // `voted on Wednesday`, `spoke on March 4`: a date is no topic.
        if h == W.on && t + 1 < doc.tokens.count && tok(t + 1).is([.day, .month, .timeWord]) { return false }
        return h == W.about || h == W.of || h == W.on || h == W.against || h == W.over
            || (h == W.at && StanceWords.particles.contains(tok(t - 1).hash))
            || (h == W.for_ && StanceWords.advocating.contains(tok(c).hash))
    }

    /// The sentence's whole subject when a document heads it, before the verb at `verbStart`: `A 2014 study by
    /// Professor Jane Roe found ...`, `The average of polls taken over two weeks shows ...`, `The tracking poll,
    /// which ..., showed ...`. Its head comes within the first words, after determiners and modifiers only.
    private func leadingDocument(before verbStart: Int, sentence: SentenceRange) -> Range<Int>? {
        let start = subjectStart(sentence, before: verbStart)
        var end = verbStart
        if end > start && isComma(end - 1) { end -= 1 }
        guard end - start >= 2, end - start <= 30 else { return nil }
        var k = start
        while k < end && k < start + 8 && (tok(k).isWord || tok(k).kind == .number) && !tok(k).is(.documentWord)
            && !tok(k).is([.preposition, .conjunction, .relative, .pronoun, .cue, .verb])
        {
            k += 1
        }
        guard k < end, k < start + 8, tok(k).isWord, tok(k).is(.documentWord) else { return nil }
        for t in start..<end where merger.used[t] || inQuote(t) || tok(t).is(.speech) { return nil }
        return start..<end
    }

    /// `The nominee has been endorsed by dozens of papers`: the agent after `by` holds the stance, towards the
    /// subject. Only verbs that take their object as content (`endorsed`, `criticized`), and only a named agent.
    private func passiveAgent(_ c: Int, auxStart: Int, sentence: SentenceRange) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        guard tok(c).is(.objectCue), c + 2 < end, tok(c + 1).hash == W.by,
            let agent = speakerValid(forwardNP(from: c + 2, limit: end), sentence),
            let subject = backwardNP(endingAt: skipAuxBackward(auxStart - 1, limit: a), limit: a),
            subject.lowerBound == a || tok(subject.lowerBound - 1).kind == .punct
                || tok(subject.lowerBound - 1).is(.conjunction),
            !subject.contains(where: { merger.used[$0] || inQuote($0) }),
            subject.count >= 2 || !tok(subject.lowerBound).is(.pronoun)
        else { return [] }
        let claim = candidate(
            .phrase(agent, saying: nil, takes: true),
            content: subject,
            cue: auxStart..<(c + 2),
            cueToken: c,
            sentence: sentence,
            confidence: 0.6,
            nested: .allowed
        )
        return [.claim(claim)]
    }

    /// Where the topic starts after verb `c`, a particle and adverbs (`out`, `emotionally`, `Tuesday`, up to
    /// three) and a topic preposition; nil when no modifier or no preposition follows.
    private func topicAfterModifiers(_ c: Int, end: Int) -> Int? {
        var k = c + 1
        while k < end && k < c + 4 && tok(k).isWord
            && (StanceWords.particles.contains(tok(k).hash) || endsWith(k, "ly", minLength: 5)
                || tok(k).is([.day, .timeWord]) && !tok(k).is([.determiner, .preposition]))
        {
            k += 1
        }
        guard k > c + 1, k + 1 < end, tok(k).isWord, isTopicPreposition(k, verb: c) else { return nil }
        return k + 1
    }

    /// Whether `as` follows verb `c` after its object, within the clause: `see the program as`, `viewed him as`.
    private func seenAs(_ c: Int, end: Int) -> Bool {
        var k = c + 1
        while k < end && k < c + 10 {
            let token = tok(k)
            if !token.isWord || inQuote(k) || token.is([.cue, .conjunction]) && token.hash != W.as_ { return false }
            // `as much as`, `as well as`: a comparison, not a view.
            if token.hash == W.as_ {
                return k > c + 1 && k + 1 < end && !StanceWords.comparing.contains(tok(k + 1).hash)
            }
            k += 1
        }
        return false
    }

    /// A light verb and a noun of stance: `made a strong condemnation of X`, `raised questions about X`, `voiced
    /// support for X`, `made the case that ...`: where X starts (at `to` for an intention: `made a pledge to`).
    private func lightVerbTopic(_ c: Int, end: Int) -> Int? {
        guard StanceWords.lightVerbs.contains(tok(c).hash) else { return nil }
        var k = c + 1
        while k < end && k < c + 5 && tok(k).isWord && !tok(k).isCapitalized
            && !StanceWords.stanceNouns.contains(tok(k).hash)
            && !tok(k).is([.preposition, .conjunction, .pronoun, .relative, .cue])
        {
            k += 1
        }
        guard k + 2 < end, StanceWords.stanceNouns.contains(tok(k).hash) else { return nil }
        let h = tok(k + 1).hash
        if h == W.that || h == W.about || h == W.of || h == W.on || h == W.for_ || h == W.against || h == W.over
            || h == W.with_
        {
            return k + 2
        }
        return h == W.to && Lexicon.shared.intentNouns.contains(tok(k).hash) ? k + 1 : nil
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
