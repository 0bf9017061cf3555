import IngestCore
import Testing

@testable import IngestStore

/// `ClaimCandidateRanking` gathers and ranks claim-variant candidates by dense position; it must give exactly the
/// pairs of the plain definition (sets of ids, a similarity per pair, a sort): the same candidates, the same cut at
/// the per-key and per-claim caps, the same order.
@Suite struct ClaimCandidateRankingTests {
    typealias Info = (fingerprint: String, tokens: [UInt64])

    /// SplitMix64, so every run checks the same cases.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One step's input: pending claims with their keys (nil: no record), each key's posting list (ids
    /// ascending), each claim's fingerprint and tokens, and the two caps.
    struct Step {
        var pending: [Int64]
        var keys: [[UInt64]?]
        var lists: [UInt64: [Int64]]
        var info: [Int64: Info]
        var perKey: Int
        var cap: Int

        /// The definition: for each pending claim, the first `perKey` ids of each key's list other than itself, as
        /// a set; those with a same-claim containment, most similar first, then smallest fingerprint, then id.
        var reference: [(Int64, Int64)] {
            var pairs: [(Int64, Int64)] = []
            for (index, claim) in pending.enumerated() {
                guard let claimKeys = keys[index], let mine = info[claim] else { continue }
                var found = Set<Int64>()
                for key in claimKeys {
                    for other in (lists[key] ?? []).filter({ $0 != claim }).prefix(perKey) { found.insert(other) }
                }
                var kept: [(id: Int64, similarity: Double, fingerprint: String)] = []
                for other in found {
                    guard let theirs = info[other],
                        let similarity = ClaimVariantFilter.similarity(
                            ClaimSignature(tokens: mine.tokens),
                            ClaimSignature(tokens: theirs.tokens)
                        )
                    else { continue }
                    kept.append((other, similarity, theirs.fingerprint))
                }
                kept.sort { ($1.similarity, $0.fingerprint, $0.id) < ($0.similarity, $1.fingerprint, $1.id) }
                pairs += kept.prefix(cap).map { (claim, $0.id) }
            }
            return pairs
        }

        var ranked: (pairs: [(Int64, Int64)], candidates: Set<Int64>) {
            var ranking = ClaimCandidateRanking(pending: pending)
            var positions: [Int64: [Int32]] = [:]
            for (key, ids) in lists { positions[Int64(bitPattern: key)] = ids.map { ranking.position(of: $0) } }
            ranking.gather(keys: keys, postings: { _ in positions }, perKey: perKey)
            return (ranking.rankedPairs(cap: cap) { info[$0] }, Set(ranking.candidateIDs))
        }
    }

    @Test(arguments: 1...20)
    func givesThePairsOfTheDefinition(seed: UInt64) {
        var random = Generator(state: seed)
        // Claims worded from a few base claims, so that many pairs pass the same-claim threshold; some share a
        // fingerprint, so that ties go to the id.
        let bases: [[UInt64]] = (0..<6).map { _ in (0..<10).map { _ in UInt64.random(in: 0..<80, using: &random) } }
        var info: [Int64: Info] = [:]
        for id in Int64(1)...300 where Int.random(in: 0..<10, using: &random) > 0 {
            var tokens = bases[Int.random(in: 0..<bases.count, using: &random)]
            for _ in 0..<Int.random(in: 0..<4, using: &random) {
                tokens[Int.random(in: 0..<tokens.count, using: &random)] = UInt64.random(in: 0..<80, using: &random)
            }
            info[id] = ("f\(Int.random(in: 0..<40, using: &random))", Array(Set(tokens)).sorted())
        }
        var lists: [UInt64: [Int64]] = [:]
        for key in UInt64(0)..<25 {
            lists[key] = Array(
                Set((0..<Int.random(in: 0..<14, using: &random)).map { _ in Int64.random(in: 1...300, using: &random) })
            ).sorted()
        }
        let pending = Array(Set((0..<60).map { _ in Int64.random(in: 1...300, using: &random) })).sorted().shuffled(
            using: &random
        )
        let keys: [[UInt64]?] = pending.map { _ in
            Int.random(in: 0..<8, using: &random) == 0
                ? nil
                : Array(
                    Set(
                        (0..<Int.random(in: 1...6, using: &random)).map { _ in UInt64.random(in: 0..<30, using: &random)
                        }
                    )
                )
        }
        let step = Step(pending: pending, keys: keys, lists: lists, info: info, perKey: 5, cap: 7)
        let (pairs, _) = step.ranked
        let expected = step.reference
        #expect(pairs.map { [$0.0, $0.1] } == expected.map { [$0.0, $0.1] })
        #expect(!expected.isEmpty)
    }

    @Test func aClaimIsNotItsOwnCandidateNorCountsAgainstTheKeysLimit() {
        let tokens: [UInt64] = [1, 2, 3, 4, 5]
        let info: [Int64: Info] = [10: ("a", tokens), 20: ("b", tokens), 30: ("c", tokens), 40: ("d", tokens)]
        let (pairs, candidates) = Step(
            pending: [20],
            keys: [[7]],
            lists: [7: [10, 20, 30, 40]],
            info: info,
            perKey: 2,
            cap: 10
        ).ranked
        // 20 itself is skipped, so the two read are 10 and 30; 40 is past the limit. Equal similarity: by fingerprint.
        #expect(pairs.map(\.1) == [10, 30])
        #expect(candidates == [10, 30])
    }
}
