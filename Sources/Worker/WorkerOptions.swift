import ArgumentParser
import Foundation
import IngestConfig
import IngestCore

/// The worker's own flags; the Kafka, topic, database and group ones are the option groups `ingestctl` uses.
public struct WorkerOptions: ParsableArguments, Sendable {
    @Option(Setting.deadLetterTopic, help: "Dead-letter topic")
    var dlqTopic: String?

    @Option(Setting.batchSize, help: "Messages per batch and transaction")
    var batchSize: Int?

    @Option(Setting.batchBytes, help: "Message bytes per batch: a batch ends at whichever limit it reaches first")
    var batchBytes: Int?

    @Option(Setting.threads, help: "Processing threads")
    var threads: Int?

    @Option(Setting.pipelineVersion, help: "Pipeline version stored with results")
    var pipelineVersion: String?

    @Option(Setting.maxBodyBytes, help: "Largest article body accepted, in bytes")
    var maxBodyBytes: Int?

    @Option(Setting.workerID, help: "Worker id in logs and the database")
    var workerID: String?

    @Option(Setting.metricsPort, help: "Port serving /metrics, /healthz and /readyz")
    var metricsPort: Int?

    public init() {}

    /// `--metrics-port`, then `METRICS_PORT`; nil when neither is set.
    public func resolvedMetricsPort() throws -> Int? {
        let text = Setting.metricsPort.resolve(metricsPort.map(String.init))
        guard !text.isEmpty else { return nil }
        guard let port = Int(text), (1...65535).contains(port) else {
            throw ValidationError("\(Setting.metricsPort.environment) must be a port number (1-65535)")
        }
        return port
    }
}
