/// A person's gender as titles, first names and pronouns give it; unknown until one does.
enum Gender: UInt8 {
    case unknown
    case male
    case female

    /// Kinship and other gendered nouns that stand before a name (`husband Omar Roe`), by word hash.
    static let kinship: [UInt64: Gender] = {
        var words: [UInt64: Gender] = [:]
        let male = "husband father son brother grandfather grandson uncle nephew boyfriend widower dad"
        let female = "wife mother daughter sister grandmother granddaughter aunt niece girlfriend widow mom mum"
        for word in male.split(separator: " ") { words[WordHash.of(String(word))] = .male }
        for word in female.split(separator: " ") { words[WordHash.of(String(word))] = .female }
        return words
    }()
}
