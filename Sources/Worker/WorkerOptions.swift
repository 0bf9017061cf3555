import ArgumentParser
import Foundation
import IngestConfig
import IngestCore

/// The worker's own flags; the Kafka, topic, database and group ones are the option groups `ingestctl` uses.
public struct WorkerOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong(Setting.deadLetterTopic.flag),
        help: .init(Setting.deadLetterTopic.help("Dead-letter topic"))
    )
    var dlqTopic: String?

    @Option(
        name: .customLong(Setting.batchSize.flag),
        help: .init(Setting.batchSize.help("Messages per batch and transaction"))
    )
    var batchSize: Int?

    @Option(name: .customLong(Setting.threads.flag), help: .init(Setting.threads.help("Processing threads")))
    var threads: Int?

    @Option(
        name: .customLong(Setting.pipelineVersion.flag),
        help: .init(Setting.pipelineVersion.help("Pipeline version stored with results"))
    )
    var pipelineVersion: String?

    @Option(
        name: .customLong(Setting.maxBodyBytes.flag),
        help: .init(Setting.maxBodyBytes.help("Largest article body accepted, in bytes"))
    )
    var maxBodyBytes: Int?

    @Option(
        name: .customLong(Setting.workerID.flag),
        help: .init(Setting.workerID.help("Worker id in logs and the database"))
    )
    var workerID: String?

    @Option(
        name: .customLong(Setting.metricsPort.flag),
        help: .init(Setting.metricsPort.help("Port serving /metrics, /healthz and /readyz"))
    )
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
