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
    @OptionGroup var groupOptions: GroupOptions
    @OptionGroup var options: WorkerOptions

    public init() {}

    public func resolvedConfiguration() throws -> WorkerConfiguration {
        WorkerConfiguration(
            brokers: kafka.brokers,
            kafkaPassThrough: try kafka.passThrough,
            topic: topicOptions.topic,
            deadLetterTopic: Setting.deadLetterTopic.resolve(options.dlqTopic),
            group: groupOptions.group,
            databaseURL: database.databaseURL,
            batchSize: try Setting.batchSize.resolvePositive(options.batchSize),
            batchBytes: try Setting.batchBytes.resolvePositive(options.batchBytes),
            threads: try Setting.threads.resolvePositive(
                options.threads,
                default: ProcessInfo.processInfo.activeProcessorCount
            ),
            workerID: Setting.workerID.resolve(options.workerID, default: WorkerConfiguration.defaultWorkerID()),
            pipeline: Pipeline(
                version: Setting.pipelineVersion.resolve(options.pipelineVersion),
                options: PipelineOptions(maxBodyBytes: try Setting.maxBodyBytes.resolvePositive(options.maxBodyBytes))
            )
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

    public func run() async throws {
        let logger = Logger(label: "ingest-worker")
        let configuration = try resolvedConfiguration()
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let port = try options.resolvedMetricsPort()
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
