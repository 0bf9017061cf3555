/// How two articles relate, strongest first.
public enum DedupRelation: String, Sendable, Codable, CaseIterable, Hashable {
    /// The same body: equal content hash, or the same normalised word sequence (formatting-only changes).
    case exact
    /// The same copy lightly edited: estimated shingle Jaccard ≥ ``DedupThresholds/nearJaccard``.
    case nearDuplicate = "near-duplicate"
    /// One reprints a substantial part of the other (trimmed, embedded in new text, or heavily edited).
    case reprint
    /// Shares a few sentences or quotes, not enough to be a reprint.
    case related
    case none

    /// Relations that put both articles in one story unconditionally.
    public var isCopy: Bool {
        self == .exact || self == .nearDuplicate || self == .reprint
    }
}

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
    /// Estimated Jaccard from which a heavily edited copy is still a reprint (hard negatives stay ≤ 0.15).
    public var reprintJaccard: Double
    /// Share of the smaller article's sentences found in the other from which it is a reprint ...
    public var reprintContainment: Double
    /// ... provided at least this many sentences are shared.
    public var reprintMinSentences: Int
    /// A reprint regardless of the share when this many sentences are shared (a long article quoting a wire story).
    public var reprintAbsoluteSentences: Int
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
        reprintJaccard: Double = 0.3,
        reprintContainment: Double = 0.2,
        reprintMinSentences: Int = 3,
        reprintAbsoluteSentences: Int = 6,
        relatedMinShared: Int = 2,
        storyMinSharedSentences: Int = 3,
        storyMinSharedClaims: Int = 3
    ) {
        self.nearJaccard = nearJaccard
        self.nearJaccardWithSentences = nearJaccardWithSentences
        self.nearMutualContainment = nearMutualContainment
        self.reprintJaccard = reprintJaccard
        self.reprintContainment = reprintContainment
        self.reprintMinSentences = reprintMinSentences
        self.reprintAbsoluteSentences = reprintAbsoluteSentences
        self.relatedMinShared = relatedMinShared
        self.storyMinSharedSentences = storyMinSharedSentences
        self.storyMinSharedClaims = storyMinSharedClaims
    }

    public static let standard = DedupThresholds()
}

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
    /// Whether the pair belongs in one story: any copy relation, or a related pair sharing enough sentences/claims.
    public var sameStory: Bool
}

public enum Similarity {
    /// The relation between two articles and its score. Symmetric: `relation(a, b) == relation(b, a)`.
    public static func relation(
        _ a: Fingerprints,
        _ b: Fingerprints,
        sharedClaims: Int? = nil
    ) -> (DedupRelation, score: Double) {
        let result = compare(a, b, sharedClaims: sharedClaims)
        return (result.relation, result.score)
    }

    /// The full comparison. `sharedClaims` is the number of claims (quotes) the two articles share; by default it
    /// is counted from their ``Fingerprints/quoteKeys``. It can raise a pair to `related` and join it to the story,
    /// never to a copy relation.
    public static func compare(
        _ a: Fingerprints,
        _ b: Fingerprints,
        sharedClaims: Int? = nil,
        thresholds: DedupThresholds = .standard
    ) -> SimilarityResult {
        if let exact = exactResult(a, b) { return exact }
        return compare(a, SentenceLookup(a), b, SentenceLookup(b), sharedClaims: sharedClaims, thresholds: thresholds)
    }

    /// ``compare(_:_:sharedClaims:thresholds:)`` with each article's ``SentenceLookup`` built by the caller, who
    /// compares one article with many.
    public static func compare(
        _ a: Fingerprints,
        _ aLookup: SentenceLookup,
        _ b: Fingerprints,
        _ bLookup: SentenceLookup,
        sharedClaims: Int? = nil,
        thresholds: DedupThresholds = .standard
    ) -> SimilarityResult {
        if let exact = exactResult(a, b) { return exact }
        let jaccard = MinHash.estimatedJaccard(a.minhash, b.minhash)
        let aIsSmaller = isSmaller(a, b)
        let shared = aIsSmaller ? sharedSentences(of: a, in: bLookup) : sharedSentences(of: b, in: aLookup)
        let compared = aIsSmaller ? a.sentenceHashes.count : b.sentenceHashes.count
        let largerShared = aIsSmaller ? sharedSentences(of: b, in: aLookup) : sharedSentences(of: a, in: bLookup)
        let larger = aIsSmaller ? b.sentenceHashes.count : a.sentenceHashes.count
        let overlap = (shared: shared, compared: compared)
        let containment = compared > 0 ? Double(shared) / Double(compared) : 0
        let mutual = min(containment, larger > 0 ? Double(largerShared) / Double(larger) : 0)
        let claims =
            sharedClaims
            ?? (a.quoteKeys.count >= 3 && b.quoteKeys.count >= 3
                ? max(
                    QuoteKeys.matched(a.quoteKeys, in: bLookup.quotes),
                    QuoteKeys.matched(b.quoteKeys, in: aLookup.quotes)
                )
                : 0)
        return verdict(
            jaccard: jaccard,
            overlap: overlap,
            containment: containment,
            mutual: mutual,
            claims: claims,
            thresholds: thresholds
        )
    }

    /// The exact verdict when the bodies are equal (content hash) or equal but for formatting (token hash).
    static func exactResult(_ a: Fingerprints, _ b: Fingerprints) -> SimilarityResult? {
        if a.contentHash == b.contentHash || (a.tokenHash != 0 && a.tokenHash == b.tokenHash) {
            return SimilarityResult(
                relation: .exact,
                score: 1,
                estimatedJaccard: 1,
                containment: 1,
                mutualContainment: 1,
                sharedSentences: min(a.sentenceHashes.count, b.sentenceHashes.count),
                comparedSentences: min(a.sentenceHashes.count, b.sentenceHashes.count),
                sameStory: true
            )
        }
        return nil
    }

    static func verdict(
        jaccard: Double,
        overlap: (shared: Int, compared: Int),
        containment: Double,
        mutual: Double,
        claims: Int,
        thresholds: DedupThresholds
    ) -> SimilarityResult {
        let relation: DedupRelation
        let score: Double
        if jaccard >= thresholds.nearJaccard
            || (jaccard >= thresholds.nearJaccardWithSentences && mutual >= thresholds.nearMutualContainment)
        {
            relation = .nearDuplicate
            score = jaccard
        } else if jaccard >= thresholds.reprintJaccard
            || (overlap.shared >= thresholds.reprintMinSentences && containment >= thresholds.reprintContainment)
            || overlap.shared >= thresholds.reprintAbsoluteSentences
        {
            relation = .reprint
            score = max(containment, jaccard)
        } else if overlap.shared >= thresholds.relatedMinShared || claims >= thresholds.relatedMinShared {
            relation = .related
            score = max(containment, jaccard)
        } else {
            relation = .none
            score = max(containment, jaccard)
        }
        let sameStory =
            relation.isCopy
            || (relation == .related
                && (overlap.shared >= thresholds.storyMinSharedSentences || claims >= thresholds.storyMinSharedClaims))
        return SimilarityResult(
            relation: relation,
            score: score,
            estimatedJaccard: jaccard,
            containment: containment,
            mutualContainment: mutual,
            sharedSentences: overlap.shared,
            comparedSentences: overlap.compared,
            sameStory: sameStory
        )
    }

    /// Sentences of the smaller article (fewer sentences; ties broken by content hash, so the result is symmetric)
    /// found in the other: equal sentence hash, or an equal prefix or suffix anchor.
    public static func sentenceOverlap(
        _ a: Fingerprints,
        _ b: Fingerprints
    ) -> (shared: Int, compared: Int, smaller: Fingerprints, larger: Fingerprints) {
        let aIsSmaller = isSmaller(a, b)
        let small = aIsSmaller ? a : b
        let large = aIsSmaller ? b : a
        return (sharedSentences(of: small, in: large), small.sentenceHashes.count, small, large)
    }

    /// Share of `article`'s sentences found in `other`.
    public static func directedContainment(of article: Fingerprints, in other: Fingerprints) -> Double {
        guard !article.sentenceHashes.isEmpty else { return 0 }
        return Double(sharedSentences(of: article, in: other)) / Double(article.sentenceHashes.count)
    }

    /// Whether `a` is the smaller article of the pair: fewer sentences, ties broken by content hash (symmetric).
    static func isSmaller(_ a: Fingerprints, _ b: Fingerprints) -> Bool {
        a.sentenceHashes.count < b.sentenceHashes.count
            || (a.sentenceHashes.count == b.sentenceHashes.count && a.contentHash <= b.contentHash)
    }

    /// How many of `article`'s sentences are found in `other`, exactly or by an anchor.
    public static func sharedSentences(of article: Fingerprints, in other: Fingerprints) -> Int {
        sharedSentences(of: article, in: SentenceLookup(other))
    }

    static func sharedSentences(of article: Fingerprints, in other: SentenceLookup) -> Int {
        guard !article.sentenceHashes.isEmpty, !other.exact.isEmpty else { return 0 }
        let useAnchors = other.hasAnchors && article.sentenceAnchors.count == 2 * article.sentenceHashes.count
        var shared = 0
        for (index, hash) in article.sentenceHashes.enumerated() {
            if SentenceLookup.contains(other.exact, hash)
                || (useAnchors
                    && (SentenceLookup.contains(other.prefixes, article.sentenceAnchors[2 * index])
                        || SentenceLookup.contains(other.suffixes, article.sentenceAnchors[2 * index + 1])))
            {
                shared += 1
            }
        }
        return shared
    }
}
