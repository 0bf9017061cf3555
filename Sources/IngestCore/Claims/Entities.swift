enum Gender: UInt8 {
    case unknown
    case male
    case female
}

/// Someone or something that can be a speaker or a pronoun's antecedent, clustered across its mentions.
struct Entity {
    /// The full name or organisation; nil for unnamed speakers (`one analyst`).
    var name: String?
    var nameHashes: [UInt64]
    var type: SpeakerType
    var gender: Gender
    var plural: Bool
    var role: String?
    var affiliation: String?
}

/// The entities of one article and the order in which they were last salient, for aliases and pronouns.
struct EntityRegistry {
    var entities: [Entity] = []
    /// Name-token hash → entity, first full mention wins.
    private var byLast: [UInt64: Int] = [:]
    private var byFirst: [UInt64: Int] = [:]
    private var byName: [String: Int] = [:]
    /// (scalar position, entity) in text order.
    private(set) var events: [(position: Int, entity: Int)] = []

    /// Registers a full person name (two tokens or more) seen in the text.
    @discardableResult
    mutating func registerPerson(name: String, hashes: [UInt64], gender: Gender, role: String?) -> Int {
        if let index = byName[name] {
            if entities[index].role == nil { entities[index].role = role }
            if entities[index].gender == .unknown { entities[index].gender = gender }
            return index
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
        let index = entities.count
        entities.append(Entity(name: name, nameHashes: [], type: type, gender: gender, plural: plural))
        if let name { byName[name] = index }
        return index
    }

    /// The person a surname or short form (`Patel`, `Kim`) stands for: last name first, then first name.
    func alias(_ hash: UInt64) -> Int? {
        byLast[hash] ?? byFirst[hash]
    }

    mutating func mention(_ entity: Int, at position: Int) {
        events.append((position, entity))
    }

    /// The nearest earlier compatible entity for a pronoun, within `window` scalars; nil rather than a guess.
    mutating func resolvePronoun(_ classes: WordClass, at position: Int, window: Int = 2500) -> Int? {
        var index = events.count - 1
        while index >= 0 {
            let event = events[index]
            index -= 1
            if event.position >= position { continue }
            if position - event.position > window { break }
            let entity = entities[event.entity]
            if classes.contains(.pronounMale) || classes.contains(.pronounFemale) {
                guard entity.type == .person, !entity.plural else { continue }
                let wanted: Gender = classes.contains(.pronounMale) ? .male : .female
                if entity.gender != .unknown && entity.gender != wanted { continue }
                if entity.gender == .unknown && entity.name != nil { entities[event.entity].gender = wanted }
                return event.entity
            }
            if classes.contains(.pronounPlural) {
                if entity.plural || entity.type == .organization || entity.type == .media { return event.entity }
                continue
            }
            if classes.contains(.pronounIt) {
                if !entity.plural && (entity.type == .document || entity.type == .organization || entity.type == .media) {
                    return event.entity
                }
                continue
            }
            return nil
        }
        return nil
    }
}
