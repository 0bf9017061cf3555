/// What the loop has done, for tests and the final log line.
public struct WorkerStats: Sendable, Equatable {
    public var batches = 0
    public var messages = 0
    public var articles = 0
    public var deadLetters = 0
    public var fencedBatches = 0
    public var transientRetries = 0
    /// Batches whose pipeline work began on other threads before the previous batch's commit had finished.
    public var overlappedBatches = 0

    public init() {}
}
