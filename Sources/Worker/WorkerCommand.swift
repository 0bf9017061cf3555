import ArgumentParser
import Foundation
import IngestConfig
import IngestCore
import IngestStore
import Logging
import Observability
import ServiceLifecycle

/// `ingest-worker`: one member of the consumer group.
@available(macOS 10.15, *)
public struct WorkerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ingest-worker",
        abstract: "Consume articles, process them on all cores, and store results in PostgreSQL exactly once."
    )

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var topicOptions: TopicOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Dead-letter topic (env KAFKA_DLQ_TOPIC, default articles.dlq).")
    var dlqTopic: String?

    @Option(help: "Consumer group (env KAFKA_GROUP, default newsingest-workers).")
    var group: String?

    @Option(help: "Messages per batch and transaction (env INGEST_BATCH_SIZE, default 500).")
    var batchSize: Int?

    @Option(help: "Processing threads (env INGEST_THREADS, default: all cores).")
    var threads: Int?

    @Option(help: "Pipeline version stored with results (env INGEST_PIPELINE_VERSION).")
    var pipelineVersion: String?

    @Option(help: "Largest article body accepted, in bytes (env INGEST_MAX_BODY_BYTES, default 2 MiB).")
    var maxBodyBytes: Int?

    @Option(help: "Worker id in logs and the database (default host-pid).")
    var workerID: String?

    @Option(help: "Port serving /metrics, /healthz and /readyz (env METRICS_PORT; off when unset).")
    var metricsPort: Int?

    public init() {}

    public func resolvedConfiguration() throws -> WorkerConfiguration {
        func number(_ flag: Int?, _ key: String, _ fallback: Int) throws -> Int {
            let text = resolveSetting(flag.map(String.init), environment: key, default: String(fallback))
            guard let value = Int(text), value > 0 else { throw ValidationError("\(key) must be a positive integer") }
            return value
        }
        let options = PipelineOptions(maxBodyBytes: try number(maxBodyBytes, "INGEST_MAX_BODY_BYTES", 2 * 1024 * 1024))
        let version = resolveSetting(
            pipelineVersion,
            environment: "INGEST_PIPELINE_VERSION",
            default: Pipeline.defaultVersion
        )
        return WorkerConfiguration(
            brokers: kafka.brokers,
            kafkaPassThrough: try kafka.passThrough,
            topic: topicOptions.topic,
            deadLetterTopic: resolveSetting(dlqTopic, environment: "KAFKA_DLQ_TOPIC", default: "articles.dlq"),
            group: resolveSetting(group, environment: "KAFKA_GROUP", default: "newsingest-workers"),
            databaseURL: database.databaseURL,
            batchSize: try number(batchSize, "INGEST_BATCH_SIZE", 500),
            threads: try number(threads, "INGEST_THREADS", ProcessInfo.processInfo.activeProcessorCount),
            workerID: resolveSetting(
                workerID,
                environment: "INGEST_WORKER_ID",
                default: WorkerConfiguration.defaultWorkerID()
            ),
            pipeline: Pipeline(version: version, options: options)
        )
    }

    /// Whichever service ends or fails first, the others shut down gracefully: the worker finishes its batch.
    private func observed(_ service: any Service) -> ServiceGroupConfiguration.ServiceConfiguration {
        .init(
            service: service,
            successTerminationBehavior: .gracefullyShutdownGroup,
            failureTerminationBehavior: .gracefullyShutdownGroup
        )
    }

    /// `--metrics-port`, then `METRICS_PORT`; nil when neither is set.
    public func resolvedMetricsPort() throws -> Int? {
        let text = resolveSetting(metricsPort.map(String.init), environment: "METRICS_PORT", default: "")
        guard !text.isEmpty else { return nil }
        guard let port = Int(text), (1...65535).contains(port) else {
            throw ValidationError("METRICS_PORT must be a port number (1-65535)")
        }
        return port
    }

    public func run() async throws {
        let logger = Logger(label: "ingest-worker")
        let configuration = try resolvedConfiguration()
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let port = try resolvedMetricsPort()
        // Before any metric is created: swift-metrics binds each one to the backend current at its creation.
        let metricsRoute = port.map { _ in PrometheusBootstrap.bootstrapMetricsRoute() }
        let telemetry = WorkerTelemetry()
        if let port, let metricsRoute {
            // A port already taken (or a failed monitor) stops the worker cleanly, with the error, rather than
            // leaving it running without its probes.
            services.append(
                observed(
                    ObservabilityServer(
                        port: port,
                        routes: [
                            "/metrics": metricsRoute,
                            "/healthz": { telemetry.liveness().response },
                            "/readyz": { telemetry.readiness().response },
                        ],
                        logger: logger
                    )
                )
            )
            services.append(
                observed(
                    HealthMonitor(
                        databaseURL: configuration.databaseURL,
                        migrations: Migration.locateDirectory(explicit: nil),
                        telemetry: telemetry,
                        logger: logger
                    )
                )
            )
        }
        // Shut down in reverse order: the worker drains first while /metrics and the probes still answer.
        services.append(observed(WorkerService(configuration: configuration, logger: logger, telemetry: telemetry)))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}
