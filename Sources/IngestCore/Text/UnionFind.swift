/// Connected components over ids, where every component's root is its smallest member: the smaller root always
/// wins a union, so the result does not depend on the order of members or links. Used for stories (in memory, the
/// reference) and for claim variant groups (in the store).
public struct UnionFind<ID: Hashable & Comparable> {
    private var parent: [ID: ID] = [:]

    public init(capacity: Int = 0) {
        parent.reserveCapacity(capacity)
    }

    /// Adds `id` as its own component unless it is known already.
    public mutating func insert(_ id: ID) {
        if parent[id] == nil { parent[id] = id }
    }

    public func contains(_ id: ID) -> Bool { parent[id] != nil }

    /// Every id added so far, in no particular order.
    public var members: Dictionary<ID, ID>.Keys { parent.keys }

    /// The root (smallest member) of `id`'s component; `id` itself when unknown.
    public mutating func find(_ id: ID) -> ID {
        var root = id
        while let next = parent[root], next != root { root = next }
        // Path compression.
        var node = id
        while let next = parent[node], next != root {
            parent[node] = root
            node = next
        }
        return root
    }

    /// Joins the components of `a` and `b` (adding either when unknown), hanging the larger root under the smaller.
    public mutating func union(_ a: ID, _ b: ID) {
        insert(a)
        insert(b)
        let rootA = find(a)
        let rootB = find(b)
        if rootA == rootB { return }
        if rootA < rootB { parent[rootB] = rootA } else { parent[rootA] = rootB }
    }
}
