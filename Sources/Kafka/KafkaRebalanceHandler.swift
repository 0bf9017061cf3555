import KafkaModel

/// Decides where each newly assigned partition starts. Called on the polling thread, inside ``KafkaConsumer/poll``,
/// before librdkafka fetches anything for the partitions, so the offsets can come from the results database.
public protocol KafkaRebalanceHandler: AnyObject {
    /// Returns the next offset to consume for each partition; nil (or a missing entry) means "from the beginning".
    func partitionsAssigned(_ partitions: [TopicPartition]) throws -> [TopicPartition: Int64?]
    /// Called before the partitions are taken away; nothing for them is polled afterwards.
    func partitionsRevoked(_ partitions: [TopicPartition])
}
