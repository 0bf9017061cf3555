/// A person's gender as titles, first names and pronouns give it; unknown until one does.
enum Gender: UInt8 {
    case unknown
    case male
    case female
}
