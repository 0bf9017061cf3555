import KafkaModel

/// Where a Kafka message came from: its topic partition and offset.
public struct MessageOrigin: Sendable, Hashable {
    public var topicPartition: TopicPartition
    public var offset: Int64

    public var topic: String { topicPartition.topic }
    public var partition: Int32 { topicPartition.partition }

    public init(topic: String, partition: Int32, offset: Int64) {
        topicPartition = TopicPartition(topic: topic, partition: partition)
        self.offset = offset
    }
}
