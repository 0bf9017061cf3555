/// Attribution by preposition, PolNeAR's `prep` cues: `For Sanders, the election is about ...`, `To many
/// economists, the deal is ...`, `In the view of the governor, ...`, `..., in his eyes.`, `By one estimate, ...`.
extension RuleContext {
    /// The view or figure a prepositional phrase at the start or the end of the sentence attributes; empty when
    /// the sentence has none.
    func prepositionFrame(_ sentence: SentenceRange) -> [RuleFinding] {
        let end = wordsEnd(sentence)
        var a = sentence.first
        if a < end && tok(a).isWord && (tok(a).hash == W.and || tok(a).hash == W.but) { a += 1 }
        guard a + 4 < end, tok(a).isWord, !inQuote(a) else { return [] }
        if let leading = leadingFrame(a, end: end, sentence: sentence) { return leading }
        return trailingFrame(a, end: end, sentence: sentence)
    }

    /// `For X, ...`, `To X, ...`, `In X's view, ...`, `In the eyes of X, ...`, `By one estimate, ...`.
    private func leadingFrame(_ a: Int, end: Int, sentence: SentenceRange) -> [RuleFinding]? {
        let h = tok(a).hash
        guard h == W.for_ || h == W.to || h == W.in_ || h == W.by else { return nil }
        var comma = a + 1
        while comma < end && comma < a + 14 && !isComma(comma) && !inQuote(comma) { comma += 1 }
        guard comma < end, isComma(comma), comma > a + 1, comma + 4 <= end else { return nil }
        let phrase = (a + 1)..<comma
        guard !phrase.contains(where: { merger.used[$0] }) else { return nil }
        let source: Range<Int>?
        if h == W.for_ || h == W.to {
            // `To Sanders,`, `To many economists,`, `For him,`: a person or group, the whole phrase. `For X,`
            // with a name is more often the writer's view of X's situation (`For Trump, the format was not
            // ideal`): only a pronoun or a group of people holds the view there.
            source = speakerValid(forwardNP(from: a + 1, limit: comma), sentence).flatMap {
                guard $0 == phrase, !tok($0.lowerBound).is(.pronounFirst) else { return nil }
                if h == W.to { return $0 }
                let last = $0.upperBound - 1
                return ($0.count == 1 && tok(last).is(.pronoun)) || isAgentPlural(last) ? $0 : nil
            }
        } else if h == W.in_ {
            source = viewHolder(phrase, sentence: sentence)
        } else {
            source = countHolder(phrase)
        }
        guard let source else { return nil }
        let content = (comma + 1)..<complementEnd(from: comma + 1, sentence: sentence)
        // A view is a clause: `the deal is a mistake`, `Clinton would win`; `revenue rose` is a fact.
        guard content.count >= 4, !content.contains(where: { merger.used[$0] }),
            h == W.by || content.prefix(10).contains(where: { tok($0).isWord && tok($0).is(.aux) })
        else { return nil }
        return [
            attribution(source, content: content, cue: a..<(a + 1), cueToken: nil, sentence: sentence, confidence: 0.6)
        ]
    }

    /// `..., in his eyes.`, `... in the view of many voters.`, `..., by one estimate.`: the phrase ends the sentence.
    private func trailingFrame(_ a: Int, end: Int, sentence: SentenceRange) -> [RuleFinding] {
        var p = end - 2
        while p > a + 2 && p > end - 10 && !(tok(p).isWord && (tok(p).hash == W.in_ || tok(p).hash == W.by)) {
            if isComma(p) || inQuote(p) { return [] }
            p -= 1
        }
        guard p > a + 2, tok(p).isWord, !inQuote(p) else { return [] }
        let phrase = (p + 1)..<end
        guard !phrase.contains(where: { merger.used[$0] }) else { return [] }
        let source = tok(p).hash == W.in_ ? viewHolder(phrase, sentence: sentence) : countHolder(phrase)
        guard let source else { return [] }
        var contentEnd = p
        if contentEnd - 1 > a && (isComma(contentEnd - 1) || isDash(contentEnd - 1)) { contentEnd -= 1 }
        let content = a..<contentEnd
        guard content.count >= 3, !content.contains(where: { merger.used[$0] }) else { return [] }
        return [
            attribution(source, content: content, cue: p..<(p + 1), cueToken: nil, sentence: sentence, confidence: 0.6)
        ]
    }

    /// `his eyes`, `the governor's view`, `the view of many economists`, `the eyes of the law`: the holder of
    /// the view (the possessor or the phrase after `of`), or nil.
    private func viewHolder(_ phrase: Range<Int>, sentence: SentenceRange) -> Range<Int>? {
        guard let noun = phrase.first(where: { tok($0).isWord && FrameWords.viewNouns.contains(tok($0).hash) }),
            noun > phrase.lowerBound
        else { return nil }
        let before = tok(noun - 1)
        if noun + 1 == phrase.upperBound {
            // `his eyes`, `Trump's view`, `their opinion`: a possessor right before the noun.
            let possessive = before.flags.contains(.possessive)
            let h = before.hash
            guard before.isWord,
                possessive || h == W.his || h == W.her || h == W.their || h == W.its,
                !before.is(.pronounFirst)
            else { return nil }
            return phrase.lowerBound..<phrase.upperBound
        }
        // `the view of X`: a determiner, the noun, `of`, a speaker phrase to the end.
        guard before.is(.determiner), noun == phrase.lowerBound + 1, noun + 2 < phrase.upperBound + 1,
            tok(noun + 1).isWord, tok(noun + 1).hash == W.of
        else { return nil }
        let holder = (noun + 2)..<phrase.upperBound
        guard !holder.isEmpty, speakerValid(holder, sentence) != nil || isAgentPlural(holder.upperBound - 1) else {
            return nil
        }
        return holder
    }

    /// `one estimate`, `his count`, `some accounts`, `the group's tally`: a short phrase ending on a noun of
    /// counting or telling.
    private func countHolder(_ phrase: Range<Int>) -> Range<Int>? {
        guard phrase.count >= 2, phrase.count <= 5 else { return nil }
        let last = tok(phrase.upperBound - 1)
        guard last.isWord, FrameWords.countNouns.contains(last.hash) else { return nil }
        for k in phrase where !tok(k).isWord && !tok(k).flags.contains(.possessive) { return nil }
        return phrase
    }
}
