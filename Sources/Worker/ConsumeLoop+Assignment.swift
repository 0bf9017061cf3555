import Foundation
import IngestStore
import Kafka
import KafkaModel

// Assignment and rebalance handling: claims (epoch bumps) and start positions from PostgreSQL, the in-flight batch
// on revoke, re-claiming fenced partitions, and gaps (retention, consumer errors) recorded as they are seen.
extension ConsumeLoop {
    // MARK: KafkaRebalanceHandler (called on this loop's thread, inside poll, never during a commit)

    func partitionsAssigned(_ partitions: [TopicPartition]) throws -> [TopicPartition: Int64?] {
        held.assigned(partitions)
        dropCarried(partitions)
        return try claim(partitions)
    }

    /// The processed batch waiting for its commit is committed now, while its partitions are still held, so the
    /// next claim (here or by another worker) reads the position it leaves; if it cannot be (fenced, or a failure
    /// thrown after the poll), it is discarded and its offsets stay.
    func partitionsRevoked(_ partitions: [TopicPartition]) {
        if let batch = pending {
            pending = nil
            do {
                try commit(batch)
            } catch {
                callbackFailure = error
            }
        }
        held.revoked(partitions)
        dropCarried(partitions)
        telemetry.revoked(partitions)
    }

    /// Forgets carried messages of `partitions`: their next fetch starts again from the position claimed for them.
    func dropCarried(_ partitions: some Collection<TopicPartition>) {
        guard !carried.isEmpty else { return }
        let dropped = Set(partitions)
        carried.removeAll { dropped.contains($0.topicPartition) }
    }

    /// Bumps the epochs of `partitions` for this worker and returns where each resumes.
    func claim(_ partitions: [TopicPartition]) throws -> [TopicPartition: Int64?] {
        var byTopic: [String: [Int32]] = [:]
        for partition in partitions { byTopic[partition.topic, default: []].append(partition.partition) }
        var offsets: [TopicPartition: Int64?] = [:]
        for (topic, numbers) in byTopic {
            let claims = try retrying(.untilDone, "reading start offsets", metric: "claim") {
                try store.claim(
                    group: configuration.group,
                    topic: topic,
                    partitions: numbers,
                    owner: configuration.workerID
                )
            }
            for claim in claims {
                if let next = claim.nextOffset { try checkWithinLog(claim.key, next: next) }
                try recordRetentionGap(claim.key, next: claim.nextOffset)
                held.claimed(claim.key, epoch: claim.epoch, next: claim.nextOffset)
                offsets[claim.key] = claim.nextOffset
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
    func recordConsumerErrors() throws {
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

    /// A poll went by without revoking the fenced partitions, so Kafka still assigns them here (the epoch was
    /// bumped by something other than a rebalance, e.g. a replay or a restarted worker's stale claim): claim them
    /// again and seek to the stored position, instead of leaving them unprocessed.
    func reclaimFencedPartitions() throws -> Set<TopicPartition> {
        guard !held.fencedWhileAssigned.isEmpty else { return [] }
        // Kafka calls that fail here (a busy broker, a rebalance in flight) are tried again after the next poll;
        // they must not end the worker.
        let assigned: Set<TopicPartition>
        do {
            assigned = try consumer.assignment()
        } catch {
            logger.warning("cannot read the assignment to re-claim; trying again", metadata: ["error": "\(error)"])
            return []
        }
        let partitions = held.fencedWhileAssigned.filter { assigned.contains($0) }
        held.fencedWhileAssigned = []
        guard !partitions.isEmpty else { return [] }
        dropCarried(partitions)
        let positions = try claim(Array(partitions))
        logger.warning("re-claimed fenced partitions still assigned here", metadata: ["partitions": "\(partitions)"])
        do {
            // Nothing stored yet means from the start, as on assignment.
            try consumer.seek(positions.mapValues { $0 ?? KafkaConsumer.beginning })
        } catch {
            // Without the seek the fetch position may be past the stored one: hold nothing until a seek succeeds,
            // so no offset is skipped.
            held.released(partitions)
            held.fencedWhileAssigned.formUnion(partitions)
            logger.warning("cannot seek re-claimed partitions; trying again", metadata: ["error": "\(error)"])
        }
        return partitions
    }
}
