/// The entities of one article and the order in which they were last salient, for aliases and pronouns.
struct EntityRegistry {
    var entities: [Entity] = []
    /// Name-token hash → entity, first full mention wins.
    private var byLast: [UInt64: Int] = [:]
    private var byFirst: [UInt64: Int] = [:]
    private var byName: [String: Int] = [:]
    /// (scalar position, entity, strong, sentence, first) in text order. Strong: a speaker or a sentence subject;
    /// weak: any other mention. Pronouns prefer strong antecedents. `sentence`: the first token of the sentence the
    /// mention stands in; `full`: the full name is written, which (re)introduces a person.
    private(set) var events: [(position: Int, entity: Int, strong: Bool, sentence: Int, full: Bool)] = []
    /// The sentence being read (its first token), stamped on each mention.
    var sentence = 0
    /// Whether an organisation of two words or more is registered, for one-word short forms.
    private var hasOrganization = false

    /// Room for a typical article's entities up front: growing from empty reallocates and rehashes several times.
    init() {
        entities.reserveCapacity(16)
        byLast.reserveCapacity(8)
        byFirst.reserveCapacity(8)
        byName.reserveCapacity(16)
        events.reserveCapacity(32)
    }

    /// Registers a full person name (two tokens or more) seen in the text.
    @discardableResult
    mutating func registerPerson(name: String, hashes: [UInt64], gender: Gender, role: String?) -> Int {
        if let index = byName[name] {
            if entities[index].role == nil { entities[index].role = role }
            if entities[index].gender == .unknown { entities[index].gender = gender }
            return index
        }
        // `Al Hashish` after `Fouzia Al Hashish`: the end of a fuller name already seen is that person.
        if hashes.count >= 2, let longer = byLast[hashes[hashes.count - 1]],
            entities[longer].nameHashes.count > hashes.count,
            Array(entities[longer].nameHashes.suffix(hashes.count)) == hashes
        {
            return longer
        }
        let index = entities.count
        entities.append(
            Entity(name: name, nameHashes: hashes, type: .person, gender: gender, plural: false, role: role)
        )
        byName[name] = index
        if hashes.count >= 2 {
            if byLast[hashes[hashes.count - 1]] == nil { byLast[hashes[hashes.count - 1]] = index }
            if byFirst[hashes[0]] == nil { byFirst[hashes[0]] = index }
        }
        return index
    }

    /// Registers a named organisation, outlet or document, or a single name with no fuller form.
    mutating func register(name: String?, type: SpeakerType, plural: Bool, gender: Gender = .unknown) -> Int {
        if let name, let index = byName[name], entities[index].type == type { return index }
        // `Suncor` after `Suncor Energy`: one word that opens an organisation's name is that organisation.
        if let name, type == .organization || type == .person, hasOrganization, !name.contains(" ") {
            // The fullest form when there are several (`Samsung Electronics Co.` over `Samsung Electronics`).
            let prefix = name + " "
            var fullest: Int?
            for (index, entity) in entities.enumerated() where entity.type == .organization {
                guard let full = entity.name, full.hasPrefix(prefix) else { continue }
                if fullest.map({ full.count > (entities[$0].name?.count ?? 0) }) ?? true { fullest = index }
            }
            if let fullest { return fullest }
        }
        let index = entities.count
        entities.append(Entity(name: name, nameHashes: [], type: type, gender: gender, plural: plural))
        if let name { byName[name] = index }
        if type == .organization && name?.contains(" ") == true { hasOrganization = true }
        return index
    }

    func person(named name: String) -> Int? {
        guard let index = byName[name], entities[index].type == .person else { return nil }
        return index
    }

    /// The person a surname or short form (`Patel`, `Kim`) stands for: last name first, then first name.
    func alias(_ hash: UInt64) -> Int? {
        byLast[hash] ?? byFirst[hash]
    }

    mutating func mention(_ entity: Int, at position: Int, strong: Bool = true, full: Bool = false) {
        events.append((position, entity, strong, sentence, full))
    }

    /// The person introduced with a role (`the prime minister` → `Prime Minister Justin Trudeau`): the most
    /// recently mentioned named person whose role holds every word of `words`; nil when none does.
    func person(withRole words: [UInt64], before position: Int) -> Int? {
        guard !words.isEmpty else { return nil }
        var index = events.count - 1
        while index >= 0 {
            let event = events[index]
            index -= 1
            let entity = entities[event.entity]
            guard event.position < position, entity.type == .person, entity.nameHashes.count >= 2,
                let role = entity.role, words.allSatisfy(Entity.wordHashes(role).contains)
            else { continue }
            return event.entity
        }
        // Introduced later in the article (a lead that names the role first): the first such person.
        for (index, entity) in entities.enumerated() where entity.type == .person && entity.nameHashes.count >= 2 {
            if let role = entity.role, words.allSatisfy(Entity.wordHashes(role).contains) { return index }
        }
        return nil
    }

    /// The organisation a definite `the union`, `the agency` stands for: the most recently mentioned named
    /// organisation whose name holds `head`, or for `the company` the one named last; nil when none was named.
    /// `modifiers`: the other words of the phrase (`national weather` in `the national weather service`); each must
    /// be in the organisation's name or kind, or be an organisation word itself (`the railway company`).
    func organization(
        head: UInt64,
        company: Bool,
        modifiers: [UInt64] = [],
        before position: Int,
        window: Int = 4000
    ) -> Int? {
        var latest: Int?
        let named = lastMention(before: position, window: window) { index in
            let entity = entities[index]
            guard entity.type == .organization, !entity.plural, let name = entity.name,
                let first = name.unicodeScalars.first, first.properties.isUppercase
            else { return false }
            let words = Entity.wordHashes(name)
            // `the firm` for `security firm Cisco Talos`: the kind it was introduced with counts like its name.
            let kind = entity.role.map(Entity.wordHashes) ?? []
            guard
                modifiers.allSatisfy({
                    words.contains($0) || kind.contains($0) || Lexicon.shared.lookup($0).contains(.orgWord)
                })
            else { return false }
            if words.contains(head) || kind.contains(head) { return true }
            // A union, ministry or party is never `the company`.
            if latest == nil
                && (words + kind).allSatisfy({
                    let classes = Lexicon.shared.lookup($0)
                    return !classes.contains(.orgWord) || classes.contains(.companyNoun)
                })
            {
                latest = index
            }
            return false
        }
        // `the company` with no company in any name: the organisation named last.
        return named ?? (company ? latest : nil)
    }

    /// The writer of the document a definite `the report`, `the post` or bare `preliminary findings` stands for:
    /// the owner of the most recently mentioned document, within `window` scalars, that has the same head word (any
    /// document for `findings`, `results`); nil when no such document has a known owner.
    func documentOwner(head: UInt64, before position: Int, window: Int = 3000) -> Int? {
        let anyDocument = Self.findingHeads.contains(head)
        let document = lastMention(before: position, window: window) { index in
            let entity = entities[index]
            guard entity.type == .document, let owner = entity.owner, entities[owner].name != nil else { return false }
            return anyDocument || Entity.wordHashes(entity.name ?? "").contains(head)
        }
        return document.flatMap { entities[$0].owner }
    }

    /// The entity (index) of the most recent mention before `position`, within `window` scalars, that `matches`.
    private func lastMention(before position: Int, window: Int, where matches: (Int) -> Bool) -> Int? {
        var index = events.count - 1
        while index >= 0 {
            let event = events[index]
            index -= 1
            if event.position >= position { continue }
            if position - event.position > window { break }
            if matches(event.entity) { return event.entity }
        }
        return nil
    }

    static let findingHeads: Set<UInt64> = Set(["findings", "results"].map { WordHash.of($0) })

    /// The entity of the last strong mention in the sentence being read, if any.
    func lastStrongMentionInSentence() -> Int? {
        var index = events.count - 1
        while index >= 0 && events[index].sentence == sentence {
            if events[index].strong { return events[index].entity }
            index -= 1
        }
        return nil
    }

    /// The named organisation or person an acronym stands for (`the PBO` → `Parliamentary Budget Officer`): the
    /// first whose capitalised words' initials spell it; nil when none does.
    func entity(acronym: String) -> Int? {
        let letters = Array(acronym.unicodeScalars)
        guard letters.count >= 2 else { return nil }
        for (index, entity) in entities.enumerated() where entity.type != .document {
            guard let name = entity.name else { continue }
            var initials: [Unicode.Scalar] = []
            for word in name.split(separator: " ") {
                guard let first = word.unicodeScalars.first, first.properties.isUppercase else { continue }
                initials.append(first)
            }
            if initials == letters { return index }
        }
        return nil
    }

    /// The nearest earlier compatible entity for a pronoun, within `window` scalars: a speaker or subject
    /// first, then any mention; nil rather than a guess.
    /// Mentions inside `skipping` (the words a pronoun's speaker is reported to have said) are not candidates.
    mutating func resolvePronoun(
        _ classes: WordClass,
        at position: Int,
        skipping: Range<Int> = 0..<0,
        window: Int = 2500,
        settling: Bool = true
    ) -> Int? {
        var weak: Int?
        // `... results for accountant Jane Roe, 50. "...," she says.`: a person just (re)introduced by full name,
        // in a later sentence than the last strong antecedent, is the new topic.
        var introduced: (entity: Int, sentence: Int)?
        let personal = classes.contains(.pronounMale) || classes.contains(.pronounFemale)
        var index = events.count - 1
        while index >= 0 {
            let event = events[index]
            index -= 1
            if event.position >= position || skipping.contains(event.position) { continue }
            if position - event.position > window { break }
            guard compatible(entities[event.entity], classes) else { continue }
            if event.strong {
                if let introduced, event.sentence < introduced.sentence {
                    return settle(introduced.entity, classes, settling)
                }
                return settle(event.entity, classes, settling)
            }
            if weak == nil {
                weak = event.entity
                if personal && event.full && event.sentence < sentence && position - event.position < 400
                    && (entities[event.entity].gender != .unknown || entities[event.entity].role != nil)
                {
                    introduced = (event.entity, event.sentence)
                }
            }
        }
        return weak.map { settle($0, classes, settling) }
    }

    private func compatible(_ entity: Entity, _ classes: WordClass) -> Bool {
        if classes.contains(.pronounMale) || classes.contains(.pronounFemale) {
            guard entity.type == .person, !entity.plural else { return false }
            // A lone capitalised word (`Symantec said`) may be a firm: he/she needs a full name or a known gender.
            // An unnamed person (`one analyst`) is still a person.
            if entity.name != nil && entity.nameHashes.isEmpty && entity.gender == .unknown { return false }
            let wanted: Gender = classes.contains(.pronounMale) ? .male : .female
            return entity.gender == .unknown || entity.gender == wanted
        }
        if classes.contains(.pronounPlural) {
            return entity.plural || entity.type == .organization || entity.type == .media
        }
        if classes.contains(.pronounIt) {
            return !entity.plural && (entity.type == .document || entity.type == .organization || entity.type == .media)
        }
        return false
    }

    /// A resolved he/she fixes the gender of a named person, for later pronouns.
    private mutating func settle(_ entity: Int, _ classes: WordClass, _ settling: Bool = true) -> Int {
        if settling && entities[entity].gender == .unknown && entities[entity].name != nil {
            if classes.contains(.pronounMale) { entities[entity].gender = .male }
            if classes.contains(.pronounFemale) { entities[entity].gender = .female }
        }
        return entity
    }
}
