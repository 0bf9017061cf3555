public enum Polarity: String, Sendable, Codable {
    case positive
    case negative
}
