import IngestCore

/// Same-claim verdicts between the claims of one linking step, by claim id: every signature's tokens in one flat
/// buffer with its ClaimTokenMask, so the cheap exact filter (ClaimVariantFilter) rules most pairs out with no
/// reference counting, and only the pairs that pass it get the full verdict (ClaimMatcher.isSameClaim). Looking up
/// records and copying signatures per pair was a quarter of a worker's CPU when linking last judged pairs so.
struct ClaimJudge {
    private var slots: [Int64: Int] = [:]
    private var tokens: [UInt64] = []
    private var spans: [Range<Int>] = []
    private var masks: [ClaimTokenMask] = []
    private var signatures: [ClaimSignature] = []

    init(_ records: [Int64: ResultStore.ClaimRecord]) {
        slots.reserveCapacity(records.count)
        spans.reserveCapacity(records.count)
        for (id, record) in records {
            slots[id] = spans.count
            let claimTokens = record.signature.tokens
            spans.append(tokens.count..<tokens.count + claimTokens.count)
            tokens.append(contentsOf: claimTokens)
            masks.append(ClaimTokenMask(claimTokens))
            signatures.append(record.signature)
        }
    }

    /// Whether claims `a` and `b` are the same claim; false when either has no record.
    func same(_ a: Int64, _ b: Int64) -> Bool {
        guard let a = slots[a], let b = slots[b] else { return false }
        let passes = tokens.withUnsafeBufferPointer { tokens in
            ClaimVariantFilter.similarity(
                UnsafeBufferPointer(rebasing: tokens[spans[a]]),
                masks[a],
                UnsafeBufferPointer(rebasing: tokens[spans[b]]),
                masks[b]
            ) != nil
        }
        return passes && ClaimMatcher.isSameClaim(signatures[a], signatures[b])
    }
}
