import Testing

@testable import IngestStore

/// `ClaimSlotTable` answers the id lookup of every claim verdict; it must agree with a `Dictionary` on any ids,
/// including runs that collide in the table (consecutive ids, ids a power of two apart, negative ids).
@Suite struct ClaimSlotTableTests {
    /// Ids of the kinds linking meets and the kinds that stress a multiply-shift hash.
    static func ids(_ count: Int, seed: UInt64) -> [Int64] {
        var state = seed
        var result: [Int64] = []
        var seen = Set<Int64>()
        func add(_ id: Int64) { if seen.insert(id).inserted { result.append(id) } }
        for i in 0..<count / 4 { add(1_000_000 + Int64(i)) }  // a sequence
        for i in 0..<count / 4 { add(Int64(i) << 32) }  // far apart, equal low bits
        for i in 0..<count / 8 { add(-Int64(i) - 1) }
        add(.min)
        add(.max)
        while result.count < count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            add(Int64(bitPattern: state))
        }
        return result
    }

    @Test(arguments: [1, 7, 64, 1000, 5003])
    func findsEverySlotItHoldsAndNoOther(count: Int) {
        let ids = Self.ids(count, seed: UInt64(count))
        var table = ClaimSlotTable(capacity: ids.count)
        var expected: [Int64: Int] = [:]
        for (slot, id) in ids.enumerated() {
            table.insert(id, slot: slot)
            expected[id] = slot
        }
        for id in ids { #expect(table.slot(id) == expected[id]) }
        let absent = Self.ids(count + 50, seed: UInt64(count) &+ 99).filter { expected[$0] == nil }
        #expect(!absent.isEmpty)
        for id in absent { #expect(table.slot(id) == nil) }
    }

    @Test func aSecondInsertReplacesTheSlot() {
        var table = ClaimSlotTable(capacity: 2)
        table.insert(42, slot: 0)
        table.insert(42, slot: 5)
        table.insert(43, slot: 1)
        #expect(table.slot(42) == 5)
        #expect(table.slot(43) == 1)
        #expect(table.slot(44) == nil)
    }

    @Test func anEmptyTableFindsNothing() {
        let table = ClaimSlotTable(capacity: 0)
        #expect(table.slot(0) == nil)
        #expect(table.slot(.min) == nil)
    }
}
