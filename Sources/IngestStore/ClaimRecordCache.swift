/// What claim linking reads of a claim that never changes (version, fingerprint, signature), kept between linking
/// steps by id. A claim's candidates are mostly the same early claims of each key, and their token arrays were
/// most of what linking read (measured: 186,000 rows per 1,000 articles with 6,000 stored). Ids are never reused,
/// so an entry is never stale; the nearest claim (`nearest_id`) changes and is always read from the database.
/// Belongs to its store's thread, like the store.
final class ClaimRecordCache {
    /// Entries kept before the cache starts again empty (about 250 bytes each).
    static let capacity = 100_000

    private var records: [Int64: ResultStore.ClaimRecord] = [:]

    subscript(id: Int64) -> ResultStore.ClaimRecord? { records[id] }

    func insert(_ record: ResultStore.ClaimRecord, for id: Int64) {
        if records.count >= Self.capacity { records.removeAll(keepingCapacity: true) }
        records[id] = record
    }
}
