import Foundation

/// What linking reads of a stored row that never changes, kept between linking steps by the row's id. Ids are never
/// reused and the cached fields are never updated, so an entry is never stale. Bounded by starting again empty when
/// full (no per-entry bookkeeping). Locked, since the worker's batch store and its linker's store (two threads)
/// share the full-postings caches.
final class ImmutableRowCache<Value> {
    let capacity: Int
    private let lock = NSLock()
    private var entries: [Int64: Value] = [:]

    init(capacity: Int) {
        self.capacity = capacity
    }

    subscript(id: Int64) -> Value? { lock.withLock { entries[id] } }

    func insert(_ value: Value, for id: Int64) {
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = value
        }
    }
}
