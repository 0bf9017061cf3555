import IngestCore
import Testing

@Suite struct ClaimVariantFilterTests {
    /// Random claims over a small vocabulary (so that pairs share tokens), some with figures, some equal.
    static func claims(count: Int, seed: UInt64) -> [ClaimSignature] {
        var random = SplitMix64(seed: seed)
        var out: [ClaimSignature] = []
        for index in 0..<count {
            if index > 0 && random.next() % 10 == 0 {
                out.append(out[Int(random.next() % UInt64(out.count))])
                continue
            }
            let size = Int(random.next() % 16)
            var tokens = Set<UInt64>()
            while tokens.count < size { tokens.insert(random.next() % 40) }
            let numbers = tokens.filter { $0 < 4 }
            out.append(ClaimSignature(tokens: tokens.sorted(), numbers: numbers.sorted()))
        }
        return out
    }

    /// The filter returns the containment itself exactly when it reaches the threshold, so it never drops a
    /// same-claim pair.
    @Test func dropsOnlyPairsBelowTheThreshold() {
        let claims = Self.claims(count: 400, seed: 7)
        var kept = 0
        var same = 0
        for a in claims {
            for b in claims {
                let similarity = ClaimMatcher.similarity(a, b)
                let filtered = ClaimVariantFilter.similarity(a, b)
                #expect(filtered == (similarity >= ClaimMatcher.sameClaimThreshold ? similarity : nil))
                if ClaimMatcher.isSameClaim(a, b) {
                    same += 1
                    #expect(filtered != nil)
                }
                if filtered != nil { kept += 1 }
            }
        }
        // The draw exercises both sides: same-claim pairs, and many pairs the filter drops.
        #expect(same > 400 && kept < claims.count * claims.count / 2)
    }

    /// Linking ranks a claim's candidates (most similar first, then a tie-break), keeps the first `cap` and judges
    /// them: with the filter first, it finds exactly the same variants, in the same order, with fewer verdicts.
    @Test func rankingWithTheFilterFindsTheSameVariants() {
        let claims = Self.claims(count: 300, seed: 11)
        for cap in [3, 20, 1000] {
            var judgedWithout = 0
            var judgedWith = 0
            for (id, claim) in claims.enumerated() {
                var all: [(other: Int, similarity: Double)] = []
                var filtered: [(other: Int, similarity: Double)] = []
                for (other, candidate) in claims.enumerated() where other != id {
                    all.append((other, ClaimMatcher.similarity(claim, candidate)))
                    if let similarity = ClaimVariantFilter.similarity(claim, candidate) {
                        filtered.append((other, similarity))
                    }
                }
                func variants(_ ranked: [(other: Int, similarity: Double)], judged: inout Int) -> [Int] {
                    let top = ranked.sorted {
                        $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.other < $1.other
                    }.prefix(cap)
                    judged += top.count
                    return top.filter { ClaimMatcher.isSameClaim(claim, claims[$0.other]) }.map(\.other)
                }
                #expect(variants(all, judged: &judgedWithout) == variants(filtered, judged: &judgedWith))
            }
            #expect(judgedWith < judgedWithout)
        }
    }
}

@Suite struct ClaimTokenMaskTests {
    /// Claims over a small vocabulary of well-mixed 64-bit hashes, as real signatures hold.
    static func claims(count: Int, seed: UInt64) -> [[UInt64]] {
        var random = SplitMix64(seed: seed)
        let vocabulary = (0..<60).map { _ in random.next() }
        return (0..<count).map { _ in
            let size = Int(random.next() % 24)
            var tokens = Set<UInt64>()
            while tokens.count < size { tokens.insert(vocabulary[Int(random.next() % 60)]) }
            return tokens.sorted()
        }
    }

    /// With the masks the filter gives the same value for every pair, and the masks alone rule out most of the
    /// pairs below the threshold (which is what saves the merges).
    @Test func maskedFilterAgreesAndRulesOutMostPairsBelowTheThreshold() {
        let claims = Self.claims(count: 300, seed: 5)
        let masks = claims.map(ClaimTokenMask.init)
        var below = 0
        var ruledOut = 0
        for (a, aMask) in zip(claims, masks) {
            for (b, bMask) in zip(claims, masks) {
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        let plain = ClaimVariantFilter.similarity(a, b)
                        #expect(ClaimVariantFilter.similarity(a, aMask, b, bMask) == plain)
                        let smaller = min(a.count, b.count)
                        guard plain == nil, smaller > 0 else { return }
                        below += 1
                        let needed = ClaimCandidateKeys.requiredOverlap(smaller)
                        let fits =
                            a.count <= b.count ? bMask.mayShare(a, atLeast: needed) : aMask.mayShare(b, atLeast: needed)
                        if !fits { ruledOut += 1 }
                    }
                }
            }
        }
        #expect(below > 10_000 && ruledOut > below / 2)
    }

    /// A token the masked claim holds always counts, so shared tokens are never ruled out.
    @Test func neverRulesOutTheTokensItHolds() {
        for tokens in Self.claims(count: 200, seed: 9) {
            let mask = ClaimTokenMask(tokens)
            tokens.withUnsafeBufferPointer { #expect(mask.mayShare($0, atLeast: $0.count)) }
        }
        #expect(![UInt64(1) << 63].withUnsafeBufferPointer { ClaimTokenMask([1]).mayShare($0, atLeast: 1) })
    }
}
