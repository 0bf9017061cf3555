import Dispatch
import Foundation
import IngestCore
import IngestStore
import Kafka
import KafkaModel
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
    private let deadLetters: DeadLetterSender
    /// Partitions this worker holds, with the fencing epoch and the next offset it expects.
    private var held: [TopicPartition: (epoch: Int64, next: Int64?)] = [:]
    /// Partitions whose write was fenced while Kafka may still assign them here: re-claimed after the next poll
    /// unless that poll revoked them, so a partition is never left assigned but unprocessed.
    private var fencedWhileAssigned: Set<TopicPartition> = []
    private var lastLinked = ContinuousClock.now
    private(set) var stats = WorkerStats()
    private let telemetry: WorkerTelemetry

    init(configuration: WorkerConfiguration, stop: StopSignal, logger: Logger, telemetry: WorkerTelemetry) throws {
        self.configuration = configuration
        self.telemetry = telemetry
        self.stop = stop
        self.logger = logger
        deadLetters = try DeadLetterSender(configuration: configuration, logger: logger)
        let connection = try Self.connectWithRetry(configuration, logger: logger, stop: stop)
        try SchemaVersion.check(connection)
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
        try checkDeadLetterTopic()
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
                // A missed heartbeat never affects results, but an idle worker must reconnect for the next one:
                // without heartbeats a replay could run while it is still live.
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
                lastHeartbeat = ContinuousClock.now
            }
            let messages = try consumer.poll(maxMessages: configuration.batchSize, timeout: configuration.pollTimeout)
            telemetry.polled(messages.count)
            try recordConsumerErrors()
            if ContinuousClock.now - lastLagReport > .seconds(5) {
                reportLag()
                lastLagReport = ContinuousClock.now
            }
            // Messages of a re-claimed partition were fetched before its seek: they come again from the stored
            // position, and taking these would skip the offsets between.
            let reclaimed = try reclaimFencedPartitions()
            let batch = messages.filter { !reclaimed.contains($0.topicPartition) && isExpected($0) }
            guard !batch.isEmpty else {
                // Idle: finish linking left pending by a crash or a failed attempt, without waiting for a batch.
                if ContinuousClock.now - lastLinked > .seconds(5) { try linkPending() }
                continue
            }
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
        let errors = try deadLetters.send(failed, stop: stop) {
            stats.transientRetries += 1
            telemetry.retried("dead-letter")
        }

        var advances: [PartitionAdvance] = []
        var lastOffsets: [TopicPartition: Int64] = [:]
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
        } catch let error as PostgresError where error.isDataError {
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
            throw WorkerError.systemFailure("\(error)")  // even the error record cannot be written
        } catch let error as PostgresError where !error.isTransient {
            // Schema, permissions, a broken server: not the messages' fault. Stop, leaving the offsets where they
            // are; the batch is redone once an operator has fixed the cause.
            throw WorkerError.systemFailure("\(error)")
        }
        switch outcome {
        case .committed, .alreadyCommitted:
            let newArticles: Int
            if case .committed(let count, _, _) = outcome { newArticles = count } else { newArticles = 0 }
            for advance in advances {
                let key = TopicPartition(topic: advance.topic, partition: advance.partition)
                held[key]?.next = advance.next
            }
            telemetry.committed(
                newArticles: newArticles,
                sightings: articles.count,
                deadLetterClasses: errors.map(\.errorClass),
                transaction: ContinuousClock.now - transactionStarted
            )
            try linkPending()
            stats.batches += 1
            stats.messages += messages.count
            stats.articles += newArticles
            stats.deadLetters += errors.count
            // Mirror the positions to Kafka so lag tools see progress; PostgreSQL stays authoritative.
            do {
                try consumer.commit(
                    Dictionary(
                        uniqueKeysWithValues: advances.map {
                            (TopicPartition(topic: $0.topic, partition: $0.partition), $0.next)
                        }
                    )
                )
            } catch {
                logger.debug("Kafka offset commit failed", metadata: ["error": "\(error)"])
            }
        case .fenced(let partitions):
            // Another claim bumped the epoch. Drop them and redo the rest; if Kafka still assigns them here after the
            // next poll (no revoke came), they are claimed again from the stored position.
            stats.fencedBatches += 1
            telemetry.fenced()
            logger.warning("fenced: partitions moved to another worker", metadata: ["partitions": "\(partitions)"])
            for key in partitions {
                let topicPartition = TopicPartition(topic: key.topic, partition: key.partition)
                held[topicPartition] = nil
                fencedWhileAssigned.insert(topicPartition)
            }
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

    /// Second phase of dedup and claim matching: runs after the batch is visible to other workers, so two
    /// near-duplicates stored at the same moment are always compared by at least one of them. Work left pending
    /// by a crash is picked up by the next call, from any worker.
    private func linkPending() throws {
        lastLinked = ContinuousClock.now
        let started = ContinuousClock.now
        defer { telemetry.linked(ContinuousClock.now - started) }
        for queue in LinkQueue.allCases { try link(queue) }
    }

    /// Links `queue` in steps of 500 rows. When a step fails for a reason retrying cannot fix, the rows are taken
    /// one at a time until the one that fails alone is found; it is quarantined with its error and linking goes on,
    /// so one bad row never stops linking for good. Transient failures are retried a few times, then left pending
    /// for the next call (from any worker).
    private func link(_ queue: LinkQueue) throws {
        var delay = Duration.milliseconds(100)
        var transientFailures = 0
        var limit = 500
        // Bounded by the stop signal, so a backlog never delays a graceful shutdown.
        while !stop.isRequested {
            do {
                let linked = try store.linkPending(queue, limit: limit)
                if linked < limit && limit > 1 { return }
                if linked == 0 { return }
            } catch let error as PostgresError where error.isTransient {
                transientFailures += 1
                stats.transientRetries += 1
                telemetry.retried("linking")
                if transientFailures >= 8 {
                    logger.error(
                        "linking failed; will retry later",
                        metadata: ["queue": "\(queue)", "error": "\(error)"]
                    )
                    return
                }
                Thread.sleep(forTimeInterval: delay.seconds)
                delay = min(delay * 2, .seconds(2))
                if !store.connection.isConnected { try? store.connection.reset() }
            } catch let error as PostgresError where error.code == .server && !Self.isRowFault(error) {
                // Schema, permissions, a broken server: quarantining rows would only hide it.
                throw WorkerError.systemFailure("\(error)")
            } catch  where limit > 1 {
                logger.warning(
                    "linking step failed; isolating the row",
                    metadata: ["queue": "\(queue)", "error": "\(error)"]
                )
                limit = 1
            } catch {
                do {
                    let id = try store.quarantineNextPending(queue, error: "\(error)")
                    logger.error(
                        "linking fails on one row; quarantined it",
                        metadata: ["queue": "\(queue)", "id": "\(id.map(String.init) ?? "-")", "error": "\(error)"]
                    )
                    limit = 500
                } catch {
                    logger.error("cannot quarantine a failing row; will retry later", metadata: ["error": "\(error)"])
                    return
                }
            }
        }
    }

    /// Errors a linking step can owe to its rows: their data (22xxx, 23xxx, 54000) or a check raised by a function
    /// or trigger (P0001).
    static func isRowFault(_ error: PostgresError) -> Bool {
        error.isDataError || error.sqlState == "P0001"
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
            PostgresSettings(
                url: configuration.databaseURL,
                applicationName: "ingest-worker",
                defaults: configuration.databaseSessionDefaults
            ),
            logger: logger,
            attempts: 30
        )
    }

    // MARK: KafkaRebalanceHandler (called on this loop's thread, inside poll)

    func partitionsAssigned(_ partitions: [TopicPartition]) throws -> [TopicPartition: Int64?] {
        fencedWhileAssigned.subtract(partitions)
        return try claim(partitions)
    }

    /// Bumps the epochs of `partitions` for this worker and returns where each resumes.
    private func claim(_ partitions: [TopicPartition]) throws -> [TopicPartition: Int64?] {
        var byTopic: [String: [Int32]] = [:]
        for partition in partitions { byTopic[partition.topic, default: []].append(partition.partition) }
        var offsets: [TopicPartition: Int64?] = [:]
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
                let key = TopicPartition(topic: claim.key.topic, partition: claim.key.partition)
                if let next = claim.nextOffset { try checkWithinLog(key, next: next) }
                try recordRetentionGap(key, next: claim.nextOffset)
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
    private func checkWithinLog(_ partition: TopicPartition, next: Int64) throws {
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

    /// A stored position (or, with none, offset 0) below the log start means retention deleted messages this group
    /// never processed: consuming resumes at the log start, so record the skipped range for the worker and verify.
    private func recordRetentionGap(_ partition: TopicPartition, next: Int64?) throws {
        guard let marks = try? consumer.metadata.watermarks(topic: partition.topic, partition: partition.partition)
        else { return }
        let first = next ?? 0
        guard marks.low > first else { return }
        let gap = ConsumerGap(
            topic: partition.topic,
            partition: partition.partition,
            firstOffset: first,
            lastOffset: marks.low - 1,
            cause: ConsumerGap.retention,
            errorCode: 1,  // OFFSET_OUT_OF_RANGE: what librdkafka meets before its reset
            errorMessage: "stored position \(first) is below the log start \(marks.low): "
                + "messages deleted by retention before they were processed",
            worker: configuration.workerID
        )
        try store.recordGap(gap, group: configuration.group)
        telemetry.gap(ConsumerGap.retention, offsets: marks.low - first)
        logger.error(
            "offsets lost to retention before processing",
            metadata: ["partition": "\(partition)", "offsets": "\(gap.range)"]
        )
    }

    /// Consumer error events from the last poll: each is recorded as a gap with its code, not only logged.
    private func recordConsumerErrors() throws {
        for event in consumer.takeErrors() {
            let gap = ConsumerGap(
                topic: event.partition.topic,
                partition: event.partition.partition,
                firstOffset: event.offset >= 0 ? event.offset : nil,
                lastOffset: event.offset >= 0 ? event.offset : nil,
                cause: ConsumerGap.consumerError,
                errorCode: event.error.code,
                errorMessage: "\(event.error.codeName): \(event.error.message)",
                worker: configuration.workerID
            )
            try store.recordGap(gap, group: configuration.group)
            telemetry.gap(ConsumerGap.consumerError, offsets: 1)
            logger.warning("consumer error recorded as a gap", metadata: ["error": "\(event.error)"])
        }
    }

    func partitionsRevoked(_ partitions: [TopicPartition]) {
        for partition in partitions { held[partition] = nil }
        fencedWhileAssigned.subtract(partitions)
        telemetry.revoked(partitions)
    }

    /// A poll went by without revoking the fenced partitions, so Kafka still assigns them here (the epoch was
    /// bumped by something other than a rebalance, e.g. a replay or a restarted worker's stale claim): claim them
    /// again and seek to the stored position, instead of leaving them unprocessed.
    private func reclaimFencedPartitions() throws -> Set<TopicPartition> {
        guard !fencedWhileAssigned.isEmpty else { return [] }
        // Kafka calls that fail here (a busy broker, a rebalance in flight) are tried again after the next poll;
        // they must not end the worker.
        let assigned: Set<TopicPartition>
        do {
            assigned = try consumer.assignment()
        } catch {
            logger.warning("cannot read the assignment to re-claim; trying again", metadata: ["error": "\(error)"])
            return []
        }
        let partitions = fencedWhileAssigned.filter { assigned.contains($0) }
        fencedWhileAssigned = []
        guard !partitions.isEmpty else { return [] }
        let positions = try claim(Array(partitions))
        logger.warning("re-claimed fenced partitions still assigned here", metadata: ["partitions": "\(partitions)"])
        do {
            // Nothing stored yet means from the start, as on assignment.
            try consumer.seek(positions.mapValues { $0 ?? KafkaConsumer.beginning })
        } catch {
            // Without the seek the fetch position may be past the stored one: hold nothing until a seek succeeds,
            // so no offset is skipped.
            for partition in partitions { held[partition] = nil }
            fencedWhileAssigned.formUnion(partitions)
            logger.warning("cannot seek re-claimed partitions; trying again", metadata: ["error": "\(error)"])
        }
        return partitions
    }
}

enum WorkerError: Error, CustomStringConvertible {
    case stoppedDuringRetry
    case positionBeyondLog(partition: String, stored: Int64, logEnd: Int64)
    case deadLetterTopicUnusable(topic: String, reason: String)
    case brokersUnreachable(brokers: String, reason: String)
    case systemFailure(String)

    var description: String {
        switch self {
        case .stoppedDuringRetry:
            return "stopped while retrying a transient failure; the uncommitted batch will be redone by the next owner"
        case .positionBeyondLog(let partition, let stored, let logEnd):
            return
                "\(partition): the stored position \(stored) is past the log end \(logEnd) (was the topic recreated?); "
                + "refusing to skip messages. Move the position with `ingestctl replay` first."
        case .deadLetterTopicUnusable(let topic, let reason):
            return "the dead-letter topic \(topic) cannot be written (\(reason)); create it or grant this worker "
                + "write access, then restart. No message was skipped."
        case .brokersUnreachable(let brokers, let reason):
            return "no Kafka broker answered at \(brokers) (\(reason)); check --brokers / KAFKA_BROKERS"
        case .systemFailure(let reason):
            return "stopping: the database failed for a reason that is not the input's fault (\(reason)). Offsets "
                + "were not moved; fix the cause and restart, and the batch is redone."
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
