import KafkaModel

/// The position a worker moves a partition to, valid only while it still holds `epoch` and the stored position is
/// still `expected` (nil: nothing stored yet).
public struct PartitionAdvance: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var epoch: Int64
    public var expected: Int64?
    public var next: Int64

    public init(topic: String, partition: Int32, epoch: Int64, expected: Int64?, next: Int64) {
        self.topic = topic
        self.partition = partition
        self.epoch = epoch
        self.expected = expected
        self.next = next
    }
}

extension PartitionAdvance {
    public var topicPartition: TopicPartition { TopicPartition(topic: topic, partition: partition) }
}
