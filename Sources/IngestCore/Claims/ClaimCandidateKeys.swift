/// Which canonical tokens of a claim the variant-candidate index holds (prefix filtering): a claim of `n` tokens
/// is indexed under its `n − t(n) + 1` tokens of lowest rank, where `t(n)` is the fewest shared tokens with which
/// ``ClaimMatcher/isSameClaim(_:_:threshold:)-(ClaimSignature,ClaimSignature)`` can say "same claim" for a claim
/// of that size. The rank is a fixed mix of the token's hash, so every claim orders tokens the same way.
///
/// Two claims are candidates when they share a key (``isCandidate(_:_:)``): symmetric, so whichever claim arrives
/// second makes the same decision, and a linker probes the index with a new claim's keys only. Claims sharing T
/// tokens share the lowest-ranked of them as a key whenever T ≥ t of the longer claim, so every same-claim pair of
/// equal size is a candidate; a claim trimmed to part of a longer one is a candidate unless all the tokens they
/// share rank above the longer one's keys (≈ 3 % for 6 of 12 tokens). `ingest-eval claims-variants` measures the
/// groups this finds against every same-claim pair.
public enum ClaimCandidateKeys {
    /// The fewest shared tokens with which a claim of `count` tokens can be the same claim as one at least as long.
    public static func requiredOverlap(_ count: Int) -> Int {
        var overlap = min(ClaimMatcher.minimumSharedTokens, count)
        // The same comparison as isSameClaim, so floating-point rounding cannot make the two disagree.
        while overlap < count && Double(overlap) / Double(count) < ClaimMatcher.sameClaimThreshold { overlap += 1 }
        return overlap
    }

    /// How many of a claim's `count` tokens are indexed.
    public static func indexedCount(_ count: Int) -> Int {
        count == 0 ? 0 : count - requiredOverlap(count) + 1
    }

    /// The indexed tokens of a signature's sorted unique `tokens`, in ascending token order (empty for claims with
    /// fewer than ClaimMatcher.minimumSharedTokens tokens, which are never another claim's variant).
    public static func indexed(_ tokens: [UInt64]) -> [UInt64] {
        guard tokens.count >= ClaimMatcher.minimumSharedTokens else { return [] }
        let ranked = tokens.sorted { rank($0) < rank($1) }
        return ranked.prefix(indexedCount(tokens.count)).sorted()
    }

    /// The claims share a key.
    public static func isCandidate(_ a: ClaimSignature, _ b: ClaimSignature) -> Bool {
        isCandidate(indexed: indexed(a.tokens), indexed: indexed(b.tokens))
    }

    /// ``isCandidate(_:_:)`` with both claims' keys already known (sorted ascending).
    public static func isCandidate(indexed a: [UInt64], indexed b: [UInt64]) -> Bool {
        ClaimMatcher.shared(a, b) > 0
    }

    @inline(__always)
    static func rank(_ token: UInt64) -> UInt64 { ClaimMatcher.mix64(token ^ 0x5851_F42D_4C95_7F2D) }
}
