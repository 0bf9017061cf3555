import IngestCore

/// The stored fingerprints of articles story linking has read (`StoryLinking.swift`), kept between linking steps by
/// article id. An article's fingerprints and version never change once stored, and ids are never reused, so an entry
/// is never stale. Candidates are mostly articles judged before (the earliest carriers of common keys, the earlier
/// members of a story still arriving), and reading them was the linking read that grew most with stored data
/// (3.8 → 17.5 articles read per article, empty → 100,000 stored). Belongs to its store's thread, like the store.
final class DedupFingerprintCache {
    /// Entries kept before the cache starts again empty (about 2 KB each: signature, keys and sentence arrays).
    static let capacity = 16_384

    private var entries: [Int64: (fingerprints: Fingerprints, version: String)] = [:]

    var count: Int { entries.count }

    subscript(id: Int64) -> (fingerprints: Fingerprints, version: String)? { entries[id] }

    func insert(_ entry: (fingerprints: Fingerprints, version: String), for id: Int64) {
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[id] = entry
    }
}
