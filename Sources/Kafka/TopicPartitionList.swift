import CRdKafka
import KafkaModel

/// Owns an `rd_kafka_topic_partition_list_t`; the pointer is lent out only inside `withPointer`.
final class TopicPartitionList {
    private let list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(_ offsets: [TopicPartition: Int64?]) {
        list = rd_kafka_topic_partition_list_new(Int32(max(offsets.count, 1)))
        for (topicPartition, offset) in offsets.sorted(by: {
            ($0.key.topic, $0.key.partition) < ($1.key.topic, $1.key.partition)
        }) {
            let element = rd_kafka_topic_partition_list_add(list, topicPartition.topic, topicPartition.partition)
            element?.pointee.offset = offset ?? Int64(RD_KAFKA_OFFSET_INVALID)
        }
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(list)
    }

    func withPointer<R, E: Error>(
        _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) throws(E) -> R
    ) throws(E) -> R {
        try body(list)
    }

    /// Reads a list librdkafka lent us (a rebalance callback's), without taking ownership.
    static func entries(
        of list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) -> [(TopicPartition, offset: Int64, error: rd_kafka_resp_err_t)] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return (
                TopicPartition(topic: String(cString: element.topic), partition: element.partition),
                element.offset, element.err
            )
        }
    }
}
