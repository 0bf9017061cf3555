/// The thresholds of ``Similarity/compare(_:_:sharedClaims:thresholds:)``; the defaults were chosen on the
/// `dedup-eval` set (see `Sources/IngestCore/Dedup/README.md`).
public struct DedupThresholds: Sendable, Hashable, Codable {
    /// Estimated Jaccard from which two articles are near-duplicates. Below the 0.5 target so that true 0.5 pairs
    /// are not lost to the estimate's ±0.044 error; partial reprints stay below it.
    public var nearJaccard: Double
    /// A lower Jaccard that still makes a near-duplicate when, in both directions, at least
    /// ``nearMutualContainment`` of the sentences are shared: an edited copy keeps most sentences on both sides,
    /// a partial reprint does not. Recovers true 0.5 pairs whose estimate fell low.
    public var nearJaccardWithSentences: Double
    public var nearMutualContainment: Double
    /// A copy (near-duplicate or reprint) is copied text: at least this many of the smaller article's sentences
    /// found in the other, in order (a near-duplicate of a shorter brief: all of them). Fewer is never a copy, whatever else the pair shares (two reports quoting the same people share a few
    /// sentences and often a good part of their word pairs in short articles).
    public var reprintMinSentences: Int
    /// A reprint when this share of the smaller article's sentences is found in the other in order: most of it.
    public var reprintInOrderShare: Double
    /// ... or when this share of its sentences stands in copied passages (next to another shared sentence on both
    /// sides): a partial reprint keeps paragraphs; shared quotes stand alone. The seeds' wire copies 001 and 003
    /// share 9 of 21 sentences, 7 of them in passages.
    public var reprintPassageShare: Double
    /// ... or when this many sentences stand in copied passages, whatever the share (a long article carrying a wire
    /// story).
    public var reprintPassageSentences: Int
    /// ... or when the estimated Jaccard reaches this (a heavily edited copy, few sentences intact). Below
    /// ``reprintMinSentences`` sentences in order such a pair is `related` and in one story, not a copy: short
    /// reports sharing a quote reach it too. Different reports of real articles stay ≤ 0.17.
    public var reprintJaccard: Double
    /// Shared sentences (or claims) from which the pair is `related`.
    public var relatedMinShared: Int
    /// A `related` pair joins one story when it shares at least this many sentences ...
    public var storyMinSharedSentences: Int
    /// ... or this many quotes (``QuoteKeys``): a rewrite quotes the same people in the same words. Not two: a
    /// follow-up story often repeats two quotes from the first one (`dedup-eval`'s quote-share pairs).
    public var storyMinSharedClaims: Int

    public init(
        nearJaccard: Double = 0.45,
        nearJaccardWithSentences: Double = 0.35,
        nearMutualContainment: Double = 0.5,
        reprintMinSentences: Int = 3,
        reprintInOrderShare: Double = 0.5,
        reprintPassageShare: Double = 0.25,
        reprintPassageSentences: Int = 6,
        reprintJaccard: Double = 0.3,
        relatedMinShared: Int = 2,
        storyMinSharedSentences: Int = 3,
        storyMinSharedClaims: Int = 3
    ) {
        self.nearJaccard = nearJaccard
        self.nearJaccardWithSentences = nearJaccardWithSentences
        self.nearMutualContainment = nearMutualContainment
        self.reprintMinSentences = reprintMinSentences
        self.reprintInOrderShare = reprintInOrderShare
        self.reprintPassageShare = reprintPassageShare
        self.reprintPassageSentences = reprintPassageSentences
        self.reprintJaccard = reprintJaccard
        self.relatedMinShared = relatedMinShared
        self.storyMinSharedSentences = storyMinSharedSentences
        self.storyMinSharedClaims = storyMinSharedClaims
    }

    public static let standard = DedupThresholds()
}
