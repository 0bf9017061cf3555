import Foundation
import Logging
import ServiceLifecycle

/// Runs the consume loop on its own thread as a lifecycle `Service`. On graceful shutdown (SIGTERM/SIGINT) the
/// loop finishes the batch in flight, commits it, and leaves the group.
public final class WorkerService: Service {
    let configuration: WorkerConfiguration
    let logger: Logger
    let telemetry: WorkerTelemetry
    public let stop = StopSignal()

    public init(configuration: WorkerConfiguration, logger: Logger, telemetry: WorkerTelemetry = WorkerTelemetry()) {
        self.configuration = configuration
        self.logger = logger
        self.telemetry = telemetry
    }

    public func run() async throws {
        let configuration = configuration
        let logger = logger
        let stop = stop
        let telemetry = telemetry
        // Cancellation (another service of the group failed) stops the loop the same way as a graceful shutdown.
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                let _: WorkerStats = try await withCheckedThrowingContinuation { continuation in
                    let thread = Thread {
                        let result = Result {
                            try runWorker(
                                configuration: configuration,
                                stop: stop,
                                logger: logger,
                                telemetry: telemetry
                            )
                        }
                        telemetry.loopEnded((try? result.get()).map { _ in "shut down" } ?? "failed")
                        continuation.resume(with: result)
                    }
                    thread.name = "ingest-consumer"
                    thread.start()
                }
            } onGracefulShutdown: {
                logger.info("shutdown requested: finishing the batch in flight")
                stop.request()
            }
        } onCancel: {
            stop.request()
        }
    }
}
