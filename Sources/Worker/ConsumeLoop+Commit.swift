import IngestCore
import IngestStore
import Kafka
import KafkaModel
import Postgres

// The commit path: one explicit sequence, one retry policy, no re-entry.
extension ConsumeLoop {
    /// A message with its pipeline result, as the commit sequence handles it.
    private typealias Entry = (message: KafkaMessage, outcome: Result<ProcessedArticle, IngestError>)

    /// Writes `batch`'s results with its partitions' next offsets, all or nothing per write:
    /// 0. wait while the linker is more than one pass behind (`Linker.awaitLinking`), so linking keeps up;
    /// 1. drop messages of partitions no longer held under the epoch they were polled with (revoked, fenced or
    ///    claimed again since): they are discarded unwritten, and their offsets stay;
    /// 2. dead-letter the failures (the dead-letter topic acknowledges each one before its offset can move; a
    ///    message is sent at most once per call);
    /// 3. write results and positions in one transaction, retrying transient failures under `RetryPolicy.untilDone`;
    /// 4. if the write was fenced, drop those partitions and go back to 1 with the rest; if the database refused a
    ///    value, go back to 1 one message at a time, and a single refused article becomes a dead letter, so bad
    ///    input never stops the partition; any other failure stops the worker, offsets unmoved;
    /// 5. once written, move the held positions and mirror them to Kafka for lag tools;
    /// 6. wake the linker for what it stored.
    func commit(_ batch: ProcessedBatch) throws {
        try linker.awaitLinking()
        var queue: [[Entry]] = [Array(zip(batch.messages, batch.outcomes))]
        var deadLettered: [MessageOrigin: ErrorResult] = [:]
        var moved: [TopicPartition: Int64] = [:]
        while !queue.isEmpty {
            let entries = queue.removeFirst().filter {
                held.holds($0.message.topicPartition, epoch: batch.epochs[$0.message.topicPartition])
            }
            guard !entries.isEmpty else { continue }
            let write = try batchWrite(entries, deadLettered: &deadLettered)
            let started = ContinuousClock.now
            let outcome: BatchOutcome
            do {
                outcome = try retrying(.untilDone, "database write", metric: "commit") { try store.commit(write) }
            } catch let error as PostgresError where error.isDataError {
                if entries.count > 1 {
                    logger.warning(
                        "batch rejected by the database; writing one message at a time",
                        metadata: ["error": "\(error)"]
                    )
                    queue.insert(contentsOf: entries.map { [$0] }, at: 0)
                } else if case .success = entries[0].outcome {
                    queue.insert(
                        [(entries[0].message, .failure(.processing(stage: "storage", reason: error.description)))],
                        at: 0
                    )
                } else {
                    throw WorkerError.systemFailure("\(error)")  // even the error record cannot be written
                }
                continue
            } catch let error as PostgresError {
                // Schema, permissions, a broken server: not the messages' fault. Stop, leaving the offsets where they
                // are; the batch is redone once an operator has fixed the cause.
                throw WorkerError.systemFailure("\(error)")
            }
            switch outcome {
            case .committed, .alreadyCommitted:
                let newArticles: Int
                if case .committed(let count, _, _) = outcome { newArticles = count } else { newArticles = 0 }
                for advance in write.advances {
                    held.moved(advance.topicPartition, to: advance.next)
                    moved[advance.topicPartition] = advance.next
                }
                telemetry.committed(
                    newArticles: newArticles,
                    sightings: write.articles.count,
                    deadLetterClasses: write.errors.map(\.errorClass),
                    transaction: ContinuousClock.now - started
                )
                stats.batches += 1
                stats.messages += entries.count
                stats.articles += newArticles
                stats.deadLetters += write.errors.count
            case .fenced(let partitions):
                // Another claim bumped the epoch. The rest is written without them; if Kafka still assigns them here
                // after the next poll (no revoke came), they are claimed again from the stored position.
                stats.fencedBatches += 1
                telemetry.fenced()
                logger.warning("fenced: partitions moved to another worker", metadata: ["partitions": "\(partitions)"])
                held.fenced(partitions)
                queue.insert(entries, at: 0)
            }
        }
        // PostgreSQL stays authoritative; a lost Kafka commit only makes the reported lag briefly stale.
        do {
            try consumer.commit(moved)
        } catch {
            logger.debug("Kafka offset commit failed", metadata: ["error": "\(error)"])
        }
        linker.committed(polledAt: batch.polledAt)
    }

    /// The write for `entries`: articles, dead letters (sent now unless sent before) and each partition's advance
    /// from its held position to past its last message.
    private func batchWrite(
        _ entries: [Entry],
        deadLettered: inout [MessageOrigin: ErrorResult]
    ) throws -> BatchWrite {
        var articles: [ArticleResult] = []
        var failed: [(KafkaMessage, IngestError)] = []
        var errors: [ErrorResult] = []
        var lastOffsets: [TopicPartition: Int64] = [:]
        for (message, outcome) in entries {
            let origin = MessageOrigin(topic: message.topic, partition: message.partition, offset: message.offset)
            lastOffsets[message.topicPartition] = max(lastOffsets[message.topicPartition] ?? -1, message.offset)
            switch outcome {
            case .success(let article): articles.append(ArticleResult(origin: origin, article: article))
            case .failure(let error):
                if let sent = deadLettered[origin] { errors.append(sent) } else { failed.append((message, error)) }
            }
        }
        for sent in try deadLetters.send(
            failed,
            stop: stop,
            onRetry: {
                stats.transientRetries += 1
                telemetry.retried("dead-letter")
            }
        ) {
            deadLettered[sent.origin] = sent
            errors.append(sent)
        }
        let advances = lastOffsets.compactMap { partition, last -> PartitionAdvance? in
            guard let position = held[partition] else { return nil }
            return PartitionAdvance(
                topic: partition.topic,
                partition: partition.partition,
                epoch: position.epoch,
                expected: position.next,
                next: last + 1
            )
        }
        return BatchWrite(
            group: configuration.group,
            worker: configuration.workerID,
            pipelineVersion: configuration.pipeline.version,
            advances: advances,
            articles: articles,
            errors: errors
        )
    }
}
