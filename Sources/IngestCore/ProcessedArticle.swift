/// The result of the whole pipeline for one article.
public struct ProcessedArticle: Sendable, Codable {
    public var envelope: ArticleEnvelope
    public var parsed: ParsedArticle
    public var fingerprints: Fingerprints
    public var claims: [Claim]
    public var pipelineVersion: String

    public init(
        envelope: ArticleEnvelope,
        parsed: ParsedArticle,
        fingerprints: Fingerprints,
        claims: [Claim],
        pipelineVersion: String
    ) {
        self.envelope = envelope
        self.parsed = parsed
        self.fingerprints = fingerprints
        self.claims = claims
        self.pipelineVersion = pipelineVersion
    }
}
