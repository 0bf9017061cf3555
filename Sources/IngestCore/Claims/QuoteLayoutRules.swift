/// Attributions the layout gives: a quote continuing the last claim, `NAME: ...` labels, `"..." ― Name`.
extension RuleContext {
    /// `"A," he said. "B."`: a sentence that is only a quote, right after a quote claim, continues it.
    func continuation(_ sentence: SentenceRange) -> [RuleFinding] {
        // After reported speech too: `The report said ... .` then `"This is a major challenge."`.
        guard let last = merger.claims.last, let lastSpeaker = merger.lastSpeaker,
            last.kind == .directQuote || last.kind == .partialQuote || last.kind == .reportedSpeech,
            let lastUnit = merger.claimUnit.last, lastUnit == sentence.unit || lastUnit == sentence.unit - 1
        else { return [] }
        let end = wordsEnd(sentence)
        guard end > sentence.first else { return [] }
        let q = doc.quoteAt[sentence.first]
        // A quote an earlier claim already took (`He said:` before it) continues nothing.
        guard q >= 0, !merger.used[sentence.first],
            doc.quotes[Int(q)].close == end - 1 || doc.quotes[Int(q)].close == sentence.end - 1
        else {
            return []
        }
        // The previous claim must end right before this sentence, in the text.
        guard let lastCue = last.cue, lastCue.span.end <= Int(tok(sentence.first).start),
            Int(tok(sentence.first).start) - max(last.content.span.end, lastCue.span.end) < 400
        else { return [] }
        let quote = doc.quotes[Int(q)]
        // After a whole quote, the speaker's quote goes on: one claim, not one per sentence.
        if last.kind == .directQuote { return [.extendsLastClaim(sentence.first..<(quote.close + 1), quote: Int(q))] }
        var candidate = candidate(
            .known(lastSpeaker.0, lastSpeaker.1),
            content: sentence.first..<(quote.close + 1),
            cue: nil,
            cueToken: nil,
            sentence: sentence,
            confidence: 0.7,
            polarity: last.polarity,
            kind: (.directQuote, Int(q))
        )
        candidate.reportingSource = last.reportingSource
        // The continuation shares the cue of the claim it continues.
        candidate.inheritedCue = lastCue
        return [.claim(candidate)]
    }

    /// `WALLACE: Let's start ...` (transcripts) and `Pat Caddell: Democrat Voters Worried ...` (headlines): a
    /// name and a colon open the paragraph.
    func labelledSpeech(_ sentence: SentenceRange) -> [RuleFinding] {
        let unit = doc.units[sentence.unit]
        var t = unit.firstToken
        if t < unit.endToken && tok(t).kind == .doubleQuote { t += 1 }
        let nameStart = t
        while t < unit.endToken && t < nameStart + 5 && (isNamePart(t, end: unit.endToken) || tok(t).isPunct(46)) {
            t += 1
        }
        guard t > nameStart, t + 3 < unit.endToken, tok(t).isPunct(58), !tok(t - 1).isPunct(46) else { return [] }
        // `Said Ada Quint: ...`: a verb of saying before the name is the cue, not part of the name.
        let inverted =
            t - nameStart >= 2 && tok(nameStart).isWord && tok(nameStart).is(.speech)
            && !tok(nameStart).flags.contains(.allCaps)
        let name = (inverted ? nameStart + 1 : nameStart)..<t
        for k in name where tok(k).isWord && tok(k).is([.notLabel, .conjunction, .preposition, .determiner]) {
            return []
        }
        let transcript = name.allSatisfy { !tok($0).isWord || tok($0).flags.contains(.allCaps) }
        var end = unit.endToken
        while end > t + 1 && (tok(end - 1).kind == .punct || (tok(end - 1).kind == .doubleQuote && !inQuote(end - 1))) {
            end -= 1
        }
        let content = (t + 1)..<end
        guard content.count >= 3, !content.contains(where: { merger.used[$0] }) else { return [] }
        // `EARNINGS: Samsung said ...`: a section heading over a report that names its own speaker.
        if transcript && wordCount(name) >= 1
            && content.contains(where: { tok($0).isWord && tok($0).is(.strongSpeech) && !inQuote($0) })
        {
            return []
        }
        let labelled = attribution(
            name,
            content: content,
            cue: inverted ? nameStart..<(nameStart + 1) : t..<(t + 1),
            cueToken: nil,
            sentence: sentence,
            confidence: 0.7,
            kind: (transcript ? .directQuote : .reportedSpeech, nil)
        )
        return [labelled]
    }

    /// `"..." ― Carla Sanchez`: a dash and a name after a quote.
    func dashAttribution(_ sentence: SentenceRange) -> [RuleFinding] {
        let end = wordsEnd(sentence)
        var findings: [RuleFinding] = []
        var t = sentence.first
        while t < end {
            guard let q = closingQuote(at: t) else {
                t += 1
                continue
            }
            let dash = t + 1
            guard dash < end, tok(dash).kind == .punct,
                tok(dash).hash == 0x2015 || tok(dash).hash == 0x2014 || tok(dash).hash == 0x2013
            else { return findings }
            var e = dash + 1
            while e < end && isNamePart(e, end: end) { e += 1 }
            // A list of signed quotes, one a line, runs on into the next quote: `... ― Carla Sanchez “...`.
            guard e > dash + 1, e == end || openingQuote(at: e) != nil else { return findings }
            let name = (dash + 1)..<e
            let open = doc.quotes[q].open
            let signed = attribution(
                name,
                content: open..<(t + 1),
                cue: dash..<(dash + 1),
                cueToken: nil,
                sentence: sentence,
                confidence: 0.75,
                kind: (.directQuote, q)
            )
            findings.append(signed)
            t = e
        }
        return findings
    }
}
