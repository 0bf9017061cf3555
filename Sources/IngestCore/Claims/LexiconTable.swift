/// The lexicon's word hash → classes table. Open addressing on the (already well mixed) word hash: faster than
/// `Dictionary`, which rehashes. Key and classes side by side (`[key, classes, key, classes, ...]`): a lookup touches
/// one cache line, not two, and the table is small enough to stay in the first-level cache more often.
struct LexiconTable: Sendable {
    private let entries: [UInt64]
    private let mask: Int

    init(_ classes: [UInt64: WordClass]) {
        var size = 1
        while size < classes.count * 2 { size <<= 1 }
        var entries = [UInt64](repeating: 0, count: 2 * size)
        for (hash, cls) in classes {
            var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (size - 1)
            while entries[2 * index] != 0 { index = (index + 1) & (size - 1) }
            entries[2 * index] = hash
            entries[2 * index + 1] = cls.rawValue
        }
        self.entries = entries
        mask = size - 1
    }

    @inline(__always)
    func lookup(_ hash: UInt64) -> WordClass {
        var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let key = entries[2 &* index]
            if key == hash { return WordClass(rawValue: entries[2 &* index &+ 1]) }
            // Not `[]`: an empty option-set literal here costs an array allocation per unknown word.
            if key == 0 { return WordClass(rawValue: 0) }
            index = (index + 1) & mask
        }
    }
}
