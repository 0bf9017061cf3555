/// The variant hubs of one claim-linking step's keys (Migrations/0019): each key's earliest carriers as read from
/// `claim_keys`, and as they are once the step's pending claims take their places in the order. Pure: the step reads
/// the rows, this decides what changes.
struct ClaimKeyHubs {
    /// A candidate key of one pipeline version.
    struct Key: Hashable, Comparable {
        var version: String
        var hash: Int64

        static func < (a: Key, b: Key) -> Bool { (a.version, a.hash) < (b.version, b.hash) }
    }

    /// Each key's hubs once the pending claims are placed, earliest first.
    private(set) var hubs: [Key: [ClaimOrder]] = [:]
    /// Keys whose hubs the step changes: a pending claim enters them, or moves within them (an earlier sighting).
    private(set) var changed: [Key] = []
    /// For each changed key, the pending claims that enter or move (earliest first), and the hubs they push out.
    private(set) var entering: [Key: [ClaimOrder]] = [:]
    private(set) var pushedOut: [Key: [ClaimOrder]] = [:]

    /// `read`: each key's first `count` rows (absent: none); `pending`: the step's claims, each with its current order
    /// and keys. A pending claim's row may be in `read` under an older order; it takes its current one.
    init(read: [Key: [ClaimOrder]], pending: [(order: ClaimOrder, keys: [Key])], count: Int) {
        var placed: [Key: [ClaimOrder]] = [:]
        for claim in pending {
            for key in claim.keys { placed[key, default: []].append(claim.order) }
        }
        // Linear scans, no sets: a key has at most `count` hubs and a step places a few claims under it, and this
        // runs for every key of the step (a twelfth of `ingest-bench store`'s CPU with a set per key).
        for (key, claims) in placed {
            let before = read[key] ?? []
            func isPending(_ id: Int64) -> Bool { claims.contains { $0.id == id } }
            var after = before.filter { !isPending($0.id) } + claims
            after.sort()
            let truncated = after.count > count
            if truncated { after.removeLast(after.count - count) }
            hubs[key] = after
            let entered = after.filter { isPending($0.id) && !before.contains($0) }
            guard !entered.isEmpty else { continue }
            changed.append(key)
            entering[key] = entered
            // A hub stays unless it is a pending claim whose new place is past the hubs, or it comes after the
            // last hub once the list was cut to `count`.
            let last = after[after.count - 1]
            let pushed = before.filter { hub in
                isPending(hub.id) ? !after.contains { $0.id == hub.id } : truncated && hub > last
            }
            if !pushed.isEmpty { pushedOut[key] = pushed }
        }
        changed.sort()
        for (key, before) in read where hubs[key] == nil { hubs[key] = before }
    }

    /// Every hub's claim id.
    var hubIDs: Set<Int64> { Set(hubs.values.lazy.flatMap { $0.lazy.map(\.id) }) }

    /// A claim's nearest claim: the earliest of itself and the hubs of `keys` before it that `same` accepts. A hub
    /// is judged only while it is earlier than the best found so far (a hub of two keys at most twice), with no
    /// allocation: linking calls this for every pending claim.
    func nearest(of claim: ClaimOrder, keys: [Key], same: (ClaimOrder) -> Bool) -> ClaimOrder {
        var best = claim
        for key in keys {
            guard let list = hubs[key] else { continue }
            for hub in list {
                guard hub < best else { break }
                if same(hub) { best = hub }
            }
        }
        return best
    }
}
