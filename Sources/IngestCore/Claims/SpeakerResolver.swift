/// Turns speaker phrases into ``Speaker``s and owns the article's entity registry: the people and organisations
/// named in the article, with their roles, and the order in which they were last salient. Every speaker is resolved
/// here: a full name, a surname or title (an alias of a full name), a role noun (`the mayor`, `the union`), a pronoun
/// or relative (by salience), a document's owner. The rules call it in text order, so pronouns see only what came
/// before them; ``registerNames()`` first lists every full name in the article, so a surname before its full name
/// still resolves.
struct SpeakerResolver: DocumentReading {
    let doc: ClaimDocument
    var registry = EntityRegistry()
    private let mentions: MentionFinder

    init(doc: ClaimDocument) {
        self.doc = doc
        mentions = MentionFinder(doc: doc)
    }

    /// Full person names anywhere in the article, so that a later surname maps to the first full mention.
    mutating func registerNames() {
        mentions.registerNames(into: &registry)
    }

    /// The mentions of one sentence, in text order, before its rules run.
    mutating func registerMentions(_ sentence: SentenceRange) {
        registry.sentence = sentence.first
        mentions.registerMentions(sentence, into: &registry)
    }

    // MARK: Speakers

    /// The speaker of phrase `np`, with the mention recorded; returns the entity too, for pronouns later.
    /// `saying`: the scalar span of what the speaker is reported to say, when it comes before the speaker
    /// (`Schumer, he said, ...`); a pronoun never stands for someone named only there.
    mutating func resolve(_ np: Range<Int>, sentenceStart: Int, saying: Range<Int> = 0..<0) -> (Speaker, Int?) {
        var np = np
        // `a senior aide who spoke on condition of anonymity`: the relative starts what is said of the speaker.
        if np.count > 1 && tok(np.upperBound - 1).is(.relative) { np = np.lowerBound..<(np.upperBound - 1) }
        let parts = commaParts(np)
        var head = parts.first ?? np
        var appositive: Range<Int>?
        var roleRange: Range<Int>?
        if parts.count >= 2 {
            let first = parts[0]
            let second = parts[1]
            let firstName = lastPersonName(first)
            // `One red-state Democrat, Montana Sen. Jon Tester`: a full name beats a lone capitalised word.
            var cursor = second.lowerBound
            let fuller =
                firstName.map { wordCount($0) == 1 } == true
                && nextCapitalizedRun(&cursor, in: second) == second
                && personName(run: second).map { wordCount($0) >= 2 } == true
            if (firstName != nil && !fuller) || isPronounPhrase(first) {
                head = first
                appositive = second
            } else if lastPersonName(second) != nil {
                head = second
                roleRange = first
            } else {
                head = first
                appositive = second
            }
        }
        let mention = TextSpan(start: Int(tok(np.lowerBound).start), end: Int(tok(np.upperBound - 1).end))
        var role: String? = roleRange.flatMap { cleanedText($0) }
        var affiliation: String?
        if let appositive {
            let lead = tok(appositive.lowerBound)
            if lead.hash == W.at || lead.hash == W.of || lead.hash == W.from {
                affiliation = cleanedText((appositive.lowerBound + 1)..<appositive.upperBound)
            } else {
                var split = appositive.upperBound
                for t in appositive where t > appositive.lowerBound {
                    let token = tok(t)
                    if token.hash == W.at || token.hash == W.of || token.hash == W.for_ || token.hash == W.with_ {
                        split = t
                        break
                    }
                }
                role = role ?? cleanedText(appositive.lowerBound..<split)
                if split < appositive.upperBound { affiliation = cleanedText((split + 1)..<appositive.upperBound) }
            }
        }

        // Pronouns and relatives.
        if head.count == 1, tok(head.lowerBound).isWord {
            let token = tok(head.lowerBound)
            if token.is(.relative) {
                return relativeSpeaker(head.lowerBound, mention: mention, sentenceStart: sentenceStart)
            }
            if token.is(.pronoun) && !token.is(.determiner) {
                return pronounSpeaker(head.lowerBound, mention: mention, saying: saying)
            }
        }

        // An affiliation attached inside the head: `Ankit Panda of the Carnegie Endowment`.
        var core = head
        var attached: String?
        var sawName = false
        for t in head {
            let token = tok(t)
            if token.isWord && token.isCapitalized && !token.is(.determiner) { sawName = true }
            if sawName && t > head.lowerBound
                && (token.hash == W.of || token.hash == W.at || token.hash == W.from || token.hash == W.for_)
            {
                core = head.lowerBound..<t
                attached = cleanedText((t + 1)..<head.upperBound)
                break
            }
        }
        // `Tore Lund and Ana Ruiz said`: two people speak together; `they` later refers to the pair.
        if let and = core.first(where: { tok($0).hash == W.and && !tok($0).isCapitalized }), and > core.lowerBound,
            let left = lastPersonName(core.lowerBound..<and), let right = lastPersonName((and + 1)..<core.upperBound),
            wordCount(left) >= 2, wordCount(right) >= 2, right.lowerBound == and + 1
        {
            for name in [left, right] {
                registry.registerPerson(
                    name: nameText(name),
                    hashes: hashes(name),
                    gender: gender(ofName: name),
                    role: nil
                )
            }
            let span = TextSpan(start: Int(tok(left.lowerBound).start), end: Int(tok(right.upperBound - 1).end))
            let both = doc.string(span.start, span.end)
            let entity = registry.register(name: both, type: .person, plural: true)
            registry.mention(entity, at: span.start)
            var speaker = Speaker(asWritten: both, span: span, resolved: both, type: .person, resolution: .explicit)
            speaker.mentionSpan = mention
            return (speaker, entity)
        }
        if let name = lastPersonName(core) {
            // `a Marine spokeswoman`, `Base officials`: a name that only modifies a common noun is the speaker's
            // affiliation; the speaker is the whole description.
            if let headNoun = descriptionHead(core, after: name) {
                return groupSpeaker(
                    core.lowerBound..<(headNoun + 1),
                    role: role,
                    affiliation: affiliation ?? attached ?? nameText(name),
                    mention: mention,
                    sentenceStart: sentenceStart
                )
            }
            return personSpeaker(
                name: name,
                core: core,
                role: role,
                affiliation: affiliation ?? attached,
                mention: mention
            )
        }
        return groupSpeaker(head, role: role, affiliation: affiliation, mention: mention, sentenceStart: sentenceStart)
    }

    /// The common noun a name modifies (`spokeswoman` in `a Marine spokeswoman`), when the phrase ends in one
    /// right after the name and its modifiers; nil when the name is the head (`Justin Trudeau`, `Trudeau's office`).
    private func descriptionHead(_ core: Range<Int>, after name: Range<Int>) -> Int? {
        guard name.upperBound < core.upperBound, !tok(name.upperBound - 1).flags.contains(.possessive) else {
            return nil
        }
        var last = core.upperBound - 1
        while last > name.upperBound && !tok(last).isWord { last -= 1 }
        let head = tok(last)
        guard head.isWord, !head.isCapitalized, head.is([.sourceNoun, .orgWord, .title]) else { return nil }
        for t in name.upperBound..<last where !tok(t).isWord || tok(t).is([.pronoun, .relative, .conjunction]) {
            return nil
        }
        return last
    }

    private func isPronounPhrase(_ range: Range<Int>) -> Bool {
        range.count == 1 && tok(range.lowerBound).is(.pronoun)
    }

    private mutating func personSpeaker(
        name: Range<Int>,
        core: Range<Int>,
        role: String?,
        affiliation: String?,
        mention: TextSpan
    ) -> (Speaker, Int?) {
        var role = role
        if role == nil && core.lowerBound < name.lowerBound {
            role = cleanedText(core.lowerBound..<name.lowerBound)
        }
        if role == nil, let before = roleBefore(name.lowerBound, limit: max(0, name.lowerBound - 8)) {
            role = cleanedText(before)
        }
        let nameHashes = hashes(name)
        var span = TextSpan(start: Int(tok(name.lowerBound).start), end: Int(tok(name.upperBound - 1).end))
        if tok(name.upperBound - 1).flags.contains(.possessive) { span.end -= 2 }
        let asWritten = doc.string(span.start, span.end)
        let gender = gender(ofName: name)
        var entity: Int
        var resolution = SpeakerResolution.explicit
        if nameHashes.count >= 2 {
            entity = registry.registerPerson(name: asWritten, hashes: nameHashes, gender: gender, role: role)
            if registry.entities[entity].name != asWritten { resolution = .alias }
        } else if let alias = registry.alias(nameHashes.first ?? 0) {
            entity = alias
            resolution = .alias
            if registry.entities[alias].gender == .unknown { registry.entities[alias].gender = gender }
        } else {
            entity = registry.register(name: asWritten, type: .person, plural: false, gender: gender)
            // `Kestrel` for `Kestrel Motors Co.`: a short form of an organisation named before.
            if registry.entities[entity].name != asWritten { resolution = .alias }
        }
        if registry.entities[entity].role == nil { registry.entities[entity].role = role }
        if registry.entities[entity].affiliation == nil { registry.entities[entity].affiliation = affiliation }
        registry.mention(entity, at: span.start)
        let known = registry.entities[entity]
        var speaker = Speaker(
            asWritten: asWritten,
            span: span,
            resolved: known.name,
            type: known.type == .organization ? .organization : .person,
            role: role ?? known.role,
            affiliation: affiliation ?? known.affiliation,
            resolution: resolution
        )
        speaker.mentionSpan = mention
        return (speaker, entity)
    }

    private mutating func groupSpeaker(
        _ core: Range<Int>,
        role: String?,
        affiliation: String?,
        mention: TextSpan,
        sentenceStart: Int
    ) -> (Speaker, Int?) {
        var headToken = core.upperBound - 1
        while headToken > core.lowerBound && !tok(headToken).isWord { headToken -= 1 }
        let head = tok(headToken)
        let words = wordCount(core)
        let plural = head.is(.pluralNoun) || core.contains { tok($0).hash == W.and && !tok($0).isCapitalized }
        let hasMedia = core.contains { tok($0).is(.mediaName) || tok($0).is(.mediaWord) }
        let hasProper = core.contains { t in
            let token = tok(t)
            return token.isWord && token.isCapitalized
                && (t != sentenceStart || token.is([.place, .nationality, .mediaName])) && !token.is(.determiner)
        }
        // `the PBO` after `the Parliamentary Budget Officer`: an acronym of a name in the article.
        if head.flags.contains(.allCaps) && !head.is(.orgWord)
            && core.allSatisfy({ $0 == headToken || tok($0).is(.determiner) }),
            let entity = registry.entity(acronym: doc.string(Int(head.start), Int(head.end)))
        {
            return roleAlias(entity, core: core, mention: mention)
        }
        // `House said` after `artistic director Christopher House`: a surname that is also an institution word.
        if words == 1 && head.isCapitalized && head.is(.orgWord) && !head.flags.contains(.allCaps),
            let alias = registry.alias(head.hash)
        {
            return personAlias(alias, token: headToken, mention: mention)
        }
        var type: SpeakerType
        var resolved: String?
        if hasMedia && (!head.is(.documentWord) || head.isCapitalized) || head.is(.mediaName) {
            type = .media
            resolved = mediaName(core) ?? cleanedText(core)
        } else if head.is(.documentWord) && !head.isCapitalized {
            if let owner = documentOwner(core, sentenceStart: sentenceStart, mention: mention) { return owner }
            // `the report said` after `a report by the railway company`: its writer speaks.
            let first = tok(core.lowerBound)
            if first.hash == W.the || (!first.is(.determiner) && EntityRegistry.findingHeads.contains(head.hash)),
                !core.contains(where: { tok($0).flags.contains(.possessive) }),
                let owner = registry.documentOwner(head: head.hash, before: Int(first.start))
            {
                return knownSpeaker(owner, tokens: core, .alias, mention: mention)
            }
            type = .document
            resolved = cleanedText(core)
        } else if head.is([.orgWord, .place]) || (head.flags.contains(.allCaps) && words == 1) {
            type = .organization
            resolved = cleanedText(core)
            if isDefiniteCommonNoun(core) && !plural && head.is(.orgWord),
                let entity = registry.organization(
                    head: head.hash,
                    company: head.is(.companyNoun),
                    modifiers: core.compactMap { t in
                        let token = tok(t)
                        return t == headToken || !token.isWord || token.is(.determiner) || isBasedModifier(t)
                            ? nil : token.hash
                    },
                    before: Int(tok(core.lowerBound).start)
                )
            {
                return roleAlias(entity, core: core, mention: mention)
            }
            // `the commission`, `her office` with no named organisation behind it: no name, so unresolved.
            if !core.contains(where: { tok($0).isWord && tok($0).isCapitalized && !tok($0).is(.determiner) }) {
                resolved = nil
            }
        } else if head.is([.sourceNoun, .title]) {
            // `Major said` after `Robert Major`: a capitalised title word that is a known surname.
            if words == 1 && head.isCapitalized, let alias = registry.alias(head.hash) {
                return personAlias(alias, token: headToken, mention: mention)
            }
            type = .person
            resolved = nil
            if isDefiniteCommonNoun(core) && !plural {
                var words: [UInt64] = []
                for t in core where tok(t).isWord && !tok(t).is(.determiner) { words.append(tok(t).hash) }
                if let entity = registry.person(withRole: words, before: Int(tok(core.lowerBound).start)) {
                    return roleAlias(entity, core: core, mention: mention)
                }
            }
        } else if hasProper {
            // A single capitalised word nobody introduced: most often a person's surname.
            if words == 1, let alias = registry.alias(head.hash) {
                let (speaker, entity) = personAlias(alias, token: headToken, mention: mention)
                return (speaker, entity)
            }
            type = words == 1 ? .person : .organization
            resolved = cleanedText(core)
        } else {
            type = .unknown
            resolved = nil
        }
        let span = TextSpan(start: Int(tok(core.lowerBound).start), end: Int(tok(core.upperBound - 1).end))
        let entity = registry.register(name: resolved, type: type, plural: plural)
        if registry.entities[entity].role == nil { registry.entities[entity].role = role }
        registry.mention(entity, at: span.start)
        var speaker = Speaker(
            asWritten: doc.string(span.start, span.end),
            span: span,
            resolved: resolved,
            type: type,
            role: role,
            affiliation: affiliation,
            resolution: resolved == nil ? .unresolved : .explicit
        )
        speaker.mentionSpan = mention
        return (speaker, entity)
    }

    /// `her statement`, `the union's Friday release`: the owner of the document speaks, when the owner resolves
    /// to a named entity.
    private mutating func documentOwner(_ core: Range<Int>, sentenceStart: Int, mention: TextSpan) -> (Speaker, Int?)? {
        let first = tok(core.lowerBound)
        if core.count <= 3 && first.isWord {
            let classes: WordClass? =
                first.hash == W.his
                ? .pronounMale
                : first.hash == W.her
                    ? .pronounFemale
                    : first.hash == W.their ? .pronounPlural : first.hash == W.its ? .pronounIt : nil
            if let classes, let entity = registry.resolvePronoun(classes, at: Int(first.start)),
                registry.entities[entity].name != nil
            {
                return knownSpeaker(entity, tokens: core.lowerBound..<(core.lowerBound + 1), .pronoun, mention: mention)
            }
            if classes != nil { return nil }
        }
        for t in core where t < core.upperBound - 1 && tok(t).isWord && tok(t).flags.contains(.possessive) {
            let owner = core.lowerBound..<(t + 1)
            guard owner.count <= 6 else { return nil }
            var (speaker, entity) = resolve(owner, sentenceStart: sentenceStart)
            // A named owner, or an organisation even unnamed (`the company's statement`: the company speaks).
            guard let entity,
                speaker.resolved != nil && registry.entities[entity].name != nil || speaker.type == .organization
            else { return nil }
            if tok(t).flags.contains(.possessive) && speaker.span.end == Int(tok(t).end) { speaker.span.end -= 2 }
            speaker.asWritten = doc.string(speaker.span.start, speaker.span.end)
            speaker.mentionSpan = mention
            return (speaker, entity)
        }
        return nil
    }

    /// `the minister`, `The company`: `the` and lower-case words only.
    private func isDefiniteCommonNoun(_ core: Range<Int>) -> Bool {
        guard core.count >= 2, tok(core.lowerBound).hash == W.the else { return false }
        // `The Calgary-based railway`: where it is based is no name.
        for t in core.dropFirst() where !tok(t).isWord || (tok(t).isCapitalized && !isBasedModifier(t)) {
            return false
        }
        return true
    }

    /// A role noun standing for an entity named elsewhere in the article.
    private mutating func roleAlias(_ entity: Int, core: Range<Int>, mention: TextSpan) -> (Speaker, Int?) {
        knownSpeaker(entity, tokens: core, .alias, mention: mention)
    }

    private mutating func personAlias(_ entity: Int, token t: Int, mention: TextSpan) -> (Speaker, Int?) {
        knownSpeaker(entity, tokens: t..<(t + 1), .alias, mention: mention)
    }

    /// The words `tokens` standing for a registered entity: the speaker takes the entity's name, type, role and
    /// affiliation, and the mention makes the entity salient for later pronouns.
    private mutating func knownSpeaker(
        _ entity: Int,
        tokens: Range<Int>,
        _ resolution: SpeakerResolution,
        mention: TextSpan
    ) -> (Speaker, Int?) {
        let span = TextSpan(start: Int(tok(tokens.lowerBound).start), end: Int(tok(tokens.upperBound - 1).end))
        registry.mention(entity, at: span.start)
        let known = registry.entities[entity]
        var speaker = Speaker(
            asWritten: doc.string(span.start, span.end),
            span: span,
            resolved: known.name,
            type: known.type,
            role: known.role,
            affiliation: known.affiliation,
            resolution: resolution
        )
        speaker.mentionSpan = mention
        return (speaker, entity)
    }

    private mutating func pronounSpeaker(_ t: Int, mention: TextSpan, saying: Range<Int>) -> (Speaker, Int?) {
        let token = tok(t)
        let span = TextSpan(start: Int(token.start), end: Int(token.end))
        let asWritten = doc.string(span.start, span.end)
        let entity =
            token.is(.pronounFirst) ? nil : registry.resolvePronoun(token.classes, at: span.start, skipping: saying)
        var speaker: Speaker
        if let entity {
            let known = registry.entities[entity]
            registry.mention(entity, at: span.start)
            speaker = Speaker(
                asWritten: asWritten,
                span: span,
                resolved: known.name,
                type: known.type,
                role: known.role,
                affiliation: known.affiliation,
                resolution: known.name == nil ? .unresolved : .pronoun
            )
        } else {
            let type: SpeakerType =
                token.is(.pronounMale) || token.is(.pronounFemale) ? .person : .unknown
            speaker = Speaker(asWritten: asWritten, span: span, resolved: nil, type: type, resolution: .unresolved)
        }
        speaker.mentionSpan = mention
        return (speaker, entity)
    }

    /// `who` and `which` take the phrase before the comma as their antecedent.
    private mutating func relativeSpeaker(_ t: Int, mention: TextSpan, sentenceStart: Int) -> (Speaker, Int?) {
        let span = TextSpan(start: Int(tok(t).start), end: Int(tok(t).end))
        var j = t - 1
        if j >= sentenceStart && isComma(j) { j -= 1 }
        if j >= sentenceStart, var antecedent = scanNP(endingAt: j, limit: sentenceStart, allowLower: true),
            isValidSource(antecedent, sentenceStart: sentenceStart)
        {
            // `Tatiana Stanovaya, an independent political expert who writes ...`: a description set off by a
            // comma after a name stands for that person.
            let comma = antecedent.lowerBound - 1
            if comma > sentenceStart, isComma(comma), lastPersonName(antecedent) == nil,
                let named = scanNP(endingAt: comma - 1, limit: sentenceStart, allowLower: false),
                let name = lastPersonName(named), name.upperBound == named.upperBound, wordCount(name) >= 2
            {
                antecedent = named
            }
            var (speaker, entity) = resolve(antecedent, sentenceStart: sentenceStart)
            speaker.asWritten = doc.string(span.start, span.end)
            speaker.span = span
            speaker.mentionSpan = mention
            if speaker.resolved != nil { speaker.resolution = .pronoun }
            return (speaker, entity)
        }
        var speaker = Speaker(
            asWritten: doc.string(span.start, span.end),
            span: span,
            resolved: nil,
            type: .unknown,
            resolution: .unresolved
        )
        speaker.mentionSpan = mention
        return (speaker, nil)
    }
}
