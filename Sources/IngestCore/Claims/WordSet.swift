/// A set of word hashes in a ``LexiconTable``: the rules test these on the hot path, where `Set`'s hashing costs
/// more than the open-addressing probe on the already mixed word hash.
struct WordSet: Sendable {
    private let table: LexiconTable

    init(_ hashes: [UInt64]) {
        table = LexiconTable(Dictionary(hashes.map { ($0, WordClass(rawValue: 1)) }, uniquingKeysWith: { a, _ in a }))
    }

    @inline(__always)
    func contains(_ hash: UInt64) -> Bool { table.lookup(hash).rawValue != 0 }
}
