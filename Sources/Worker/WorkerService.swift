import Foundation
import Logging
import ServiceLifecycle

/// Runs the consume loop on its own thread as a lifecycle `Service`. On graceful shutdown (SIGTERM/SIGINT) the
/// loop finishes the batch in flight, commits it, and leaves the group.
public final class WorkerService: Service {
    let configuration: WorkerConfiguration
    let logger: Logger
    public let stop = StopSignal()

    public init(configuration: WorkerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let configuration = configuration
        let logger = logger
        let stop = stop
        try await withGracefulShutdownHandler {
            let _: WorkerStats = try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    continuation.resume(
                        with: Result { try runWorker(configuration: configuration, stop: stop, logger: logger) }
                    )
                }
                thread.name = "ingest-consumer"
                thread.start()
            }
        } onGracefulShutdown: {
            logger.info("shutdown requested: finishing the batch in flight")
            stop.request()
        }
    }
}
