/// A topic partition as the store names it (Kafka has its own `KafkaTopicPartition`; the store does not link
/// librdkafka, so the worker converts between them).
public struct PartitionKey: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}
