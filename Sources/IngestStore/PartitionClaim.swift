import KafkaModel

/// What a worker gets when it is assigned a partition: its fencing epoch and where to resume.
public struct PartitionClaim: Sendable, Hashable {
    public var key: TopicPartition
    public var epoch: Int64
    public var nextOffset: Int64?
}
