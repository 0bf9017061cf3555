/// Finds the people, organisations and documents an article names, for ``SpeakerResolver``'s registry: every
/// full name up front (so a surname before its full name still resolves), then sentence by sentence the mentions
/// that make an entity salient for later pronouns and role nouns.
struct MentionFinder: DocumentReading {
    let doc: ClaimDocument

    /// Full person names anywhere in the article, so that a later surname maps to the first full mention.
    func registerNames(into registry: inout EntityRegistry) {
        for unit in doc.units {
            let range = unit.firstToken..<unit.endToken
            var capitalized = 0
            var words = 0
            for t in range where tok(t).isWord {
                words += 1
                if tok(t).isCapitalized { capitalized += 1 }
            }
            // Title-case headlines make every word look like a name.
            if words >= 4 && capitalized * 10 > words * 7 { continue }
            var cursor = range.lowerBound
            while let run = nextCapitalizedRun(&cursor, in: range) {
                guard let name = personName(run: run) else { continue }
                let nameWords = wordCount(name)
                // `Mr. Lee`: a single name counts when an honorific gives it away as a person.
                let gender = gender(ofName: name)
                guard nameWords >= 2 || (gender != .unknown && name.lowerBound > run.lowerBound) else { continue }
                let role =
                    (roleBefore(name.lowerBound, limit: max(unit.firstToken, name.lowerBound - 8))
                    ?? roleAfter(name, limit: unit.endToken)).flatMap { cleanedText($0) }
                registry.registerPerson(name: nameText(name), hashes: hashes(name), gender: gender, role: role)
            }
        }
    }

    /// The role a name is given after it, in its sentence: an appositive (`Doug Roe, the city's mayor,`) or `as`
    /// (`Jane Roe says ... as Canada's prime minister`), up to its last title word; nil when another name comes
    /// first or no title word is there.
    private func roleAfter(_ name: Range<Int>, limit: Int) -> Range<Int>? {
        var t = name.upperBound
        if t + 1 < limit && isComma(t) && tok(t + 1).isWord && !inQuote(t + 1)
            && (tok(t + 1).is([.determiner, .title]) || tok(t + 1).flags.contains(.possessive))
        {
            var lastTitle = -1
            var e = t + 1
            while e < limit && e - t <= 8 && tok(e).isWord && !inQuote(e)
                && !tok(e).is([.preposition, .relative, .verb, .aux, .conjunction])
            {
                if tok(e).is(.title) { lastTitle = e }
                e += 1
            }
            return lastTitle > t ? (t + 1)..<(lastTitle + 1) : nil
        }
        while t < limit && t - name.upperBound < 40 && !doc.isTerminal(t) {
            let token = tok(t)
            // Another person's name, unless it carries its own title (`Premier Doug Ford`): what follows is
            // said of them.
            if token.isWord && token.isCapitalized
                && token.is([.firstNameMale, .firstNameFemale, .honorificMale, .honorificFemale])
                && !(t > name.upperBound && tok(t - 1).isWord && tok(t - 1).is(.title))
            {
                return nil
            }
            if token.isWord && token.hash == W.as_ && !inQuote(t) {
                var e = t + 1
                var lastTitle = -1
                while e < limit && e - t <= 5 && tok(e).isWord
                    && !tok(e).is([.preposition, .relative, .verb, .aux, .conjunction, .pronoun])
                {
                    if tok(e).is(.title) { lastTitle = e }
                    e += 1
                }
                if lastTitle > t { return (t + 1)..<(lastTitle + 1) }
            }
            t += 1
        }
        return nil
    }

    /// Person names (strong at the start of the sentence, weak elsewhere) and document phrases, as antecedents
    /// for later pronouns.
    func registerMentions(_ sentence: SentenceRange, into registry: inout EntityRegistry) {
        var subject = sentence.first
        while subject < sentence.end && tok(subject).isWord && tok(subject).is([.conjunction, .aux])
            && !tok(subject).is(.relative)
        {
            subject += 1
        }
        let frontedSubject = frontedSubjectStart(sentence)
        var t = sentence.first
        while t < sentence.end {
            if inQuote(t) || !(tok(t).isWord && tok(t).isCapitalized) {
                t += 1
                continue
            }
            var e = t + 1
            if !tok(t).flags.contains(.possessive) {
                while e < sentence.end && isNamePart(e, end: sentence.end) {
                    e += 1
                    if tok(e - 1).flags.contains(.possessive) { break }
                }
            }
            if let name = personName(run: t..<e) {
                // `Given his views, Shanaaz Gokool is hopeful ...`: the subject after a fronted adverbial.
                // `TDT artistic director Jane Roe was ...`: a name after the role words that open the sentence.
                let roleStart = roleBefore(name.lowerBound, limit: max(sentence.first, name.lowerBound - 8))?.lowerBound
                let strong =
                    t == subject || t == frontedSubject || roleStart == subject || roleStart == frontedSubject
                var entity: Int?
                if wordCount(name) >= 2 {
                    entity = registry.registerPerson(
                        name: nameText(name),
                        hashes: hashes(name),
                        gender: gender(ofName: name),
                        role: nil
                    )
                } else if let alias = registry.alias(firstWordHash(name)) {
                    entity = alias
                } else if let known = registry.person(named: nameText(name)) {
                    entity = known
                }
                if let entity {
                    registry.mention(
                        entity,
                        at: Int(tok(name.lowerBound).start),
                        strong: strong,
                        full: wordCount(name) >= 2
                    )
                }
            }
            t = e
        }
        // `She has faced ...`: a he/she subject carries its antecedent on as the sentence's subject, when the
        // antecedent's gender is known (a guess here would fix a wrong gender for later pronouns).
        for start in [subject, frontedSubject] where start < sentence.end && !inQuote(start) {
            let token = tok(start)
            guard token.isWord, token.is([.pronounMale, .pronounFemale]), !token.is(.determiner),
                start + 1 < sentence.end, !tok(start + 1).is(.relative),
                let entity = registry.resolvePronoun(token.classes, at: Int(token.start), settling: false),
                registry.entities[entity].gender == (token.is(.pronounMale) ? .male : .female)
            else { continue }
            registry.mention(entity, at: Int(token.start))
            break
        }
        registerSubjectOrganization(sentence, subject: subject, into: &registry)
        registerDescribedOrganizations(sentence, into: &registry)
        registerNamedOrganizations(sentence, into: &registry)
        registerUnionLocals(sentence, into: &registry)
        // `a letter from Russian President Vladimir Putin`: what a later `it read` refers to.
        var k = sentence.first
        while k < sentence.end {
            if inQuote(k) {
                k += 1
                continue
            }
            let token = tok(k)
            if token.isWord && token.is(.documentWord) && !token.isCapitalized && k > sentence.first
                && (tok(k - 1).is(.determiner) || (k - 2 >= sentence.first && tok(k - 2).is(.determiner))
                    || tok(k - 1).flags.contains(.possessive)
                    || (k - 2 >= sentence.first && tok(k - 2).flags.contains(.possessive)))
                && !tok(k - 1).is(.pronoun)
            {
                var end = k + 1
                if end + 1 < sentence.end && (tok(end).hash == W.from || tok(end).hash == W.by || tok(end).hash == W.of)
                {
                    var e = end + 1
                    while e < sentence.end && isNamePart(e, end: sentence.end) { e += 1 }
                    if e > end + 1 { end = e }
                }
                let start = tok(k - 1).is(.determiner) ? k : k - 1
                let name = cleanedText(start..<end)
                let entity = registry.register(name: name, type: .document, plural: false)
                if registry.entities[entity].owner == nil,
                    let owner = owner(ofDocument: k, sentence: sentence, registry: &registry), owner != entity
                {
                    registry.entities[entity].owner = owner
                }
                registry.mention(entity, at: Int(token.start))
            }
            k += 1
        }
    }

    /// Who wrote or issued the document at token `k`, as the sentence says: the subject of `Jane Roe stated in
    /// the company's blog post`, `a report by the railway company`, `a study conducted by Roe Hall`, `the
    /// company's statement`; nil when it does not say.
    private func owner(ofDocument k: Int, sentence: SentenceRange, registry: inout EntityRegistry) -> Int? {
        var p = k - 1
        while p > sentence.first && p >= k - 5 && tok(p).hash != W.in_ { p -= 1 }
        if p > sentence.first && tok(p).hash == W.in_ && tok(p - 1).isWord && tok(p - 1).is(.speech),
            let writer = registry.lastStrongMentionInSentence(),
            registry.entities[writer].type == .person || registry.entities[writer].type == .organization
        {
            return writer
        }
        var e = k + 1
        while e + 1 < sentence.end && e <= k + 8 && tok(e).isWord && !inQuote(e) {
            if tok(e).hash == W.by || tok(e).hash == W.from {
                guard e == k + 1 || endsWith(e - 1, "ed") || endsWith(e - 1, "en") else { return nil }
                return ownerEntity(startingAt: e + 1, sentence: sentence, registry: &registry)
            }
            e += 1
        }
        for t in max(sentence.first, k - 2)..<k where tok(t).flags.contains(.possessive) {
            var start = t
            if tok(t).isCapitalized {
                while start > sentence.first && isNamePart(start - 1, end: t + 1) { start -= 1 }
            } else if start > sentence.first && tok(start - 1).hash == W.the {
                start -= 1
            }
            return ownerEntity(startingAt: start, sentence: sentence, registry: &registry)
        }
        return nil
    }

    /// The entity named by the phrase at `s`: `the railway company` (a role noun for an organisation named
    /// before), a person's full name or surname, or an organisation's name.
    private func ownerEntity(startingAt s: Int, sentence: SentenceRange, registry: inout EntityRegistry) -> Int? {
        guard s < sentence.end, tok(s).isWord else { return nil }
        if tok(s).hash == W.the && s + 1 < sentence.end && !tok(s + 1).isCapitalized {
            var e = s + 1
            while e < sentence.end && e <= s + 4 && tok(e).isWord && !tok(e).isCapitalized {
                if tok(e).is(.orgWord) {
                    return registry.organization(
                        head: tok(e).hash,
                        company: tok(e).is(.companyNoun),
                        before: Int(tok(s).start)
                    )
                }
                e += 1
            }
            return nil
        }
        var start = s
        while start < sentence.end && tok(start).isWord
            && tok(start).is([.determiner, .conjunction, .preposition, .aux, .pronoun])
        {
            start += 1
        }
        guard start < sentence.end, tok(start).isCapitalized, !inQuote(start) else { return nil }
        var e = start + 1
        if !tok(start).flags.contains(.possessive) {
            while e < sentence.end && isNamePart(e, end: sentence.end) {
                e += 1
                if tok(e - 1).flags.contains(.possessive) { break }
            }
        }
        let run = start..<e
        if let name = personName(run: run) {
            if wordCount(name) >= 2 { return registry.person(named: nameText(name)) }
            if let alias = registry.alias(firstWordHash(name)) { return alias }
        }
        return registry.register(name: nameText(run), type: .organization, plural: false)
    }

    /// Where the subject starts after a short fronted phrase and its comma: ``subjectStart(_:before:)``, and also
    /// after an adverb of place (`Down the street, Mike McFadden ...`).
    private func frontedSubjectStart(_ sentence: SentenceRange) -> Int {
        let start = subjectStart(sentence, before: sentence.end)
        let first = tok(sentence.first)
        guard start == sentence.first, first.isWord, first.is(.stopword), !first.is([.determiner, .pronoun])
        else { return start }
        var k = sentence.first + 1
        while k < sentence.end && k < sentence.first + 6 && tok(k).isWord && !tok(k).is([.verb, .cue, .aux]) {
            k += 1
        }
        return k + 1 < sentence.end && isComma(k) ? k + 1 : start
    }

    /// `Suncor disclosed ...`, `Procter & Gamble rallied ...`: a capitalised subject that is no person, before a
    /// lower-case verb, is an organisation a later `the company` may stand for.
    private func registerSubjectOrganization(
        _ sentence: SentenceRange,
        subject: Int,
        into registry: inout EntityRegistry
    ) {
        var subject = subject
        // `The Parliamentary Budget Officer released ...`: a capitalised name after `The`.
        if subject + 1 < sentence.end && tok(subject).hash == W.the && tok(subject + 1).isCapitalized {
            subject += 1
        }
        guard subject < sentence.end, !inQuote(subject), tok(subject).isWord, tok(subject).isCapitalized,
            !tok(subject).is([.determiner, .pronoun, .place, .nationality, .day, .month, .title, .notName])
        else { return }
        var e = subject + 1
        while e < sentence.end {
            if isNamePart(e, end: sentence.end) && !tok(e).flags.contains(.possessive) {
                e += 1
            } else if tok(e).isPunct(38) && e + 1 < sentence.end && tok(e + 1).isCapitalized {
                e += 2
            } else {
                break
            }
        }
        guard e < sentence.end, e - subject <= 4, tok(e).isWord, !tok(e).isCapitalized,
            tok(e).is([.aux, .verb, .cue, .intent, .objectCue]) || endsWith(e, "ed") || endsWith(e, "s")
        else { return }
        if let name = personName(run: subject..<e), wordCount(name) >= 2 || gender(ofName: name) != .unknown {
            return
        }
        if e - subject == 1 {
            // A surname already known, or a capitalised plural (`Investors said`), is no organisation.
            if registry.alias(tok(subject).hash) != nil || tok(subject).is([.sourceNoun, .pluralNoun]) { return }
            let last = doc.s[Int(tok(subject).end) - 1] | 0x20
            if last == 115 && !tok(subject).flags.contains(.allCaps) { return }
        }
        var entity: Int
        // `EDC declined ...` after `Export Development Canada (EDC)`: the name its initials spell.
        if e - subject == 1 && tok(subject).flags.contains(.allCaps),
            let named = registry.entity(acronym: text(subject..<e)),
            registry.entities[named].nameHashes.count >= 3 || registry.entities[named].type == .organization
        {
            registry.entities[named].type = .organization
            entity = named
        } else {
            entity = registry.register(name: text(subject..<e), type: .organization, plural: false)
        }
        // The subject of its sentence: `it` prefers it to organisations named in passing.
        registry.mention(entity, at: Int(tok(subject).start), strong: true)
    }

    /// `security firm Cisco Talos`, `media company Comcast`: a lower-case organisation noun right before a
    /// capitalised name that is no person names an organisation, and says what kind it is, for a later
    /// `the firm` or `the company`.
    private func registerDescribedOrganizations(_ sentence: SentenceRange, into registry: inout EntityRegistry) {
        var t = sentence.first
        while t + 1 < sentence.end {
            let token = tok(t)
            guard token.isWord, !token.isCapitalized, token.is(.orgWord), !inQuote(t), tok(t + 1).isWord,
                tok(t + 1).isCapitalized, !tok(t + 1).is([.determiner, .pronoun])
            else {
                t += 1
                continue
            }
            var e = t + 2
            while e < sentence.end {
                if isNamePart(e, end: sentence.end) && !tok(e - 1).flags.contains(.possessive) {
                    e += 1
                } else if tok(e).isPunct(38) && e + 1 < sentence.end && tok(e + 1).isCapitalized {
                    e += 2
                } else {
                    break
                }
            }
            let run = (t + 1)..<e
            // A first name or an honorific makes it a person after all (`company founder John Smith`).
            if e - t - 1 > 5 || personName(run: run).map({ gender(ofName: $0) != .unknown }) == true {
                t = e
                continue
            }
            // The kind: the noun and up to two lower-case modifiers before it (`consumer products maker`).
            var kindStart = t
            while kindStart > sentence.first && kindStart > t - 2 && tok(kindStart - 1).isWord
                && !tok(kindStart - 1).isCapitalized
                && !tok(kindStart - 1).is([.determiner, .preposition, .conjunction])
                && !tok(kindStart - 1).is([.aux, .pronoun]) && !inQuote(kindStart - 1)
            {
                kindStart -= 1
            }
            let entity = registry.register(name: nameText(run), type: .organization, plural: false)
            if registry.entities[entity].role == nil { registry.entities[entity].role = text(kindStart..<(t + 1)) }
            registry.mention(entity, at: Int(tok(t + 1).start), strong: false)
            t = e
        }
    }

    /// `Canadian Pacific Railway`, `Heart Foundation`: a capitalised name of two words or more that ends in an
    /// organisation word names an organisation, for a later `the railway` or `it`.
    private func registerNamedOrganizations(_ sentence: SentenceRange, into registry: inout EntityRegistry) {
        var cursor = sentence.first
        let range = sentence.first..<sentence.end
        while let run = nextCapitalizedRun(&cursor, in: range) {
            var start = run.lowerBound
            // `Securities and Exchange Commission`: the name goes on over `and` to the capitalised words before.
            while start - 2 >= sentence.first && tok(start - 1).hash == W.and && tok(start - 2).isWord
                && tok(start - 2).isCapitalized && !inQuote(start - 2)
            {
                start -= 2
                while start - 1 >= sentence.first && isNamePart(start - 1, end: run.upperBound) { start -= 1 }
            }
            while start < run.upperBound && (tok(start).is(.determiner) || isBasedModifier(start)) { start += 1 }
            let last = run.upperBound - 1
            // `Court of Appeals`, `Bank of Canada`: an organisation word, then `of` and a capitalised name.
            var end = run.upperBound
            if tok(last).is(.orgWord) && end + 1 < sentence.end && tok(end).hash == W.of && tok(end + 1).isCapitalized
                && !tok(end + 1).is(.determiner)
            {
                var e = end + 1
                while e < sentence.end && isNamePart(e, end: sentence.end) && !tok(e - 1).flags.contains(.possessive) {
                    e += 1
                }
                end = e
                cursor = max(cursor, e)
            }
            guard last > start || end > run.upperBound, !inQuote(last), tok(last).isWord, tok(last).is(.orgWord),
                !tok(last).flags.contains(.possessive), !tok(last).is(.pluralNoun),
                (start..<run.upperBound).allSatisfy({ !tok($0).flags.contains(.possessive) }),
                personName(run: start..<run.upperBound) == nil
            else { continue }
            // `Samsung Electronics Co.`: the period of an abbreviation ending the name is part of it.
            let upper =
                end < sentence.end && tok(end).isPunct(46) && !tok(end).flags.contains(.spaceBefore)
                    && tok(end - 1).is(.abbreviation) ? end + 1 : end
            let name = cleanedText(start..<upper) ?? text(start..<end)
            let entity = registry.register(name: name, type: .organization, plural: false)
            registry.mention(entity, at: Int(tok(start).start), strong: false)
        }
    }

    private static let local = WordHash.of("local")
    private static let lodge = WordHash.of("lodge")

    /// `UFCW Local 832`, `Teamsters Local 987`: a numbered local or lodge is a union's branch, for a later
    /// `the union`.
    private func registerUnionLocals(_ sentence: SentenceRange, into registry: inout EntityRegistry) {
        var cursor = sentence.first
        let range = sentence.first..<sentence.end
        while let run = nextCapitalizedRun(&cursor, in: range) {
            let last = run.upperBound - 1
            guard last - 1 > run.lowerBound, tok(last).kind == .number, !inQuote(last),
                tok(last - 1).hash == Self.local || tok(last - 1).hash == Self.lodge
            else { continue }
            var start = run.lowerBound
            while start < last && tok(start).is(.determiner) { start += 1 }
            let entity = registry.register(name: text(start..<run.upperBound), type: .organization, plural: false)
            if registry.entities[entity].role == nil { registry.entities[entity].role = "union local" }
            registry.mention(entity, at: Int(tok(start).start), strong: false)
        }
    }
}
