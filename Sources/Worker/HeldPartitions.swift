import Kafka
import KafkaModel

/// The partitions a worker holds, each with its fencing epoch and the next offset it expects. Belongs to the consume
/// loop's thread.
struct HeldPartitions {
    struct Position {
        var epoch: Int64
        /// nil: nothing stored yet (the partition is read from its start).
        var next: Int64?
    }

    private(set) var positions: [TopicPartition: Position] = [:]
    /// Partitions whose write was fenced while Kafka may still assign them here: re-claimed after the next poll
    /// unless that poll revoked them, so a partition is never left assigned but unprocessed.
    var fencedWhileAssigned: Set<TopicPartition> = []

    subscript(partition: TopicPartition) -> Position? { positions[partition] }

    /// Skips messages of partitions not held and offsets already committed (a re-delivery after a seek).
    func isExpected(_ message: KafkaMessage) -> Bool {
        guard let position = positions[message.topicPartition] else { return false }
        return position.next.map { message.offset >= $0 } ?? true
    }

    /// True while `partition` is still held under `epoch`: not revoked, fenced or claimed again since.
    func holds(_ partition: TopicPartition, epoch: Int64?) -> Bool {
        epoch != nil && positions[partition]?.epoch == epoch
    }

    /// The epoch each partition of `messages` is held under now.
    func epochs(of messages: [KafkaMessage]) -> [TopicPartition: Int64] {
        var epochs: [TopicPartition: Int64] = [:]
        for message in messages { epochs[message.topicPartition] = positions[message.topicPartition]?.epoch }
        return epochs
    }

    mutating func claimed(_ partition: TopicPartition, epoch: Int64, next: Int64?) {
        positions[partition] = Position(epoch: epoch, next: next)
    }

    mutating func assigned(_ partitions: [TopicPartition]) { fencedWhileAssigned.subtract(partitions) }

    mutating func revoked(_ partitions: [TopicPartition]) {
        for partition in partitions { positions[partition] = nil }
        fencedWhileAssigned.subtract(partitions)
    }

    /// Another claim bumped the epoch: stop holding them, and claim them again after the next poll if Kafka still
    /// assigns them here.
    mutating func fenced(_ partitions: some Sequence<TopicPartition>) {
        for partition in partitions {
            positions[partition] = nil
            fencedWhileAssigned.insert(partition)
        }
    }

    /// Held again only once a seek to the stored position succeeds, so no offset is skipped.
    mutating func released(_ partitions: some Sequence<TopicPartition>) {
        for partition in partitions { positions[partition] = nil }
    }

    mutating func moved(_ partition: TopicPartition, to next: Int64) { positions[partition]?.next = next }
}
