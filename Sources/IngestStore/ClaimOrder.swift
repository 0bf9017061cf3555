/// The order claim variant groups are led in (Migrations/0012, 0019): first_seen in microseconds, then the
/// fingerprint by its rank (its first 16 hex digits as a number), then the claim id, which only breaks a tie of all
/// 64 bits. `claim_keys` rows are kept in this order.
struct ClaimOrder: Comparable, Hashable {
    var seen: Int64
    var rank: Int64
    var id: Int64

    init(seen: Int64, rank: Int64, id: Int64) {
        self.seen = seen
        self.rank = rank
        self.id = id
    }

    init(seen: Int64, fingerprint: String, id: Int64) {
        self.init(seen: seen, rank: Self.rank(fingerprint), id: id)
    }

    static func < (a: ClaimOrder, b: ClaimOrder) -> Bool {
        (a.seen, a.rank, a.id) < (b.seen, b.rank, b.id)
    }

    /// `claim_rank(fingerprint)` of Migrations/0019: the first 16 hex digits as an unsigned number (missing digits as
    /// zeros), its sign bit flipped so that signed order is the fingerprints' text order.
    static func rank(_ fingerprint: String) -> Int64 {
        var value: UInt64 = 0
        var digits = 0
        for byte in fingerprint.utf8.prefix(16) {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: digit = 0
            }
            value = value << 4 | UInt64(digit)
            digits += 1
        }
        if digits < 16 { value <<= UInt64(4 * (16 - digits)) }
        return Int64(bitPattern: value ^ (1 << 63))
    }
}
