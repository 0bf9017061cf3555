import IngestCore

/// Same-claim verdicts between the claims of one linking step: every signature's tokens in one flat buffer with its
/// ClaimTokenMask, so the cheap exact filter (ClaimVariantFilter) rules most pairs out with no reference counting,
/// and only the pairs that pass it get the full verdict (ClaimMatcher.isSameClaim). A claim is looked up by id once
/// (its `Slot`), then judged against many: the id lookups were a third of the verdicts' cost when every verdict
/// looked up both claims. The other side's lookup goes through a ``ClaimSlotTable``.
struct ClaimJudge {
    /// A claim's place in the judge's buffers.
    struct Slot {
        fileprivate var index: Int
    }

    private var slots: ClaimSlotTable
    private var tokens: [UInt64] = []
    private var spans: [Range<Int>] = []
    private var masks: [ClaimTokenMask] = []
    private var signatures: [ClaimSignature] = []

    init(_ records: [Int64: ResultStore.ClaimRecord]) {
        slots = ClaimSlotTable(capacity: records.count)
        spans.reserveCapacity(records.count)
        for (id, record) in records {
            slots.insert(id, slot: spans.count)
            let claimTokens = record.signature.tokens
            spans.append(tokens.count..<tokens.count + claimTokens.count)
            tokens.append(contentsOf: claimTokens)
            masks.append(ClaimTokenMask(claimTokens))
            signatures.append(record.signature)
        }
    }

    /// The slot of claim `id`; nil when it has no record (then it is the same claim as none).
    func slot(_ id: Int64) -> Slot? { slots.slot(id).map(Slot.init) }

    /// Whether the claim in slot `a` and claim `b` are the same claim; false when `b` has no record.
    func same(_ a: Slot, _ b: Int64) -> Bool {
        guard let b = slots.slot(b) else { return false }
        let a = a.index
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
