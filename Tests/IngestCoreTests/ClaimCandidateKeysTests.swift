import IngestCore
import Testing

@Suite struct ClaimCandidateKeysTests {
    /// A claim of n tokens is indexed under n − t(n) + 1 of them, where t(n) is the fewest shared tokens that
    /// isSameClaim accepts for that size.
    @Test func aClaimIsIndexedUnderAFewOfItsTokens() {
        #expect(ClaimCandidateKeys.requiredOverlap(10) == 7)
        #expect(ClaimCandidateKeys.indexedCount(10) == 4)
        #expect(ClaimCandidateKeys.indexedCount(3) == 1)
        #expect(ClaimCandidateKeys.indexed([1, 2]).isEmpty)
        let long = ClaimMatcher.signature(
            "The council approved a budget of 4 million for road repairs across the county"
        )
        let keys = ClaimCandidateKeys.indexed(long.tokens)
        #expect(keys.count == ClaimCandidateKeys.indexedCount(long.tokens.count) && keys.count < long.tokens.count)
        #expect(Set(keys).isSubset(of: long.tokens))
        let trimmed = ClaimMatcher.signature("The council approved a budget of 4 million for road repairs")
        // The same words with the last ones cut: a variant, and a candidate through the keys.
        #expect(ClaimMatcher.isSameClaim(long, trimmed))
        #expect(ClaimCandidateKeys.isCandidate(long, trimmed))
    }

    /// Every same-claim pair of equal size is a candidate (prefix filtering is exact there), the rule is symmetric,
    /// and a claim trimmed to half of a longer one is a candidate in most draws.
    @Test func sameClaimPairsAreCandidates() {
        var random = SplitMix64(seed: 42)
        var equalPairs = 0
        var trimmed = (pairs: 0, found: 0)
        for _ in 0..<4000 {
            let size = Int.random(in: 3...24, using: &random)
            let a = (0..<size).map { _ in UInt64.random(in: 0..<40, using: &random) &* 0x1000_0000_01B3 }
            var b = a.shuffled(using: &random)
            let changed = Int.random(in: 0...max(0, size / 3), using: &random)
            for index in 0..<changed { b[index] = UInt64.random(in: 1000..<2000, using: &random) }
            let sa = ClaimSignature(tokens: Array(Set(a)).sorted())
            let sb = ClaimSignature(tokens: Array(Set(b)).sorted())
            #expect(ClaimCandidateKeys.isCandidate(sa, sb) == ClaimCandidateKeys.isCandidate(sb, sa))
            if sa.tokens.count >= 3 && sa.tokens.count == sb.tokens.count && ClaimMatcher.isSameClaim(sa, sb) {
                equalPairs += 1
                #expect(ClaimCandidateKeys.isCandidate(sa, sb))
            }
            let long = ClaimSignature(tokens: (0..<12).map { _ in random.next() }.sorted())
            let half = ClaimSignature(tokens: Array(long.tokens.shuffled(using: &random).prefix(6)).sorted())
            trimmed.pairs += 1
            if ClaimCandidateKeys.isCandidate(long, half) { trimmed.found += 1 }
        }
        #expect(equalPairs > 500)
        #expect(trimmed.found * 100 > trimmed.pairs * 90)
        #expect(trimmed.found < trimmed.pairs)  // not exact there: what the claims-variants evaluation measures
    }
}
