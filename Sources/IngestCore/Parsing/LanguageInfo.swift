/// The language guess; the pipeline is English-first and flags the rest instead of mangling it. Only
/// ``LanguageDetector`` makes one.
public struct LanguageInfo: Sendable, Hashable, Codable {
    /// ISO 639-1 code, or `und` when the text is too short to tell.
    public var code: String
    public var isEnglish: Bool
    public var confidence: Double

    /// Too little text to tell; English rules still apply.
    public static let undetermined = LanguageInfo(code: "und", isEnglish: true, confidence: 0)
}
