public enum ClaimKind: String, Sendable, Codable, CaseIterable {
    case directQuote = "direct-quote"
    case partialQuote = "partial-quote"
    case reportedSpeech = "reported-speech"
    case passiveReport = "passive-report"
    case denial
    case unattributedFactual = "unattributed-factual"
}
