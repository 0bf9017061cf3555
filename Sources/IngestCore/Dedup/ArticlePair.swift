/// Two articles in either order, kept smaller id first (as `duplicate_edges` stores them), so that `(x, y)` and
/// `(y, x)` are one key. The store pairs article ids; the evaluation pairs corpus indices.
public struct ArticlePair<ID: Hashable & Comparable>: Hashable, Comparable {
    public var low: ID
    public var high: ID

    public init(_ x: ID, _ y: ID) {
        low = min(x, y)
        high = max(x, y)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.low, lhs.high) < (rhs.low, rhs.high)
    }
}
