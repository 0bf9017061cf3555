/// The result of the whole pipeline for one article. Only ``Pipeline`` makes one; other modules read it.
public struct ProcessedArticle: Sendable, Codable {
    public var envelope: ArticleEnvelope
    public var parsed: ParsedArticle
    public var fingerprints: Fingerprints
    public var claims: [Claim]
    public var pipelineVersion: String
}
