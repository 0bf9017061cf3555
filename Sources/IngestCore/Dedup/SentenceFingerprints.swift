/// Sentence-level fingerprints, for partial reprints.
///
/// Each body sentence with at least ``minimumWords`` normalised words gets three 64-bit keys: the hash of all its
/// words (exact match), and the hashes of its first and of its last ``anchorWords`` words (anchors). A reprinted
/// sentence that was lightly edited in the middle or at one end still shares an anchor. Measured on the five seed
/// articles (see `Sources/IngestCore/Dedup/README.md`), exact sentence hashes find only 5 of the 22 sentences that
/// 000 and 001 share; the two anchors find 14, about as many as a sentence-level word-trigram Jaccard ≥ 0.5 does.
public enum SentenceFingerprints {
    /// Shorter sentences (datelines, `He said.`) are too common to prove copying.
    public static let minimumWords = 5
    /// Words in each anchor.
    public static let anchorWords = 6

    static let exactSeed: UInt64 = 0x5345_4e54_4558_4131
    static let prefixSeed: UInt64 = 0x5345_4e54_5052_4531
    static let suffixSeed: UInt64 = 0x5345_4e54_5355_4631

    /// Sentence hashes (deduplicated, in order) and their anchors, two per sentence: `[prefix₀, suffix₀, ...]`.
    public static func compute(_ body: TokenizedBody) -> (hashes: [Int64], anchors: [Int64]) {
        var hashes: [Int64] = []
        var anchors: [Int64] = []
        var seen = Set<Int64>()
        let useSet = body.sentenceEnds.count > 48
        body.tokens.withUnsafeBufferPointer { tokens in
            var start = 0
            for end in body.sentenceEnds {
                defer { start = end }
                let length = end - start
                guard length >= minimumWords else { continue }
                let words = UnsafeBufferPointer(rebasing: tokens[start..<end])
                let exact = Int64(bitPattern: DedupHash.hash(words, seed: exactSeed))
                if useSet {
                    guard seen.insert(exact).inserted else { continue }
                } else if hashes.contains(exact) {
                    continue
                }
                let anchorLength = min(anchorWords, length)
                let prefix = DedupHash.hash(UnsafeBufferPointer(rebasing: words.prefix(anchorLength)), seed: prefixSeed)
                let suffix = DedupHash.hash(UnsafeBufferPointer(rebasing: words.suffix(anchorLength)), seed: suffixSeed)
                hashes.append(exact)
                anchors.append(Int64(bitPattern: prefix))
                anchors.append(Int64(bitPattern: suffix))
            }
        }
        return (hashes, anchors)
    }
}
