/// A word being normalised, in caller-owned memory (a stack allocation per token): no array uniqueness checks,
/// no reallocation, and truncation is a count change.
struct WordBuffer {
    let base: UnsafeMutablePointer<UInt32>
    let capacity: Int
    var count = 0

    init(base: UnsafeMutablePointer<UInt32>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// Room for a word made from `length` scalars: canonical forms add at most a few scalars (`wo` → `will`,
    /// `us` → `usa`, `fulfil` → `fulfill`) or are replaced by a short listed spelling.
    static func capacity(forLength length: Int) -> Int { length + 32 }

    @inline(__always)
    subscript(index: Int) -> UInt32 {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    @inline(__always)
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    var buffer: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ scalar: UInt32) {
        precondition(count < capacity)
        base[count] = scalar
        count += 1
    }

    mutating func remove(at index: Int) {
        var k = index
        while k + 1 < count {
            base[k] = base[k + 1]
            k += 1
        }
        count -= 1
    }

    /// Replaces the contents with `scalars`.
    mutating func set(_ scalars: [UInt32]) {
        precondition(scalars.count <= capacity)
        for (index, scalar) in scalars.enumerated() { base[index] = scalar }
        count = scalars.count
    }

    /// ``WordHash`` of the scalars, as `WordHash.mix` over each; ASCII in one step, which is what `mix` does for it.
    @inline(__always)
    func hash() -> UInt64 {
        var h = WordHash.seed
        for index in 0..<count {
            let value = base[index]
            if value < 128 {
                h = (h ^ UInt64(value &- 65 < 26 ? value + 32 : value)) &* FNV1a.prime
            } else {
                h = WordHash.mix(h, value)
            }
        }
        return h
    }
}
