import Foundation
import IngestCore
import IngestStore
import Kafka
import Logging
import Postgres

/// The worker's cycle: poll batch N+1, start its pure pipeline on other threads, commit batch N (results and
/// positions in one transaction, `ConsumeLoop+Commit.swift`) on this thread meanwhile, then wait for N+1's results.
/// The `Linker` links what each commit stored on its own thread and connection, overlapping the next commit. The
/// loop runs on one dedicated thread (never the cooperative pool), which alone uses the Kafka consumer and the batch
/// connection, including inside the rebalance callbacks (`ConsumeLoop+Assignment.swift`); the pipeline threads see
/// only message bytes.
final class ConsumeLoop: KafkaRebalanceHandler {
    let configuration: WorkerConfiguration
    let logger: Logger
    let stop: StopSignal
    var store: ResultStore!
    var consumer: KafkaConsumer!
    let deadLetters: DeadLetterSender
    var held = HeldPartitions()
    /// The batch processed but not yet committed. A revoke commits it before the partitions go (see
    /// `partitionsRevoked`), so a new claim reads the position it leaves.
    var pending: ProcessedBatch?
    /// Messages polled past the batch's byte budget (`batchBytes`): the start of the next batch. Those of a
    /// partition revoked, assigned or re-claimed are dropped (`dropCarried`), since librdkafka fetches it again from
    /// the claimed position.
    var carried: [KafkaMessage] = []
    /// A commit that failed inside a rebalance callback, thrown once the poll returns.
    var callbackFailure: (any Error)?
    let linker: Linker
    var stats = WorkerStats()
    let telemetry: WorkerTelemetry

    init(configuration: WorkerConfiguration, stop: StopSignal, logger: Logger, telemetry: WorkerTelemetry) throws {
        self.configuration = configuration
        self.telemetry = telemetry
        self.stop = stop
        self.logger = logger
        deadLetters = try DeadLetterSender(configuration: configuration, logger: logger)
        let connection = try Self.connect(configuration, logger: logger)
        try SchemaVersion.check(connection)
        store = ResultStore(connection: connection, logger: logger)
        try store.register(pipelineVersion: configuration.pipeline.version)
        linker = Linker(
            store: ResultStore(
                connection: try Self.connect(configuration, logger: logger),
                logger: logger,
                sharingPostingsWith: store
            ),
            stop: stop,
            logger: logger,
            telemetry: telemetry,
            idleInterval: .seconds(5)
        )
        var consumerConfiguration = KafkaConsumer.defaults(brokers: configuration.brokers, group: configuration.group)
        consumerConfiguration["client.id"] = configuration.workerID
        try consumerConfiguration.apply(passThrough: configuration.kafkaPassThrough)
        consumer = try KafkaConsumer(
            configuration: consumerConfiguration,
            topics: [configuration.topic],
            handler: self,
            logger: logger
        )
        try checkDeadLetterTopic()
    }

    /// A worker session: the batch path's and the linker's.
    private static func connect(_ configuration: WorkerConfiguration, logger: Logger) throws -> PostgresConnection {
        try PostgresConnection.connect(
            PostgresSettings(
                url: configuration.databaseURL,
                applicationName: "ingest-worker",
                defaults: configuration.databaseSessionDefaults
            ),
            logger: logger,
            attempts: 30
        )
    }

    /// A missing or forbidden dead-letter topic would hold up the first bad message forever: refuse to start
    /// instead. The topic list is read, since asking for one topic by name can make a broker create it.
    private func checkDeadLetterTopic() throws {
        let topic = configuration.deadLetterTopic
        let deadline = ContinuousClock.now + configuration.brokerTimeout
        while true {
            do {
                guard try consumer.metadata.topicNames(timeout: .seconds(5)).contains(topic) else {
                    throw WorkerError.deadLetterTopicUnusable(topic: topic, reason: "not found or not authorised")
                }
                return
            } catch let error as KafkaError {
                if ContinuousClock.now >= deadline || stop.isRequested {
                    throw WorkerError.brokersUnreachable(brokers: configuration.brokers, reason: "\(error)")
                }
                logger.warning("brokers not answering yet; retrying", metadata: ["error": "\(error)"])
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// Polls until asked to stop, commits the batch in flight, then closes the consumer (which revokes and leaves
    /// the group).
    func run() throws {
        logger.info(
            "worker started",
            metadata: [
                "worker": "\(configuration.workerID)", "group": "\(configuration.group)",
                "topic": "\(configuration.topic)", "threads": "\(configuration.threads)",
                "pipeline": "\(configuration.pipeline.version)",
            ]
        )
        linker.start()
        defer {
            pending = nil  // after a failure, discarded: its offsets stay, and the next owner redoes it
            stats.transientRetries += linker.finish()
            consumer.close()
            try? store.removeHeartbeat(group: configuration.group, worker: configuration.workerID)
            logger.info("worker stopped", metadata: ["stats": "\(stats)"])
        }
        var lastHeartbeat = ContinuousClock.now - .seconds(60)
        var lastLagReport = ContinuousClock.now
        while !stop.isRequested {
            if ContinuousClock.now - lastHeartbeat > .seconds(3) {
                heartbeat()
                lastHeartbeat = ContinuousClock.now
            }
            // With a batch waiting to commit, or messages carried over, take only what is already fetched: the
            // commit must not wait. Carried messages come first: they precede the polled ones in their partitions.
            let messages = try consumer.poll(
                maxMessages: configuration.batchSize - carried.count,
                timeout: pending == nil && carried.isEmpty ? configuration.pollTimeout : .zero
            )
            if let failure = callbackFailure {
                callbackFailure = nil
                throw failure
            }
            try linker.checkFailure()
            telemetry.polled(messages.count)
            try recordConsumerErrors()
            if ContinuousClock.now - lastLagReport > .seconds(5) {
                reportLag()
                lastLagReport = ContinuousClock.now
            }
            // Messages of a re-claimed partition were fetched before its seek: they come again from the stored
            // position, and taking these would skip the offsets between.
            let reclaimed = try reclaimFencedPartitions()
            let expected = (carried + messages).filter {
                !reclaimed.contains($0.topicPartition) && held.isExpected($0)
            }
            let (batch, rest) = Self.split(expected, maxBytes: configuration.batchBytes)
            carried = rest
            let epochs = held.epochs(of: batch)
            let polledAt = ContinuousClock.now
            let run =
                batch.isEmpty
                ? nil
                : PipelineRun(
                    batch,
                    pipeline: configuration.pipeline,
                    threads: configuration.threads,
                    telemetry: telemetry
                )
            if let previous = pending {
                pending = nil
                try commit(previous, overlapping: run)
            }
            if let run {
                pending = ProcessedBatch(
                    messages: batch,
                    outcomes: run.wait(),
                    epochs: epochs,
                    polledAt: polledAt
                )
            }
        }
        if let last = pending {
            pending = nil
            try commit(last, overlapping: nil)
        }
    }

    /// Commits `batch` while `run` (the next batch's pipeline) works on other threads.
    private func commit(_ batch: ProcessedBatch, overlapping run: PipelineRun?) throws {
        let started = ContinuousClock.now
        try commit(batch)
        if let run, run.overlaps(from: started, to: .now) {
            stats.overlappedBatches += 1
            telemetry.overlapped()
        }
    }

    /// Runs a PostgreSQL operation under `policy`, counting each retry under `metric`.
    func retrying<T>(_ policy: RetryPolicy, _ operation: String, metric: String, _ body: () throws -> T) throws -> T {
        let onRetry = {
            self.stats.transientRetries += 1
            self.telemetry.retried(metric)
        }
        return try policy.run(operation, on: store.connection, stop: stop, logger: logger, onRetry: onRetry, body)
    }

    /// A missed heartbeat never affects results, but an idle worker must reconnect for the next one: without
    /// heartbeats a replay could run while it is still live.
    private func heartbeat() {
        do {
            try store.heartbeat(
                group: configuration.group,
                worker: configuration.workerID,
                topic: configuration.topic,
                pipelineVersion: configuration.pipeline.version
            )
        } catch {
            logger.warning("heartbeat failed", metadata: ["error": "\(error)"])
            if !store.connection.isConnected { try? store.connection.reset() }
        }
    }

    /// Lag per held partition from the watermarks librdkafka last fetched, for the `ingest_consumer_lag` gauge.
    private func reportLag() {
        for (partition, position) in held.positions {
            guard let marks = consumer.metadata.cachedWatermarks(topic: partition.topic, partition: partition.partition)
            else { continue }
            telemetry.lag(partition, messages: marks.high - (position.next ?? marks.low))
        }
    }

    /// The longest prefix of `messages` within `maxBytes` of keys and values (at least one message), and the rest.
    static func split(_ messages: [KafkaMessage], maxBytes: Int) -> (batch: [KafkaMessage], rest: [KafkaMessage]) {
        var bytes = 0
        for (index, message) in messages.enumerated() {
            bytes += message.value.count + (message.key?.count ?? 0)
            if bytes > maxBytes && index > 0 {
                return (Array(messages[..<index]), Array(messages[index...]))
            }
        }
        return (messages, [])
    }
}

/// Runs a worker on the calling thread until `stop` is requested; returns what it did. The calling thread must not
/// belong to the cooperative pool (use a `Thread`).
public func runWorker(
    configuration: WorkerConfiguration,
    stop: StopSignal,
    logger: Logger,
    telemetry: WorkerTelemetry = WorkerTelemetry()
) throws -> WorkerStats {
    let loop = try ConsumeLoop(configuration: configuration, stop: stop, logger: logger, telemetry: telemetry)
    try loop.run()
    return loop.stats
}
