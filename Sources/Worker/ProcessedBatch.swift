import IngestCore
import Kafka
import KafkaModel

/// One poll's messages with their pipeline results, and the epoch each partition was held under when they were
/// polled: if a partition is revoked, fenced or claimed again before the batch commits, its messages are discarded
/// unwritten and its offsets stay where they are.
struct ProcessedBatch {
    var messages: [KafkaMessage]
    var outcomes: [Result<ProcessedArticle, IngestError>]
    var epochs: [TopicPartition: Int64]
    var polledAt: ContinuousClock.Instant
}
