import Synchronization

/// Set from any thread to ask the loop to finish its batch and leave the group.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func request() { flag.store(true, ordering: .releasing) }
    public var isRequested: Bool { flag.load(ordering: .acquiring) }
}
