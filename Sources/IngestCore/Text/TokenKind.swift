/// What a token is, decided from its characters alone.
enum TokenKind: UInt8, Sendable {
    case word
    case number
    case punct
    case doubleQuote
    case singleQuote
}
