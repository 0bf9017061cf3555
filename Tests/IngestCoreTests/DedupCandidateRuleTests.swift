import IngestCore
import Testing

/// A pair is a story candidate when it shares two indexed keys or an exact key: a rule on the pair alone, so the
/// pairs judged do not depend on which articles were indexed before.
@Suite struct DedupCandidateRuleTests {
    /// Fingerprints indexed under exactly the given band keys (even keys: ``DedupKeySampling`` indexes them).
    static func prints(_ name: String, bands: [Int64], token: Int64 = 0) -> Fingerprints {
        Fingerprints(contentHash: name, minhash: [], bandKeys: bands, sentenceHashes: [], tokenHash: token)
    }

    @Test func oneSharedKeyIsNoCandidateTwoAreAndAnExactKeyIs() {
        var index = DedupIndex<String>()
        index.insert("one", Self.prints("one", bands: [2, 100]))
        index.insert("two", Self.prints("two", bands: [2, 4, 200]))
        index.insert("exact", Self.prints("exact", bands: [300], token: 77))
        index.insert("odd", Self.prints("odd", bands: [3, 5]))
        // The probe shares key 2 with "one", keys 2 and 4 with "two", the token hash with "exact",
        // and with "odd" only keys that are not indexed (odd band keys are sampled out).
        let probe = Self.prints("probe", bands: [2, 4, 3, 5], token: 77)
        #expect(index.candidates(for: probe) == ["exact", "two"])
        #expect(index.bandCandidates(for: probe) == ["one", "two"])
    }

    @Test func candidatesDoNotDependOnWhatElseIsIndexed() {
        let probe = Self.prints("probe", bands: [2, 4, 6])
        var small = DedupIndex<String>()
        small.insert("b", Self.prints("b", bands: [2, 4]))
        var large = small
        // Many articles sharing one key each with the probe, indexed before and after "b".
        for n in 0..<200 {
            large.insert("x\(n)", Self.prints("x\(n)", bands: [[2, 4, 6][n % 3], Int64(1000 + 2 * n)]))
        }
        #expect(small.candidates(for: probe) == ["b"])
        #expect(large.candidates(for: probe) == ["b"])
    }
}
