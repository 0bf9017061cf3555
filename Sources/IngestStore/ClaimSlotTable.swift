/// Claim ids to their slots in a ``ClaimJudge``: open addressing over a power-of-two table with a multiply-shift hash.
/// Every verdict looks its candidate up by id, about a hundred verdicts per pending claim on the bench corpus; as a
/// `Dictionary` (a seeded SipHash per lookup) the lookups were 4–5 % of a worker's samples, and the verdicts took a
/// third less with this table (`perf`, Deploy/SCALING.md step 25). The multiply-shift hash's top bits spread ids
/// from a sequence as well as arbitrary ones.
struct ClaimSlotTable {
    private var ids: [Int64]
    /// The slot stored with `ids[i]`; -1 where the entry is empty.
    private var slots: [Int32]
    private let shift: UInt64
    private let mask: Int

    /// A table for up to `capacity` ids, at most half full.
    init(capacity: Int) {
        var size = 8
        while size < 2 * capacity { size <<= 1 }
        ids = Array(repeating: 0, count: size)
        slots = Array(repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        mask = size - 1
    }

    @inline(__always)
    private func start(_ id: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: id) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Stores `slot` for `id`, replacing any slot it had. The table must have room (see `init(capacity:)`).
    mutating func insert(_ id: Int64, slot: Int) {
        var index = start(id)
        while slots[index] >= 0 && ids[index] != id { index = (index + 1) & mask }
        ids[index] = id
        slots[index] = Int32(slot)
    }

    /// The slot stored for `id`, nil when there is none.
    @inline(__always)
    func slot(_ id: Int64) -> Int? {
        var index = start(id)
        while true {
            let slot = slots[index]
            if slot < 0 { return nil }
            if ids[index] == id { return Int(slot) }
            index = (index + 1) & mask
        }
    }
}
