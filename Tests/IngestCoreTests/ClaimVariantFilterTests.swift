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
