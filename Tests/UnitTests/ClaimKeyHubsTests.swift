import Testing

@testable import IngestStore

/// `ClaimKeyHubs` decides, for one linking step, each key's hubs once the pending claims take their places, which
/// keys change (locked exclusive, their later carriers judged) and which hubs are pushed out (their followers linked
/// again). Checked against the plain definitions on random steps, and on a worked example.
@Suite struct ClaimKeyHubsTests {
    typealias Key = ClaimKeyHubs.Key

    static func order(_ seen: Int64, _ id: Int64) -> ClaimOrder { ClaimOrder(seen: seen, rank: 0, id: id) }

    @Test func anEarlierArrivalEntersTheHubsAndPushesTheLastOut() {
        let key = Key(version: "v", hash: 7)
        let a = Self.order(10, 1)
        let b = Self.order(20, 2)
        let x = Self.order(5, 3)  // arrives last, first seen earliest
        let y = Self.order(30, 4)  // arrives last, after both hubs
        let hubs = ClaimKeyHubs(read: [key: [a, b]], pending: [(x, [key]), (y, [key])], count: 2)
        #expect(hubs.changed == [key])
        #expect(hubs.entering[key] == [x])
        #expect(hubs.pushedOut[key] == [b])
        // y is judged against the hubs before it, x against none.
        var judged: [ClaimOrder] = []
        #expect(
            hubs.nearest(of: y, keys: [key]) {
                judged.append($0)
                return $0 == a
            } == a
        )
        #expect(judged == [x, a])
        judged = []
        #expect(
            hubs.nearest(of: x, keys: [key]) {
                judged.append($0)
                return true
            } == x
        )
        #expect(judged.isEmpty)
        // A claim queued again at the same place changes nothing.
        let again = ClaimKeyHubs(read: [key: [a, b]], pending: [(a, [key])], count: 2)
        #expect(again.changed.isEmpty)
        // One that moved earlier (an earlier sighting) moves within the hubs: changed, nothing pushed out.
        let moved = ClaimKeyHubs(read: [key: [a, b]], pending: [(Self.order(1, 2), [key])], count: 2)
        #expect(moved.changed == [key])
        #expect(moved.pushedOut[key] == nil)
    }

    @Test(arguments: 1...30)
    func matchesTheDefinitions(seed: UInt64) {
        var random = SplitMix(state: seed)
        let count = Int.random(in: 1...5, using: &random)
        let keys = (0..<4).map { Key(version: "v", hash: Int64($0)) }
        // Stored rows: each claim under some keys, at an order; pending claims: new ones, and stored ones again (at
        // the same order or an earlier one).
        var stored: [Int64: (order: ClaimOrder, keys: [Key])] = [:]
        for id in Int64(1)...30 {
            stored[id] = (
                Self.order(Int64.random(in: 0..<50, using: &random), id),
                keys.filter { _ in Bool.random(using: &random) }
            )
        }
        var pending: [(order: ClaimOrder, keys: [Key])] = []
        for id in Int64(31)...36 {
            pending.append(
                (
                    Self.order(Int64.random(in: 0..<50, using: &random), id),
                    keys.filter { _ in Bool.random(using: &random) }
                )
            )
        }
        for id in [Int64(3), 9, 14] {
            let claim = stored[id]!
            let seen =
                Bool.random(using: &random) ? claim.order.seen : Int64.random(in: 0...claim.order.seen, using: &random)
            pending.append((Self.order(seen, id), claim.keys))
        }
        var read: [Key: [ClaimOrder]] = [:]
        for key in keys {
            let rows = stored.values.filter { $0.keys.contains(key) }.map(\.order).sorted()
            read[key] = Array(rows.prefix(count))
        }
        let hubs = ClaimKeyHubs(read: read, pending: pending, count: count)
        let pendingIDs = Set(pending.map(\.order.id))
        for key in keys {
            // The definition: every carrier at its current order, the first `count`.
            var all = stored.filter { $0.value.keys.contains(key) && !pendingIDs.contains($0.key) }.map(\.value.order)
            all += pending.filter { $0.keys.contains(key) }.map(\.order)
            let expected = Array(all.sorted().prefix(count))
            let before = Set(read[key]!)
            let entering = expected.filter { pendingIDs.contains($0.id) && !before.contains($0) }
            let pushed = read[key]!.filter { hub in !expected.contains { $0.id == hub.id } }
            var listed: [ClaimOrder] = []
            _ = hubs.nearest(of: ClaimOrder(seen: .max, rank: 0, id: 0), keys: [key]) {
                listed.append($0)
                return false
            }
            #expect(listed == expected)
            #expect(hubs.changed.contains(key) == !entering.isEmpty)
            #expect((hubs.entering[key] ?? []) == entering)
            #expect((hubs.pushedOut[key] ?? []) == (entering.isEmpty ? [] : pushed))
        }
        // A claim's nearest claim: the earliest of itself and the hubs before it (of any of its keys) that are the
        // same claim, here a random relation.
        let sameClaims = Set(
            (0..<200).map { _ in [Int64.random(in: 1...36, using: &random), Int64.random(in: 1...36, using: &random)] }
        )
        for claim in pending {
            var expected = claim.order
            for key in claim.keys {
                var all = stored.filter { $0.value.keys.contains(key) && !pendingIDs.contains($0.key) }.map(
                    \.value.order
                )
                all += pending.filter { $0.keys.contains(key) }.map(\.order)
                for hub in all.sorted().prefix(count)
                where hub < claim.order && sameClaims.contains([claim.order.id, hub.id]) {
                    expected = min(expected, hub)
                }
            }
            let found = hubs.nearest(of: claim.order, keys: claim.keys) {
                sameClaims.contains([claim.order.id, $0.id])
            }
            #expect(found == expected)
        }
    }

    @Test func ranksOrderAsTheFingerprintsDo() {
        var random = SplitMix(state: 42)
        let digits = Array("0123456789abcdef")
        let fingerprints =
            (0..<500).map { _ in String((0..<32).map { _ in digits[Int(random.next() % 16)] }) }
            + ["0000000000000000ffff", "ffffffffffffffff0000", "8000000000000000", "7fffffffffffffff"]
        let byText = fingerprints.sorted()
        let byRank = fingerprints.sorted { ClaimOrder.rank($0) < ClaimOrder.rank($1) }
        #expect(byText == byRank)
        #expect(ClaimOrder.rank("8000000000000000") == 0)
        #expect(ClaimOrder.rank("0000000000000000") == .min)
    }

    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
