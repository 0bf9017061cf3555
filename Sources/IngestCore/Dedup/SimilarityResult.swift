/// The verdict on one pair of articles, with the evidence behind it.
public struct SimilarityResult: Sendable, Hashable, Codable {
    public var relation: DedupRelation
    /// 1 for exact; the estimated Jaccard for near-duplicates; max(containment, Jaccard) otherwise.
    public var score: Double
    public var estimatedJaccard: Double
    /// Share of the smaller article's sentences (fewer sentences) found in the other, exactly or by an anchor.
    public var containment: Double
    /// The smaller of the two directed shares (each article's sentences found in the other).
    public var mutualContainment: Double
    /// How many of the smaller article's sentences are found in the other.
    public var sharedSentences: Int
    /// Sentences of the smaller article.
    public var comparedSentences: Int
    /// How the smaller article's shared sentences stand in the other: in order, in passages.
    public var alignment: SentenceAlignment
    /// Whether the pair belongs in one story: any copy relation, or a related pair sharing enough sentences/claims.
    public var sameStory: Bool
}
