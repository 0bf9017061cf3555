/// A claim found in an article. Only the claims stage makes one; other modules read it.
public struct Claim: Sendable, Codable, Hashable {
    public var kind: ClaimKind
    public var speaker: Speaker?
    public var cue: Segment?
    public var content: Segment
    public var polarity: Polarity
    /// The outlet or agency that relays someone else's words (`according to RIA`, `KCNA said`).
    public var reportingSource: String?
    public var confidence: Double
    /// For unattributed factual statements: how much a fact-checker would want to look (0...1).
    public var checkWorthiness: Double?
    /// Stable across outlets' edits: equal fingerprints mean the same claim.
    public var fingerprint: String
    /// Index into ``ParsedArticle/sentences`` of the sentence the claim starts in.
    public var sentenceIndex: Int
    /// When the attribution interrupts the content (`The museum, Mr. Obama said, would ...`), the pieces of
    /// content around it; ``content`` then spans them all. Empty otherwise.
    public var contentParts: [Segment] = []
    /// The content's ``ClaimMatcher/signature(_:)``, computed with the fingerprint so the store need not compute it
    /// again. Not encoded (output unchanged), so nil in a decoded claim.
    public var signature: ClaimSignature? = nil

    enum CodingKeys: String, CodingKey {
        case kind, speaker, cue, content, polarity, reportingSource, confidence, checkWorthiness, fingerprint
        case sentenceIndex, contentParts
    }
}
