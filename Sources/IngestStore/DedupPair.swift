/// An unordered pair of article ids, stored as `a < b` like `duplicate_edges`.
struct DedupPair: Hashable, Comparable {
    var a: Int64
    var b: Int64

    init(_ x: Int64, _ y: Int64) {
        a = min(x, y)
        b = max(x, y)
    }

    static func < (lhs: DedupPair, rhs: DedupPair) -> Bool {
        (lhs.a, lhs.b) < (rhs.a, rhs.b)
    }
}
