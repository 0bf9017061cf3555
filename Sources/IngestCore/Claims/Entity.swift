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
    /// For a document: the entity that wrote or issued it (`a report by the railway company`), which speaks for it.
    var owner: Int?

    /// The word hashes of a role or name, for matching `the minister` or `the union` against it.
    static func wordHashes(_ text: String) -> [UInt64] {
        text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\u{00A0}" }).map { WordHash.of(String($0)) }
    }
}
