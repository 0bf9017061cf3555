/// The language guess; the pipeline is English-first and flags the rest instead of mangling it.
public struct LanguageInfo: Sendable, Hashable, Codable {
    /// ISO 639-1 code, or `und` when the text is too short to tell.
    public var code: String
    public var isEnglish: Bool
    public var confidence: Double

    public init(code: String, isEnglish: Bool, confidence: Double) {
        self.code = code
        self.isEnglish = isEnglish
        self.confidence = confidence
    }
}
