import IngestConfig
import IngestCore

/// The worker's own settings; each default is the documented constant it names.
extension Setting {
    public static let deadLetterTopic = Setting(
        flag: "dlq-topic",
        environment: "KAFKA_DLQ_TOPIC",
        defaultValue: WorkerConfiguration.defaultDeadLetterTopic
    )
    public static let batchSize = Setting(
        flag: "batch-size",
        environment: "INGEST_BATCH_SIZE",
        defaultValue: String(WorkerConfiguration.defaultBatchSize)
    )
    public static let batchBytes = Setting(
        flag: "batch-bytes",
        environment: "INGEST_BATCH_BYTES",
        defaultValue: String(WorkerConfiguration.defaultBatchBytes),
        shownDefault: "\(WorkerConfiguration.defaultBatchBytes / (1024 * 1024)) MiB"
    )
    /// Worked out at run time: one per core.
    public static let threads = Setting(flag: "threads", environment: "INGEST_THREADS", shownDefault: "all cores")
    public static let pipelineVersion = Setting(
        flag: "pipeline-version",
        environment: "INGEST_PIPELINE_VERSION",
        defaultValue: Pipeline.defaultVersion,
        shownDefault: "the build's version"
    )
    public static let maxBodyBytes = Setting(
        flag: "max-body-bytes",
        environment: "INGEST_MAX_BODY_BYTES",
        defaultValue: String(PipelineOptions.defaultMaxBodyBytes),
        shownDefault: "\(PipelineOptions.defaultMaxBodyBytes / (1024 * 1024)) MiB"
    )
    /// Worked out at run time: host name and process id.
    public static let workerID = Setting(flag: "worker-id", environment: "INGEST_WORKER_ID", shownDefault: "host-pid")
    public static let metricsPort = Setting(flag: "metrics-port", environment: "METRICS_PORT", shownDefault: "off")

    /// Every setting the worker reads, in the order of the README's table.
    public static let workerSettings: [Setting] = [
        .brokers, .databaseURL, .topic, .deadLetterTopic, .group, .batchSize, .batchBytes, .threads, .maxBodyBytes,
        .pipelineVersion, .kafkaConfigFile, .kafkaConfig, .workerID, .metricsPort,
    ]
}
