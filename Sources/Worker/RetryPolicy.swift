import Foundation
import Logging
import Postgres

/// How the worker retries a PostgreSQL operation that failed for a transient reason (a restart, a lost connection,
/// a deadlock, a serialization failure, a timeout): exponential backoff up to `maximumDelay`, reconnecting between
/// attempts, at most `attempts` tries when set, and no waiting on a dead connection once a stop is requested. Any
/// other error passes through at once.
struct RetryPolicy {
    var initialDelay: Duration
    var maximumDelay: Duration
    var attempts: Int?

    /// Batch writes and partition claims: until they succeed, since nothing may move on without them.
    static let untilDone = RetryPolicy(initialDelay: .milliseconds(200), maximumDelay: .seconds(5), attempts: nil)
    /// Linking steps: a few tries, then left queued for the next call (from any worker).
    static let linking = RetryPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(2), attempts: 8)

    /// Runs `body`, retrying transient failures. Throws the last failure when out of attempts, and
    /// `WorkerError.stoppedDuringRetry` when a stop is requested while the connection is down.
    func run<T>(
        _ operation: String,
        on connection: PostgresConnection,
        stop: StopSignal,
        logger: Logger,
        onRetry: () -> Void,
        _ body: () throws -> T
    ) throws -> T {
        var delay = initialDelay
        var failures = 0
        while true {
            do {
                return try body()
            } catch let error as PostgresError where error.isTransient {
                failures += 1
                if let attempts, failures >= attempts { throw error }
                if stop.isRequested && !connection.isConnected { throw WorkerError.stoppedDuringRetry }
                onRetry()
                logger.warning("\(operation) failed; retrying", metadata: ["error": "\(error)"])
                Thread.sleep(forTimeInterval: delay.seconds)
                delay = min(delay * 2, maximumDelay)
                if !connection.isConnected { try? connection.reset() }
            }
        }
    }
}
