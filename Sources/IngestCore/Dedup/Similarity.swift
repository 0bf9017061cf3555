/// Compares two articles' fingerprints: the relation (copy, related, unrelated), its score and whether they share a story.
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
        exactResult(a, b)
            ?? compare(a, SentenceLookup(a), b, SentenceLookup(b), sharedClaims: sharedClaims, thresholds: thresholds)
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
        let alignment = aIsSmaller ? SentenceAlignment.of(a, in: bLookup) : SentenceAlignment.of(b, in: aLookup)
        let shared = alignment.shared
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
            alignment: alignment,
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
                alignment: SentenceAlignment(),
                sameStory: true
            )
        }
        return nil
    }

    static func verdict(
        jaccard: Double,
        overlap: (shared: Int, compared: Int),
        alignment: SentenceAlignment,
        containment: Double,
        mutual: Double,
        claims: Int,
        thresholds: DedupThresholds
    ) -> SimilarityResult {
        let relation: DedupRelation
        let score: Double
        // A copy carries sentences: a short report made mostly of the quotes another one has too shares many word
        // pairs, but not three sentences in order (all of its sentences when it has fewer: a copy of a brief).
        let copiesSentences = alignment.inOrder >= min(thresholds.reprintMinSentences, overlap.compared)
        if copiesSentences
            && (jaccard >= thresholds.nearJaccard
                || (jaccard >= thresholds.nearJaccardWithSentences && mutual >= thresholds.nearMutualContainment))
        {
            relation = .nearDuplicate
            score = jaccard
        } else if isReprint(alignment, compared: overlap.compared, jaccard: jaccard, thresholds: thresholds) {
            relation = .reprint
            score = max(containment, jaccard)
        } else if overlap.shared >= thresholds.relatedMinShared || claims >= thresholds.relatedMinShared
            || jaccard >= thresholds.reprintJaccard
        {
            relation = .related
            score = max(containment, jaccard)
        } else {
            relation = .none
            score = max(containment, jaccard)
        }
        let sameStory =
            relation.isCopy
            || (relation == .related
                && (overlap.shared >= thresholds.storyMinSharedSentences || claims >= thresholds.storyMinSharedClaims
                    || jaccard >= thresholds.reprintJaccard))
        return SimilarityResult(
            relation: relation,
            score: score,
            estimatedJaccard: jaccard,
            containment: containment,
            mutualContainment: mutual,
            sharedSentences: overlap.shared,
            comparedSentences: overlap.compared,
            alignment: alignment,
            sameStory: sameStory
        )
    }

    /// Copied text: enough of the smaller article's sentences in order, and most of them, or a good share in copied
    /// passages, or a heavily edited copy's word pairs.
    static func isReprint(
        _ alignment: SentenceAlignment,
        compared: Int,
        jaccard: Double,
        thresholds: DedupThresholds
    ) -> Bool {
        guard alignment.inOrder >= thresholds.reprintMinSentences else { return false }
        let sentences = Double(compared)
        return Double(alignment.inOrder) >= thresholds.reprintInOrderShare * sentences
            || (alignment.inPassages >= thresholds.reprintMinSentences
                && Double(alignment.inPassages) >= thresholds.reprintPassageShare * sentences)
            || alignment.inPassages >= thresholds.reprintPassageSentences
            || jaccard >= thresholds.reprintJaccard
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
            if other.mayHoldExact(hash) && SentenceLookup.contains(other.exact, hash) {
                shared += 1
                continue
            }
            guard useAnchors else { continue }
            let prefix = article.sentenceAnchors[2 * index]
            let suffix = article.sentenceAnchors[2 * index + 1]
            if (other.mayHoldAnchor(prefix) && SentenceLookup.contains(other.prefixes, prefix))
                || (other.mayHoldAnchor(suffix) && SentenceLookup.contains(other.suffixes, suffix))
            {
                shared += 1
            }
        }
        return shared
    }
}
