import CRdKafka
import KafkaModel
import Logging

/// Reads messages at given offsets, outside any consumer group's assignment (for `ingestctl dlq retry`).
/// Owned by one thread, like ``KafkaConsumer``.
public final class KafkaPartitionReader {
    private let handle: OpaquePointer
    private let queue: OpaquePointer
    private let context: ClientContext

    public init(brokers: String, passThrough: [String], logger: Logger) throws(KafkaError) {
        var configuration = KafkaConfiguration(
            brokers: brokers,
            properties: [
                // Never joins or commits: the id only satisfies librdkafka's consumer set-up.
                "group.id": "newsingest-partition-reader", "enable.auto.commit": "false",
                "enable.auto.offset.store": "false", "enable.partition.eof": "true",
            ]
        )
        try configuration.apply(passThrough: passThrough)
        let conf = try configuration.makeNativeConfiguration()
        let context = ClientContext(logger: logger)
        // Unretained inside: `context` is a stored property, released after rd_kafka_destroy in deinit.
        let (handle, queue) = try ClientContext.makeConsumer(conf: conf, context: context, role: "reader")
        self.handle = handle
        self.queue = queue
        self.context = context
    }

    deinit {
        rd_kafka_assign(handle, nil)
        rd_kafka_queue_destroy(queue)
        rd_kafka_destroy(handle)
    }

    /// The message at `offset`, or nil if the partition has none there (deleted by retention, or past the end).
    public func message(
        topic: String,
        partition: Int32,
        offset: Int64,
        timeout: Duration = .seconds(15)
    ) throws(KafkaError)
        -> KafkaMessage?
    {
        let list = TopicPartitionList([TopicPartition(topic: topic, partition: partition): offset])
        let error = list.withPointer { rd_kafka_assign(handle, $0) }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code: error) }
        defer { rd_kafka_assign(handle, nil) }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let raw = rd_kafka_consume_queue(queue, 200) else { continue }
            defer { rd_kafka_message_destroy(raw) }
            let code = raw.pointee.err
            if code == RD_KAFKA_RESP_ERR__PARTITION_EOF { return nil }
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                if code == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE { return nil }
                continue
            }
            if raw.pointee.offset == offset { return KafkaMessage(copying: raw) }
            if raw.pointee.offset > offset { return nil }
        }
        throw KafkaError(code: RD_KAFKA_RESP_ERR__TIMED_OUT, message: "no message from \(topic)[\(partition)] in time")
    }
}
