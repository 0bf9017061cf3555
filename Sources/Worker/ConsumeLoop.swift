import Dispatch
import Foundation
import IngestCore
import IngestStore
import Kafka
import Logging
import Metrics
import Postgres
import Synchronization

/// Set from any thread to ask the loop to finish its batch and leave the group.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func request() { flag.store(true, ordering: .releasing) }
    public var isRequested: Bool { flag.load(ordering: .acquiring) }
}

/// What the loop has done, for tests and the final log line.
public struct WorkerStats: Sendable, Equatable {
    public var batches = 0
    public var messages = 0
    public var articles = 0
    public var deadLetters = 0
    public var fencedBatches = 0
    public var transientRetries = 0

    public init() {}
}

/// The worker's poll → process → dead-letter → commit cycle. It runs on one dedicated thread (never the cooperative
/// pool), which owns the Kafka consumer and the PostgreSQL connection; only batch processing fans out to other
/// threads, on pure data.
final class ConsumeLoop: KafkaRebalanceHandler {
    private let configuration: WorkerConfiguration
    private let logger: Logger
    private let stop: StopSignal
    private var store: ResultStore!
    private var consumer: KafkaConsumer!
    private let deadLetters: KafkaProducer
    /// Partitions this worker holds, with the fencing epoch and the next offset it expects.
    private var held: [KafkaTopicPartition: (epoch: Int64, next: Int64?)] = [:]
    private(set) var stats = WorkerStats()
    private let telemetry: WorkerTelemetry

    init(configuration: WorkerConfiguration, stop: StopSignal, logger: Logger, telemetry: WorkerTelemetry) throws {
        self.configuration = configuration
        self.telemetry = telemetry
        self.stop = stop
        self.logger = logger
        var producerConfiguration = KafkaProducer.defaults(brokers: configuration.brokers)
        try producerConfiguration.apply(passThrough: configuration.kafkaPassThrough)
        producerConfiguration["linger.ms"] = "5"
        deadLetters = try KafkaProducer(configuration: producerConfiguration, logger: logger)
        let connection = try Self.connectWithRetry(configuration, logger: logger, stop: stop)
        store = ResultStore(connection: connection, logger: logger)
        try store.register(pipelineVersion: configuration.pipeline.version)
        var consumerConfiguration = KafkaConsumer.defaults(brokers: configuration.brokers, group: configuration.group)
        consumerConfiguration["client.id"] = configuration.workerID
        try consumerConfiguration.apply(passThrough: configuration.kafkaPassThrough)
        consumer = try KafkaConsumer(
            configuration: consumerConfiguration,
            topics: [configuration.topic],
            handler: self,
            logger: logger
        )
    }

    /// Polls until asked to stop, then closes the consumer (which revokes and leaves the group).
    func run() throws {
        logger.info(
            "worker started",
            metadata: [
                "worker": "\(configuration.workerID)", "group": "\(configuration.group)",
                "topic": "\(configuration.topic)", "threads": "\(configuration.threads)",
                "pipeline": "\(configuration.pipeline.version)",
            ]
        )
        defer {
            consumer.close()
            try? store.removeHeartbeat(group: configuration.group, worker: configuration.workerID)
            logger.info("worker stopped", metadata: ["stats": "\(stats)"])
        }
        var lastHeartbeat = ContinuousClock.now - .seconds(60)
        var lastLagReport = ContinuousClock.now
        while !stop.isRequested {
            if ContinuousClock.now - lastHeartbeat > .seconds(3) {
                // Best effort: a missed heartbeat only delays a replay, it never affects results.
                try? store.heartbeat(
                    group: configuration.group,
                    worker: configuration.workerID,
                    topic: configuration.topic,
                    pipelineVersion: configuration.pipeline.version
                )
                lastHeartbeat = ContinuousClock.now
            }
            let messages = try consumer.poll(maxMessages: configuration.batchSize, timeout: configuration.pollTimeout)
            telemetry.polled(messages.count)
            if ContinuousClock.now - lastLagReport > .seconds(5) {
                reportLag()
                lastLagReport = ContinuousClock.now
            }
            let batch = messages.filter(isExpected)
            guard !batch.isEmpty else { continue }
            try handle(batch)
        }
    }

    /// Skips messages of partitions we no longer hold and offsets already committed (a re-delivery after seek).
    private func isExpected(_ message: KafkaMessage) -> Bool {
        guard let state = held[message.topicPartition] else { return false }
        return state.next.map { message.offset >= $0 } ?? true
    }

    private func handle(_ messages: [KafkaMessage]) throws {
        let started = ContinuousClock.now
        try commit(messages, outcomes: process(messages))
        telemetry.batchFinished(ContinuousClock.now - started)
    }

    /// Lag per held partition from the watermarks librdkafka last fetched, for the `ingest_consumer_lag` gauge.
    private func reportLag() {
        for (partition, state) in held {
            guard let marks = consumer.metadata.cachedWatermarks(topic: partition.topic, partition: partition.partition)
            else { continue }
            telemetry.lag(partition, messages: marks.high - (state.next ?? marks.low))
        }
    }

    /// Dead-letters the failures, then writes results and positions in one transaction. When the database rejects
    /// the batch for a reason retrying cannot fix (a value it refuses), the messages are written one at a time so
    /// only the offending one is dead-lettered: bad input never stops the partition or the worker.
    private func commit(_ messages: [KafkaMessage], outcomes: [Result<ProcessedArticle, IngestError>]) throws {
        var articles: [ArticleResult] = []
        var failed: [(KafkaMessage, IngestError)] = []
        for (message, outcome) in zip(messages, outcomes) {
            let origin = MessageOrigin(topic: message.topic, partition: message.partition, offset: message.offset)
            switch outcome {
            case .success(let article): articles.append(ArticleResult(origin: origin, article: article))
            case .failure(let error): failed.append((message, error))
            }
        }
        // The dead-letter topic acknowledges every bad message before its offset can move past it.
        let errors = try sendToDeadLetters(failed)

        var advances: [PartitionAdvance] = []
        var lastOffsets: [KafkaTopicPartition: Int64] = [:]
        for message in messages {
            lastOffsets[message.topicPartition] = max(lastOffsets[message.topicPartition] ?? -1, message.offset)
        }
        for (topicPartition, last) in lastOffsets {
            guard let state = held[topicPartition] else { continue }
            advances.append(
                PartitionAdvance(
                    topic: topicPartition.topic,
                    partition: topicPartition.partition,
                    epoch: state.epoch,
                    expected: state.next,
                    next: last + 1
                )
            )
        }
        let batch = BatchWrite(
            group: configuration.group,
            worker: configuration.workerID,
            pipelineVersion: configuration.pipeline.version,
            advances: advances,
            articles: articles,
            errors: errors
        )
        let outcome: BatchOutcome
        let transactionStarted = ContinuousClock.now
        do {
            outcome = try commitWithRetry(batch)
        } catch let error as PostgresError where !error.isTransient {
            if messages.count > 1 {
                logger.warning(
                    "batch rejected by the database; writing one message at a time",
                    metadata: ["error": "\(error)"]
                )
                for (message, result) in zip(messages, outcomes) where held[message.topicPartition] != nil {
                    try commit([message], outcomes: [result])
                }
                return
            }
            if case .success = outcomes[0] {
                try commit(messages, outcomes: [.failure(.processing(stage: "storage", reason: error.description))])
                return
            }
            throw error  // even the error record cannot be written: the database itself is broken
        }
        switch outcome {
        case .committed(let newArticles, _, _):
            for advance in advances {
                let key = KafkaTopicPartition(topic: advance.topic, partition: advance.partition)
                held[key]?.next = advance.next
            }
            telemetry.committed(
                newArticles: newArticles,
                sightings: articles.count,
                deadLetterClasses: errors.map(\.errorClass),
                transaction: ContinuousClock.now - transactionStarted
            )
            linkPending()
            stats.batches += 1
            stats.messages += messages.count
            stats.articles += newArticles
            stats.deadLetters += errors.count
            // Mirror the positions to Kafka so lag tools see progress; PostgreSQL stays authoritative.
            do {
                try consumer.commit(
                    Dictionary(
                        uniqueKeysWithValues: advances.map {
                            (KafkaTopicPartition(topic: $0.topic, partition: $0.partition), $0.next)
                        }
                    )
                )
            } catch {
                logger.debug("Kafka offset commit failed", metadata: ["error": "\(error)"])
            }
        case .fenced(let partitions):
            // Another worker owns these now; drop them until a rebalance gives them back, and redo the rest.
            stats.fencedBatches += 1
            telemetry.fenced()
            logger.warning("fenced: partitions moved to another worker", metadata: ["partitions": "\(partitions)"])
            for key in partitions { held[KafkaTopicPartition(topic: key.topic, partition: key.partition)] = nil }
            let remaining = zip(messages, outcomes).filter { held[$0.0.topicPartition] != nil }
            if !remaining.isEmpty { try commit(remaining.map(\.0), outcomes: remaining.map(\.1)) }
        }
    }

    /// Runs the pure pipeline over the batch on `threads` threads; results keep the batch order.
    private func process(_ messages: [KafkaMessage]) -> [Result<ProcessedArticle, IngestError>] {
        let pipeline = configuration.pipeline
        let results = UnsafeMutableBufferPointer<Result<ProcessedArticle, IngestError>>.allocate(
            capacity: messages.count
        )
        defer { results.deallocate() }
        let workers = min(configuration.threads, messages.count)
        // Each worker writes only its own indices, so no two threads touch the same slot.
        nonisolated(unsafe) let slots = results
        let telemetry = telemetry
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < messages.count {
                var durations = StageDurations()
                let outcome = Result { () throws(IngestError) -> ProcessedArticle in
                    try pipeline.process(messageValue: messages[index].value, durations: &durations)
                }
                telemetry.processed(durations)
                (slots.baseAddress! + index).initialize(to: outcome)
                index += workers
            }
        }
        let collected = Array(results)
        _ = results.deinitialize()
        return collected
    }

    private func sendToDeadLetters(_ failed: [(KafkaMessage, IngestError)]) throws -> [ErrorResult] {
        guard !failed.isEmpty else { return [] }
        let failedAt = ISO8601DateFormatter().string(from: Date())
        let outgoing = failed.map { message, error in
            KafkaOutgoingMessage(
                topic: configuration.deadLetterTopic,
                key: message.key,
                value: message.value,
                headers: [
                    KafkaHeader(key: "x-error-class", string: error.errorClass),
                    KafkaHeader(key: "x-error-message", string: error.description),
                    KafkaHeader(key: "x-origin-topic", string: message.topic),
                    KafkaHeader(key: "x-origin-partition", string: String(message.partition)),
                    KafkaHeader(key: "x-origin-offset", string: String(message.offset)),
                    KafkaHeader(key: "x-worker", string: configuration.workerID),
                    KafkaHeader(key: "x-pipeline-version", string: configuration.pipeline.version),
                    KafkaHeader(key: "x-failed-at", string: failedAt),
                ]
            )
        }
        var delay = Duration.milliseconds(200)
        while true {
            let reports = deadLetters.send(outgoing, timeout: .seconds(30))
            if reports.allSatisfy({ $0.error == nil }) {
                return zip(failed, reports).map { pair, report in
                    let (message, error) = pair
                    return ErrorResult(
                        origin: MessageOrigin(
                            topic: message.topic,
                            partition: message.partition,
                            offset: message.offset
                        ),
                        errorClass: error.errorClass,
                        message: error.description,
                        messageKey: message.key.map { String(decoding: $0, as: UTF8.self) },
                        payloadBytes: message.value.count,
                        dlqTopic: report.topic,
                        dlqPartition: report.partition,
                        dlqOffset: report.offset
                    )
                }
            }
            // A broker outage is transient: retry (duplicates in the dead-letter topic are harmless, the
            // ingest_errors row is keyed by origin), never skip the message.
            stats.transientRetries += 1
            telemetry.retried("dead-letter")
            let firstError = reports.compactMap(\.error).first.map { "\($0)" } ?? ""
            logger.warning("dead-letter write failed; retrying", metadata: ["error": "\(firstError)"])
            if stop.isRequested { throw WorkerError.stoppedDuringRetry }
            Thread.sleep(forTimeInterval: delay.seconds)
            delay = min(delay * 2, .seconds(5))
        }
    }

    /// Second phase of dedup and claim matching: runs after the batch is visible to other workers, so two
    /// near-duplicates stored at the same moment are always compared by at least one of them. Work left pending
    /// by a crash is picked up by the next call, from any worker.
    private func linkPending() {
        let started = ContinuousClock.now
        defer { telemetry.linked(ContinuousClock.now - started) }
        var delay = Duration.milliseconds(100)
        for attempt in 1...8 {
            do {
                // Bounded by the stop signal, so a backlog never delays a graceful shutdown.
                while try store.linkPendingStories(limit: 500) == 500 && !stop.isRequested {}
                while try store.linkPendingClaims(limit: 500) == 500 && !stop.isRequested {}
                return
            } catch let error as PostgresError where error.isTransient && attempt < 8 {
                stats.transientRetries += 1
                telemetry.retried("linking")
                Thread.sleep(forTimeInterval: delay.seconds)
                delay = min(delay * 2, .seconds(2))
                if !store.connection.isConnected { try? store.connection.reset() }
            } catch {
                // Left pending: the next batch (on this or another worker) tries again.
                logger.error("linking stories or claims failed; will retry later", metadata: ["error": "\(error)"])
                return
            }
        }
    }

    /// Retries transient PostgreSQL failures (restart, lost connection, deadlock) with backoff, reconnecting.
    private func commitWithRetry(_ batch: BatchWrite) throws -> BatchOutcome {
        var delay = Duration.milliseconds(200)
        while true {
            do {
                return try store.commit(batch)
            } catch let error as PostgresError where error.isTransient {
                stats.transientRetries += 1
                telemetry.retried("commit")
                logger.warning("database write failed; retrying", metadata: ["error": "\(error)"])
                if stop.isRequested && !store.connection.isConnected { throw WorkerError.stoppedDuringRetry }
                Thread.sleep(forTimeInterval: delay.seconds)
                delay = min(delay * 2, .seconds(5))
                if !store.connection.isConnected { try? store.connection.reset() }
            }
        }
    }

    private static func connectWithRetry(
        _ configuration: WorkerConfiguration,
        logger: Logger,
        stop: StopSignal
    ) throws -> PostgresConnection {
        try PostgresConnection.connect(
            PostgresSettings(url: configuration.databaseURL, applicationName: "ingest-worker"),
            logger: logger,
            attempts: 30
        )
    }

    // MARK: KafkaRebalanceHandler (called on this loop's thread, inside poll)

    func partitionsAssigned(_ partitions: [KafkaTopicPartition]) throws -> [KafkaTopicPartition: Int64?] {
        var byTopic: [String: [Int32]] = [:]
        for partition in partitions { byTopic[partition.topic, default: []].append(partition.partition) }
        var offsets: [KafkaTopicPartition: Int64?] = [:]
        var delay = Duration.milliseconds(200)
        for (topic, numbers) in byTopic {
            var claims: [PartitionClaim] = []
            while true {
                do {
                    claims = try store.claim(
                        group: configuration.group,
                        topic: topic,
                        partitions: numbers,
                        owner: configuration.workerID
                    )
                    break
                } catch let error as PostgresError where error.isTransient && !stop.isRequested {
                    logger.warning("cannot read start offsets; retrying", metadata: ["error": "\(error)"])
                    telemetry.retried("claim")
                    Thread.sleep(forTimeInterval: delay.seconds)
                    delay = min(delay * 2, .seconds(5))
                    if !store.connection.isConnected { try? store.connection.reset() }
                }
            }
            for claim in claims {
                let key = KafkaTopicPartition(topic: claim.key.topic, partition: claim.key.partition)
                if let next = claim.nextOffset { try checkWithinLog(key, next: next) }
                held[key] = (claim.epoch, claim.nextOffset)
                offsets[key] = claim.nextOffset
            }
        }
        telemetry.assigned(partitions)
        return offsets
    }

    /// A stored position past the log end means the topic was recreated or truncated: consuming would reset to
    /// the start and every message below the stored position would be skipped without a word. Refuse instead.
    /// Checked three times a second apart, since a new leader may briefly report a lower end.
    private func checkWithinLog(_ partition: KafkaTopicPartition, next: Int64) throws {
        for attempt in 1...3 {
            guard let marks = try? consumer.metadata.watermarks(topic: partition.topic, partition: partition.partition),
                next > marks.high
            else { return }
            if attempt == 3 {
                throw WorkerError.positionBeyondLog(partition: partition.description, stored: next, logEnd: marks.high)
            }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    func partitionsRevoked(_ partitions: [KafkaTopicPartition]) {
        for partition in partitions { held[partition] = nil }
        telemetry.revoked(partitions)
    }
}

enum WorkerError: Error, CustomStringConvertible {
    case stoppedDuringRetry
    case positionBeyondLog(partition: String, stored: Int64, logEnd: Int64)

    var description: String {
        switch self {
        case .stoppedDuringRetry:
            return "stopped while retrying a transient failure; the uncommitted batch will be redone by the next owner"
        case .positionBeyondLog(let partition, let stored, let logEnd):
            return
                "\(partition): the stored position \(stored) is past the log end \(logEnd) (was the topic recreated?); "
                + "refusing to skip messages. Move the position with `ingestctl replay` first."
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
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
