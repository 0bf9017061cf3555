import Foundation
import IngestCore
import Testing

@Suite struct DedupMinHashTests {
    static let paragraphs = [
        "The Central Bank of Valmora raised its benchmark interest rate by a quarter point on Thursday.",
        "Consumer prices rose 5.2% in the year to January, down from a peak of 7.9% last summer.",
        "\"We are not declaring victory,\" Governor Elena Marsh told a news conference after the decision.",
    ]

    @Test func fingerprintsAreDeterministic() throws {
        let first = DedupFixtures.fingerprint(Self.paragraphs)
        let second = DedupFixtures.fingerprint(Self.paragraphs)
        #expect(first == second)
        #expect(first.minhash.count == MinHashParameters.standard.permutations)
        #expect(first.bandKeys.count == MinHashParameters.standard.bands)
        #expect(first.sentenceHashes.count == 3)
        #expect(first.sentenceAnchors.count == 6)
        let decoded = try JSONDecoder().decode(Fingerprints.self, from: JSONEncoder().encode(first))
        #expect(decoded == first)
    }

    @Test func identicalBodiesGiveIdenticalBandKeysAndOthersDoNot() {
        let a = DedupFixtures.fingerprint(Self.paragraphs)
        let b = DedupFixtures.fingerprint(Self.paragraphs.map { $0.uppercased() })
        #expect(a.bandKeys == b.bandKeys)
        let other = DedupFixtures.fingerprint([
            "Rescue teams dug through collapsed buildings in search of survivors of a strong earthquake overnight."
        ])
        #expect(Set(a.bandKeys).isDisjoint(with: other.bandKeys))
    }

    @Test func bandIndexIsPartOfTheKey() {
        // A constant signature has equal rows in every band; the keys must still differ band by band.
        let keys = MinHash.bandKeys([UInt32](repeating: 7, count: 128))
        #expect(Set(keys).count == keys.count)
    }

    @Test func legacyFingerprintJSONDecodesWithDefaults() throws {
        let json = #"{"contentHash":"ab","minhash":[1,2],"bandKeys":[3],"sentenceHashes":[4]}"#
        let decoded = try JSONDecoder().decode(Fingerprints.self, from: Data(json.utf8))
        #expect(decoded.sentenceAnchors.isEmpty)
        #expect(decoded.tokenHash == 0)
        #expect(decoded.minhash == [1, 2])
    }

    /// Estimates stay within 4.5 standard errors √(J(1−J)/k) of the exact Jaccard, and their mean absolute error
    /// is near the expected 0.8 σ (one-permutation hashing samples without replacement, so it is no worse).
    @Test func estimateTracksExactJaccard() {
        var generator = SplitMix64(seed: 99)
        let k = 128
        var errorsInSigma: [Double] = []
        for trial in 0..<60 {
            let shared = 100 + Int(generator.next() % 400)
            let onlyA = Int(generator.next() % 400)
            let onlyB = Int(generator.next() % 400)
            let common = (0..<shared).map { _ in generator.next() }
            let a = common + (0..<onlyA).map { _ in generator.next() }
            let b = common + (0..<onlyB).map { _ in generator.next() }
            let exact = Double(shared) / Double(shared + onlyA + onlyB)
            let estimate = MinHash.estimatedJaccard(
                MinHash.signature(shingles: a, permutations: k),
                MinHash.signature(shingles: b, permutations: k)
            )
            let sigma = (exact * (1 - exact) / Double(k)).squareRoot()
            let error = abs(estimate - exact) / sigma
            #expect(error <= 4.5, "trial \(trial): exact \(exact) estimate \(estimate)")
            errorsInSigma.append(error)
        }
        let mean = errorsInSigma.reduce(0, +) / Double(errorsInSigma.count)
        #expect(mean < 1.2)
    }

    @Test func sCurveFollowsTheFormula() {
        let parameters = MinHashParameters.standard
        #expect(parameters.candidateProbability(jaccard: 0) == 0)
        #expect(parameters.candidateProbability(jaccard: 1) == 1)
        let expected = 1 - pow(1 - pow(0.5, Double(parameters.rows)), Double(parameters.bands))
        #expect(abs(parameters.candidateProbability(jaccard: 0.5) - expected) < 1e-12)
        #expect(parameters.candidateProbability(jaccard: 0.5) > 0.99)
        #expect(parameters.candidateProbability(jaccard: 0.1) < 0.05)
    }

    @Test func emptyBodyHasNoSignature() {
        let empty = DedupFixtures.fingerprint([" — "])
        #expect(empty.minhash.isEmpty)
        #expect(empty.bandKeys.isEmpty)
        #expect(empty.tokenHash == 0)
    }

    @Test func chunkedSHA256MatchesOneShot() {
        var generator = SplitMix64(seed: 5)
        let bytes = (0..<1000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var hasher = SHA256()
        var index = 0
        for size in [1, 63, 64, 65, 7, 200, 600] {
            let end = min(bytes.count, index + size)
            hasher.update(Array(bytes[index..<end]))
            index = end
        }
        #expect(hasher.finalize() == SHA256.digest(of: bytes))
    }
}
