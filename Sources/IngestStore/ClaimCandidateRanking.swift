import IngestCore

/// The claims of one claim-linking step by dense position (the pending claims first, in their order), with the
/// postings read for the step turned into positions once. Gathering and ranking a pending claim's candidates then
/// costs array reads per candidate, instead of a hashed lookup, a set insert and a copy of its record (four
/// reference counts) per candidate: that copying was a quarter of a worker's CPU (perf, quick bench, 1 worker).
struct ClaimCandidateRanking {
    /// The claim id at each position.
    private(set) var ids: [Int64] = []
    private var positionOf: [Int64: Int32] = [:]
    /// Each pending claim's candidates (positions, each once), as ranges of `found`.
    private var found: [Int32] = []
    private var ranges: [Range<Int>] = []

    /// Positions `0..<pending.count` are the pending claims (ids of one step are distinct).
    init(pending: [Int64]) {
        ids.reserveCapacity(pending.count * 4)
        for id in pending { _ = position(of: id) }
    }

    mutating func position(of id: Int64) -> Int32 {
        if let position = positionOf[id] { return position }
        let position = Int32(ids.count)
        ids.append(id)
        positionOf[id] = position
        return position
    }

    /// Records the candidates of each pending claim (in `pending` order): for each of its keys, the first `perKey`
    /// claims of that key's posting list other than itself; nil keys (a claim without a record) give none.
    mutating func gather(keys: [[UInt64]?], postings: (Int) -> [Int64: [Int32]]?, perKey: Int) {
        var seenBy = [Int32](repeating: -1, count: ids.count)
        ranges.reserveCapacity(keys.count)
        for (index, claimKeys) in keys.enumerated() {
            let start = found.count
            defer { ranges.append(start..<found.count) }
            guard let claimKeys, let lists = postings(index) else { continue }
            let me = Int32(index)
            for key in claimKeys {
                guard let list = lists[Int64(bitPattern: key)] else { continue }
                var read = 0
                for other in list where other != me {
                    guard read < perKey else { break }
                    read += 1
                    if seenBy[Int(other)] != me {
                        seenBy[Int(other)] = me
                        found.append(other)
                    }
                }
            }
        }
    }

    /// The ids of every gathered candidate, each once.
    var candidateIDs: [Int64] {
        var seen = [Bool](repeating: false, count: ids.count)
        var result: [Int64] = []
        for position in found where !seen[Int(position)] {
            seen[Int(position)] = true
            result.append(ids[Int(position)])
        }
        return result
    }

    /// Pairs (pending claim, candidate): each pending claim's candidates whose containment reaches the same-claim
    /// threshold (ClaimVariantFilter), at most `cap` of them, most similar first, then smallest fingerprint (then
    /// smallest id); pending claims in their order. `claim(id)` gives a claim's fingerprint and signature tokens (nil:
    /// never paired).
    func rankedPairs(cap: Int, claim: (Int64) -> (fingerprint: String, tokens: [UInt64])?) -> [(Int64, Int64)] {
        // Each record read once: its tokens into one flat buffer and its fingerprint by position, so the loops
        // below retain nothing per candidate.
        var tokens: [UInt64] = []
        var spans = [Range<Int>?](repeating: nil, count: ids.count)
        var fingerprints = [String](repeating: "", count: ids.count)
        var masks = [ClaimTokenMask](repeating: ClaimTokenMask(), count: ids.count)
        func load(_ position: Int) {
            guard spans[position] == nil, let (fingerprint, claimTokens) = claim(ids[position]) else { return }
            spans[position] = tokens.count..<tokens.count + claimTokens.count
            tokens.append(contentsOf: claimTokens)
            fingerprints[position] = fingerprint
            masks[position] = ClaimTokenMask(claimTokens)
        }
        for index in ranges.indices where !ranges[index].isEmpty { load(index) }
        for position in found { load(Int(position)) }
        var pairs: [(Int64, Int64)] = []
        var kept: [(position: Int32, similarity: Double)] = []
        tokens.withUnsafeBufferPointer { tokens in
            for (index, range) in ranges.enumerated() where !range.isEmpty {
                guard let span = spans[index] else { continue }
                let pendingTokens = UnsafeBufferPointer(rebasing: tokens[span])
                kept.removeAll(keepingCapacity: true)
                for position in found[range] {
                    // Below the same-claim threshold a candidate is never a variant: dropped before ranking, which
                    // leaves the ranked order, and so which true variants the cap keeps, unchanged.
                    guard let other = spans[Int(position)],
                        let similarity = ClaimVariantFilter.similarity(
                            pendingTokens,
                            masks[index],
                            UnsafeBufferPointer(rebasing: tokens[other]),
                            masks[Int(position)]
                        )
                    else { continue }
                    kept.append((position, similarity))
                }
                kept.sort { left, right in
                    if left.similarity != right.similarity { return left.similarity > right.similarity }
                    let a = fingerprints[Int(left.position)]
                    let b = fingerprints[Int(right.position)]
                    if a != b { return a < b }
                    return ids[Int(left.position)] < ids[Int(right.position)]
                }
                for candidate in kept.prefix(cap) { pairs.append((ids[index], ids[Int(candidate.position)])) }
            }
        }
        return pairs
    }
}
