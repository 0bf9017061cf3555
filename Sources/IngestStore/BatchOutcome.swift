import KafkaModel

/// What committing a batch did.
public enum BatchOutcome: Sendable, Equatable {
    case committed(newArticles: Int, sightings: Int, errors: Int)
    /// Another worker holds these partitions now; nothing was written.
    case fenced(Set<TopicPartition>)
    /// This very batch was committed before (its COMMIT reply was lost); nothing was written again.
    case alreadyCommitted
}
