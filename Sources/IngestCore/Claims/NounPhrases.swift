/// Noun-phrase scanning around cues: speakers before and after the verb, names inside them.
extension DocumentReading {
    /// True for tokens that may sit inside a capitalised name: words, particles, the period of an initial.
    func isNamePart(_ t: Int, end: Int) -> Bool {
        let token = tok(t)
        if token.isWord {
            if token.isCapitalized { return true }
            // `bin`, `de` between two capitalised words.
            if token.is(.nameParticle) && t > 0 && t + 1 < end && tok(t - 1).isCapitalized
                && tok(t + 1).isCapitalized
            {
                return true
            }
            return t + 1 < end && joinsOrganizationName(t)
        }
        if token.kind == .number && t > 0 && tok(t - 1).isWord && tok(t - 1).isCapitalized
            && tok(t - 1).is(.numberedUnit)
        {
            return true
        }
        if token.isPunct(46) && t > 0 && !token.flags.contains(.spaceBefore) && t + 1 < end {
            let previous = tok(t - 1)
            return previous.isWord && (previous.flags.contains(.singleLetter) || previous.is(.abbreviation))
                && tok(t + 1).isCapitalized
        }
        return false
    }

    /// `Institute on Drug Abuse`, `Council on Foreign Relations`: `on` inside an organisation's name.
    func joinsOrganizationName(_ t: Int) -> Bool {
        t > 0 && t + 1 < doc.tokens.count && tok(t).hash == W.on && tok(t - 1).isCapitalized
            && tok(t - 1).is(.orgWord) && tok(t + 1).isWord && tok(t + 1).isCapitalized
            && !tok(t + 1).is([.day, .month, .timeWord])
    }

    func text(_ range: Range<Int>) -> String {
        doc.string(Int(tok(range.lowerBound).start), Int(tok(range.upperBound - 1).end))
    }

    // MARK: Scans

    /// Whether token `t` is a lower-case word ending in `suffix` (ASCII), at least `minLength` scalars long.
    func endsWith(_ t: Int, _ suffix: String, minLength: Int = 4) -> Bool {
        let token = tok(t)
        guard token.isWord, !token.isCapitalized, Int(token.end - token.start) >= minLength else { return false }
        var k = Int(token.end) - 1
        for scalar in suffix.unicodeScalars.reversed() {
            if doc.s[k] != scalar.value { return false }
            k -= 1
        }
        return true
    }

    /// Adverbs and auxiliaries between a subject and its verb: `has also`, `repeatedly`, `on Tuesday`.
    func isAdverbial(_ t: Int) -> Bool {
        let token = tok(t)
        guard token.isWord, !token.is(.pronoun), !token.isCapitalized || token.is(.day) else { return false }
        if token.is(.aux) { return true }
        if token.is(.day) || (token.is(.timeWord) && !token.is(.determiner)) { return true }
        return endsWith(t, "ly", minLength: 5) && !token.is([.sourceNoun, .title])
    }

    /// Skips adverbs and auxiliaries backwards from `t` (inclusive): `has also` in `has also said`.
    func skipAuxBackward(_ t: Int, limit: Int) -> Int {
        var k = t
        while k >= limit && isAdverbial(k) { k -= 1 }
        return k
    }

    /// Tokens that end a comma-separated chunk: quotes, sentence punctuation, semicolons, colons, dashes.
    private func isChunkBoundary(_ t: Int) -> Bool {
        let token = tok(t)
        if inQuote(t) || token.kind == .doubleQuote { return true }
        guard token.kind == .punct else { return false }
        // The period of an initial or a title (`Leonard E. Burman`, `Mr.`) does not end a chunk.
        if token.isPunct(46) && t > 0 && !token.flags.contains(.spaceBefore) && tok(t - 1).isWord
            && (tok(t - 1).flags.contains(.singleLetter) || tok(t - 1).is(.abbreviation))
        {
            return false
        }
        return doc.isTerminal(t) || token.hash == 59 || token.hash == 58 || token.hash == 0x2014
            || (token.hash == 45 && token.flags.contains(.spaceBefore))
    }

    /// The speaker noun phrase ending at token `j`, scanning back no further than `limit`.
    func backwardNP(endingAt j: Int, limit: Int) -> Range<Int>? {
        guard j >= limit else { return nil }
        let last = tok(j)
        if last.isWord && (last.is(.pronoun) || last.is(.relative)) && !last.is(.determiner) {
            return j..<(j + 1)
        }
        if isComma(j) { return appositiveNP(endingAt: j, limit: limit) }
        return scanNP(endingAt: j, limit: limit, allowLower: true)
    }

    /// `Dave Schmerler, a researcher at ..., said`, `Scott Pruitt, the attorney general of Oklahoma, one of
    /// the states suing the EPA, said`, and `the defence minister, Kang Sun Nam, was`: comma-separated chunks
    /// back to the one holding the name.
    func appositiveNP(endingAt comma: Int, limit: Int) -> Range<Int>? {
        if let named = namedAppositive(endingAt: comma, limit: limit) { return named }
        var end = comma - 1
        var chunk = 0
        while end >= limit && chunk < 5 {
            var start = end
            var depth = 0
            while start - 1 >= limit && end - start < 25 {
                let previous = tok(start - 1)
                if previous.isPunct(41) { depth += 1 }
                if previous.isPunct(40) { depth = max(0, depth - 1) }
                if depth == 0 && (isComma(start - 1) || isChunkBoundary(start - 1)) { break }
                start -= 1
            }
            if end - start >= 25 { return nil }
            if let np = scanNP(endingAt: end, limit: start, allowLower: true), np.lowerBound == start,
                isNameLike(np)
            {
                if chunk == 0 {
                    // ROLE, NAME,
                    if start - 2 >= limit && isComma(start - 1),
                        let role = scanNP(endingAt: start - 2, limit: limit, allowLower: true), hasRole(role)
                    {
                        return role.lowerBound..<comma
                    }
                } else {
                    return start..<comma
                }
            }
            chunk += 1
            guard start - 1 >= limit, isComma(start - 1) else { return nil }
            end = start - 2
        }
        return nil
    }

    /// `Navdeep Bains, Minister of Innovation, Science and Economic Development, said`, `Jane Roe, the president
    /// of the council, which represents members, said`: the nearest earlier chunk that is only a full name (titles
    /// allowed) starts the speaker, however many commas its role holds; nil when the last chunk is itself a name.
    private func namedAppositive(endingAt comma: Int, limit: Int) -> Range<Int>? {
        var end = comma - 1
        var chunk = 0
        var relative = false
        while end >= limit && chunk < 5 {
            var start = end
            while start - 1 >= limit && end - start < 45 && !isComma(start - 1) && !isChunkBoundary(start - 1) {
                start -= 1
            }
            // A long chunk is a relative clause (`Jane Roe, who ... in 2018, said`) or no appositive at all.
            if end - start >= 45 || (end - start >= 25 && !(tok(start).isWord && tok(start).is(.relative))) {
                return nil
            }
            var cursor = start
            if chunk == 0 { relative = tok(start).isWord && tok(start).is(.relative) }
            if chunk == 0 {
                // The name is the last chunk (`the mayor, Jane Roe, said`): the usual scan takes the role too.
                if let run = nextCapitalizedRun(&cursor, in: start..<(end + 1)), run == start..<(end + 1),
                    let name = personName(run: run), wordCount(name) >= 2
                {
                    return nil
                }
            } else if let np = scanNP(endingAt: end, limit: start, allowLower: true),
                let name = lastPersonName(np), name.upperBound == end + 1,
                wordCount(name) >= 2 || (relative && chunk == 1 && np == start..<(end + 1))
            {
                // The chunk ends in the name: `Mississauga accountant Jane Roe, 50, says`.
                return np.lowerBound..<comma
            }
            guard start - 1 >= limit, isComma(start - 1) else { return nil }
            end = start - 2
            chunk += 1
        }
        return nil
    }

    /// A phrase holding a proper name: `Flynn`, `Rep. Jim Clyburn (D-S.C.)`, `United States Citizenship and ...`.
    private func isNameLike(_ range: Range<Int>) -> Bool {
        var capitalized = false
        for t in range where tok(t).isWord {
            let token = tok(t)
            if token.isCapitalized && !token.is([.determiner, .conjunction, .aux, .preposition]) { capitalized = true }
        }
        return capitalized && range.count <= 12
    }

    private func hasRole(_ range: Range<Int>) -> Bool {
        range.contains { tok($0).isWord && tok($0).is([.title, .sourceNoun]) }
    }

    private func hasCapitalizedHead(_ range: Range<Int>) -> Bool {
        for t in range where tok(t).isWord && tok(t).isCapitalized && !tok(t).is(.determiner) { return true }
        return false
    }

    /// A contiguous noun phrase ending at `j`: names, roles, possessives, `of`/`for`/`at` attachments.
    func scanNP(endingAt j: Int, limit: Int, allowLower: Bool) -> Range<Int>? {
        var k = j
        var count = 0
        if k >= limit && tok(k).isPunct(41) {
            // `Paul D. Ryan (R-Wis.)`
            var open = k - 1
            while open >= limit && open >= k - 8 && !tok(open).isPunct(40) { open -= 1 }
            guard open >= limit, tok(open).isPunct(40) else { return nil }
            k = open - 1
        }
        let phraseEnd = j
        while k >= limit {
            let token = tok(k)
            if inQuote(k) { break }
            if token.isWord {
                if token.is(.conjunction) {
                    let joinsNames =
                        token.hash == W.and && k > limit && k < phraseEnd && tok(k - 1).isCapitalized
                        && tok(k + 1).isCapitalized && tok(k - 1).isWord && !tok(k).isCapitalized
                    if !joinsNames { break }
                } else if token.is(.verb) && !token.isCapitalized {
                    break
                } else if k < phraseEnd && !token.isCapitalized
                    && (endsWith(k, "ed", minLength: 5) || endsWith(k, "ing", minLength: 5))
                    && (tok(k + 1).isCapitalized || tok(k + 1).is(.determiner))
                    && !token.is([.title, .sourceNoun])
                {
                    // `spotted Stein`, `including the`: a verb, not a modifier.
                    break
                } else if token.is(.preposition) {
                    let allowed = token.is(.attachPreposition) || token.hash == W.by || joinsOrganizationName(k)
                    if !allowed || k == phraseEnd || token.isCapitalized { break }
                } else if token.is(.relative) || token.is(.according) {
                    break
                } else if token.is(.cue) && !token.isCapitalized && !token.is(.documentWord) {
                    break
                } else if !token.isCapitalized && !allowLower {
                    break
                }
                count += 1
            } else if token.kind == .number {
                count += 1
            } else if token.isPunct(46) && k > limit && !token.flags.contains(.spaceBefore) && tok(k - 1).isWord
                && (tok(k - 1).flags.contains(.singleLetter) || tok(k - 1).is(.abbreviation))
            {
                // The period of `Mr.` or of an initial.
            } else if (token.isPunct(45) || token.hash == 0x2013) && !token.flags.contains(.spaceBefore) {
            } else {
                break
            }
            if count > 12 { return nil }
            // `In early November the company`: a date before the determiner is no part of the phrase.
            if token.isWord && token.is(.determiner) && !token.isCapitalized && k - 1 >= limit
                && tok(k - 1).is([.month, .day, .timeWord]) && !tok(k - 1).is(.determiner)
            {
                k -= 1
                break
            }
            k -= 1
        }
        var start = k + 1
        // Leading prepositions and adverbs are not part of the phrase.
        while start <= j && tok(start).isWord && (tok(start).is(.preposition) || tok(start).is(.aux))
            && !tok(start).is(.determiner)
            && !tok(start).isCapitalized
        {
            start += 1
        }
        return start <= j ? start..<(j + 1) : nil
    }

    /// The speaker after an inverted cue (`said Ankit Panda of the Carnegie Endowment ...`), with a trailing
    /// appositive (`, at Russia's Far Eastern Federal University`).
    func forwardNP(from start: Int, limit: Int) -> Range<Int>? {
        var t = start
        var sawHead = false
        var count = 0
        guard t < limit, !inQuote(t) else { return nil }
        // `9/11 widow Terry Strada`
        if tok(t).kind == .number && t + 1 < limit && tok(t + 1).isWord { t += 1 }
        guard tok(t).isWord else { return nil }
        let first = tok(t)
        if first.is(.pronoun) && !first.is(.determiner) { return t..<(t + 1) }
        if first.is(.preposition) || first.is(.conjunction) || first.is(.day) || first.is(.timeWord)
            || first.is(.verb)
        {
            if !first.isCapitalized || first.is(.day) { return nil }
        }
        while t < limit {
            let token = tok(t)
            if inQuote(t) { break }
            if token.isWord {
                if token.isCapitalized || token.is(.determiner) || token.is(.title) || token.is(.sourceNoun)
                    || token.is(.nationality) || token.is(.orgWord) || token.is(.mediaWord) || token.is(.documentWord)
                {
                    if token.isCapitalized || token.is([.title, .sourceNoun, .orgWord, .mediaWord, .documentWord]) {
                        sawHead = true
                    }
                } else if token.is(.preposition) {
                    let attach = token.is(.attachPreposition) || joinsOrganizationName(t)
                    guard attach, sawHead, t + 1 < limit else { break }
                    let next = tok(t + 1)
                    guard next.isCapitalized || next.is(.determiner) else { break }
                } else if token.is(.conjunction) && token.hash == W.and && t + 1 < limit
                    && tok(t + 1).isCapitalized && sawHead && t > start && tok(t - 1).isCapitalized
                {
                } else if !token.is([.verb, .conjunction, .aux, .cue, .relative, .trailingParticiple])
                    && !token.is(.timeWord) && t + 1 < limit && (tok(t + 1).isWord)
                    && (tok(t + 1).is([.title, .sourceNoun, .documentWord, .orgWord]) || tok(t + 1).isCapitalized)
                    && !token.is(.day)
                {
                    // A lower-case modifier inside a role: `policy` in `a policy analyst`.
                } else if token.is([.sourceNoun, .title]) {
                    sawHead = true
                } else {
                    break
                }
                count += 1
            } else if token.kind == .number {
                break
            } else if token.isPunct(46) && !token.flags.contains(.spaceBefore) && t > start
                && (tok(t - 1).flags.contains(.singleLetter) || tok(t - 1).is(.abbreviation)) && t + 1 < limit
                && tok(t + 1).isCapitalized
            {
            } else if token.isPunct(40) {
                var close = t + 1
                while close < limit && close < t + 8 && !tok(close).isPunct(41) { close += 1 }
                guard close < limit, tok(close).isPunct(41) else { break }
                t = close
            } else {
                break
            }
            if count > 14 { return nil }
            t += 1
        }
        guard sawHead, t > start else { return nil }
        var end = t
        // `, at Russia's Far Eastern Federal University` / `, a researcher at ...` / `, director of ...`.
        if end + 1 < limit && isComma(end) {
            let next = tok(end + 1)
            let opens =
                next.is(.attachPreposition) && next.hash != W.for_ || next.hash == W.a || next.hash == W.an
                || next.hash == W.the || next.hash == W.who
                || (next.is(.title) && !next.isCapitalized)
            if next.isWord && opens && !next.is(.trailingParticiple) {
                var e = end + 1
                while e < limit && !isComma(e) && !doc.isTerminal(e) && !inQuote(e) && !tok(e).is(.cue)
                    && e - end < 20
                {
                    e += 1
                }
                if e == limit || isComma(e) || doc.isTerminal(e) { end = e }
            }
        }
        while end > start && (isComma(end - 1) || tok(end - 1).is(.preposition)) { end -= 1 }
        return start..<end
    }

    /// A lower-case plural agent noun: `forecasters`, `economists`, `physicians`, `residents`.
    func isAgentPlural(_ t: Int) -> Bool {
        let token = tok(t)
        guard token.isWord, !token.isCapitalized, !token.is([.aux, .verb, .cue, .pronoun, .determiner]) else {
            return false
        }
        return endsWith(t, "ers", minLength: 6) || endsWith(t, "ors", minLength: 6)
            || endsWith(t, "ists", minLength: 6) || endsWith(t, "ians", minLength: 6)
            || endsWith(t, "ants", minLength: 7) || endsWith(t, "ents", minLength: 7)
    }

    /// Whether a phrase can be a speaker: a name, a pronoun, or a noun that can speak.
    func isValidSource(_ range: Range<Int>, sentenceStart: Int, strong: Bool = false) -> Bool {
        if range.count > 40 { return false }
        let last = tok(range.upperBound - 1)
        if last.flags.contains(.possessive) { return false }
        if strong && range.count <= 4 && last.isWord && !last.is([.conjunction, .preposition, .aux]) {
            // `the senators said`, `73 percent said`.
            let first = tok(range.lowerBound)
            if first.is(.determiner) || first.kind == .number || first.is(.quantity) { return true }
        }
        // `forecasters say`, `environmentalists worry`: a plural agent noun speaks for itself.
        if range.count <= 2 && isAgentPlural(range.upperBound - 1) { return true }
        for t in range {
            let token = tok(t)
            guard token.isWord else { continue }
            if token.is(.pronoun) && range.count == 1 && !token.is(.pronounFirst) { return true }
            if token.is(.relative) && range.count == 1 { return true }
            if token.is([.sourceNoun, .title, .orgWord, .mediaWord, .mediaName, .documentWord, .place]) { return true }
            // `April`, `late August`, `On Thursday`: dates are capitalised but never speak.
            if token.isCapitalized && !token.is([.month, .day, .timeWord])
                && (t != sentenceStart || !token.is([.determiner, .conjunction, .aux, .preposition]))
            {
                return true
            }
        }
        return false
    }

    /// Where the subject starts: after a fronted adverbial that ends in a comma (`On Thursday, Trump ...`,
    /// `In August, the company ...`).
    func subjectStart(_ sentence: SentenceRange, before limit: Int) -> Int {
        let a = sentence.first
        let first = tok(a)
        guard first.isWord,
            first.is([.preposition, .conjunction, .timeWord, .day, .month]) || endsWith(a, "ly")
                || (first.isCapitalized && a + 1 < limit && isComma(a + 1))
        else { return a }
        var k = a + 1
        while k < limit && k < a + 10 && !isComma(k) && !inQuote(k) { k += 1 }
        return k < limit - 1 && isComma(k) ? k + 1 : a
    }
}
